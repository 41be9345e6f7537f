// uuid.parse (google/uuid's Parse and the fields OPA decodes). uuid.rfc4122 is in random.ts.

import { type Impl, str } from "./common.js";

/** The 16 bytes of a UUID in one of google/uuid's four text forms; undefined if invalid. */
function uuidBytes(s: string): number[] | undefined {
  let t = s;
  if (t.length === 45 && t.slice(0, 9).toLowerCase() === "urn:uuid:") t = t.slice(9);
  else if (t.length === 38 && t[0] === "{" && t[37] === "}") t = t.slice(1, 37);
  if (t.length === 36) {
    if (t[8] !== "-" || t[13] !== "-" || t[18] !== "-" || t[23] !== "-") return undefined;
    t = t.slice(0, 8) + t.slice(9, 13) + t.slice(14, 18) + t.slice(19, 23) + t.slice(24);
  } else if (t.length !== 32) return undefined;
  if (!/^[0-9a-fA-F]{32}$/.test(t)) return undefined;
  return Array.from({ length: 16 }, (_, i) => parseInt(t.slice(2 * i, 2 * i + 2), 16));
}

function variant(b8: number): string {
  if ((b8 & 0xc0) === 0x80) return "RFC4122";
  if ((b8 & 0xe0) === 0xc0) return "Microsoft";
  if ((b8 & 0xe0) === 0xe0) return "Future";
  return "Reserved";
}

function macVariables(b: number): string {
  if ((b & 3) === 3) return "local:multicast";
  if ((b & 1) === 1) return "global:multicast";
  if ((b & 2) === 2) return "local:unicast";
  return "global:unicast";
}

const GREGORIAN_TO_UNIX_100NS = 122192928000000000n;

function uuidParse(v: unknown): Record<string, unknown> | undefined {
  const b = uuidBytes(str(v, 1));
  if (!b) return undefined; // OPA: undefined, not an error
  const version = b[6] >> 4;
  const out: Record<string, unknown> = { version, variant: variant(b[8]) };
  if (version === 1 || version === 2) {
    const be = (i: number, n: number) => b.slice(i, i + n).reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
    const t = be(0, 4) | (be(4, 2) << 32n) | ((be(6, 2) & 0xfffn) << 48n);
    const d = t - GREGORIAN_TO_UNIX_100NS;
    out.time = Number((d / 10000000n) * 1000000000n + (d % 10000000n) * 100n);
    out.nodeid = b.slice(10).map((x) => x.toString(16).padStart(2, "0")).join("-");
    out.macvariables = macVariables(b[10]);
    out.clocksequence = ((b[8] << 8) | b[9]) & 0x3fff;
    if (version === 2) {
      out.id = Number(be(0, 4));
      out.domain = b[9] === 0 ? "Person" : b[9] === 1 ? "Group" : b[9] === 2 ? "Org" : `Domain${b[9]}`;
    }
  }
  return out;
}

export const uuidBuiltins: Record<string, Impl> = {
  "uuid.parse": uuidParse,
};
