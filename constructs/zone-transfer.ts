import { Construct } from "constructs";
import type { PolicyStatement } from "./policy-document.js";
import { SansoConstructError, TAG } from "./core.js";
import { internalBucket, SecureBucket } from "./secure-bucket.js";
import { DataStoreProps, IZone, requireZone } from "./zone-context.js";

/** Properties of a {@link ZoneTransfer}. */
export interface ZoneTransferProps extends DataStoreProps {
  /** The LGWAN zone that collects the files (through its S3 gateway endpoint). */
  readonly to: IZone;
  /** Roles of the internet-zone application that may write files (after sanitisation). */
  readonly writerRoleArns: string[];
  /** Days after which transferred files are deleted; default 30. */
  readonly expireAfterDays?: number;
}

/**
 * The one path from the internet zone to the LGWAN zone (第30条第1項・第2項): a SecureBucket in
 * the internet zone that only the named writer roles may write to and that can be read only
 * through the LGWAN zone's S3 gateway endpoint (`aws:SourceVpce`). The VPCs are never
 * connected (no peering, no transit gateway); the LGWAN side pulls. Files must be sanitised
 * (無害化: text extraction or file sanitisation) before they are written; that is the
 * application's job.
 */
export class ZoneTransfer extends Construct {
  /** The transfer bucket. */
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: ZoneTransferProps) {
    super(scope, id);
    const from = requireZone(this, "ZoneTransfer");
    if (from.zoneName !== "internet" || props.to?.zoneName !== "lgwan") {
      throw new SansoConstructError(
        this,
        `a ZoneTransfer carries files from the internet zone to the LGWAN zone (第30条第2項); got ${from.zoneName} -> ${props.to?.zoneName}`,
      );
    }
    if (!props.writerRoleArns?.length || props.writerRoleArns.some((a) => a.includes("*"))) {
      throw new SansoConstructError(this, "writerRoleArns must name the writer roles (no wildcards)");
    }
    const endpoint = props.to.s3Endpoint.id;
    this.bucket = internalBucket(
      this,
      "Bucket",
      {
        classification: props.classification,
        owner: props.owner,
        expireAfterDays: props.expireAfterDays ?? 30,
        noncurrentExpireAfterDays: 7,
        policyStatements: (arn): PolicyStatement[] => [
          {
            Sid: "ReadOnlyThroughTheLgwanEndpoint",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:ListBucket"],
            Resource: [arn, `${arn}/*`],
            Condition: { StringNotEquals: { "aws:SourceVpce": endpoint } },
          },
          {
            Sid: "WriteOnlyByTheApplication",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${arn}/*`,
            Condition: { StringNotEquals: { "aws:PrincipalArn": props.writerRoleArns } },
          },
        ],
      },
      { tags: { [TAG.transferTo]: "lgwan" } },
    );
  }
}
