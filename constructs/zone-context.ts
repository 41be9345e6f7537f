import { IConstruct } from "constructs";
import type { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import type { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import type { RouteTable } from "@cdktf/provider-aws/lib/route-table/index.js";
import type { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint/index.js";
import {
  assertClassification,
  assertExceptionId,
  assertOwner,
  Classification,
  exceptionTag,
  ExceptionId,
  SansoConstructError,
  TAG,
  ZoneName,
} from "./core.js";
import type { ZoneKey } from "./zone-key.js";
import type { LogArchive } from "./log-archive.js";

/** What the building blocks need to know about the zone they are created in. */
export interface IZone extends IConstruct {
  /** `mynumber`, `lgwan` or `internet`. */
  readonly zoneName: ZoneName;
  /** Responsible section for the zone's own data stores (logs). */
  readonly owner: string;
  /** The zone's customer-managed key. */
  readonly key: ZoneKey;
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
  readonly logArchive: LogArchive;
  /** Premises prefixes reachable over the zone's dedicated line (empty without one). */
  readonly premisesPrefixes: readonly string[];
  /** Registers premises prefixes reached through a dedicated line (used for NACL rules). */
  addPremisesPrefixes(prefixes: readonly string[]): void;
}

/** Marker set on zone constructs. */
export const ZONE_MARKER = Symbol.for("sanso.zone");

/** The zone that contains `scope` (nearest enclosing), if any. */
export function findZone(scope: IConstruct): IZone | undefined {
  for (const s of [...scope.node.scopes].reverse()) {
    if ((s as unknown as Record<symbol, unknown>)[ZONE_MARKER]) return s as unknown as IZone;
  }
  return undefined;
}

/** The zone that contains `scope`, or a clear error naming the construct. */
export function requireZone(scope: IConstruct, what: string): IZone {
  const zone = findZone(scope);
  if (!zone) {
    throw new SansoConstructError(
      scope,
      `${what} must be created inside a zone (MyNumberZone, LgwanZone or InternetZone): pass the zone as scope`,
    );
  }
  return zone;
}

/** Properties every data-store construct takes (第17条, 第18条). */
export interface DataStoreProps {
  /** 重要性分類 (第17条): I, II, III or IV. Class I is accepted only inside a MyNumberZone (第22条第2項). */
  readonly classification: Classification;
  /** Responsible section (第18条第1項), e.g. "市民課". Becomes the `sanso:owner` tag. */
  readonly owner: string;
}

/**
 * Validates classification and owner of a data store created in `scope` and returns its tags.
 * Class I outside a MyNumberZone throws (第22条第2項).
 */
export function dataStoreTags(
  scope: IConstruct,
  props: DataStoreProps,
  exceptions: (ExceptionId | undefined)[] = [],
): Record<string, string> {
  assertClassification(scope, props.classification);
  assertOwner(scope, props.owner);
  const zone = findZone(scope);
  if (props.classification === "I" && zone?.zoneName !== "mynumber") {
    throw new SansoConstructError(
      scope,
      `classification I (特定個人情報) may only be stored inside a MyNumberZone (第22条第2項); ` +
        `this data store is ${zone ? `in the ${zone.zoneName} zone` : "outside any zone"}`,
    );
  }
  for (const e of exceptions) if (e !== undefined) assertExceptionId(scope, e, "exception");
  return {
    [TAG.classification]: props.classification,
    [TAG.owner]: props.owner,
    ...exceptionTag(exceptions),
  };
}
