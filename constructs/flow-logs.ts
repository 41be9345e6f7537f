import { Construct } from "constructs";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log/index.js";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
import { MIN_LOG_RETENTION_DAYS, physicalName, SansoConstructError } from "./core.js";
import { policyDocument } from "./policy-document.js";
import { serviceRole } from "./service-role.js";
import { SansoStack } from "./stack.js";
import { DataStoreProps, dataStoreTags, findZone } from "./zone-context.js";
import type { ILogArchive, IZoneKey } from "./interfaces.js";

/** Properties of an encrypted CloudWatch log group (a data store). */
export interface SecureLogGroupProps extends DataStoreProps {
  /** Log group name. Default: derived from the construct path. */
  readonly name?: string;
  /** Retention in days; at least 365 (第47条), default 365. */
  readonly retentionDays?: number;
  /** Key. Default: the zone's key. */
  readonly key?: IZoneKey;
}

/** CloudWatch Logs retention values (days) that keep logs as long as the policy asks (第47条). */
const RETENTION_VALUES = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].filter((d) => d >= MIN_LOG_RETENTION_DAYS);

/**
 * A CloudWatch log group encrypted with the zone's customer-managed key and kept at least
 * 365 days (第47条), tagged with classification and owner.
 */
export class SecureLogGroup extends Construct {
  /** The `aws_cloudwatch_log_group`. */
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: SecureLogGroupProps) {
    super(scope, id);
    const tags = dataStoreTags(this, props);
    const retention = props.retentionDays ?? RETENTION_VALUES[0]!;
    if (!RETENTION_VALUES.includes(retention)) {
      throw new SansoConstructError(
        this,
        `retentionDays must be one of ${RETENTION_VALUES.join(", ")} (at least ${MIN_LOG_RETENTION_DAYS} days, 第47条); got ${retention}`,
      );
    }
    const key = props.key ?? findZone(this)?.key;
    if (!key) throw new SansoConstructError(this, "SecureLogGroup needs a key (or must be created in a zone)");
    this.logGroup = new CloudwatchLogGroup(this, "LogGroup", {
      name: props.name ?? `/sanso/${physicalName(this, 200)}`,
      retentionInDays: retention,
      kmsKeyId: key.arn,
      skipDestroy: true,
      tags,
    });
  }

  /** ARN of the log group. */
  get arn(): string {
    return this.logGroup.arn;
  }
}

/** Properties of {@link FlowLogs}. */
export interface FlowLogsProps {
  /** Id of the VPC to record. */
  readonly vpcId: string;
  /**
   * Where flow logs go: the zone's {@link LogArchive} (Parquet, hourly partitions, Object Lock),
   * or a new encrypted log group kept at least 365 days.
   */
  readonly destination: { readonly logArchive: ILogArchive } | { readonly logGroup: SecureLogGroupProps };
}

/**
 * VPC Flow Logs of all traffic (accepted and rejected) for one VPC (第31条第1項, 第47条第1項).
 */
export class FlowLogs extends Construct {
  /** The `aws_flow_log`. */
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    if ("logArchive" in props.destination) {
      this.flowLog = new FlowLog(this, "FlowLog", {
        vpcId: props.vpcId,
        trafficType: "ALL",
        logDestinationType: "s3",
        logDestination: `${props.destination.logArchive.bucket.arn}/`,
        maxAggregationInterval: 60,
        destinationOptions: { fileFormat: "parquet", perHourPartition: true, hiveCompatiblePartitions: true },
      });
      return;
    }
    const stack = SansoStack.of(this);
    const group = new SecureLogGroup(this, "Logs", props.destination.logGroup);
    const role = serviceRole(this, "DeliveryRole", "vpc-flow-logs.amazonaws.com", "VPC Flow Logs delivery to CloudWatch Logs", stack.accountId);
    new IamRolePolicy(this, "DeliveryPolicy", {
      role: role.id,
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [group.arn, `${group.arn}:*`],
        },
      ]),
    });
    this.flowLog = new FlowLog(this, "FlowLog", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
