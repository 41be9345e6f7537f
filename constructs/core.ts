/**
 * Shared vocabulary of the sanso constructs: zones, classifications, platforms, tag keys, and
 * the validation helpers every construct uses.
 *
 * @packageDocumentation
 */
import { createHash } from "node:crypto";
import { Construct, IConstruct } from "constructs";
import { IAspect, TerraformResource, Token } from "cdktf";
// The defaults the policies judge by (policies/lib/config.rego reads the same file): what the
// constructs accept is what the rules pass.
import POLICY_DEFAULTS from "../policies/sanso/defaults/data.json" with { type: "json" };
import { CLASSIFICATIONS, TAG, type Classification, type Platform, type Zone } from "../src/vocabulary.js";

/** Tag keys written by the constructs and read by the policies (src/vocabulary.ts). */
export { TAG };

/** Zones of the three-layer model (三層の対策). */
export type ZoneName = Zone;

/** 重要性分類 (第17条). I: 特定個人情報, II: 個人情報・非公開情報, III: 非公開, IV: 公開. */
export type { Classification };

/**
 * `gcas`: a Government Cloud (ガバメントクラウド) account. The Digital Agency owns GuardDuty,
 * Security Hub, AWS Config and the organisation trail; IAM users are not used.
 * `standalone`: an account the municipality runs itself; the constructs create those services.
 */
export type { Platform };

/** 第73条第1項: production and development are separated. */
export type Environment = "production" | "development";

/** A region the policy allows (第99条); the list is `ALLOWED_REGIONS`. */
export type AllowedRegion = "ap-northeast-1" | "ap-northeast-3";
/** Regions the policy allows by default (第99条), from the policies' defaults. */
export const ALLOWED_REGIONS: readonly AllowedRegion[] = POLICY_DEFAULTS.allowed_regions as AllowedRegion[];

/**
 * Id of an approved exception (例外措置, 第93条), as registered in the exceptions file that
 * `sanso check` reads. The construct records it on the resource as tag `sanso:exception`.
 */
export type ExceptionId = string;

/** Default database master user names that 第65条 forbids (compared case-insensitively). */
export const DEFAULT_MASTER_USERNAMES: readonly string[] = POLICY_DEFAULTS.default_db_usernames;

/** TLS policies allowed on listeners (TLS 1.2 or later only, 第29条第6項, 第57条). */
export const ALLOWED_SSL_POLICIES: readonly string[] = POLICY_DEFAULTS.allowed_tls_policies;

/** Shortest retention of logs, in days (第47条). */
export const MIN_LOG_RETENTION_DAYS: number = POLICY_DEFAULTS.log_retention_days;

/** Longest session of a privileged role, in seconds (第70条). */
export const MAX_PRIVILEGED_SESSION_SECONDS: number = POLICY_DEFAULTS.max_privileged_session_seconds;

/** Shortest deletion window of a KMS key, in days (第29条第6項). */
export const MIN_KMS_DELETION_WINDOW_DAYS: number = POLICY_DEFAULTS.min_kms_deletion_window_days;

const CLASSES: readonly Classification[] = CLASSIFICATIONS;

/** Error thrown when props would break a rule the constructs guarantee. */
export class SansoConstructError extends Error {
  constructor(construct: IConstruct | undefined, message: string) {
    super(construct ? `${construct.node.path}: ${message}` : message);
    this.name = "SansoConstructError";
  }
}

/** Throws unless `value` is one of the four classes. */
export function assertClassification(scope: IConstruct, value: unknown): asserts value is Classification {
  if (!CLASSES.includes(value as Classification)) {
    throw new SansoConstructError(
      scope,
      `classification must be one of I, II, III, IV (第17条), got ${JSON.stringify(value)}`,
    );
  }
}

/** Throws unless `owner` names a responsible section (第18条第1項). */
export function assertOwner(scope: IConstruct, owner: unknown): asserts owner is string {
  if (typeof owner !== "string" || owner.trim() === "") {
    throw new SansoConstructError(scope, "owner (the responsible section, 第18条第1項) is required");
  }
  if (!/^[\p{L}\p{N}\s_.:/=+\-@]{1,256}$/u.test(owner)) {
    throw new SansoConstructError(
      scope,
      `owner ${JSON.stringify(owner)} contains characters that an AWS tag value cannot hold`,
    );
  }
}

/** Throws unless `id` looks like an exception id (letters, digits, `._:-`). */
export function assertExceptionId(scope: IConstruct, id: unknown, what: string): asserts id is ExceptionId {
  if (typeof id !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._:-]{2,63}$/.test(id)) {
    throw new SansoConstructError(
      scope,
      `${what} needs the id of an approved exception (例外措置, 第93条), e.g. "EXC-2025-001"; got ${JSON.stringify(id)}`,
    );
  }
}

/** Joins exception ids into the `sanso:exception` tag value (or undefined when there are none). */
export function exceptionTag(ids: (ExceptionId | undefined)[]): Record<string, string> {
  const list = [...new Set(ids.filter((x): x is string => typeof x === "string"))];
  return list.length ? { [TAG.exception]: list.join(" ") } : {};
}

/**
 * A name for a physical resource, derived from the construct path: lower-case letters, digits
 * and hyphens, at most `maxLength` characters, with a short hash of the full path so that two
 * constructs never collide.
 */
export function physicalName(c: IConstruct, maxLength = 63, separator = "-"): string {
  const parts = c.node.scopes
    .slice(1)
    .map((s) => s.node.id)
    .filter((id) => id !== "Default" && id !== "Resource");
  const hash = createHash("sha256").update(c.node.path).digest("hex").slice(0, 8);
  const base = parts
    .join(separator)
    .replace(/([a-z0-9])([A-Z])/g, `$1${separator}$2`)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, "g"), "");
  const room = maxLength - hash.length - 1;
  const trimmed = base.length > room ? base.slice(0, room).replace(new RegExp(`${separator}+$`), "") : base;
  return `${trimmed}${separator}${hash}`;
}

/** Parses an IPv4 CIDR block. */
export function parseCidr(cidr: string): { base: number; prefix: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) throw new Error(`not an IPv4 CIDR block: ${cidr}`);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) throw new Error(`not an IPv4 CIDR block: ${cidr}`);
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix };
}

/** The `index`-th sub-block of `cidr` with prefix length `newPrefix`. */
export function subCidr(cidr: string, newPrefix: number, index: number): string {
  const { base, prefix } = parseCidr(cidr);
  if (newPrefix < prefix || newPrefix > 28) throw new Error(`cannot carve /${newPrefix} out of ${cidr}`);
  const count = 2 ** (newPrefix - prefix);
  if (index >= count) throw new Error(`${cidr} has only ${count} /${newPrefix} blocks`);
  const start = base + index * 2 ** (32 - newPrefix);
  const octets = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256);
  return `${octets.join(".")}/${newPrefix}`;
}

/** True when `cidr` is 0.0.0.0/0 or ::/0 or otherwise covers the whole internet. */
export function isAnywhere(cidr: string): boolean {
  return cidr === "0.0.0.0/0" || cidr === "::/0" || /\/0$/.test(cidr);
}

/** Whether a Terraform resource has a `tags` argument the construct can set. */
function isTaggable(node: IConstruct): node is TerraformResource & {
  tags: Record<string, string>;
  tagsInput?: Record<string, string>;
} {
  return TerraformResource.isTerraformResource(node) && "tagsInput" in node && "tags" in node;
}

/**
 * Aspect that merges `tags` into every taggable resource below the scope it is added to.
 * The given tags win over tags set by the resource itself: a zone cannot be relabelled.
 */
export class ForceTags implements IAspect {
  constructor(private readonly tags: Record<string, string>) {}
  visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    const current = node.tagsInput;
    if (current !== undefined && Token.isUnresolved(current)) return;
    node.tags = { ...(current ?? {}), ...this.tags };
  }
}

/** Merges tags into one taggable resource now (used for data-store tags). */
export function addTags(resource: Construct, tags: Record<string, string>): void {
  if (!isTaggable(resource)) throw new Error(`${resource.node.path} cannot carry tags`);
  resource.tags = { ...(resource.tagsInput ?? {}), ...tags };
}
