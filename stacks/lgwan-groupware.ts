import { Construct } from "constructs";
import {
  AccountBaseline,
  AuditTrail,
  BackupPolicy,
  LgwanZone,
  OperatorRole,
  SansoStack,
  SecureBucket,
  ZoneDatabase,
} from "../constructs/index.js";
import { IDENTITY_ACCOUNT_ROOT, PREMISES, twoLocations } from "./common.js";

const OWNER = "総務課";

/**
 * `lgwan-groupware`: the LGWAN-linked groupware (class II) placed in the cloud (第30条第3項),
 * in an account the municipality runs itself (standalone: the stack enables GuardDuty,
 * Security Hub and Config).
 */
export function buildLgwanGroupware(scope: Construct, id = "lgwan-groupware"): SansoStack {
  const stack = new SansoStack(scope, id, {
    platform: "standalone",
    environment: "production",
    region: "ap-northeast-1",
    description: "LGWAN接続系 groupware (class II) in a standalone account",
  });
  const zone = new LgwanZone(stack, "Lgwan", {
    owner: "情報政策課",
    cidrBlock: "10.20.0.0/16",
    dedicatedLine: {
      amazonSideAsn: 64520,
      premisesPrefixes: [...PREMISES.lgwan],
      connections: twoLocations(120),
    },
  });
  new OperatorRole(zone, "Administrator", {
    description: "groupware administrators (MFA, 1 hour)",
    trustedPrincipalArns: [IDENTITY_ACCOUNT_ROOT],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    administrative: true,
  });
  const files = new SecureBucket(zone, "SharedFiles", {
    classification: "II",
    owner: OWNER,
    glacierAfterDays: 180,
    noncurrentExpireAfterDays: 365,
  });
  new ZoneDatabase(zone, "GroupwareDatabase", {
    classification: "II",
    owner: OWNER,
    engine: "mysql",
    engineVersion: "8.0.39",
    masterUsername: "gw_owner",
    databaseName: "groupware",
    clientCidrs: [...PREMISES.lgwan],
  });
  new BackupPolicy(zone, "Backup", { classification: "II", owner: OWNER, classes: ["II"] });
  new AuditTrail(stack, "AuditTrail", { logArchive: zone.logArchive, dataEventBuckets: [files] });
  new AccountBaseline(stack, "AccountBaseline", { logArchive: zone.logArchive });
  return stack;
}
