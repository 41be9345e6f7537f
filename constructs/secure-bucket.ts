import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging/index.js";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js";
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification/index.js";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration/index.js";
import { physicalName, SansoConstructError, TAG } from "./core.js";
import { assertLeastPrivilege, policyDocument, PolicyStatement } from "./policy-document.js";
import type { ISecureBucket, IZoneKey } from "./interfaces.js";
import { DataStoreProps, dataStoreTags, findZone, requireZone } from "./zone-context.js";

/** Object Lock default retention. */
export interface ObjectLockOptions {
  /** `GOVERNANCE` (privileged users may shorten) or `COMPLIANCE` (nobody may). */
  readonly mode: "GOVERNANCE" | "COMPLIANCE";
  /** Default retention in days. */
  readonly days: number;
}

/** Properties of a {@link SecureBucket}. */
export interface SecureBucketProps extends DataStoreProps {
  /** Prefix of the generated bucket name (at most 37 characters). Default: from the construct path. */
  readonly bucketPrefix?: string;
  /** Key for SSE-KMS. Default: the zone's key. */
  readonly key?: IZoneKey;
  /** Bucket receiving the server access logs. Default: the zone's log archive access-log bucket. */
  readonly accessLogBucket?: ISecureBucket;
  /**
   * Additional bucket policy statements, or a function of the bucket ARN returning them. They are
   * checked for least privilege, and an anonymous `Allow` without a condition throws.
   */
  readonly policyStatements?: PolicyStatement[] | ((bucketArn: string) => PolicyStatement[]);
  /** Object Lock default retention (the bucket is then created with Object Lock enabled). */
  readonly objectLock?: ObjectLockOptions;
  /** Move current objects to Glacier Flexible Retrieval after this many days. */
  readonly glacierAfterDays?: number;
  /** Expire current objects after this many days (保存年限, 第26条). Default: never. */
  readonly expireAfterDays?: number;
  /** Expire non-current versions after this many days. Default: never. */
  readonly noncurrentExpireAfterDays?: number;
  /**
   * Send object events to EventBridge so that changes are signalled (第25条第3項). Always on for
   * class IV buckets, which publish content to residents.
   */
  readonly eventNotifications?: boolean;
}

/** Options only the library itself may use. */
interface InternalBucketOptions {
  /** The bucket is the terminal sink of S3 server access logs: it does not log itself. */
  readonly accessLogSink?: boolean;
  /** SSE-S3 instead of SSE-KMS, with the reason (only where AWS supports nothing else). */
  readonly sseS3Because?: string;
  /** Role of the bucket in the logging design (tag `sanso:log-role`). */
  readonly logRole?: string;
  /** Extra tags. */
  readonly tags?: Record<string, string>;
}

/** @internal */
export const INTERNAL_BUCKET = Symbol("sanso.internalBucket");

/**
 * An S3 bucket that cannot be made public or unencrypted through props.
 *
 * Guarantees (split resources, each referencing the bucket): SSE-KMS with the zone's
 * customer-managed key and S3 Bucket Keys; public access block with all four settings on;
 * ACLs disabled (BucketOwnerEnforced); versioning Enabled; a bucket policy that denies every
 * request with `aws:SecureTransport = false`; server access logging into the zone's log
 * archive; lifecycle that aborts incomplete uploads; `sanso:classification` and `sanso:owner`
 * tags. Class IV buckets also signal every change through EventBridge (第25条第3項).
 */
export class SecureBucket extends Construct implements ISecureBucket {
  /** The `aws_s3_bucket`. */
  readonly bucket: S3Bucket;
  /** The bucket's `aws_s3_bucket_policy`. */
  readonly policy: S3BucketPolicy;
  /** The classification of the data in the bucket. */
  readonly classification: DataStoreProps["classification"];
  /** The server access logging configuration (absent only on the access-log sink). */
  readonly logging?: S3BucketLoggingA;
  /** The key the bucket is encrypted with (absent for SSE-S3 log buckets). */
  readonly key?: IZoneKey;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const internal: InternalBucketOptions =
      ((props as unknown as Record<symbol, InternalBucketOptions>)[INTERNAL_BUCKET] as InternalBucketOptions) ?? {};
    const zone = requireZone(this, "SecureBucket");
    const tags = {
      ...dataStoreTags(this, props),
      ...(internal.logRole ? { [TAG.logRole]: internal.logRole } : {}),
      ...(internal.tags ?? {}),
    };
    this.classification = props.classification;

    const prefix = props.bucketPrefix ?? physicalName(this, 36);
    if (!/^[a-z0-9][a-z0-9.-]{0,36}$/.test(prefix)) {
      throw new SansoConstructError(this, `bucketPrefix must be 1-37 lower-case letters, digits, dots or hyphens`);
    }
    this.bucket = new S3Bucket(this, "Bucket", {
      bucketPrefix: prefix,
      forceDestroy: false,
      objectLockEnabled: props.objectLock ? true : undefined,
      tags,
    });

    new S3BucketOwnershipControls(this, "Ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const pab = new S3BucketPublicAccessBlock(this, "PublicAccessBlock", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    if (internal.sseS3Because) {
      new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
        bucket: this.bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      });
    } else {
      this.key = props.key ?? zone.key;
      new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
        bucket: this.bucket.id,
        rule: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn },
            bucketKeyEnabled: true,
          },
        ],
      });
    }

    const versioning = new S3BucketVersioningA(this, "Versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });

    if (props.objectLock) {
      const { mode, days } = props.objectLock;
      if (mode !== "GOVERNANCE" && mode !== "COMPLIANCE") {
        throw new SansoConstructError(this, `objectLock.mode must be GOVERNANCE or COMPLIANCE`);
      }
      if (!Number.isInteger(days) || days < 1) throw new SansoConstructError(this, `objectLock.days must be >= 1`);
      new S3BucketObjectLockConfigurationA(this, "ObjectLock", {
        bucket: this.bucket.id,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode, days } },
        dependsOn: [versioning],
      });
    }

    const extra =
      typeof props.policyStatements === "function"
        ? props.policyStatements(this.bucket.arn)
        : (props.policyStatements ?? []);
    assertLeastPrivilege(this, extra, "bucket policy");
    const statements: PolicyStatement[] = [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "DenyTlsOlderThan12",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
      },
      ...extra,
    ];
    this.policy = new S3BucketPolicy(this, "Policy", {
      bucket: this.bucket.id,
      policy: policyDocument(statements),
      dependsOn: [pab],
    });

    if (!internal.accessLogSink) {
      const target = props.accessLogBucket ?? findZone(this)?.logArchive?.accessLogBucket;
      if (!target) {
        throw new SansoConstructError(this, "no access-log bucket: pass accessLogBucket or create the bucket in a zone");
      }
      this.logging = new S3BucketLoggingA(this, "AccessLogging", {
        bucket: this.bucket.id,
        targetBucket: target.bucketName,
        targetPrefix: `s3/${prefix}/`,
        targetObjectKeyFormat: {
          partitionedPrefix: { partitionDateSource: "EventTime" },
        },
      });
    }

    const rules: S3BucketLifecycleConfigurationRule[] = [
      {
        id: "abort-incomplete-uploads",
        status: "Enabled",
        filter: [{ prefix: "" }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ];
    const positive = (n: number | undefined, what: string) => {
      if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
        throw new SansoConstructError(this, `${what} must be a positive whole number of days`);
      }
    };
    positive(props.glacierAfterDays, "glacierAfterDays");
    positive(props.expireAfterDays, "expireAfterDays");
    positive(props.noncurrentExpireAfterDays, "noncurrentExpireAfterDays");
    if (props.objectLock && props.expireAfterDays !== undefined && props.expireAfterDays < props.objectLock.days) {
      throw new SansoConstructError(this, "expireAfterDays must not be shorter than the Object Lock retention");
    }
    if (props.glacierAfterDays !== undefined || props.expireAfterDays !== undefined) {
      rules.push({
        id: "archive-and-expire",
        status: "Enabled",
        filter: [{ prefix: "" }],
        transition:
          props.glacierAfterDays !== undefined
            ? [{ days: props.glacierAfterDays, storageClass: "GLACIER" }]
            : undefined,
        noncurrentVersionTransition:
          props.glacierAfterDays !== undefined
            ? [{ noncurrentDays: props.glacierAfterDays, storageClass: "GLACIER" }]
            : undefined,
        expiration: props.expireAfterDays !== undefined ? [{ days: props.expireAfterDays }] : undefined,
      });
    }
    if (props.noncurrentExpireAfterDays !== undefined) {
      rules.push({
        id: "expire-noncurrent",
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentExpireAfterDays }],
      });
    }
    new S3BucketLifecycleConfiguration(this, "Lifecycle", {
      bucket: this.bucket.id,
      rule: rules,
      dependsOn: [versioning],
    });

    if (props.eventNotifications || props.classification === "IV") {
      new S3BucketNotification(this, "Notification", { bucket: this.bucket.id, eventbridge: true });
    }
  }

  /** Bucket name. */
  get bucketName(): string {
    return this.bucket.id;
  }

  /** Bucket ARN. */
  get arn(): string {
    return this.bucket.arn;
  }

  /** ARN of the objects whose keys match `pattern` (`arn/pattern`). */
  arnForObjects(pattern: string): string {
    return `${this.bucket.arn}/${pattern}`;
  }
}

/** @internal Creates a bucket with library-only options. */
export function internalBucket(
  scope: Construct,
  id: string,
  props: SecureBucketProps,
  internal: InternalBucketOptions,
): SecureBucket {
  return new SecureBucket(scope, id, { ...props, [INTERNAL_BUCKET]: internal } as SecureBucketProps);
}

