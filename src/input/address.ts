/**
 * Terraform address helpers. Addresses look like `aws_s3_bucket.b`, `aws_s3_bucket.b[0]`,
 * `module.m["k"].module.n.data.aws_iam_policy_document.p`; instance keys may be quoted strings
 * containing dots or brackets.
 */

export interface AddressPart {
  name: string;
  /** Instance key as written (`0`, `"k"`), or null. */
  key: string | null;
}

/** Splits an address into dot-separated parts with their instance keys. */
export function parseAddress(addr: string): AddressPart[] {
  const parts: AddressPart[] = [];
  let i = 0;
  const n = addr.length;
  while (i < n) {
    let j = i;
    while (j < n && addr[j] !== "." && addr[j] !== "[") j++;
    const name = addr.slice(i, j);
    let key: string | null = null;
    if (addr[j] === "[") {
      const start = j + 1;
      let k = start;
      if (addr[k] === '"') {
        k++;
        while (k < n && addr[k] !== '"') k += addr[k] === "\\" ? 2 : 1;
        k++; // closing quote
      }
      while (k < n && addr[k] !== "]") k++;
      key = addr.slice(start, k);
      j = k + 1;
    }
    parts.push({ name, key });
    i = addr[j] === "." ? j + 1 : j;
    if (j >= n) break;
  }
  return parts;
}

export interface SplitAddress {
  /** Module instance address (`module.a[0].module.b`) or null at the root. */
  module: string | null;
  /** Module path without instance keys (`module.a.module.b`), `""` at the root. */
  modulePath: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  /** Instance key of the resource, as written, or null. */
  key: string | null;
  /** Resource part without its instance key: `aws_x.y` or `data.aws_x.y`. */
  rel: string;
}

export function splitAddress(addr: string): SplitAddress {
  const parts = parseAddress(addr);
  let i = 0;
  const mod: string[] = [];
  const modPath: string[] = [];
  while (i + 1 < parts.length && parts[i]!.name === "module" && parts.length - i > 2) {
    const p = parts[i + 1]!;
    mod.push(`module.${p.name}${p.key !== null ? `[${p.key}]` : ""}`);
    modPath.push(`module.${p.name}`);
    i += 2;
  }
  let mode: "managed" | "data" = "managed";
  if (parts[i]?.name === "data" && parts.length - i >= 3) {
    mode = "data";
    i++;
  }
  const type = parts[i]?.name ?? "";
  const last = parts[i + 1];
  const name = last?.name ?? "";
  const key = last?.key ?? null;
  return {
    module: mod.length ? mod.join(".") : null,
    modulePath: modPath.join("."),
    mode,
    type,
    name,
    key,
    rel: `${mode === "data" ? "data." : ""}${type}.${name}`,
  };
}

/** Removes every instance key: `module.a[0].aws_b.c["k"]` -> `module.a.aws_b.c`. */
export function stripKeys(addr: string): string {
  return parseAddress(addr)
    .map((p) => p.name)
    .join(".");
}

/** Parent module instance of a module instance address (`module.a[0].module.b` -> `module.a[0]`). */
export function parentModule(mi: string): { parent: string | null; call: string; key: string | null } {
  const parts = parseAddress(mi);
  const last = parts[parts.length - 1]!;
  const parentParts = parts.slice(0, -2);
  const parent = parentParts.length
    ? parentParts
        .map((p) => `${p.name}${p.key !== null ? `[${p.key}]` : ""}`)
        .join(".")
    : null;
  return { parent, call: last.name, key: last.key };
}
