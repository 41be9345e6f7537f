// io.jwt.verify_eddsa, net.cidr_overlap (net.cidr_contains's deprecated name), and the yaml
// builtins the SDK also has (yaml.is_valid, yaml.marshal: sanso serves its own, as OPA's).
import { generateKeyPairSync, sign } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const ed = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const pem = (k: typeof ed) => k.publicKey.export({ type: "spki", format: "pem" }).toString();
function eddsaToken(payload: object): string {
  const data = `${b64url(JSON.stringify({ alg: "EdDSA", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}`;
  return `${data}.${b64url(sign(null, Buffer.from(data), ed.privateKey))}`;
}

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({
    eddsa: "io.jwt.verify_eddsa(input.t, input.k)",
    overlap: "net.cidr_overlap(input.c, input.ip)",
    yaml_valid: "yaml.is_valid(input.s)",
    yaml_out: "yaml.marshal(input.v)",
  }));
}, 120_000);

describe("io.jwt.verify_eddsa", () => {
  it("verifies with the Ed25519 key (PEM or JWK), not with another", () => {
    const t = eddsaToken({ sub: "x" });
    expect(e.value("eddsa", { t, k: pem(ed) })).toBe(true);
    expect(e.value("eddsa", { t, k: JSON.stringify(ed.publicKey.export({ format: "jwk" })) })).toBe(true);
    expect(e.value("eddsa", { t, k: pem(other) })).toBe(false);
    expect(e.value("eddsa", { t: t.slice(0, -4) + "AAAA", k: pem(ed) })).toBe(false);
  });
  it("a malformed token is an error in strict mode", () => {
    expect(strict.error("eddsa", { t: "nope", k: pem(ed) })).toMatch(/^eval_builtin_error: io\.jwt\.verify_eddsa: /);
    expect(e.value("eddsa", { t: "nope", k: pem(ed) })).toBeUndefined();
  });
});

describe("net.cidr_overlap", () => {
  it("is net.cidr_contains under its deprecated name", () => {
    expect(e.value("overlap", { c: "10.0.0.0/8", ip: "10.1.2.3" })).toBe(true);
    expect(e.value("overlap", { c: "10.0.0.0/8", ip: "11.1.2.3" })).toBe(false);
    expect(strict.error("overlap", { c: "nope", ip: "10.1.2.3" })).toBe("eval_builtin_error: net.cidr_overlap: invalid CIDR address: nope");
  });
});

describe("yaml.is_valid and yaml.marshal", () => {
  it("is_valid: false for malformed YAML and for a non-string", () => {
    expect(e.value("yaml_valid", { s: "a: [1, 2]" })).toBe(true);
    expect(e.value("yaml_valid", { s: "a: [1, 2" })).toBe(false);
    expect(e.value("yaml_valid", { s: 5 })).toBe(false);
  });
  it("marshal: block style, sequences in mappings not indented (Go's yaml.v2)", () => {
    expect(e.value("yaml_out", { v: { a: [1, 2], b: { c: "x" } } })).toBe("a:\n- 1\n- 2\nb:\n  c: x\n");
  });
});
