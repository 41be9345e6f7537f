import { Construct } from "constructs";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault/index.js";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration/index.js";
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan/index.js";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection/index.js";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
import { assertClassification, Classification, physicalName, SansoConstructError, TAG } from "./core.js";
import { serviceRole } from "./service-role.js";
import { SansoStack } from "./stack.js";
import { DataStoreProps, dataStoreTags, requireZone } from "./zone-context.js";
import type { IZoneKey } from "./interfaces.js";

/** Properties of a {@link BackupPolicy}. */
export interface BackupPolicyProps extends DataStoreProps {
  /** Classes whose data stores of this zone are backed up; default I and II (第43条). */
  readonly classes?: Classification[];
  /** Schedule (cron in UTC); default `cron(0 17 * * ? *)`, 02:00 JST daily. */
  readonly schedule?: string;
  /** Days a recovery point is kept; 7-3650, default 35. */
  readonly retentionDays?: number;
  /** Key of the vault. Default: the zone's key. */
  readonly key?: IZoneKey;
}

/**
 * AWS Backup for a zone (第43条第1項・第2項, 第90条第6項): a vault encrypted with the zone's
 * customer-managed key and protected by a vault lock (minimum retention 7 days), a daily plan,
 * and one selection per class that picks every resource tagged with this zone and that
 * class (`aws:ResourceTag/sanso:zone` AND `aws:ResourceTag/sanso:classification`).
 */
export class BackupPolicy extends Construct {
  /** The `aws_backup_vault`. */
  readonly vault: BackupVault;
  /** The `aws_backup_plan`. */
  readonly plan: BackupPlan;
  /** One `aws_backup_selection` per class. */
  readonly selections: BackupSelection[];

  constructor(scope: Construct, id: string, props: BackupPolicyProps) {
    super(scope, id);
    const zone = requireZone(this, "BackupPolicy");
    const stack = SansoStack.of(this);
    const tags = dataStoreTags(this, props);
    const key = props.key ?? zone.key;
    const classes = props.classes ?? ["I", "II"];
    if (classes.length === 0) throw new SansoConstructError(this, "classes must not be empty");
    classes.forEach((c) => assertClassification(this, c));
    const retention = props.retentionDays ?? 35;
    if (!Number.isInteger(retention) || retention < 7 || retention > 3650) {
      throw new SansoConstructError(this, `retentionDays must be 7-3650, got ${retention}`);
    }

    this.vault = new BackupVault(this, "Vault", {
      name: physicalName(this, 50),
      kmsKeyArn: key.arn,
      forceDestroy: false,
      tags,
    });
    new BackupVaultLockConfiguration(this, "VaultLock", {
      backupVaultName: this.vault.name,
      minRetentionDays: 7,
      maxRetentionDays: Math.max(retention, 3650),
    });
    this.plan = new BackupPlan(this, "Plan", {
      name: physicalName(this, 50),
      rule: [
        {
          ruleName: "daily",
          targetVaultName: this.vault.name,
          schedule: props.schedule ?? "cron(0 17 * * ? *)",
          startWindow: 60,
          completionWindow: 360,
          lifecycle: { deleteAfter: retention },
          recoveryPointTags: { [TAG.zone]: zone.zoneName },
        },
      ],
    });
    const role = serviceRole(this, "Role", "backup.amazonaws.com", "AWS Backup service role", stack.accountId);
    [
      "service-role/AWSBackupServiceRolePolicyForBackup",
      "service-role/AWSBackupServiceRolePolicyForRestores",
      "AWSBackupServiceRolePolicyForS3Backup",
      "AWSBackupServiceRolePolicyForS3Restore",
    ].forEach((p, i) => {
      new IamRolePolicyAttachment(this, `RolePolicy${i}`, {
        role: role.name,
        policyArn: `arn:aws:iam::aws:policy/${p}`,
      });
    });
    this.selections = classes.map(
      (c) =>
        new BackupSelection(this, `Selection-${c}`, {
          name: `${physicalName(this, 40)}-class-${c}`,
          planId: this.plan.id,
          iamRoleArn: role.arn,
          resources: ["*"],
          condition: [
            {
              stringEquals: [
                { key: `aws:ResourceTag/${TAG.zone}`, value: zone.zoneName },
                { key: `aws:ResourceTag/${TAG.classification}`, value: c },
              ],
            },
          ],
        }),
    );
  }
}
