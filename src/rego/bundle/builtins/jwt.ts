// io.jwt.decode and the signature checks io.jwt.verify_{hs,rs,ps,es}{256,384,512} (JWS compact
// serialization; keys as a PEM certificate, a PEM public key, a JWK or a JWK set), with OPA's
// rules: a bad token or key is an error, a signature that does not verify is false.

import { createHmac, createPrivateKey, createPublicKey, constants, type KeyObject, sign, timingSafeEqual, verify, X509Certificate } from "node:crypto";
import { builtinFail, type Impl, isObject, str, typeFail } from "./common.js";
import { goMarshal } from "./json.js";
import { base64UrlBytes, utf8 } from "./encoding.js";

interface Token {
  header: string;
  payload: string;
  signature: string;
}

function splitToken(v: unknown): Token {
  const s = str(v, 1);
  if (!s.includes(".")) throw builtinFail("encoded JWT had no period separators");
  const parts = s.split(".");
  if (parts.length !== 3) throw builtinFail(`encoded JWT must have 3 sections, found ${parts.length}`);
  return { header: parts[0], payload: parts[1], signature: parts[2] };
}

function jsonObject(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw builtinFail(`invalid JSON: ${(e as Error).message}`);
  }
  if (!isObject(v)) throw builtinFail("decoded JSON type was not an Object");
  return v;
}

const reason = (e: unknown) => (e && typeof e === "object" && "detail" in e ? String((e as { detail: string }).detail) : String(e));

function decodeHeader(t: Token): Record<string, unknown> {
  let text: string;
  try {
    text = utf8(base64UrlBytes(t.header));
  } catch (e) {
    throw builtinFail(`JWT header had invalid encoding: ${reason(e)}`);
  }
  let header: Record<string, unknown>;
  try {
    header = jsonObject(text);
  } catch (e) {
    throw builtinFail(`bad JWT header: ${reason(e)}`);
  }
  if ("enc" in header) throw builtinFail("JWT is a JWE object, which is not supported");
  return header;
}

/** io.jwt.decode: [header, payload, signature as hex]; a nested token (cty JWT) is decoded in turn. */
function jwtDecode(v: unknown): unknown[] {
  const t = splitToken(v);
  const header = decodeHeader(t);
  let payloadText: string;
  try {
    payloadText = utf8(base64UrlBytes(t.payload));
  } catch (e) {
    throw builtinFail(`JWT payload had invalid encoding: ${reason(e)}`);
  }
  if (header.cty === "JWT") return jwtDecode(payloadText.replace(/^["']+|["']+$/g, ""));
  const payload = jsonObject(payloadText);
  let sig: Uint8Array;
  try {
    sig = base64UrlBytes(t.signature);
  } catch (e) {
    throw builtinFail(`JWT signature had invalid encoding: ${reason(e)}`);
  }
  return [header, payload, Buffer.from(sig).toString("hex")];
}

// ---------------------------------------------------------------- verification

const HASH: Record<string, string> = { "256": "sha256", "384": "sha384", "512": "sha512" };
const TOKEN_ALGS = new Set(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]);

function verifyHS(bits: string) {
  return (jwt: unknown, secret: unknown): boolean => {
    str(jwt, 1);
    const key = str(secret, 2);
    const t = splitToken(jwt);
    const mac = createHmac(HASH[bits], Buffer.from(key, "utf8")).update(`${t.header}.${t.payload}`, "utf8").digest();
    const sig = Buffer.from(base64UrlBytes(t.signature));
    return sig.length === mac.length && timingSafeEqual(sig, mac);
  };
}

interface VerificationKey {
  key: KeyObject;
  alg: string;
  kid: string;
}

/** The keys of a PEM certificate or public key, or of a JWK (set). */
function verificationKeys(text: string): VerificationKey[] {
  // Go's pem.Decode: the first block anywhere in the text; anything after it is an error
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n[\s\S]*?-----END \1-----[^\n]*\n?/.exec(text);
  if (pem) {
    if (text.slice(pem.index + pem[0].length).length > 0) throw builtinFail("extra data after a PEM certificate block");
    if (pem[1] === "CERTIFICATE") {
      try {
        return [{ key: new X509Certificate(pem[0]).publicKey, alg: "", kid: "" }];
      } catch (e) {
        throw builtinFail(`failed to parse a PEM certificate: ${(e as Error).message}`);
      }
    }
    if (pem[1] === "PUBLIC KEY") {
      try {
        return [{ key: createPublicKey(pem[0]), alg: "", kid: "" }];
      } catch (e) {
        throw builtinFail(`failed to parse a PEM public key: ${(e as Error).message}`);
      }
    }
    throw builtinFail("failed to extract a Key from the PEM certificate");
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw builtinFail(`failed to parse a JWK key (set): ${(e as Error).message}`);
  }
  const jwks = isObject(doc) && Array.isArray(doc.keys) ? doc.keys : [doc];
  const out: VerificationKey[] = [];
  for (const k of jwks) {
    if (!isObject(k)) throw builtinFail("failed to parse a JWK key (set): invalid key");
    const alg = typeof k.alg === "string" ? k.alg : "";
    if (alg && !TOKEN_ALGS.has(alg)) continue;
    let key: KeyObject;
    try {
      key = createPublicKey({ key: k as import("node:crypto").JsonWebKey, format: "jwk" });
    } catch (e) {
      throw builtinFail(`failed to parse a JWK key (set): ${(e as Error).message}`);
    }
    out.push({ key, alg, kid: typeof k.kid === "string" ? k.kid : "" });
  }
  return out;
}

type Check = (key: KeyObject, data: Buffer, sig: Buffer) => boolean;

const rsa = (bits: string, pss: boolean): Check => (key, data, sig) =>
  key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss"
    ? verify(HASH[bits], data, pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key, sig)
    : false;

const ecdsa = (bits: string): Check => (key, data, sig) => key.asymmetricKeyType === "ec" && sig.length % 2 === 0 && verify(HASH[bits], data, { key, dsaEncoding: "ieee-p1363" }, sig);

const eddsa: Check = (key, data, sig) => key.asymmetricKeyType === "ed25519" && verify(null, data, key, sig);

function verifyWith(check: Check) {
  return (jwt: unknown, keyText: unknown): boolean => {
    const t = splitToken(jwt);
    const keys = verificationKeys(str(keyText, 2));
    const sig = Buffer.from(base64UrlBytes(t.signature));
    const header = decodeHeader(t);
    const data = Buffer.from(`${t.header}.${t.payload}`, "utf8");
    const attempt = (k: VerificationKey) => {
      try {
        return check(k.key, data, sig);
      } catch {
        return false;
      }
    };
    const kid = typeof header.kid === "string" ? header.kid : "";
    if (kid) {
      const k = keys.find((x) => x.kid === kid);
      if (k) return attempt(k);
    }
    const alg = typeof header.alg === "string" ? header.alg : "";
    return keys.some((k) => (k.alg === "" || k.alg === alg) && attempt(k));
  };
}

// ---------------------------------------------------------------- io.jwt.decode_verify

/** A JWS signature check by algorithm name, with a key object or an HMAC secret; false if it does not verify. */
function verifyAlg(alg: string, key: KeyObject | Buffer, data: Buffer, sig: Buffer): boolean {
  try {
    const kind = alg.slice(0, 2);
    const bits = alg.slice(2);
    if (kind === "HS" && HASH[bits]) {
      if (!Buffer.isBuffer(key)) return false;
      const mac = createHmac(HASH[bits], key).update(data).digest();
      return sig.length === mac.length && timingSafeEqual(sig, mac);
    }
    if (Buffer.isBuffer(key)) return false;
    if ((kind === "RS" || kind === "PS") && HASH[bits]) return rsa(bits, kind === "PS")(key, data, sig);
    if (kind === "ES" && HASH[bits]) return ecdsa(bits)(key, data, sig);
    if (alg === "EdDSA") return key.asymmetricKeyType === "ed25519" && verify(null, data, key, sig);
  } catch {
    return false;
  }
  return false;
}

interface Constraints {
  keys?: VerificationKey[];
  secret: string;
  alg: string;
  iss: string;
  aud: string;
  time: number; // ns
}

function constraintsOf(o: Record<string, unknown>): Constraints {
  const c: Constraints = { secret: "", alg: "", iss: "", aud: "", time: -1 };
  const string = (name: string, v: unknown): string => {
    if (typeof v !== "string") throw builtinFail(`${name} constraint: must be a string`);
    return v;
  };
  for (const k of Object.keys(o).sort()) {
    const v = o[k];
    switch (k) {
      case "cert":
        c.keys = verificationKeys(string("cert", v));
        break;
      case "secret":
      case "alg":
      case "iss":
      case "aud":
        c[k] = string(k, v);
        break;
      case "time":
        if (typeof v !== "number") throw builtinFail("token time constraint: must be a number");
        if (v < 0) throw builtinFail("token time constraint: must not be negative");
        c.time = v;
        break;
      default:
        throw builtinFail(`unknown token validation constraint: ${k}`);
    }
  }
  if (c.time === -1) c.time = Date.now() * 1e6;
  const keys = (c.keys ? 1 : 0) + (c.secret !== "" ? 1 : 0);
  if (keys > 1) throw builtinFail("duplicate key constraints");
  if (keys < 1) throw builtinFail("no key constraint");
  return c;
}

/** The header fields OPA checks: alg, kid, typ, cty strings; crit a non-empty list of strings. */
function headerFields(h: Record<string, unknown>): { alg: string; kid: string; cty: string; valid: boolean } {
  const out = { alg: "", kid: "", typ: "", cty: "" };
  let crit: Set<string> | undefined;
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(h)) {
    if (k === "alg" || k === "kid" || k === "typ" || k === "cty") {
      if (typeof v !== "string") throw builtinFail(`${k}: must be a string`);
      out[k] = v;
    } else if (k === "crit") {
      if (!Array.isArray(v)) throw builtinFail("crit: must be a list");
      crit = new Set(v.filter((x): x is string => typeof x === "string"));
      if (crit.size === 0) throw builtinFail("crit: must be a nonempty list");
    } else unknown.push(k);
  }
  const valid = out.alg !== "" && !unknown.some((u) => crit?.has(u));
  return { alg: out.alg, kid: out.kid, cty: out.cty, valid };
}

/** io.jwt.decode_verify: [true, header, payload] when the signature and the constraints hold, else [false, {}, {}]. */
function decodeVerify(jwt: unknown, constraints: unknown): unknown[] {
  if (!isObject(constraints)) throw typeFail(2, "object", constraints);
  const unverified = [false, {}, {}];
  const c = constraintsOf(constraints);
  let a = jwt;
  let header: Record<string, unknown>;
  let payloadText: string;
  for (;;) {
    const t = splitToken(a);
    header = decodeHeader(t);
    const h = headerFields(header);
    if (!h.valid) return unverified;
    if (c.alg !== "" && c.alg !== h.alg) return unverified;
    const sig = Buffer.from(base64UrlBytes(t.signature));
    const data = Buffer.from(`${t.header}.${t.payload}`, "utf8");
    let ok = false;
    if (c.keys) {
      const byKid = h.kid ? c.keys.find((k) => k.kid === h.kid) : undefined;
      ok = byKid ? verifyAlg(h.alg, byKid.key, data, sig) : c.keys.some((k) => (k.alg === "" || k.alg === h.alg) && verifyAlg(h.alg, k.key, data, sig));
    } else ok = verifyAlg(h.alg, Buffer.from(c.secret, "utf8"), data, sig);
    if (!ok) return unverified;
    try {
      payloadText = utf8(base64UrlBytes(t.payload));
    } catch (e) {
      throw builtinFail(`JWT payload had invalid encoding: ${reason(e)}`);
    }
    if (h.cty.toUpperCase() === "JWT") {
      a = payloadText;
      continue;
    }
    break;
  }
  const payload = jsonObject(payloadText);
  if (c.iss !== "" && payload.iss !== c.iss) return unverified;
  if ("aud" in payload) {
    const aud = payload.aud;
    const ok = typeof aud === "string" ? aud === c.aud : Array.isArray(aud) && aud.some((x) => x === c.aud);
    if (!ok) return unverified;
  } else if (c.aud !== "") return unverified;
  const now = c.time / 1e9;
  if ("exp" in payload) {
    if (typeof payload.exp !== "number") throw builtinFail("exp value must be a number");
    if (now >= payload.exp) return unverified;
  }
  if ("nbf" in payload) {
    if (typeof payload.nbf !== "number") throw builtinFail("nbf value must be a number");
    if (now < payload.nbf) return unverified;
  }
  return [true, header, payload];
}

// ---------------------------------------------------------------- io.jwt.encode_sign(_raw)

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** Signs `header.payload` (both already JSON text) with the first key of a JWK (set). */
function encodeSign(headerText: string, payloadText: string, jwkText: string): string {
  let jwk: unknown;
  try {
    jwk = JSON.parse(jwkText);
  } catch (e) {
    throw builtinFail(`failed to parse a JWK key (set): ${(e as Error).message}`);
  }
  const keys = isObject(jwk) && Array.isArray(jwk.keys) ? jwk.keys : [jwk];
  if (keys.length === 0) throw builtinFail("no keys found in JWK set");
  const k = keys[0];
  if (!isObject(k)) throw builtinFail("failed to parse a JWK key (set): invalid key");
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch (e) {
    throw builtinFail(`missing or invalid 'alg' header: cannot parse JSON: ${goJSONError(headerText, e as Error)}`);
  }
  const alg = isObject(header) ? header.alg : undefined;
  if (isObject(header) && alg === undefined) throw builtinFail("unsupported signature algorithm");
  if (typeof alg !== "string") throw builtinFail("missing or invalid 'alg' header");
  if (!TOKEN_ALGS.has(alg)) throw builtinFail(`unknown JWS algorithm: ${alg}`);
  const typ = isObject(header) ? header.typ : undefined;
  if (typ === undefined || typ === "JWT") {
    try {
      JSON.parse(payloadText);
    } catch {
      throw builtinFail("type is JWT but payload is not JSON");
    }
  }
  const signingInput = `${b64url(headerText)}.${b64url(payloadText)}`;
  const data = Buffer.from(signingInput, "utf8");
  const kind = alg.slice(0, 2);
  const hash = HASH[alg.slice(2)];
  let sig: Buffer;
  try {
    if (kind === "HS") {
      if (k.kty !== "oct" || typeof k.k !== "string") throw new Error("key is not a symmetric (oct) key");
      sig = createHmac(hash, Buffer.from(k.k, "base64url")).update(data).digest();
    } else {
      const key = createPrivateKey({ key: k as import("node:crypto").JsonWebKey, format: "jwk" });
      if (kind === "RS") sig = sign(hash, data, key);
      else if (kind === "PS") sig = sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
      else if (kind === "ES") sig = sign(hash, data, { key, dsaEncoding: "ieee-p1363" });
      else sig = sign(null, data, key); // EdDSA
    }
  } catch (e) {
    throw builtinFail(`failed to sign the JWT: ${(e as Error).message}`);
  }
  return `${signingInput}.${b64url(sig)}`;
}

/** Why `text` is not JSON, in the words of OPA's JWT library ("cannot parse empty string",
 * Go's "invalid character 'x' ..."), from JSON.parse's error. */
function goJSONError(text: string, e: Error): string {
  const start = text.search(/\S/);
  if (start < 0) return "cannot parse empty string";
  const at = /position (\d+)/.exec(e.message);
  const pos = at ? Number(at[1]) : start;
  const c = text[pos];
  if (c === undefined) return "unexpected end of JSON input";
  return `invalid character ${JSON.stringify(c).replace(/^"|"$/g, "'")}${pos === start ? " looking for beginning of value" : ""}`;
}

export const jwtBuiltins: Record<string, Impl> = {
  "io.jwt.encode_sign": (h, p, k) => encodeSign(goMarshal(h), goMarshal(p), goMarshal(k)),
  "io.jwt.encode_sign_raw": (h, p, k) => {
    const key = str(k, 3);
    return encodeSign(str(h, 1), str(p, 2), key);
  },
  "io.jwt.decode_verify": decodeVerify,
  "io.jwt.decode": jwtDecode,
  "io.jwt.verify_hs256": verifyHS("256"),
  "io.jwt.verify_hs384": verifyHS("384"),
  "io.jwt.verify_hs512": verifyHS("512"),
  "io.jwt.verify_rs256": verifyWith(rsa("256", false)),
  "io.jwt.verify_rs384": verifyWith(rsa("384", false)),
  "io.jwt.verify_rs512": verifyWith(rsa("512", false)),
  "io.jwt.verify_ps256": verifyWith(rsa("256", true)),
  "io.jwt.verify_ps384": verifyWith(rsa("384", true)),
  "io.jwt.verify_ps512": verifyWith(rsa("512", true)),
  "io.jwt.verify_es256": verifyWith(ecdsa("256")),
  "io.jwt.verify_es384": verifyWith(ecdsa("384")),
  "io.jwt.verify_es512": verifyWith(ecdsa("512")),
  "io.jwt.verify_eddsa": verifyWith(eddsa),
};
