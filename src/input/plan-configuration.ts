/**
 * A plan's `configuration`: module bodies by module path (their calls feed `var.*`), the
 * configuration resource of each address, and the providers with region and default tags.
 */
import { tagMap } from "./assemble.js";
import { accountIds, isObject } from "./cdktf.js";
import type { Json, JsonObject, ProviderInfo } from "./types.js";

export interface ModuleConfig {
  /** Module path without keys: "" for root, `module.a.module.b`. */
  path: string;
  body: JsonObject;
  /** For child modules: the call in the parent module (its `expressions` feed `var.*`). */
  call: JsonObject | null;
  parentPath: string | null;
}

export interface PlanConfiguration {
  modules: Map<string, ModuleConfig>;
  /** Configuration resource by module path + address (`module.a.aws_x.y`). */
  configResources: Map<string, { res: JsonObject; module: ModuleConfig }>;
  providers: Record<string, ProviderInfo>;
  /** The provider config key of a resource (its `provider_config_key`, else its provider's name). */
  providerFor(key: string | null, providerName: string | null): string | null;
}

export function readConfiguration(doc: JsonObject, variables: Record<string, Json>): PlanConfiguration {
  const config = isObject(doc.configuration) ? doc.configuration : null;
  const modules = new Map<string, ModuleConfig>();
  const configResources = new Map<string, { res: JsonObject; module: ModuleConfig }>();
  if (config && isObject(config.root_module)) {
    const stack: ModuleConfig[] = [{ path: "", body: config.root_module, call: null, parentPath: null }];
    while (stack.length) {
      const m = stack.pop()!;
      modules.set(m.path, m);
      if (Array.isArray(m.body.resources)) {
        for (const res of m.body.resources) {
          if (!isObject(res) || typeof res.address !== "string") continue;
          configResources.set(m.path ? `${m.path}.${res.address}` : res.address, { res, module: m });
        }
      }
      if (isObject(m.body.module_calls)) {
        for (const [name, call] of Object.entries(m.body.module_calls)) {
          if (!isObject(call) || !isObject(call.module)) continue;
          const path = m.path ? `${m.path}.module.${name}` : `module.${name}`;
          stack.push({ path, body: call.module, call, parentPath: m.path });
        }
      }
    }
  }

  const providers: Record<string, ProviderInfo> = {};
  if (config && isObject(config.provider_config)) {
    for (const [key, pc] of Object.entries(config.provider_config)) {
      if (!isObject(pc)) continue;
      const ex = isObject(pc.expressions) ? pc.expressions : {};
      providers[key] = {
        name: typeof pc.name === "string" ? pc.name : key.replace(/^.*:/, "").replace(/\..*$/, ""),
        alias: typeof pc.alias === "string" ? pc.alias : null,
        region: constantString(ex.region, variables),
        default_tags: defaultTags(ex.default_tags),
        account_ids: accountIds(isObject(ex.allowed_account_ids) ? ex.allowed_account_ids.constant_value : undefined),
      };
    }
  }
  const providerFor = (key: string | null, providerName: string | null): string | null => {
    if (key !== null) {
      if (key in providers) return key;
      const short = key.replace(/^.*:/, "");
      if (short in providers) return short;
    }
    if (providerName) {
      const n = providerName.replace(/^.*\//, "");
      if (n in providers) return n;
    }
    return null;
  };

  return { modules, configResources, providers, providerFor };
}

function constantString(expr: Json | undefined, variables: Record<string, Json>): string | null {
  if (!isObject(expr)) return null;
  if (typeof expr.constant_value === "string") return expr.constant_value;
  if (Array.isArray(expr.references)) {
    for (const r of expr.references) {
      if (typeof r === "string" && r.startsWith("var.")) {
        const v = variables[r.slice(4)];
        if (typeof v === "string") return v;
      }
    }
  }
  return null;
}

function defaultTags(expr: Json | undefined): Record<string, string> {
  const block = Array.isArray(expr) ? expr[0] : expr;
  if (!isObject(block) || !isObject(block.tags)) return {};
  return tagMap(block.tags.constant_value);
}
