// crypto.x509.* and crypto.parse_private_keys: Go's crypto/x509 structures as OPA returns them,
// chain verification (first certificate the root, last the leaf), errors as OPA's. The test PKI
// is described in fixtures/x509/README.md.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const pem = (f: string) => readFileSync(new URL(`./fixtures/x509/${f}`, import.meta.url), "utf8");
const ROOT = pem("root.pem");
const INTER = pem("inter.pem");
const LEAF = pem("leaf.pem");
const CLIENT = pem("client.pem");
const CHAIN = ROOT + INTER + LEAF;

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({
    certs: "crypto.x509.parse_certificates(input.s)",
    leaf: "crypto.x509.parse_certificates(input.s)[0]",
    serial_exact: "crypto.x509.parse_certificates(input.s)[0].SerialNumber == 39614081257132168796771975167",
    verify: "crypto.x509.parse_and_verify_certificates(input.s)",
    verify_names: "[c.Subject.CommonName | some c in crypto.x509.parse_and_verify_certificates(input.s)[1]]",
    verify_opts: "crypto.x509.parse_and_verify_certificates_with_options(input.s, input.o)[0]",
    verify_opts_uris: "object.get(crypto.x509.parse_and_verify_certificates_with_options(input.s, input.o)[1][0], \"URIStrings\", \"absent\")",
    csr: "crypto.x509.parse_certificate_request(input.s)",
    rsa: "crypto.x509.parse_rsa_private_key(input.s)",
    pair: "crypto.x509.parse_keypair(input.c, input.k)",
    keys: "crypto.parse_private_keys(input.s)",
  }));
}, 120_000);

describe("crypto.x509.parse_certificates", () => {
  it("gives Go's certificate fields", () => {
    const c = e.value("leaf", { s: LEAF }) as Record<string, any>;
    expect(c.Version).toBe(3);
    expect(c.SignatureAlgorithm).toBe(10); // ECDSAWithSHA256: signed by the P-256 intermediate
    expect(c.PublicKeyAlgorithm).toBe(1); // RSA
    expect(c.PublicKey.E).toBe(65537);
    expect(c.Subject).toEqual({
      Country: ["NL"], Organization: ["Sanso Test"], OrganizationalUnit: null, Locality: ["Den Haag"], Province: ["Zuid-Holland"],
      StreetAddress: null, PostalCode: null, SerialNumber: "", CommonName: "www.example.test",
      Names: [
        { Type: [2, 5, 4, 6], Value: "NL" }, { Type: [2, 5, 4, 8], Value: "Zuid-Holland" }, { Type: [2, 5, 4, 7], Value: "Den Haag" },
        { Type: [2, 5, 4, 10], Value: "Sanso Test" }, { Type: [2, 5, 4, 3], Value: "www.example.test" },
      ],
      ExtraNames: null,
    });
    expect(c.Issuer.CommonName).toBe("Sanso Test Intermediate");
    expect(c.NotAfter).toMatch(/^2122-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(c.KeyUsage).toBe(1 | 4); // digitalSignature | keyEncipherment
    expect(c.ExtKeyUsage).toEqual([1, 2]);
    expect(c.UnknownExtKeyUsage).toBeNull();
    expect([c.BasicConstraintsValid, c.IsCA, c.MaxPathLen, c.MaxPathLenZero]).toEqual([true, false, -1, false]);
    expect(c.DNSNames).toEqual(["www.example.test", "example.test"]);
    expect(c.IPAddresses).toEqual(["192.0.2.7", "2001:db8::1"]);
    expect(c.EmailAddresses).toEqual(["ops@example.test"]);
    expect(c.URIStrings).toEqual(["spiffe://example.test/web"]);
    expect(c.URIs[0]).toMatchObject({ Scheme: "spiffe", Host: "example.test", Path: "/web" });
    expect(c.CRLDistributionPoints).toEqual(["http://crl.example.test/ca.crl"]);
    expect(c.OCSPServer).toEqual(["http://ocsp.example.test"]);
    expect(c.IssuingCertificateURL).toEqual(["http://ca.example.test/ca.crt"]);
    expect(c.PolicyIdentifiers).toEqual([[2, 23, 140, 1, 2, 1]]);
    expect(c.Extensions.find((x: any) => x.Id.join(".") === "2.5.29.15")).toEqual({ Id: [2, 5, 29, 15], Critical: true, Value: "AwIFoA==" });
    expect(Buffer.from(c.Raw, "base64").toString("base64")).toBe(LEAF.replace(/-----[^-]+-----|\s/g, ""));
  });

  it("keeps every digit of a serial number beyond 2^53", () => {
    expect(e.value("serial_exact", { s: LEAF })).toBe(true);
  });

  it("reads PEM, base64 of PEM and base64 of DER, several certificates in order", () => {
    const der = Buffer.concat([ROOT, INTER].map((p) => Buffer.from(p.replace(/-----[^-]+-----|\s/g, ""), "base64"))).toString("base64");
    for (const s of [ROOT + INTER, Buffer.from(ROOT + INTER).toString("base64"), der]) {
      const cs = e.value("certs", { s }) as any[];
      expect(cs.map((c) => c.Subject.CommonName)).toEqual(["Sanso Test Root", "Sanso Test Intermediate"]);
    }
    const root = (e.value("certs", { s: ROOT }) as any[])[0];
    expect([root.IsCA, root.KeyUsage, root.MaxPathLen]).toEqual([true, 32 | 64, -1]);
    expect((e.value("certs", { s: INTER }) as any[])[0]).toMatchObject({ IsCA: true, MaxPathLen: 0, MaxPathLenZero: true, PublicKeyAlgorithm: 3 });
  });

  it("bad input: base64 error, wrong PEM type; undefined unless strict", () => {
    expect(strict.error("certs", { s: "not base64!" })).toBe("eval_builtin_error: crypto.x509.parse_certificates: illegal base64 data at input byte 3");
    expect(e.value("certs", { s: "not base64!" })).toBeUndefined();
    expect(strict.error("certs", { s: pem("leaf.key") })).toBe("eval_builtin_error: crypto.x509.parse_certificates: PEM block type is 'RSA PRIVATE KEY', expected CERTIFICATE");
    expect(strict.error("certs", { s: 5 })).toBe("eval_type_error: crypto.x509.parse_certificates: operand 1 must be string but got number");
  });
});

describe("crypto.x509.parse_and_verify_certificates", () => {
  it("a complete chain: true and the chain from leaf to root", () => {
    expect((e.value("verify", { s: CHAIN }) as any[])[0]).toBe(true);
    expect(e.value("verify_names", { s: CHAIN })).toEqual(["www.example.test", "Sanso Test Intermediate", "Sanso Test Root"]);
  });
  it("a missing intermediate, a single certificate or garbage: [false, []]", () => {
    expect(e.value("verify", { s: ROOT + LEAF })).toEqual([false, []]);
    expect(e.value("verify", { s: LEAF })).toEqual([false, []]);
    expect(e.value("verify", { s: "garbage" })).toEqual([false, []]);
    expect(strict.value("verify", { s: "garbage" })).toEqual([false, []]);
  });
  it("extended key usage: server authentication unless options say otherwise", () => {
    expect(e.value("verify", { s: ROOT + INTER + CLIENT })).toEqual([false, []]);
    expect(e.value("verify_opts", { s: ROOT + INTER + CLIENT, o: { KeyUsages: ["KeyUsageClientAuth"] } })).toBe(true);
    expect(e.value("verify_opts", { s: ROOT + INTER + CLIENT, o: { KeyUsages: ["KeyUsageAny"] } })).toBe(true);
  });
  it("options: DNS name, current time; no URIStrings in this variant", () => {
    expect(e.value("verify_opts", { s: CHAIN, o: { DNSName: "example.test" } })).toBe(true);
    expect(e.value("verify_opts", { s: CHAIN, o: { DNSName: "other.test" } })).toBe(false);
    expect(e.value("verify_opts", { s: CHAIN, o: { CurrentTime: Date.UTC(2300, 0, 1) * 1e6 } })).toBe(false);
    expect(e.value("verify_opts", { s: CHAIN, o: {} })).toBe(true);
    expect(e.value("verify_opts_uris", { s: CHAIN, o: {} })).toBe("absent");
  });
  it("bad options are errors (OPA's texts)", () => {
    expect(strict.error("verify_opts", { s: CHAIN, o: { Nope: 1 } })).toBe("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: invalid key option");
    expect(strict.error("verify_opts", { s: CHAIN, o: { DNSName: 1 } })).toBe("eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: 'DNSName' should be a string");
    expect(strict.error("verify_opts", { s: CHAIN, o: { KeyUsages: ["KeyUsageNope"] } })).toBe(
      "eval_builtin_error: crypto.x509.parse_and_verify_certificates_with_options: invalid entries for 'KeyUsages' found: [KeyUsageNope]",
    );
    expect(e.value("verify_opts", { s: CHAIN, o: { Nope: 1 } })).toBeUndefined();
  });
});

describe("crypto.x509.parse_certificate_request", () => {
  it("gives Go's CertificateRequest fields", () => {
    const r = e.value("csr", { s: pem("leaf.csr") }) as Record<string, any>;
    expect(r.Version).toBe(0);
    expect(r.Subject.CommonName).toBe("www.example.test");
    expect(r.PublicKeyAlgorithm).toBe(1);
    expect(r.SignatureAlgorithm).toBe(4); // SHA256WithRSA
    expect(r.DNSNames).toEqual(["www.example.test"]);
    expect(r.IPAddresses).toEqual(["192.0.2.7"]);
    expect(r.EmailAddresses).toEqual(["ops@example.test"]);
    expect(r.Extensions.map((x: any) => x.Id.join("."))).toEqual(["2.5.29.17"]);
    expect(e.value("csr", { s: Buffer.from(pem("leaf.csr")).toString("base64") })).toEqual(r);
  });
  it("another PEM type is OPA's error", () => {
    expect(strict.error("csr", { s: Buffer.from(LEAF).toString("base64") })).toBe("eval_builtin_error: crypto.x509.parse_certificate_request: invalid PEM-encoded certificate signing request");
  });
});

describe("private keys", () => {
  it("parse_rsa_private_key gives the JWK", () => {
    const k = e.value("rsa", { s: pem("leaf.key") }) as Record<string, string>;
    expect(Object.keys(k).sort()).toEqual(["d", "dp", "dq", "e", "kty", "n", "p", "q", "qi"]);
    expect([k.kty, k.e]).toEqual(["RSA", "AQAB"]);
    expect(strict.error("rsa", { s: "" })).toBe("eval_builtin_error: crypto.x509.parse_rsa_private_key: input PEM data was empty");
  });
  it("parse_keypair: the certificate, Go's key and the leaf; a key of another certificate is an error", () => {
    const p = e.value("pair", { c: LEAF, k: pem("leaf.key") }) as Record<string, any>;
    expect(p.Certificate).toEqual([LEAF.replace(/-----[^-]+-----|\s/g, "")]);
    expect(Object.keys(p.PrivateKey).sort()).toEqual(["D", "E", "N", "Precomputed", "Primes"]);
    expect(p.Leaf.Subject.CommonName).toBe("www.example.test");
    expect(strict.error("pair", { c: LEAF, k: pem("inter.key") })).toBe("eval_builtin_error: crypto.x509.parse_keypair: tls: private key does not match public key");
  });
  it("parse_private_keys: every PKCS #1, PKCS #8 and SEC 1 block; null for empty input", () => {
    const ks = e.value("keys", { s: pem("leaf.key") + pem("inter.key") + pem("inter.ec.key") }) as any[];
    expect(ks.map((k) => Object.keys(k).sort().join(","))).toEqual(["D,E,N,Precomputed,Primes", "Curve,D,X,Y", "Curve,D,X,Y"]);
    expect(ks[1]).toEqual(ks[2]);
    expect(e.value("keys", { s: "" })).toBeNull();
    expect(e.value("keys", { s: LEAF })).toEqual([]);
  });
});
