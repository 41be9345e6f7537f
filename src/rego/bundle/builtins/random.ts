// rand.intn and uuid.rfc4122: random, but the same for the same arguments within one evaluation.

import { randomUUID } from "node:crypto";
import { type Impl, int, str } from "./common.js";

const randCache = new Map<string, number>();
const uuidCache = new Map<string, string>();

/** Clears per-evaluation state (rand.intn and uuid.rfc4122 results). */
export function resetRandomState(): void {
  randCache.clear();
  uuidCache.clear();
}

function randIntn(s: unknown, n: unknown): number {
  const key = str(s, 1);
  let m = int(n, 2);
  if (m === 0) return 0;
  if (m < 0) m = -m;
  const k = `${key}-${m}`;
  const cached = randCache.get(k);
  if (cached !== undefined) return cached;
  const r = Math.floor(Math.random() * m);
  randCache.set(k, r);
  return r;
}

export const randomBuiltins: Record<string, Impl> = {
  "uuid.rfc4122": (k) => {
    const key = str(k, 1);
    let u = uuidCache.get(key);
    if (!u) uuidCache.set(key, (u = randomUUID()));
    return u;
  },
  "rand.intn": randIntn,
};
