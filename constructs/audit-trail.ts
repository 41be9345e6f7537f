import { Construct } from "constructs";
import { Cloudtrail, CloudtrailAdvancedEventSelector } from "@cdktf/provider-aws/lib/cloudtrail/index.js";
import { physicalName } from "./core.js";
import type { ILogArchive, ISecureBucket, IZoneKey } from "./interfaces.js";

/** Properties of an {@link AuditTrail}. */
export interface AuditTrailProps {
  /** Log archive receiving the trail (Object Lock bucket). */
  readonly logArchive: ILogArchive;
  /** Key encrypting the log files. Default: the log archive's key. */
  readonly key?: IZoneKey;
  /**
   * Buckets whose object-level reads and writes are recorded as data events (第27条第4項:
   * class I access records). Default: none.
   */
  readonly dataEventBuckets?: ISecureBucket[];
}

/**
 * An account CloudTrail trail (第45条第2項, 第47条, 第90条第5項): multi-region, global service
 * events, management events (read and write), log file validation, encrypted with a
 * customer-managed key, delivered into the Object Lock log archive; optional S3 data events
 * for class I buckets. It is never an organisation trail (on Government Cloud the organisation
 * trail belongs to the Digital Agency; this trail is the municipality's own record).
 */
export class AuditTrail extends Construct {
  /** The `aws_cloudtrail`. */
  readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const key = props.key ?? props.logArchive.key;
    const selectors: CloudtrailAdvancedEventSelector[] = [
      {
        name: "management-events",
        fieldSelector: [{ field: "eventCategory", equalTo: ["Management"] }],
      },
    ];
    const buckets = props.dataEventBuckets ?? [];
    if (buckets.length) {
      selectors.push({
        name: "data-events-of-protected-buckets",
        fieldSelector: [
          { field: "eventCategory", equalTo: ["Data"] },
          { field: "resources.type", equalTo: ["AWS::S3::Object"] },
          { field: "resources.ARN", startsWith: buckets.map((b) => `${b.arn}/`) },
        ],
      });
    }
    this.trail = new Cloudtrail(this, "Trail", {
      name: physicalName(this, 128),
      s3BucketName: props.logArchive.bucket.bucketName,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      isOrganizationTrail: false,
      enableLogFileValidation: true,
      enableLogging: true,
      advancedEventSelector: selectors,
      dependsOn: [props.logArchive.bucket.policy],
    });
  }
}
