import { Construct } from "constructs";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance/index.js";
import { DbParameterGroup, DbParameterGroupParameter } from "@cdktf/provider-aws/lib/db-parameter-group/index.js";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group/index.js";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
import {
  assertExceptionId,
  DEFAULT_MASTER_USERNAMES,
  MIN_LOG_RETENTION_DAYS,
  ExceptionId,
  physicalName,
  SansoConstructError,
} from "./core.js";
import { RestrictedSecurityGroup, SecurityGroupRule } from "./security-group.js";
import { DataStoreProps, dataStoreTags, requireZone } from "./zone-context.js";
import type { IZoneKey } from "./interfaces.js";

/** Database engines the construct supports. */
export type DatabaseEngine = "postgres" | "mysql";

/** Properties of a {@link ZoneDatabase}. */
export interface ZoneDatabaseProps extends DataStoreProps {
  /** `postgres` or `mysql`. */
  readonly engine: DatabaseEngine;
  /** Engine version, e.g. `16.4` (postgres) or `8.0.39` (mysql). */
  readonly engineVersion: string;
  /** Instance class; default `db.m7g.large`. */
  readonly instanceClass?: string;
  /** Storage in GiB; default 100. */
  readonly allocatedStorage?: number;
  /** Storage autoscaling limit in GiB. */
  readonly maxAllocatedStorage?: number;
  /**
   * Master user name. Default names (admin, root, postgres, sa, ...) are rejected (第65条).
   * The password is generated and kept in Secrets Manager (`manage_master_user_password`).
   */
  readonly masterUsername: string;
  /** Name of the initial database. */
  readonly databaseName?: string;
  /** Port; default 5432 (postgres) or 3306 (mysql). */
  readonly port?: number;
  /** Security groups of the clients allowed to connect. */
  readonly clientSecurityGroupIds?: string[];
  /** CIDR blocks of clients allowed to connect (never 0.0.0.0/0). */
  readonly clientCidrs?: string[];
  /** Automated backup retention in days, 7-35; default 35. */
  readonly backupRetentionDays?: number;
  /** Retention of the exported logs (at least 365 days); default 365. */
  readonly logRetentionDays?: number;
  /** Key. Default: the zone's key. */
  readonly key?: IZoneKey;
  /**
   * Approved exception (第93条) allowing a single-AZ instance (for example a development
   * database). Without it the instance is always multi-AZ (第32条).
   */
  readonly singleAzException?: ExceptionId;
}

/**
 * An RDS instance that cannot be public or unencrypted (第22条, 第23条, 第24条, 第29条第6項, 第32条):
 * storage and Performance Insights encrypted with the zone key, multi-AZ, not publicly
 * accessible, in the zone's private subnets, master password managed by Secrets Manager and
 * encrypted with the zone key, TLS forced by the parameter group (`rds.force_ssl` /
 * `require_secure_transport`), TLS 1.2+, connection and DDL logging, log exports into log groups
 * encrypted with the zone key and kept ≥ 365 days, automatic minor version upgrades, deletion
 * protection, final snapshot, tags copied to snapshots, and IAM authentication enabled.
 */
export class ZoneDatabase extends Construct {
  /** The `aws_db_instance`. */
  readonly instance: DbInstance;
  /** The parameter group forcing TLS. */
  readonly parameterGroup: DbParameterGroup;
  /** Security group of the instance. */
  readonly securityGroup: RestrictedSecurityGroup;
  /** Log groups of the exported logs. */
  readonly logGroups: CloudwatchLogGroup[];

  constructor(scope: Construct, id: string, props: ZoneDatabaseProps) {
    super(scope, id);
    const zone = requireZone(this, "ZoneDatabase");
    if (props.singleAzException !== undefined) {
      assertExceptionId(this, props.singleAzException, "singleAzException");
    }
    const tags = dataStoreTags(this, props, [props.singleAzException]);
    const key = props.key ?? zone.key;

    const user = props.masterUsername;
    if (typeof user !== "string" || !/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(user)) {
      throw new SansoConstructError(this, "masterUsername must be 1-16 letters, digits or _ and start with a letter");
    }
    if (DEFAULT_MASTER_USERNAMES.includes(user.toLowerCase())) {
      throw new SansoConstructError(
        this,
        `masterUsername "${user}" is a default privileged name (第65条); choose a name that is not guessable`,
      );
    }
    const retention = props.backupRetentionDays ?? 35;
    if (!Number.isInteger(retention) || retention < 7 || retention > 35) {
      throw new SansoConstructError(this, `backupRetentionDays must be 7-35, got ${retention}`);
    }
    const logRetention = props.logRetentionDays ?? MIN_LOG_RETENTION_DAYS;
    if (![365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].includes(logRetention) || logRetention < MIN_LOG_RETENTION_DAYS) {
      throw new SansoConstructError(this, `logRetentionDays must be a CloudWatch value of at least ${MIN_LOG_RETENTION_DAYS} (第47条)`);
    }

    const engine = props.engine;
    const parts = props.engineVersion.split(".");
    let family: string;
    let parameters: DbParameterGroupParameter[];
    let logs: string[];
    let port: number;
    if (engine === "postgres") {
      family = `postgres${parts[0]}`;
      port = props.port ?? 5432;
      parameters = [
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        { name: "ssl_min_protocol_version", value: "TLSv1.2", applyMethod: "pending-reboot" },
        { name: "log_connections", value: "1", applyMethod: "pending-reboot" },
        { name: "log_disconnections", value: "1", applyMethod: "pending-reboot" },
        { name: "log_statement", value: "ddl", applyMethod: "pending-reboot" },
      ];
      logs = ["postgresql", "upgrade"];
    } else if (engine === "mysql") {
      family = `mysql${parts[0]}.${parts[1] ?? "0"}`;
      port = props.port ?? 3306;
      parameters = [
        { name: "require_secure_transport", value: "1", applyMethod: "pending-reboot" },
        { name: "tls_version", value: "TLSv1.2,TLSv1.3", applyMethod: "pending-reboot" },
        { name: "general_log", value: "1", applyMethod: "pending-reboot" },
        { name: "log_output", value: "FILE", applyMethod: "pending-reboot" },
      ];
      logs = ["error", "general", "slowquery"];
    } else {
      throw new SansoConstructError(this, `engine must be postgres or mysql, got ${JSON.stringify(engine)}`);
    }

    const ingress: SecurityGroupRule[] = [
      ...(props.clientSecurityGroupIds ?? []).map((sg) => ({
        securityGroupId: sg,
        fromPort: port,
        description: "database clients",
      })),
      ...(props.clientCidrs ?? []).map((cidr) => ({ cidr, fromPort: port, description: "database clients" })),
    ];
    this.securityGroup = new RestrictedSecurityGroup(this, "SecurityGroup", {
      vpcId: zone.vpc.id,
      description: `database ${physicalName(this, 60)}`,
      ingress,
    });
    const subnets = new DbSubnetGroup(this, "SubnetGroup", {
      name: physicalName(this, 255),
      description: "private subnets of the zone",
      subnetIds: zone.privateSubnets.map((s) => s.id),
    });
    this.parameterGroup = new DbParameterGroup(this, "Parameters", {
      name: physicalName(this, 255),
      family,
      description: "TLS forced; connection logging",
      parameter: parameters,
    });

    const identifier = physicalName(this, 63);
    this.logGroups = logs.map(
      (log) =>
        new CloudwatchLogGroup(this, `Log-${log}`, {
          name: `/aws/rds/instance/${identifier}/${log}`,
          retentionInDays: logRetention,
          kmsKeyId: key.arn,
          skipDestroy: true,
          tags,
        }),
    );

    this.instance = new DbInstance(this, "Instance", {
      identifier,
      engine,
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass ?? "db.m7g.large",
      allocatedStorage: props.allocatedStorage ?? 100,
      maxAllocatedStorage: props.maxAllocatedStorage,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: key.arn,
      dbName: props.databaseName,
      port,
      username: user,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: key.arn,
      multiAz: props.singleAzException === undefined,
      publiclyAccessible: false,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      parameterGroupName: this.parameterGroup.name,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: logs,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      backupRetentionPeriod: retention,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: key.arn,
      performanceInsightsRetentionPeriod: 7,
      tags,
      dependsOn: this.logGroups,
    });
  }
}
