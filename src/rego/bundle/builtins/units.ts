// units.parse_bytes.

import { builtinFail, type Impl, str } from "./common.js";

const BYTE_UNITS: Record<string, bigint> = {
  "": 1n, kb: 1000n, k: 1000n, kib: 1024n, ki: 1024n, mb: 1000n ** 2n, m: 1000n ** 2n, mib: 1024n ** 2n, mi: 1024n ** 2n,
  gb: 1000n ** 3n, g: 1000n ** 3n, gib: 1024n ** 3n, gi: 1024n ** 3n, tb: 1000n ** 4n, t: 1000n ** 4n, tib: 1024n ** 4n,
  ti: 1024n ** 4n, pb: 1000n ** 5n, p: 1000n ** 5n, pib: 1024n ** 5n, pi: 1024n ** 5n, eb: 1000n ** 6n, e: 1000n ** 6n,
  eib: 1024n ** 6n, ei: 1024n ** 6n,
};

/** units.parse_bytes: "10KB", "1.5GiB" ... to a number of bytes (truncated). */
function parseBytes(v: unknown): number {
  const s = str(v, 1).toLowerCase().replace(/"/g, "");
  if (s.includes(" ")) throw builtinFail("spaces not allowed in resource strings");
  const i = s.search(/[^0-9.]/);
  const num = i < 0 ? s : s.slice(0, i);
  const unit = i < 0 ? "" : s.slice(i);
  if (num === "") throw builtinFail("no byte amount provided");
  const mult = BYTE_UNITS[unit];
  if (mult === undefined) throw builtinFail(`byte unit ${unit} not recognized`);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) throw builtinFail("could not parse byte amount to a number");
  const [ip, fp = ""] = num.split(".");
  const scale = 10n ** BigInt(fp.length);
  return Number((BigInt((ip || "0") + fp) * mult) / scale);
}

export const unitsBuiltins: Record<string, Impl> = {
  "units.parse_bytes": parseBytes,
};
