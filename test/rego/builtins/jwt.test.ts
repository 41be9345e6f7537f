// io.jwt.decode and io.jwt.verify_*: tokens signed here with Node's crypto, checked through Rego.
import { createHmac, createSign, generateKeyPairSync, sign, constants, type KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRules, type Evaluator } from "./helpers.js";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const part = (o: object) => b64url(JSON.stringify(o));

function hs(alg: string, secret: string, payload: object, header: object = {}): string {
  const data = `${part({ alg, typ: "JWT", ...header })}.${part(payload)}`;
  const h = { HS256: "sha256", HS384: "sha384", HS512: "sha512" }[alg]!;
  return `${data}.${b64url(createHmac(h, secret).update(data).digest())}`;
}

function asym(alg: string, key: KeyObject, payload: object, header: object = {}): string {
  const data = `${part({ alg, typ: "JWT", ...header })}.${part(payload)}`;
  const hash = `sha${alg.slice(2)}`;
  let sig: Buffer;
  if (alg.startsWith("RS")) sig = createSign(hash).update(data).sign(key);
  else if (alg.startsWith("PS")) sig = sign(hash, Buffer.from(data), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  else sig = sign(hash, Buffer.from(data), { key, dsaEncoding: "ieee-p1363" });
  return `${data}.${b64url(sig)}`;
}

const rsaKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherRsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ecKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
const rsaPem = rsaKeys.publicKey.export({ type: "spki", format: "pem" }).toString();
const ecPem = ecKeys.publicKey.export({ type: "spki", format: "pem" }).toString();
const rsaJwk = { ...rsaKeys.publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256" };
const otherJwk = { ...otherRsa.publicKey.export({ format: "jwk" }), kid: "k2", alg: "RS256" };

const claims = { sub: "alice", admin: true, exp: 2000000000 };

const body = `
decoded := io.jwt.decode(input.token)
hs256 := io.jwt.verify_hs256(input.token, input.key)
hs512 := io.jwt.verify_hs512(input.token, input.key)
rs256 := io.jwt.verify_rs256(input.token, input.key)
ps256 := io.jwt.verify_ps256(input.token, input.key)
es256 := io.jwt.verify_es256(input.token, input.key)
verified := io.jwt.decode_verify(input.token, input.constraints)
signed := io.jwt.encode_sign(input.header, input.payload, input.jwk)
signedRaw := io.jwt.encode_sign_raw(input.header, input.payload, input.jwk)
`;
const RULES = ["decoded", "hs256", "hs512", "rs256", "ps256", "es256", "verified", "signed", "signedRaw"];

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  e = await compileRules(body, RULES);
  strict = await compileRules(body, RULES, { strict: true });
});

describe("io.jwt.decode", () => {
  it("returns the header, the payload and the signature in hex", () => {
    const token = hs("HS256", "s3cret", claims);
    const [header, payload, sig] = e.value("decoded", { token }) as [object, object, string];
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toEqual(claims);
    expect(sig).toBe(Buffer.from(token.split(".")[2], "base64url").toString("hex"));
  });

  it("decodes a nested token (cty JWT)", () => {
    const inner = hs("HS256", "x", { sub: "bob" });
    const outer = `${part({ alg: "HS256", cty: "JWT" })}.${b64url(JSON.stringify(inner))}.${b64url("sig")}`;
    expect((e.value("decoded", { token: outer }) as unknown[])[1]).toEqual({ sub: "bob" });
  });

  it("fails on malformed tokens", () => {
    expect(e.value("decoded", { token: "nodots" })).toBeUndefined();
    expect(strict.error("decoded", { token: "nodots" })).toBe("eval_builtin_error: io.jwt.decode: encoded JWT had no period separators");
    expect(strict.error("decoded", { token: "a.b" })).toBe("eval_builtin_error: io.jwt.decode: encoded JWT must have 3 sections, found 2");
    expect(strict.error("decoded", { token: `${b64url("[1]")}.${part({})}.` })).toBe("eval_builtin_error: io.jwt.decode: bad JWT header: decoded JSON type was not an Object");
    expect(strict.error("decoded", { token: `${part({ alg: "x", enc: "A128GCM" })}.${part({})}.` })).toBe("eval_builtin_error: io.jwt.decode: JWT is a JWE object, which is not supported");
  });
});

describe("io.jwt.verify_hs*", () => {
  it("checks the HMAC with the secret", () => {
    expect(e.value("hs256", { token: hs("HS256", "s3cret", claims), key: "s3cret" })).toBe(true);
    expect(e.value("hs256", { token: hs("HS256", "s3cret", claims), key: "wrong" })).toBe(false);
    expect(e.value("hs512", { token: hs("HS512", "s3cret", claims), key: "s3cret" })).toBe(true);
    expect(e.value("hs512", { token: hs("HS256", "s3cret", claims), key: "s3cret" })).toBe(false);
  });
});

describe("io.jwt.verify_rs/ps/es*", () => {
  it("verifies with a PEM public key", () => {
    expect(e.value("rs256", { token: asym("RS256", rsaKeys.privateKey, claims), key: rsaPem })).toBe(true);
    expect(e.value("rs256", { token: asym("RS256", otherRsa.privateKey, claims), key: rsaPem })).toBe(false);
    expect(e.value("ps256", { token: asym("PS256", rsaKeys.privateKey, claims), key: rsaPem })).toBe(true);
    expect(e.value("es256", { token: asym("ES256", ecKeys.privateKey, claims), key: ecPem })).toBe(true);
    expect(e.value("es256", { token: asym("ES256", ecKeys.privateKey, claims), key: rsaPem })).toBe(false);
  });

  it("verifies with a JWK set, picking the key by kid", () => {
    const jwks = JSON.stringify({ keys: [otherJwk, rsaJwk] });
    expect(e.value("rs256", { token: asym("RS256", rsaKeys.privateKey, claims, { kid: "k1" }), key: jwks })).toBe(true);
    expect(e.value("rs256", { token: asym("RS256", rsaKeys.privateKey, claims, { kid: "k2" }), key: jwks })).toBe(false);
    expect(e.value("rs256", { token: asym("RS256", rsaKeys.privateKey, claims), key: jwks })).toBe(true);
    expect(e.value("rs256", { token: asym("RS256", rsaKeys.privateKey, claims), key: JSON.stringify(rsaJwk) })).toBe(true);
  });

  it("fails on keys it cannot read", () => {
    const token = asym("RS256", rsaKeys.privateKey, claims);
    expect(e.value("rs256", { token, key: "not a key" })).toBeUndefined();
    expect(strict.error("rs256", { token, key: "not a key" })).toMatch(/^eval_builtin_error: io\.jwt\.verify_rs256: failed to parse a JWK key \(set\)/);
    expect(strict.error("rs256", { token, key: rsaPem + "trailing" })).toBe("eval_builtin_error: io.jwt.verify_rs256: extra data after a PEM certificate block");
    const privatePem = rsaKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(strict.error("rs256", { token, key: privatePem })).toBe("eval_builtin_error: io.jwt.verify_rs256: failed to extract a Key from the PEM certificate");
  });
});

describe("io.jwt.decode_verify", () => {
  const T = 1900000000; // seconds, before exp
  const ns = (sec: number) => sec * 1e9;
  const ok = (token: string, constraints: object) => e.value("verified", { token, constraints }) as unknown[];

  it("verifies the signature and the claims, with a secret or a key", () => {
    const token = hs("HS256", "s3cret", { ...claims, iss: "me", aud: ["api", "web"], nbf: 1800000000 });
    expect(ok(token, { secret: "s3cret", iss: "me", aud: "web", time: ns(T) })).toEqual([true, { alg: "HS256", typ: "JWT" }, { ...claims, iss: "me", aud: ["api", "web"], nbf: 1800000000 }]);
    expect(ok(asym("RS256", rsaKeys.privateKey, claims), { cert: rsaPem, time: ns(T) })).toEqual([true, { alg: "RS256", typ: "JWT" }, claims]);
    expect(ok(asym("ES256", ecKeys.privateKey, claims, { kid: "e" }), { cert: ecPem, alg: "ES256", time: ns(T) })[0]).toBe(true);
  });

  it("is [false, {}, {}] when the signature, the algorithm or a claim does not hold", () => {
    const token = hs("HS256", "s3cret", { ...claims, iss: "me", aud: "api", nbf: 1800000000 });
    const no = [false, {}, {}];
    expect(ok(token, { secret: "wrong", aud: "api", time: ns(T) })).toEqual(no);
    expect(ok(token, { secret: "s3cret", alg: "HS512", aud: "api", time: ns(T) })).toEqual(no);
    expect(ok(token, { secret: "s3cret", iss: "other", aud: "api", time: ns(T) })).toEqual(no);
    expect(ok(token, { secret: "s3cret", time: ns(T) })).toEqual(no); // aud in the token needs the aud constraint
    expect(ok(token, { secret: "s3cret", aud: "api", time: ns(2000000001) })).toEqual(no); // expired
    expect(ok(token, { secret: "s3cret", aud: "api", time: ns(1700000000) })).toEqual(no); // not yet valid
    expect(ok(asym("RS256", otherRsa.privateKey, claims), { cert: rsaPem, time: ns(T) })).toEqual(no);
    expect(ok(asym("RS256", rsaKeys.privateKey, claims), { secret: "x", time: ns(T) })).toEqual(no);
  });

  it("fails on bad constraints", () => {
    const token = hs("HS256", "s3cret", claims);
    expect(strict.error("verified", { token, constraints: { time: ns(T) } })).toBe("eval_builtin_error: io.jwt.decode_verify: no key constraint");
    expect(strict.error("verified", { token, constraints: { secret: "a", cert: rsaPem } })).toBe("eval_builtin_error: io.jwt.decode_verify: duplicate key constraints");
    expect(strict.error("verified", { token, constraints: { secret: "a", colour: "red" } })).toBe("eval_builtin_error: io.jwt.decode_verify: unknown token validation constraint: colour");
  });
});

describe("io.jwt.encode_sign", () => {
  const octJwk = { kty: "oct", k: b64url("s3cret") };
  const rsaPrivJwk = rsaKeys.privateKey.export({ format: "jwk" });
  const ecPrivJwk = ecKeys.privateKey.export({ format: "jwk" });

  it("signs with an HMAC secret (oct JWK), the JSON written as Go writes it", () => {
    const token = e.value("signed", { header: { typ: "JWT", alg: "HS256" }, payload: { sub: "a", x: "<" }, jwk: octJwk }) as string;
    const data = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"a","x":"\\u003c"}')}`;
    expect(token).toBe(`${data}.${b64url(createHmac("sha256", "s3cret").update(data).digest())}`);
    expect(e.value("hs256", { token, key: "s3cret" })).toBe(true);
  });

  it("signs with RSA and EC private JWKs (verified by the verify builtins)", () => {
    const rs = e.value("signed", { header: { alg: "RS256" }, payload: claims, jwk: rsaPrivJwk }) as string;
    expect(e.value("rs256", { token: rs, key: rsaPem })).toBe(true);
    const ps = e.value("signed", { header: { alg: "PS256" }, payload: claims, jwk: rsaPrivJwk }) as string;
    expect(e.value("ps256", { token: ps, key: rsaPem })).toBe(true);
    const es = e.value("signed", { header: { alg: "ES256" }, payload: claims, jwk: ecPrivJwk }) as string;
    expect(e.value("es256", { token: es, key: ecPem })).toBe(true);
  });

  it("encode_sign_raw takes the texts as they are, and checks the payload of a JWT", () => {
    const raw = e.value("signedRaw", { header: '{"alg":"HS256"}', payload: '{"a": 1}', jwk: JSON.stringify(octJwk) }) as string;
    expect(raw.split(".").slice(0, 2)).toEqual([b64url('{"alg":"HS256"}'), b64url('{"a": 1}')]);
    expect(strict.error("signedRaw", { header: '{"alg":"HS256"}', payload: "not json", jwk: JSON.stringify(octJwk) })).toBe("eval_builtin_error: io.jwt.encode_sign_raw: type is JWT but payload is not JSON");
    expect(e.value("signedRaw", { header: '{"alg":"HS256","typ":"text"}', payload: "not json", jwk: JSON.stringify(octJwk) })).toMatch(/\./);
    expect(strict.error("signed", { header: { alg: "XX1" }, payload: {}, jwk: octJwk })).toBe("eval_builtin_error: io.jwt.encode_sign: unknown JWS algorithm: XX1");
  });
  it("encode_sign_raw's header errors in OPA's words", () => {
    const err = (header: string) => strict.error("signedRaw", { header, payload: '{"a": 1}', jwk: JSON.stringify(octJwk) });
    expect(err("")).toBe("eval_builtin_error: io.jwt.encode_sign_raw: missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
    expect(err("e")).toBe("eval_builtin_error: io.jwt.encode_sign_raw: missing or invalid 'alg' header: cannot parse JSON: invalid character 'e' looking for beginning of value");
    expect(err('{"typ:"JWT", "alg":"HS256"}')).toMatch(/^eval_builtin_error: io\.jwt\.encode_sign_raw: missing or invalid 'alg' header: cannot parse JSON: invalid character 'J'/);
    expect(err("{}")).toBe("eval_builtin_error: io.jwt.encode_sign_raw: unsupported signature algorithm");
  });
});
