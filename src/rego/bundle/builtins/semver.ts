// semver.is_valid and semver.compare (SemVer 2.0.0).

import { builtinFail, type Impl, str } from "./common.js";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function semverCompare(a: unknown, b: unknown): number {
  const sa = str(a, 1);
  const sb = str(b, 2);
  const ma = SEMVER.exec(sa);
  // OPA formats the operand as a Rego string, quoted: string "1.0" is not a valid SemVer
  if (!ma) throw builtinFail(`operand 1: string ${JSON.stringify(sa)} is not a valid SemVer`);
  const mb = SEMVER.exec(sb);
  if (!mb) throw builtinFail(`operand 2: string ${JSON.stringify(sb)} is not a valid SemVer`);
  for (let i = 1; i <= 3; i++) {
    const x = BigInt(ma[i]);
    const y = BigInt(mb[i]);
    if (x !== y) return x < y ? -1 : 1;
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === undefined || pb === undefined) return pa === pb ? 0 : pa === undefined ? 1 : -1;
  const xa = pa.split(".");
  const xb = pb.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    if (i >= xa.length) return -1;
    if (i >= xb.length) return 1;
    const na = /^\d+$/.test(xa[i]);
    const nb = /^\d+$/.test(xb[i]);
    if (na && nb) {
      const d = BigInt(xa[i]) - BigInt(xb[i]);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (na !== nb) return na ? -1 : 1;
    else if (xa[i] !== xb[i]) return xa[i] < xb[i] ? -1 : 1;
  }
  return 0;
}

export const semverBuiltins: Record<string, Impl> = {
  "semver.is_valid": (v) => typeof v === "string" && SEMVER.test(v),
  "semver.compare": semverCompare,
};
