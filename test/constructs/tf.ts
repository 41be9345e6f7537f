/**
 * Helpers for tests: parse synthesized Terraform JSON and follow references between resources.
 */
import { IConstruct } from "constructs";
import { TerraformResource, TerraformStack, Testing } from "cdktf";

/** One resource of a synthesized configuration. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly values: Record<string, any>;
}

/** A parsed configuration with lookups. */
export class Tf {
  readonly resources: TfResource[] = [];
  readonly byAddress = new Map<string, TfResource>();
  readonly raw: any;

  constructor(json: string | object) {
    this.raw = typeof json === "string" ? JSON.parse(json) : json;
    for (const [type, group] of Object.entries<Record<string, any>>(this.raw.resource ?? {})) {
      for (const [name, values] of Object.entries(group)) {
        const r = { type, name, address: `${type}.${name}`, values };
        this.resources.push(r);
        this.byAddress.set(r.address, r);
      }
    }
  }

  /** Synthesizes a stack (aspects included) and parses it. */
  static synth(stack: TerraformStack): Tf {
    return new Tf(Testing.synth(stack));
  }

  /** Resources of a type. */
  ofType(type: string): TfResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Resource addresses referenced anywhere in `r`'s values (`${aws_x.name...}`). */
  refs(r: TfResource): string[] {
    return refsIn(r.values);
  }

  /** Resources of `type` that reference `target`. */
  referencing(target: TfResource, type?: string): TfResource[] {
    return this.resources.filter((r) => (!type || r.type === type) && this.refs(r).includes(target.address));
  }

  /**
   * The zone of a resource: its own `sanso:zone` tag, else inherited from the resources it
   * references, else (for global resources without tags, like a Direct Connect gateway) from
   * the resources that reference it.
   */
  zoneOf(r: TfResource, seen = new Set<string>()): string | undefined {
    const own = r.values.tags?.["sanso:zone"];
    if (own) return own;
    seen.add(r.address);
    for (const a of this.refs(r)) {
      if (seen.has(a)) continue;
      const t = this.byAddress.get(a);
      if (!t) continue;
      const z = this.zoneOf(t, seen);
      if (z) return z;
    }
    for (const t of this.referencing(r)) {
      const z = t.values.tags?.["sanso:zone"];
      if (z) return z;
    }
    return undefined;
  }
}

/** Addresses referenced in a value. */
export function refsIn(value: unknown): string[] {
  const text = JSON.stringify(value);
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g)) {
    if (!m[1]) out.add(`${m[2]}.${m[3]}`);
  }
  return [...out];
}

/** Whether `value` references `address`. */
export function references(value: unknown, address: string): boolean {
  return refsIn(value).includes(address);
}

/** Terraform resources below a construct. */
export function resourcesUnder(scope: IConstruct): TerraformResource[] {
  return scope.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
}

/** Parses a policy JSON string. */
export function policy(text: string): { Statement: any[] } {
  return JSON.parse(text);
}
