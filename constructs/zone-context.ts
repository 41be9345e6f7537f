import { IConstruct } from "constructs";
import {
  assertClassification,
  assertExceptionId,
  assertOwner,
  Classification,
  exceptionTag,
  ExceptionId,
  SansoConstructError,
  TAG,
} from "./core.js";
import type { IZone } from "./interfaces.js";

export type { IZone };

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
