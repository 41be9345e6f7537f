import { Construct } from "constructs";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key/index.js";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias/index.js";
import { MIN_KMS_DELETION_WINDOW_DAYS, physicalName, SansoConstructError, type ZoneName } from "./core.js";
import type { IZoneKey } from "./interfaces.js";
import { assertLeastPrivilege, policyDocument, PolicyStatement } from "./policy-document.js";
import { SansoStack } from "./stack.js";
import { findZone } from "./zone-context.js";

/** Properties of a {@link ZoneKey}. */
export interface ZoneKeyProps {
  /** Description of the key. */
  readonly description?: string;
  /**
   * Principals that administer the key (create aliases, change the policy, schedule deletion) but
   * cannot use it for encryption. Default: the account root, which delegates to IAM. KMS requires
   * the principal that applies Terraform to be able to change the policy later (lockout check).
   */
  readonly administratorArns?: string[];
  /**
   * Principals that use the key directly (Encrypt/Decrypt/GenerateDataKey). Default: the
   * account's principals, and only through the AWS services the zone uses (`kms:ViaService`).
   */
  readonly userArns?: string[];
  /** Automatic rotation period, 90-365 days (default 365). Rotation is always on. */
  readonly rotationPeriodInDays?: number;
}

/** Services whose use of the key on behalf of account principals is allowed by default. */
const VIA_SERVICES = ["s3", "rds", "backup", "secretsmanager", "ec2", "logs", "appstream", "sns", "sqs"];

/**
 * Customer-managed KMS key of a zone (第29条第6項).
 *
 * Guarantees: symmetric AES-256 (`SYMMETRIC_DEFAULT`, `ENCRYPT_DECRYPT`), automatic rotation on,
 * 30-day deletion window (the maximum KMS allows), single-region, and a key policy in which
 * administrators and users are separate statements: administrators get no cryptographic
 * actions, users get no administrative ones, and no statement grants `kms:*`.
 * AWS log-delivery services (CloudTrail, VPC Flow Logs, S3 server access logging, CloudWatch
 * Logs, AWS Config) may use it only for their own account.
 */
export class ZoneKey extends Construct implements IZoneKey {
  /** The `aws_kms_key`. */
  readonly key: KmsKey;
  /** `alias/sanso/...`. */
  readonly alias: KmsAlias;
  /** The zone the key was created in, or undefined for a key outside any zone. */
  readonly zoneName: ZoneName | undefined;

  constructor(scope: Construct, id: string, props: ZoneKeyProps = {}) {
    super(scope, id);
    const stack = SansoStack.of(this);
    const account = stack.accountId;
    const region = stack.region;
    const rotation = props.rotationPeriodInDays ?? 365;
    if (!Number.isInteger(rotation) || rotation < 90 || rotation > 365) {
      throw new SansoConstructError(this, `rotationPeriodInDays must be 90-365, got ${rotation}`);
    }
    const admins = props.administratorArns?.length ? props.administratorArns : [stack.accountRootArn];
    const statements: PolicyStatement[] = [
      {
        Sid: "KeyAdministrators",
        Effect: "Allow",
        Principal: { AWS: admins },
        Action: [
          "kms:CreateAlias",
          "kms:DeleteAlias",
          "kms:DescribeKey",
          "kms:EnableKey",
          "kms:EnableKeyRotation",
          "kms:DisableKey",
          "kms:DisableKeyRotation",
          "kms:GetKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:ListAliases",
          "kms:ListGrants",
          "kms:ListKeyPolicies",
          "kms:ListResourceTags",
          "kms:PutKeyPolicy",
          "kms:RevokeGrant",
          "kms:RotateKeyOnDemand",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateAlias",
          "kms:UpdateKeyDescription",
        ],
        Resource: "*",
      },
    ];
    const useActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
    if (props.userArns?.length) {
      statements.push({
        Sid: "KeyUsers",
        Effect: "Allow",
        Principal: { AWS: props.userArns },
        Action: useActions,
        Resource: "*",
      });
    }
    statements.push(
      {
        Sid: "KeyUseThroughZoneServices",
        Effect: "Allow",
        Principal: { AWS: stack.accountRootArn },
        Action: [...useActions, "kms:CreateGrant", "kms:ListGrants"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": account },
          StringLike: { "kms:ViaService": VIA_SERVICES.map((s) => `${s}.${region}.amazonaws.com`) },
        },
      },
      {
        Sid: "CloudTrailEncryptsLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": account },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${account}:trail/*` },
        },
      },
      {
        Sid: "LogDeliveryEncryptsLogs",
        Effect: "Allow",
        Principal: { Service: ["delivery.logs.amazonaws.com", "logging.s3.amazonaws.com", "config.amazonaws.com"] },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
      {
        Sid: "CloudWatchLogsEncryptsLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:*` },
        },
      },
    );
    assertLeastPrivilege(this, statements, "key policy");
    const zone = findZone(this);
    this.zoneName = zone?.zoneName;
    this.key = new KmsKey(this, "Key", {
      description:
        props.description ?? `sanso ${zone ? `${zone.zoneName} zone` : stack.node.id} customer-managed key (第29条第6項)`,
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableKeyRotation: true,
      rotationPeriodInDays: rotation,
      deletionWindowInDays: MIN_KMS_DELETION_WINDOW_DAYS,
      multiRegion: false,
      isEnabled: true,
      bypassPolicyLockoutSafetyCheck: false,
      policy: policyDocument(statements),
    });
    this.alias = new KmsAlias(this, "Alias", {
      name: `alias/sanso/${physicalName(this, 200, "-")}`,
      targetKeyId: this.key.keyId,
    });
  }

  /** ARN of the key. */
  get arn(): string {
    return this.key.arn;
  }

  /** Key id. */
  get keyId(): string {
    return this.key.keyId;
  }

  /** An identity-policy statement allowing `actions` on this key (see {@link IZoneKey.grant}). */
  grant(...actions: string[]): PolicyStatement {
    return { Effect: "Allow", Action: actions.length === 1 ? actions[0] : actions, Resource: this.arn };
  }
}
