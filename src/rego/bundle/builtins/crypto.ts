// crypto.md5/sha1/sha256 and crypto.hmac.* (hex digests of UTF-8 text), crypto.hmac.equal.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { type Impl, str } from "./common.js";

const digest = (alg: string) => (v: unknown) => createHash(alg).update(str(v, 1), "utf8").digest("hex");
const hmac = (alg: string) => (v: unknown, k: unknown) => createHmac(alg, Buffer.from(str(k, 2), "utf8")).update(str(v, 1), "utf8").digest("hex");

export const cryptoBuiltins: Record<string, Impl> = {
  "crypto.md5": digest("md5"),
  "crypto.sha1": digest("sha1"),
  "crypto.sha256": digest("sha256"),
  "crypto.hmac.md5": hmac("md5"),
  "crypto.hmac.sha1": hmac("sha1"),
  "crypto.hmac.sha256": hmac("sha256"),
  "crypto.hmac.sha512": hmac("sha512"),
  "crypto.hmac.equal": (a, b) => {
    const x = Buffer.from(str(a, 1), "utf8");
    const y = Buffer.from(str(b, 2), "utf8");
    return x.length === y.length && timingSafeEqual(x, y);
  },
};
