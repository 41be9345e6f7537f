/**
 * What the building blocks need to know about one another, as interfaces (as aws-cdk has `IKey`
 * and `IBucket`): the zone, its key, its log archive and a secure bucket. The constructs read each
 * other through these, so that the zone context, the key, the log archive and the bucket do not
 * import each other's classes (test/constructs/import-graph.test.ts keeps constructs/ free of
 * import cycles). This module imports types only.
 */
import type { IConstruct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import type { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import type { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import type { RouteTable } from "@cdktf/provider-aws/lib/route-table/index.js";
import type { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint/index.js";
import type { Classification, ZoneName } from "./core.js";
import type { PolicyStatement } from "./policy-document.js";

/** A customer-managed KMS key (第29条第6項), such as a {@link ZoneKey}. */
export interface IZoneKey extends IConstruct {
  /** ARN of the key (what encryption settings and policies name). */
  readonly arn: string;
  /** Key id. */
  readonly keyId: string;
  /** The zone the key was created in, or undefined for a key outside any zone. */
  readonly zoneName: ZoneName | undefined;
  /**
   * An identity-policy statement (for a role's policy) allowing `actions` on this key, e.g.
   * `key.grant("kms:GenerateDataKey", "kms:Decrypt")`. The key policy of a {@link ZoneKey}
   * lets the account's principals use it, so such a statement is what a role still needs.
   */
  grant(...actions: string[]): PolicyStatement;
}

/** An S3 bucket with the guarantees of a {@link SecureBucket}. */
export interface ISecureBucket extends IConstruct {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket ARN. */
  readonly arn: string;
  /** The classification of the data in the bucket. */
  readonly classification: Classification;
  /** The key the bucket is encrypted with (absent for SSE-S3 log buckets). */
  readonly key?: IZoneKey;
  /** The bucket policy: depend on it before a service delivers into the bucket. */
  readonly policy: ITerraformDependable;
  /** ARN of the objects whose keys match `pattern` (`arn/pattern`), e.g. `bucket.arnForObjects("*")`. */
  arnForObjects(pattern: string): string;
}

/** The log archive of a zone (第45条第2項, 第47条), such as a {@link LogArchive}. */
export interface ILogArchive extends IConstruct {
  /** Object Lock bucket for CloudTrail, flow logs and Config. */
  readonly bucket: ISecureBucket;
  /** Bucket receiving the S3 server access logs of the zone's buckets. */
  readonly accessLogBucket: ISecureBucket;
  /** Key the archive is encrypted with. */
  readonly key: IZoneKey;
  /** Object Lock retention in days. */
  readonly retentionDays: number;
}

/** What the building blocks need to know about the zone they are created in. */
export interface IZone extends IConstruct {
  /** `mynumber`, `lgwan` or `internet`. */
  readonly zoneName: ZoneName;
  /** Responsible section for the zone's own data stores (logs). */
  readonly owner: string;
  /** The zone's customer-managed key. */
  readonly key: IZoneKey;
  /** The zone's VPC. */
  readonly vpc: Vpc;
  /** IPv4 CIDR block of the VPC. */
  readonly cidrBlock: string;
  /** Private subnets, one per availability zone. */
  readonly privateSubnets: Subnet[];
  /** Route tables of the private subnets. */
  readonly privateRouteTables: RouteTable[];
  /** The S3 gateway endpoint of the VPC. */
  readonly s3Endpoint: VpcEndpoint;
  /** The zone's log archive (undefined only while the zone itself is being built). */
  readonly logArchive: ILogArchive;
  /** Premises prefixes reachable over the zone's dedicated line (empty without one). */
  readonly premisesPrefixes: readonly string[];
  /** Registers premises prefixes reached through a dedicated line (used for NACL rules). */
  addPremisesPrefixes(prefixes: readonly string[]): void;
}
