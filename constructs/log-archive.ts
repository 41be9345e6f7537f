import { Construct } from "constructs";
import type { PolicyStatement } from "./policy-document.js";
import { MIN_LOG_RETENTION_DAYS, SansoConstructError, TAG } from "./core.js";
import { internalBucket, SecureBucket } from "./secure-bucket.js";
import { SansoStack } from "./stack.js";
import type { ILogArchive, IZoneKey } from "./interfaces.js";
import { DataStoreProps, requireZone } from "./zone-context.js";

/** Properties of a {@link LogArchive}. */
export interface LogArchiveProps extends DataStoreProps {
  /** Key for SSE-KMS. Default: the zone's key. */
  readonly key?: IZoneKey;
  /** Object Lock default retention in days (第47条). At least 365; default 365. */
  readonly retentionDays?: number;
  /** Object Lock mode; default `GOVERNANCE`. Use `COMPLIANCE` when nobody may shorten retention. */
  readonly retentionMode?: "GOVERNANCE" | "COMPLIANCE";
  /** Move logs to Glacier Flexible Retrieval after this many days; default 90. */
  readonly glacierAfterDays?: number;
  /** Delete logs after this many days (保存年限). Default: never. Must be >= retentionDays. */
  readonly expireAfterDays?: number;
}

/**
 * The log archive of a zone (第45条第2項, 第47条).
 *
 * Two buckets, both SecureBuckets (SSE-KMS with the zone key, public access block, versioning,
 * TLS-only policy):
 * - `bucket` receives CloudTrail, VPC Flow Logs and AWS Config deliveries. It has Object Lock
 *   (default retention ≥ 365 days), lifecycle to Glacier, and writes its own server access logs
 *   to `accessLogBucket`;
 * - `accessLogBucket` receives the S3 server access logs of every bucket of the zone. S3 cannot
 *   deliver server access logs into a bucket with an Object Lock default retention, so this
 *   bucket is protected instead by a policy that denies object deletion to every principal
 *   (tag `sanso:log-protection = deny-delete-policy`) and by versioning; it is the terminal sink
 *   and does not log itself.
 */
export class LogArchive extends Construct implements ILogArchive {
  /** Object Lock bucket for CloudTrail, flow logs and Config. */
  readonly bucket: SecureBucket;
  /** Bucket receiving S3 server access logs. */
  readonly accessLogBucket: SecureBucket;
  /** Key the archive is encrypted with. */
  readonly key: IZoneKey;
  /** Object Lock retention in days. */
  readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const zone = requireZone(this, "LogArchive");
    const stack = SansoStack.of(this);
    const account = stack.accountId;
    this.key = props.key ?? zone.key;
    const retentionDays = props.retentionDays ?? MIN_LOG_RETENTION_DAYS;
    if (!Number.isInteger(retentionDays) || retentionDays < MIN_LOG_RETENTION_DAYS) {
      throw new SansoConstructError(this, `retentionDays must be at least ${MIN_LOG_RETENTION_DAYS} (第47条), got ${retentionDays}`);
    }
    this.retentionDays = retentionDays;
    const glacierAfterDays = props.glacierAfterDays ?? 90;
    if (props.expireAfterDays !== undefined && props.expireAfterDays < retentionDays) {
      throw new SansoConstructError(this, "expireAfterDays must not be shorter than retentionDays");
    }
    const base = { classification: props.classification, owner: props.owner, key: this.key };

    this.accessLogBucket = internalBucket(
      this,
      "AccessLogs",
      {
        ...base,
        glacierAfterDays,
        expireAfterDays: props.expireAfterDays,
        policyStatements: (arn): PolicyStatement[] => [
          {
            Sid: "S3ServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${arn}/*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": account },
              ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" },
            },
          },
          {
            Sid: "LogsAreNeverDeletedByPrincipals",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
            Resource: `${arn}/*`,
          },
        ],
      },
      {
        accessLogSink: true,
        logRole: "s3-access-logs",
        tags: { [TAG.logProtection]: "deny-delete-policy" },
      },
    );

    const delivery = (arn: string, sid: string, service: string, extraActions: string[] = []): PolicyStatement[] => [
      {
        Sid: `${sid}AclCheck`,
        Effect: "Allow" as const,
        Principal: { Service: service },
        Action: ["s3:GetBucketAcl", ...extraActions],
        Resource: arn,
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
      {
        Sid: `${sid}Write`,
        Effect: "Allow" as const,
        Principal: { Service: service },
        Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/${account}/*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" },
        },
      },
    ];
    this.bucket = internalBucket(
      this,
      "Archive",
      {
        ...base,
        accessLogBucket: this.accessLogBucket,
        objectLock: { mode: props.retentionMode ?? "GOVERNANCE", days: retentionDays },
        glacierAfterDays,
        expireAfterDays: props.expireAfterDays,
        policyStatements: (arn): PolicyStatement[] => [
          ...delivery(arn, "CloudTrail", "cloudtrail.amazonaws.com"),
          ...delivery(arn, "VpcFlowLogs", "delivery.logs.amazonaws.com"),
          ...delivery(arn, "AwsConfig", "config.amazonaws.com", ["s3:ListBucket"]),
        ],
      },
      { logRole: "log-archive" },
    );
  }
}

