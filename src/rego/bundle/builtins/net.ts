// net.cidr_* (Go's net and net/netip parsing).

import { builtinFail, type Impl, str } from "./common.js";

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

export const netBuiltins: Record<string, Impl> = {
  "net.cidr_contains": cidrContains,
  "net.cidr_intersects": cidrIntersects,
  "net.cidr_is_valid": (s) => typeof s === "string" && parseCIDR(s) !== undefined,
};
