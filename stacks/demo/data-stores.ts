// Data stores of the deliberately non-compliant demo stack (stacks/demo-noncompliant.ts): one
// section of its build, each resource registered with the rules it breaks.
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { S3BucketAcl } from "@cdktf/provider-aws/lib/s3-bucket-acl/index.js";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key/index.js";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance/index.js";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume/index.js";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault/index.js";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail/index.js";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret/index.js";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";
import { type Demo, type Networks, z, store } from "./context.js";


/** Buckets, keys, databases, caches, logs, secrets: ART17-ART29, ART43, ART47, ART64 (key policy), ART65, ART69, ART87, ART99. */
export function dataStores(demo: Demo, { mynumberSg }: Networks): void {
  // ---------------------------------------------------------------- data stores
  buckets(demo);
  keys(demo);
  databasesAndCaches(demo, mynumberSg);
  backupsAndLogs(demo);
  secrets(demo);
}

/** Unclassified, misplaced, public and unprotected buckets: ART17, ART18, ART22-ART25, ART27, ART29-CMK, ART43. */
function buckets(demo: Demo): void {
  // ART17-CLASSIFIED, ART18-OWNER: no classification, no owner; ART43-BACKUP cannot select it either
  demo.breaks(new S3Bucket(demo, "Unclassified", { bucket: "demo-unclassified", tags: z("lgwan") }), "unclassified", [
    "ART17-CLASSIFIED",
    "ART18-OWNER",
  ]);
  // ART22-CLASS-I-ZONE: class I data in the internet zone; ART43-BACKUP: no backup selection
  demo.breaks(
    new S3Bucket(demo, "ClassOneInInternet", { bucket: "demo-class1-in-internet", tags: store("internet", "I") }),
    "class1_in_internet",
    ["ART22-CLASS-I-ZONE", "ART43-BACKUP", "ART27-CLASS-I-ACCESS-LOG"],
  );
  // ART23-NOT-PUBLIC, ART24-TLS-ONLY: class II bucket made public, no TLS-only policy
  const publicBucket = demo.breaks(
    new S3Bucket(demo, "PublicClassTwo", { bucket: "demo-public-class2", tags: store("internet", "II") }),
    "public_class2",
    ["ART23-NOT-PUBLIC", "ART24-TLS-ONLY", "ART43-BACKUP"],
  );
  demo.breaks(
    new S3BucketPublicAccessBlock(demo, "PublicClassTwoPab", {
      bucket: publicBucket.id,
      blockPublicAcls: false,
      blockPublicPolicy: false,
      ignorePublicAcls: false,
      restrictPublicBuckets: false,
    }),
    "public_class2",
    ["ART23-NOT-PUBLIC"],
  );
  const ownership = demo.named(
    new S3BucketOwnershipControls(demo, "PublicClassTwoOwnership", {
      bucket: publicBucket.id,
      rule: { objectOwnership: "BucketOwnerPreferred" },
    }),
    "public_class2",
  );
  demo.breaks(
    new S3BucketAcl(demo, "PublicClassTwoAcl", { bucket: publicBucket.id, acl: "public-read", dependsOn: [ownership] }),
    "public_class2",
    ["ART23-NOT-PUBLIC"],
  );
  demo.breaks(
    new S3BucketPolicy(demo, "PublicClassTwoPolicy", {
      bucket: publicBucket.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${publicBucket.arn}/*` },
        ],
      }),
    }),
    "public_class2",
    ["ART23-NOT-PUBLIC", "ART24-TLS-ONLY"],
  );
  // ART25-PUBLIC-INTEGRITY: class IV content without versioning, notification or Object Lock
  const notices = demo.breaks(
    new S3Bucket(demo, "PublicNotices", { bucket: "demo-public-notices", tags: store("internet", "IV") }),
    "public_notices",
    ["ART25-PUBLIC-INTEGRITY"],
  );
  demo.breaks(
    new S3BucketVersioningA(demo, "PublicNoticesVersioning", {
      bucket: notices.id,
      versioningConfiguration: { status: "Suspended" },
    }),
    "public_notices",
    ["ART25-PUBLIC-INTEGRITY"],
  );
  // ART29-CMK: MyNumber class I bucket with SSE-S3; ART27-CLASS-I-ACCESS-LOG: no access logging
  const mynumberBucket = demo.breaks(
    new S3Bucket(demo, "MynumberSseS3", { bucket: "demo-mynumber-sse-s3", tags: store("mynumber", "I") }),
    "mynumber_sse_s3",
    ["ART29-CMK", "ART27-CLASS-I-ACCESS-LOG", "ART43-BACKUP"],
  );
  demo.breaks(
    new S3BucketServerSideEncryptionConfigurationA(demo, "MynumberSseS3Encryption", {
      bucket: mynumberBucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }),
    "mynumber_sse_s3",
    ["ART29-CMK"],
  );
}

/** KMS keys: ART29-CMK, ART29-STRONG-CRYPTO, ART57-KEY-ROTATION, ART64-KEY-NOT-PUBLIC. */
function keys(demo: Demo): void {
  // ART29-CMK: no rotation, 7-day deletion window
  demo.breaks(
    new KmsKey(demo, "WeakKey", {
      description: "DEMO weak key",
      enableKeyRotation: false,
      deletionWindowInDays: 7,
      tags: z("mynumber"),
    }),
    "weak",
    ["ART29-CMK"],
  );
  // ART57-KEY-ROTATION: an LGWAN key that never rotates
  demo.breaks(
    new KmsKey(demo, "UnrotatedKey", {
      description: "DEMO key that never rotates",
      enableKeyRotation: false,
      deletionWindowInDays: 30,
      tags: z("lgwan"),
    }),
    "unrotated",
    ["ART57-KEY-ROTATION"],
  );
  // ART64-KEY-NOT-PUBLIC: a key policy that lets anyone decrypt
  demo.breaks(
    new KmsKey(demo, "OpenKey", {
      description: "DEMO key usable by anyone",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" }],
      }),
      tags: z("mynumber"),
    }),
    "open",
    ["ART64-KEY-NOT-PUBLIC"],
  );
  // ART29-STRONG-CRYPTO: asymmetric RSA key spec instead of AES-256
  demo.breaks(
    new KmsKey(demo, "RsaKey", {
      description: "DEMO RSA key",
      customerMasterKeySpec: "RSA_2048",
      keyUsage: "ENCRYPT_DECRYPT",
      deletionWindowInDays: 30,
      tags: z("mynumber"),
    }),
    "rsa",
    ["ART29-STRONG-CRYPTO"],
  );
}

/** A database, a volume and a cache: ART22-ART24, ART27, ART29-CMK, ART32, ART43, ART54, ART65, ART69, ART87. */
function databasesAndCaches(demo: Demo, mynumberSg: SecurityGroup): void {
  // ART22-ENCRYPTED-AT-REST, ART23-NOT-PUBLIC, ART24-TLS-ONLY (no forced TLS), ART27-CLASS-I-ACCESS-LOG
  // (no log exports), ART29-CMK, ART32-REDUNDANT (single AZ), ART43-BACKUP, ART65-PRIVILEGED-IDS
  // (user "admin"), ART69-NO-PLAINTEXT-SECRETS (literal password), ART87-PATCHED
  demo.breaks(
    new DbInstance(demo, "MynumberDb", {
      identifier: "demo-mynumber",
      engine: "postgres",
      engineVersion: "16.4",
      instanceClass: "db.t4g.micro",
      allocatedStorage: 20,
      username: "admin",
      password: "P@ssw0rd1234",
      storageEncrypted: false,
      publiclyAccessible: true,
      multiAz: false,
      autoMinorVersionUpgrade: false,
      skipFinalSnapshot: true,
      vpcSecurityGroupIds: [mynumberSg.id],
      tags: store("mynumber", "I"),
    }),
    "mynumber_db",
    [
      "ART22-ENCRYPTED-AT-REST",
      "ART23-NOT-PUBLIC",
      "ART24-TLS-ONLY",
      "ART27-CLASS-I-ACCESS-LOG",
      "ART29-CMK",
      "ART32-REDUNDANT",
      "ART43-BACKUP",
      "ART65-PRIVILEGED-IDS",
      "ART69-NO-PLAINTEXT-SECRETS",
      "ART87-PATCHED",
    ],
  );
  // ART22-ENCRYPTED-AT-REST, ART43-BACKUP: unencrypted class II volume
  demo.breaks(
    new EbsVolume(demo, "Unencrypted", {
      availabilityZone: "us-east-1a",
      size: 10,
      encrypted: false,
      tags: store("lgwan", "II"),
    }),
    "unencrypted",
    ["ART22-ENCRYPTED-AT-REST", "ART43-BACKUP"],
  );
  // ART54-TRANSIT-ENCRYPTION, ART24-TLS-ONLY, ART22-ENCRYPTED-AT-REST: cache of class II sessions in clear text
  demo.breaks(
    new ElasticacheReplicationGroup(demo, "Sessions", {
      replicationGroupId: "demo-sessions",
      description: "DEMO sessions",
      engine: "redis",
      nodeType: "cache.t4g.micro",
      numCacheClusters: 1,
      transitEncryptionEnabled: false,
      atRestEncryptionEnabled: "false",
      autoMinorVersionUpgrade: "false",
      tags: store("internet", "II"),
    }),
    "sessions",
    ["ART54-TRANSIT-ENCRYPTION", "ART24-TLS-ONLY", "ART22-ENCRYPTED-AT-REST", "ART87-PATCHED"],
  );
}

/** A backup vault, a trail and its bucket, a log group: ART43-BACKUP, ART45-CHANGE-TRAIL, ART47. */
function backupsAndLogs(demo: Demo): void {
  // ART43-BACKUP: vault with the AWS-managed key
  demo.breaks(new BackupVault(demo, "NoCmkVault", { name: "demo-no-cmk", tags: store("lgwan", "II") }), "no_cmk", [
    "ART43-BACKUP",
  ]);
  // ART47-LOGS-PROTECTED: log bucket without versioning, Object Lock, encryption or public access block
  const trailBucket = demo.breaks(
    new S3Bucket(demo, "TrailLogs", { bucket: "demo-trail-logs", tags: store("lgwan", "II") }),
    "trail_logs",
    ["ART47-LOGS-PROTECTED", "ART43-BACKUP"],
  );
  // ART45-CHANGE-TRAIL: single-region trail without log file validation or CMK
  demo.breaks(
    new Cloudtrail(demo, "WeakTrail", {
      name: "demo-weak",
      s3BucketName: trailBucket.id,
      isMultiRegionTrail: false,
      enableLogFileValidation: false,
      includeGlobalServiceEvents: false,
      tags: z("lgwan"),
    }),
    "weak",
    ["ART45-CHANGE-TRAIL"],
  );
  // ART47-LOGS-KEPT: 30-day retention, not encrypted
  demo.breaks(
    new CloudwatchLogGroup(demo, "ShortLogs", {
      name: "/demo/short",
      retentionInDays: 30,
      tags: store("lgwan", "II"),
    }),
    "short",
    ["ART47-LOGS-KEPT"],
  );
}

/** A secret whose value is a literal: ART69-NO-PLAINTEXT-SECRETS. */
function secrets(demo: Demo): void {
  const secret = demo.named(
    new SecretsmanagerSecret(demo, "DbSecret", { name: "demo/db", tags: store("lgwan", "II") }),
    "db",
  );
  // ART69-NO-PLAINTEXT-SECRETS: the secret value is a literal in the configuration
  demo.breaks(
    new SecretsmanagerSecretVersion(demo, "DbSecretValue", {
      secretId: secret.id,
      secretString: JSON.stringify({ username: "app", password: "hunter2-demo" }),
    }),
    "db",
    ["ART69-NO-PLAINTEXT-SECRETS"],
  );
}
