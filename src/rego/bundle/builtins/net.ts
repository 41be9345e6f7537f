// net.cidr_* (Go's net and net/netip parsing).

import { builtinFail, type Impl, isObject, regoCompare, RegoSet, str } from "./common.js";

/** netip.ParseAddr: 16 bytes and whether the text was an IPv4 address; undefined if invalid. */
export function parseAddr(s: string): { bytes: number[]; is4: boolean; zone: boolean } | undefined {
  if (s.includes(":")) {
    let zone = false;
    const pct = s.indexOf("%");
    if (pct >= 0) {
      if (pct === s.length - 1) return undefined;
      zone = true;
      s = s.slice(0, pct);
    }
    const bytes = parseIPv6(s);
    return bytes && { bytes, is4: false, zone };
  }
  const v4 = parseIPv4(s);
  if (!v4) return undefined;
  return { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], is4: true, zone: false };
}

export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    if (p.length > 1 && p[0] === "0") return undefined; // leading zeros are rejected
    const v = parseInt(p, 10);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

export function parseIPv6(s: string): number[] | undefined {
  const words: number[] = [];
  let ellipsis = -1;
  let rest = s;
  if (rest.startsWith("::")) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === "") return new Array(16).fill(0);
  }
  const groups = rest.split(":");
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (g === "") {
      // "::" in the middle or at the end
      if (ellipsis >= 0) return undefined;
      ellipsis = words.length;
      if (gi === groups.length - 1) {
        // trailing "::" produced an empty last group: "a::" splits as ["a", "", ""]
        break;
      }
      if (groups[gi + 1] === "" && gi + 1 === groups.length - 1) break;
      continue;
    }
    if (gi === groups.length - 1 && g.includes(".")) {
      const v4 = parseIPv4(g);
      if (!v4) return undefined;
      words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    words.push(parseInt(g, 16));
  }
  if (ellipsis < 0) {
    if (words.length !== 8) return undefined;
  } else {
    if (words.length > 7) return undefined;
    words.splice(ellipsis, 0, ...new Array(8 - words.length).fill(0));
  }
  const bytes: number[] = [];
  for (const w of words) bytes.push(w >> 8, w & 0xff);
  return bytes;
}

export interface IPNet {
  ip: number[];
  mask: number[];
}

export const isV4InV6 = (b: number[]) => b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
export const to4 = (b: number[]) => (b.length === 4 ? b : isV4InV6(b) ? b.slice(12) : undefined);

/** net.ParseCIDR: the network (masked IP and mask, Go's lengths). */
export function parseCIDR(s: string): IPNet | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = parseAddr(s.slice(0, slash));
  if (!addr || addr.zone) return undefined;
  const m = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(m)) return undefined;
  const bits = addr.is4 ? 32 : 128;
  const n = parseInt(m, 10);
  if (n > bits) return undefined;
  const mask: number[] = [];
  for (let i = 0; i < bits / 8; i++) {
    const k = Math.max(0, Math.min(8, n - i * 8));
    mask.push((0xff << (8 - k)) & 0xff);
  }
  // IP(addr16).Mask(mask)
  let ip = addr.bytes;
  if (mask.length === 4 && isV4InV6(ip)) ip = ip.slice(12);
  return { ip: ip.map((b, i) => b & mask[i]), mask };
}

export function netContains(n: IPNet, ipIn: number[]): boolean {
  let nn = to4(n.ip) ?? n.ip;
  let m = n.mask;
  if (m.length === 4 && nn.length !== 4) return false;
  if (m.length === 16 && nn.length === 4) m = m.slice(12);
  const ip = to4(ipIn) ?? ipIn;
  if (ip.length !== nn.length) return false;
  for (let i = 0; i < ip.length; i++) if ((nn[i] & m[i]) !== (ip[i] & m[i])) return false;
  return true;
}

export function lastIP(n: IPNet): number[] {
  return n.ip.map((b, i) => b | (~n.mask[i] & 0xff));
}

export function netOperand(v: unknown): IPNet {
  const s = str(v, 1);
  const n = parseCIDR(s);
  if (!n) throw builtinFail(`invalid CIDR address: ${s}`);
  return n;
}

function cidrContains(a: unknown, b: unknown): boolean {
  const na = netOperand(a);
  const bs = str(b, 1);
  const ip = parseAddr(bs);
  if (ip && !ip.zone) return netContains(na, ip.bytes);
  const nb = parseCIDR(bs);
  if (!nb) throw builtinFail(`not a valid textual representation of an IP address or CIDR: ${bs}`);
  return netContains(na, nb.ip) && netContains(na, lastIP(nb));
}

function cidrIntersects(a: unknown, b: unknown): boolean {
  const na = netOperand(a);
  const nb = netOperand(b);
  return netContains(na, nb.ip) || netContains(nb, na.ip);
}

// ---------------------------------------------------------------- cidr_merge, cidr_expand, cidr_contains_matches

const MAPPED = 0xffffn << 32n; // ::ffff:0:0, where IPv4 addresses live in the 128-bit space
const V4_LAST = MAPPED | 0xffffffffn;
const isMapped = (v: bigint) => v >= MAPPED && v <= V4_LAST;
export const bytesToBig = (b: number[]) => b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);

/** Go's net.IP.String() of a 128-bit address (IPv4-mapped addresses print as IPv4). */
export function formatIP(v: bigint, as4: boolean): string {
  if (as4) {
    const x = Number(v & 0xffffffffn);
    return [x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff].join(".");
  }
  if (isMapped(v)) return formatIP(v, true);
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  // the longest run of two or more zero groups (the first of equals) becomes "::"
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(":");
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

interface Block {
  first: bigint; // in the 128-bit space (IPv4 mapped)
  last: bigint;
  text?: string; // the network as Go prints it, for a block that was not merged
}

/** An element of net.cidr_merge's operand: a CIDR, or an IPv4 address with its classful mask. */
function mergeBlock(e: unknown): Block {
  if (typeof e !== "string") throw builtinFail("element must be string");
  const ip = parseAddr(e);
  if (ip && !ip.zone) {
    if (!ip.is4) throw builtinFail("IPv6 invalid: needs prefix length");
    const b0 = ip.bytes[12];
    const prefix = b0 < 0x80 ? 8 : b0 < 0xc0 ? 16 : 24; // Go's IP.DefaultMask
    const v = bytesToBig(ip.bytes);
    const host = (1n << BigInt(32 - prefix)) - 1n;
    return { first: v & ~host, last: v | host, text: `${e}/${prefix}` };
  }
  const n = parseCIDR(e);
  if (!n) throw builtinFail(`invalid CIDR address: ${e}`);
  const is4 = n.mask.length === 4;
  const prefix = n.mask.reduce((acc, b) => acc + (b.toString(2).match(/1/g)?.length ?? 0), 0);
  const bits = is4 ? 32 : 128;
  const base = is4 ? MAPPED | bytesToBig(n.ip) : bytesToBig(n.ip);
  const host = (1n << BigInt(bits - prefix)) - 1n;
  return { first: base, last: base | host, text: `${formatIP(base, is4)}/${prefix}` };
}

/** The fewest CIDRs covering [first, last]. */
function rangeToCIDRs(first: bigint, last: bigint): string[] {
  const as4 = isMapped(first) && isMapped(last);
  const bits = as4 ? 32 : 128;
  const out: string[] = [];
  let cur = first;
  while (cur <= last) {
    let size = 0;
    while (size < bits && (cur & ((1n << BigInt(size + 1)) - 1n)) === 0n && cur + (1n << BigInt(size + 1)) - 1n <= last) size++;
    out.push(`${formatIP(cur, as4)}/${bits - size}`);
    cur += 1n << BigInt(size);
  }
  return out;
}

function sortedUnique(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}

/** net.cidr_merge: OPA sorts the blocks by last then first address and merges adjacent ones. */
function cidrMerge(v: unknown): string[] {
  if (!Array.isArray(v)) throw builtinFail("operand must be an array");
  const blocks = v.map(mergeBlock);
  blocks.sort((a, b) => (a.last !== b.last ? (a.last < b.last ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = blocks.length - 1; i > 0; i--) {
    const cur = blocks[i];
    const prevIP = cur.first === 0n || cur.first === MAPPED ? cur.first : cur.first - 1n;
    if (prevIP <= blocks[i - 1].last) {
      const first = blocks[i - 1].first < cur.first ? blocks[i - 1].first : cur.first;
      blocks[i - 1] = { first, last: cur.last };
      blocks.splice(i, 1);
    }
  }
  const out: string[] = [];
  for (const b of blocks) out.push(...(b.text !== undefined ? [b.text] : rangeToCIDRs(b.first, b.last)));
  return sortedUnique(out);
}

/** Above this many addresses net.cidr_expand fails instead of exhausting memory (OPA has no limit). */
export const CIDR_EXPAND_LIMIT = 1 << 20;

function cidrExpand(v: unknown): string[] {
  const s = str(v, 1);
  const n = parseCIDR(s);
  if (!n) throw builtinFail(`invalid CIDR address: ${s}`);
  const is4 = n.mask.length === 4;
  const prefix = n.mask.reduce((acc, b) => acc + (b.toString(2).match(/1/g)?.length ?? 0), 0);
  const hostBits = (is4 ? 32 : 128) - prefix;
  if (hostBits > 20) throw builtinFail(`${s} has more than ${CIDR_EXPAND_LIMIT} addresses`);
  const base = is4 ? MAPPED | bytesToBig(n.ip) : bytesToBig(n.ip);
  const out: string[] = [];
  for (let i = 0n; i < 1n << BigInt(hostBits); i++) out.push(formatIP(base + i, is4));
  return out.sort();
}

/** The (cidr, key) pairs of a net.cidr_contains_matches operand: a set's members are their own keys. */
function matchOperand(pos: number, v: unknown): Array<[unknown, unknown]> {
  const cidrOf = (e: unknown): unknown => {
    if (typeof e === "string") return e;
    if (Array.isArray(e) && e.length > 0) return e[0]; // its type is checked by cidr_contains
    throw builtinFail(`operand ${pos}: element must be string or non-empty array`);
  };
  if (typeof v === "string") return [[v, v]];
  if (v instanceof RegoSet) return v.map((e) => [cidrOf(e), e]);
  if (Array.isArray(v)) return v.map((e, i) => [cidrOf(e), i]);
  if (isObject(v)) return Object.entries(v).map(([k, e]) => [cidrOf(e), k]);
  return [];
}

function cidrContainsMatches(a: unknown, b: unknown): unknown[] {
  const out: unknown[][] = [];
  const seen = new Set<string>();
  for (const [c1, i1] of matchOperand(1, a)) {
    for (const [c2, i2] of matchOperand(2, b)) {
      str(c1, 1);
      str(c2, 1);
      if (!cidrContains(c1, c2)) continue;
      const key = JSON.stringify([i1, i2]);
      if (!seen.has(key)) {
        seen.add(key);
        out.push([i1, i2]);
      }
    }
  }
  return out.sort(regoCompare);
}

export const netBuiltins: Record<string, Impl> = {
  "net.cidr_merge": cidrMerge,
  "net.cidr_expand": cidrExpand,
  "net.cidr_contains_matches": cidrContainsMatches,
  "net.cidr_contains": cidrContains,
  // the deprecated name of net.cidr_contains (OPA keeps it, deprecated)
  "net.cidr_overlap": cidrContains,
  "net.cidr_intersects": cidrIntersects,
  "net.cidr_is_valid": (s) => typeof s === "string" && parseCIDR(s) !== undefined,
};
