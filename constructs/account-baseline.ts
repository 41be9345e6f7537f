import { Construct } from "constructs";
import { Annotations } from "cdktf";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector/index.js";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature/index.js";
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account/index.js";
import { SecurityhubStandardsSubscription } from "@cdktf/provider-aws/lib/securityhub-standards-subscription/index.js";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder/index.js";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel/index.js";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status/index.js";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
import { physicalName } from "./core.js";
import type { ILogArchive } from "./interfaces.js";
import { policyDocument } from "./policy-document.js";
import { serviceRole } from "./service-role.js";
import { SansoStack } from "./stack.js";

/** Properties of an {@link AccountBaseline}. */
export interface AccountBaselineProps {
  /** Log archive receiving AWS Config snapshots and history. */
  readonly logArchive: ILogArchive;
}

/**
 * Account-level detection and recording (第31条第1項, 第90条第1項, 第91条第3項): GuardDuty
 * (with S3, RDS login and EBS malware protection features), Security Hub with the AWS
 * Foundational Security Best Practices standard, and an AWS Config recorder of all resource
 * types with a delivery channel into the log archive.
 *
 * Created in `standalone` accounts only. In a `gcas` (Government Cloud) account the Digital Agency
 * owns these services, so the construct creates nothing and records an info annotation: the
 * same stack code works on both platforms.
 */
export class AccountBaseline extends Construct {
  /** Whether the services were created (false on gcas). */
  readonly created: boolean;
  /** The GuardDuty detector (standalone only). */
  readonly detector?: GuarddutyDetector;
  /** The Config recorder (standalone only). */
  readonly recorder?: ConfigConfigurationRecorder;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const stack = SansoStack.of(this);
    if (stack.platform === "gcas") {
      this.created = false;
      Annotations.of(this).addInfo(
        "gcas: GuardDuty, Security Hub and AWS Config are provided by the Government Cloud platform (Digital Agency); nothing created",
      );
      return;
    }
    this.created = true;
    const account = stack.accountId;
    const region = stack.region;

    this.detector = new GuarddutyDetector(this, "GuardDuty", {
      enable: true,
      findingPublishingFrequency: "FIFTEEN_MINUTES",
    });
    for (const name of ["S3_DATA_EVENTS", "RDS_LOGIN_EVENTS", "EBS_MALWARE_PROTECTION"]) {
      new GuarddutyDetectorFeature(this, `GuardDuty-${name}`, {
        detectorId: this.detector.id,
        name,
        status: "ENABLED",
      });
    }

    const hub = new SecurityhubAccount(this, "SecurityHub", {
      enableDefaultStandards: false,
      autoEnableControls: true,
      controlFindingGenerator: "SECURITY_CONTROL",
    });
    new SecurityhubStandardsSubscription(this, "Fsbp", {
      standardsArn: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
      dependsOn: [hub],
    });

    const role = serviceRole(this, "ConfigRole", "config.amazonaws.com", "AWS Config recorder", account);
    new IamRolePolicyAttachment(this, "ConfigRolePolicy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
    });
    const bucket = props.logArchive.bucket;
    new IamRolePolicy(this, "ConfigDeliveryPolicy", {
      role: role.id,
      policy: policyDocument([
        { Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucket.arn },
        { Effect: "Allow", Action: "s3:PutObject", Resource: `${bucket.arn}/AWSLogs/${account}/*` },
        props.logArchive.key.grant("kms:GenerateDataKey", "kms:Decrypt"),
      ]),
    });
    this.recorder = new ConfigConfigurationRecorder(this, "ConfigRecorder", {
      name: "default",
      roleArn: role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new ConfigDeliveryChannel(this, "ConfigDeliveryChannel", {
      name: "default",
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: props.logArchive.key.arn,
      snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      dependsOn: [this.recorder, bucket.policy],
    });
    new ConfigConfigurationRecorderStatus(this, "ConfigRecorderStatus", {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [channel],
    });
  }
}
