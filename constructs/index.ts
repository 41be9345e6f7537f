/**
 * sanso constructs: compliant-by-default CDK for Terraform building blocks for the three zones of
 * the municipal three-layer model (マイナンバー利用事務系 / LGWAN接続系 / インターネット接続系).
 *
 * Every construct imports provider resources one by one
 * (`@cdktf/provider-aws/lib/<resource>/index.js`), never the package root.
 *
 * @packageDocumentation
 */
export {
  TAG,
  ALLOWED_REGIONS,
  ALLOWED_SSL_POLICIES,
  DEFAULT_MASTER_USERNAMES,
  MIN_LOG_RETENTION_DAYS,
  MAX_PRIVILEGED_SESSION_SECONDS,
  MIN_KMS_DELETION_WINDOW_DAYS,
  SansoConstructError,
  ForceTags,
  physicalName,
  subCidr,
} from "./core.js";
export type { AllowedRegion, Classification, Environment, ExceptionId, Platform, ZoneName } from "./core.js";
export { SansoStack } from "./stack.js";
export type { SansoStackProps } from "./stack.js";
export { findZone } from "./zone-context.js";
export type { DataStoreProps } from "./zone-context.js";
export type { IZone, IZoneKey, ILogArchive, ISecureBucket } from "./interfaces.js";
export type { PolicyStatement, PolicyPrincipal } from "./policy-document.js";

export { MyNumberZone, LgwanZone, InternetZone, ZoneBase, IsolatedZone } from "./zones.js";
export type { ZoneProps, IsolatedZoneProps, MyNumberZoneProps, LgwanZoneProps, InternetZoneProps } from "./zones.js";

export { ZoneKey } from "./zone-key.js";
export type { ZoneKeyProps } from "./zone-key.js";
export { SecureBucket } from "./secure-bucket.js";
export type { SecureBucketProps, ObjectLockOptions } from "./secure-bucket.js";
export { LogArchive } from "./log-archive.js";
export type { LogArchiveProps } from "./log-archive.js";
export { AuditTrail } from "./audit-trail.js";
export type { AuditTrailProps } from "./audit-trail.js";
export { FlowLogs, SecureLogGroup } from "./flow-logs.js";
export type { FlowLogsProps, SecureLogGroupProps } from "./flow-logs.js";
export { DedicatedLine } from "./dedicated-line.js";
export type { DedicatedLineProps, DedicatedLineOptions, DirectConnectAttachment } from "./dedicated-line.js";
export { ZoneDatabase } from "./zone-database.js";
export type { ZoneDatabaseProps, DatabaseEngine } from "./zone-database.js";
export { BackupPolicy } from "./backup-policy.js";
export type { BackupPolicyProps } from "./backup-policy.js";
export { PublicEdge } from "./public-edge.js";
export type { PublicEdgeProps } from "./public-edge.js";
export { SecureDesktop } from "./secure-desktop.js";
export type { SecureDesktopProps } from "./secure-desktop.js";
export { AccountBaseline } from "./account-baseline.js";
export type { AccountBaselineProps } from "./account-baseline.js";
export { OperatorRole } from "./operator-role.js";
export type { OperatorRoleProps } from "./operator-role.js";
export { RestrictedSecurityGroup } from "./security-group.js";
export type { RestrictedSecurityGroupProps, SecurityGroupRule } from "./security-group.js";
export { ZoneTransfer } from "./zone-transfer.js";
export type { ZoneTransferProps } from "./zone-transfer.js";

export { SansoChecks, SansoChecksFailure, SYNTH_CHECKS_ENV, SYNTH_STATUS_ENV } from "./sanso-checks.js";
export type { SansoChecksProps, SansoExceptionProps } from "./sanso-checks.js";

// Loading the constructs makes cdktf record where each resource was created (the user's file and
// line, in its `//` metadata) unless SANSO_SOURCE_LOCATIONS=off or `new App({ stackTraces: false })`.
import { recordSourceLocations } from "./source-location.js";
export { SOURCE_LOCATIONS_ENV } from "./source-location.js";
recordSourceLocations();
