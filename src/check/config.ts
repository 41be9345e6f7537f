/**
 * `sanso.config.yaml`: the municipality's settings. The policy settings are passed to the
 * policies as data at `data.sanso.config` (the policies have defaults for every key); `fail_on`
 * and `default_zone` are read by sanso check itself.
 *
 * ```yaml
 * platform: gcas                 # gcas | standalone
 * log_retention_days: 365
 * allowed_regions: [ap-northeast-1, ap-northeast-3]
 * allowed_tls_policies: [ELBSecurityPolicy-TLS13-1-2-2021-06]
 * max_port_range: 100
 * # also: allowed_cloudfront_protocols, allowed_kms_key_specs, default_db_usernames, owner_tag_keys,
 * # environment_tag_keys (lists); min_kms_deletion_window_days, max_privileged_session_seconds
 * fail_on: medium                # critical | high | medium | low
 * default_zone: lgwan            # mynumber | lgwan | internet (Japanese labels accepted)
 * policies: [city-rules]         # local rules added to the built-in ones (relative to this file)
 * account_baseline:              # CloudTrail, GuardDuty, Security Hub, Config come from elsewhere
 *   provided_by: "共通基盤アカウント (infra-baseline)"   # a stack of the run, or a reference (printed in every report)
 *   components: [trail, guardduty, securityhub, config]  # default: all four
 * ```
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseZone } from "../input/index.js";
import type { Zone } from "../input/index.js";
import { SEVERITIES, type Severity } from "../report/types.js";
import { CheckError } from "./errors.js";
import { describeValue, readYamlFile } from "./yaml.js";

export const DEFAULT_CONFIG_FILE = "sanso.config.yaml";

/** What the policies receive at `data.sanso.config` (only the keys the file sets). */
export interface PolicyConfig {
  platform?: "gcas" | "standalone";
  log_retention_days?: number;
  allowed_regions?: string[];
  allowed_tls_policies?: string[];
  max_port_range?: number;
  /** Keys sanso does not know are passed through to the policies as written. */
  [key: string]: unknown;
}

export interface SansoConfig {
  /** The file read, or null when there was none. */
  file: string | null;
  policy: PolicyConfig;
  failOn?: Severity;
  defaultZone?: Zone;
  /** Keys sanso does not know (passed through; the CLI warns about them). */
  unknownKeys: string[];
  /** `policies`: directories of local rules (resolved against the file's folder), as `--policies`. */
  policies?: string[];
  /** `account_baseline`: the account baseline (ART45, ART90) is provided by this stack or reference. */
  accountBaseline?: { provided_by: string; components: Array<"trail" | "guardduty" | "securityhub" | "config"> };
}

/** Lists of names the policies read (policies/lib/config.rego). */
const LIST_KEYS = [
  "allowed_regions",
  "allowed_tls_policies",
  "allowed_cloudfront_protocols",
  "allowed_kms_key_specs",
  "default_db_usernames",
  "owner_tag_keys",
  "environment_tag_keys",
] as const;
/** Whole numbers the policies read. */
const NUMBER_KEYS = ["log_retention_days", "max_port_range", "min_kms_deletion_window_days", "max_privileged_session_seconds"] as const;
const POLICY_KEYS = ["platform", ...LIST_KEYS, ...NUMBER_KEYS] as const;
const UNITS: Record<string, string> = {
  log_retention_days: "days",
  max_port_range: "ports",
  min_kms_deletion_window_days: "days",
  max_privileged_session_seconds: "seconds",
};
const OWN_KEYS = ["fail_on", "default_zone", "account_baseline", "policies"] as const;
const BASELINE_COMPONENTS = ["trail", "guardduty", "securityhub", "config"] as const;

export function parseSeverity(v: unknown): Severity | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : undefined;
}

/**
 * Reads the configuration: `path` when given (it must exist), else `sanso.config.yaml` in `cwd`
 * when present, else an empty configuration (the policies' defaults).
 */
export function loadConfig(path: string | undefined, cwd = process.cwd()): SansoConfig {
  let file: string | null = path ?? null;
  if (!file) {
    const def = join(cwd, DEFAULT_CONFIG_FILE);
    if (!existsSync(def)) return { file: null, policy: {}, unknownKeys: [] };
    file = def;
  }
  return parseConfig(readYamlFile(file, "configuration file"), file);
}

/** Validates a parsed configuration document. */
export function parseConfig(doc: unknown, file: string): SansoConfig {
  const bad = (problem: string): never => {
    throw new CheckError(file, `malformed configuration: ${problem}`);
  };
  if (doc === null || doc === undefined) return { file, policy: {}, unknownKeys: [] };
  if (typeof doc !== "object" || Array.isArray(doc) || doc instanceof Date) bad(`expected a mapping of settings, found ${describeValue(doc)}`);
  const d = doc as Record<string, unknown>;
  const policy: PolicyConfig = {};
  const out: SansoConfig = { file, policy, unknownKeys: [] };

  for (const [k, v] of Object.entries(d)) {
    if (v === null || v === undefined) continue; // an empty key means "use the default"
    switch (k) {
      case "platform": {
        const p = typeof v === "string" ? v.trim().toLowerCase() : undefined;
        if (p !== "gcas" && p !== "standalone") bad(`platform must be gcas or standalone, found ${describeValue(v)}`);
        policy.platform = p as "gcas" | "standalone";
        break;
      }
      case "log_retention_days":
      case "max_port_range":
      case "min_kms_deletion_window_days":
      case "max_privileged_session_seconds": {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0) bad(`${k} must be a whole number of ${UNITS[k]} (0 or more), found ${describeValue(v)}`);
        policy[k] = v as number;
        break;
      }
      case "allowed_regions":
      case "allowed_tls_policies":
      case "allowed_cloudfront_protocols":
      case "allowed_kms_key_specs":
      case "default_db_usernames":
      case "owner_tag_keys":
      case "environment_tag_keys": {
        const list = typeof v === "string" ? [v] : v;
        if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === "string" && x.trim() !== "")) {
          bad(`${k} must be a non-empty list of names, found ${describeValue(v)}`);
        }
        policy[k] = (list as string[]).map((x) => x.trim());
        break;
      }
      case "fail_on": {
        const s = parseSeverity(v);
        if (!s) bad(`fail_on must be one of ${SEVERITIES.join(", ")}, found ${describeValue(v)}`);
        out.failOn = s;
        break;
      }
      case "default_zone": {
        const z = parseZone(v);
        if (!z) bad(`default_zone must be mynumber, lgwan or internet (or a Japanese zone label), found ${describeValue(v)}`);
        out.defaultZone = z;
        policy.default_zone = z;
        break;
      }
      case "policies": {
        // not policy data: directories of rules, read by sanso check and SansoChecks
        const list = typeof v === "string" ? [v] : v;
        if (!Array.isArray(list) || !list.every((x) => typeof x === "string" && x.trim() !== "")) bad(`policies must be a list of directories (local rules), found ${describeValue(v)}`);
        out.policies = (list as string[]).map((x) => resolve(file ? dirname(file) : process.cwd(), x.trim()));
        break;
      }
      case "account_baseline": {
        // a reference (string), or { provided_by, components? }
        const o = typeof v === "string" ? { provided_by: v } : v;
        if (typeof o !== "object" || Array.isArray(o) || o instanceof Date) bad(`account_baseline must be a reference (text) or a mapping with provided_by, found ${describeValue(v)}`);
        const m = o as Record<string, unknown>;
        for (const key of Object.keys(m)) if (key !== "provided_by" && key !== "components") bad(`account_baseline: unknown key ${key} (provided_by, components)`);
        if (typeof m.provided_by !== "string" || m.provided_by.trim() === "") bad(`account_baseline.provided_by must name the stack or the baseline that provides CloudTrail, GuardDuty, Security Hub and AWS Config, found ${describeValue(m.provided_by)}`);
        let comps: string[] = [...BASELINE_COMPONENTS];
        if (m.components !== undefined && m.components !== null) {
          const list = typeof m.components === "string" ? [m.components] : m.components;
          if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === "string" && (BASELINE_COMPONENTS as readonly string[]).includes(x.trim().toLowerCase()))) {
            bad(`account_baseline.components must be a non-empty list of ${BASELINE_COMPONENTS.join(", ")}, found ${describeValue(m.components)}`);
          }
          comps = [...new Set((list as string[]).map((x) => x.trim().toLowerCase()))];
        }
        out.accountBaseline = { provided_by: (m.provided_by as string).trim(), components: comps as Array<(typeof BASELINE_COMPONENTS)[number]> };
        break;
      }
      default:
        if (v instanceof Date) bad(`${k}: dates must be quoted strings`);
        policy[k] = v;
        out.unknownKeys.push(k);
    }
  }
  return out;
}

export const KNOWN_CONFIG_KEYS: readonly string[] = [...POLICY_KEYS, ...OWN_KEYS];
