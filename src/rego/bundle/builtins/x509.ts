// crypto.x509.* and crypto.parse_private_keys: certificates, certificate requests and keys, given
// as OPA gives them — Go's crypto/x509 structures marshalled to JSON (field names as Go's:
// "Subject", "NotAfter", "DNSNames", "PublicKey": {"N", "E"} …; byte slices in base64, absent
// slices null, times RFC 3339, big integers with all their digits). Parsed with the DER reader
// of der.ts; signatures, keys and JWKs with node:crypto.
//
// Known differences from OPA (Go):
//  - the name constraints extension is recognised but its Permitted*/Excluded* fields stay null;
//  - an ECDSA key's "Curve" is {} (Go's curve value has no exported fields); DSA keys are not parsed;
//  - chain verification (parse_and_verify_*) checks signatures, issuer names, validity times,
//    CA basic constraints, path lengths, extended key usages and the DNS name; it does not
//    evaluate name constraints or policies, and it does not limit constraint comparisons
//    (MaxConstraintComparisons is accepted and ignored);
//  - errors of malformed input are worded "x509: malformed …", not always Go's exact text.

import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { bigNumber, builtinFail, type Impl, isObject, str, typeFail } from "./common.js";
import { bits, bool, children, content, ctx, type Der, expect, integer, oid, oidText, raw, read, TAG, text, time } from "./der.js";

// ---------------------------------------------------------------- input forms

/** Go's base64.StdEncoding.DecodeString, with its error text. */
function b64(s: string): Buffer {
  const clean = s;
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) throw builtinFail(`illegal base64 data at input byte ${bad}`);
  if (clean.length % 4 !== 0) throw builtinFail(`illegal base64 data at input byte ${clean.length - (clean.length % 4)}`);
  const pad = clean.indexOf("=");
  if (pad >= 0 && pad < clean.length - 2) throw builtinFail(`illegal base64 data at input byte ${pad}`);
  return Buffer.from(clean, "base64");
}

interface PemBlock {
  type: string;
  bytes: Buffer;
}

/** Go's pem.Decode over a whole text: every block, in order (text between blocks is skipped). */
function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([^-\r\n]*)-----\r?\n((?:[A-Za-z0-9+/=\s]|[A-Za-z-]+:[^\n]*\n)*?)-----END \1-----/g;
  for (let m; (m = re.exec(text)); ) {
    const body = m[2].split(/\r?\n/).filter((l) => !/^[A-Za-z-]+:/.test(l)).join("").replace(/\s+/g, "");
    out.push({ type: m[1], bytes: Buffer.from(body, "base64") });
  }
  return out;
}

/** OPA's getX509CertsFromString: PEM, base64 of PEM, or base64 of DER (concatenated). */
function certDers(input: string): Buffer[] {
  let pemText: string | undefined;
  let der: Buffer | undefined;
  if (input.startsWith("-----BEGIN")) pemText = input;
  else {
    const d = b64(input);
    if (d.subarray(0, 10).toString("latin1") === "-----BEGIN") pemText = d.toString("latin1");
    else der = d;
  }
  if (pemText !== undefined) {
    const blocks = pemBlocks(pemText);
    for (const b of blocks) if (b.type !== "CERTIFICATE") throw builtinFail(`PEM block type is '${b.type}', expected CERTIFICATE`);
    der = Buffer.concat(blocks.map((b) => b.bytes));
  }
  const out: Buffer[] = [];
  for (let p = 0; p < der!.length; ) {
    const d = read(der!, p);
    out.push(Buffer.from(raw(d)));
    p = d.end;
  }
  return out;
}

// ---------------------------------------------------------------- Go's structures

const b64s = (b: Buffer | undefined | null) => (b ? Buffer.from(b).toString("base64") : null);
const nonEmpty = <T>(a: T[]) => (a.length ? a : null);

const NAME_FIELDS: Record<string, string> = {
  "2.5.4.6": "Country",
  "2.5.4.10": "Organization",
  "2.5.4.11": "OrganizationalUnit",
  "2.5.4.7": "Locality",
  "2.5.4.8": "Province",
  "2.5.4.9": "StreetAddress",
  "2.5.4.17": "PostalCode",
};

/** pkix.Name from an RDNSequence (FillFromRDNSequence). */
function pkixName(d: Der): Record<string, unknown> {
  const name: Record<string, unknown> = {
    Country: null, Organization: null, OrganizationalUnit: null, Locality: null, Province: null, StreetAddress: null, PostalCode: null,
    SerialNumber: "", CommonName: "", Names: null, ExtraNames: null,
  };
  const names: Array<{ Type: number[]; Value: unknown }> = [];
  for (const rdn of children(expect(d, TAG.SEQUENCE, "name"))) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      const type = oid(expect(t, TAG.OID, "name"));
      const value = v.tag === TAG.OID ? oidText(oid(v)) : text(v);
      names.push({ Type: type, Value: value });
      const key = oidText(type);
      if (key === "2.5.4.3") name.CommonName = value;
      else if (key === "2.5.4.5") name.SerialNumber = value;
      else if (NAME_FIELDS[key]) ((name[NAME_FIELDS[key]] as string[] | null) ?? (name[NAME_FIELDS[key]] = [] as string[]) as string[]).push(String(value));
    }
  }
  if (names.length) name.Names = names;
  return name;
}

const SIG_ALGS: Record<string, number> = {
  "1.2.840.113549.1.1.2": 1, "1.2.840.113549.1.1.4": 2, "1.2.840.113549.1.1.5": 3, "1.3.14.3.2.29": 3,
  "1.2.840.113549.1.1.11": 4, "1.2.840.113549.1.1.12": 5, "1.2.840.113549.1.1.13": 6,
  "1.2.840.10040.4.3": 7, "2.16.840.1.101.3.4.3.2": 8,
  "1.2.840.10045.4.1": 9, "1.2.840.10045.4.3.2": 10, "1.2.840.10045.4.3.3": 11, "1.2.840.10045.4.3.4": 12,
  "1.3.101.112": 16,
};
const PSS_HASH: Record<string, number> = { "2.16.840.1.101.3.4.2.1": 13, "2.16.840.1.101.3.4.2.2": 14, "2.16.840.1.101.3.4.2.3": 15 };

/** x509.SignatureAlgorithm of an AlgorithmIdentifier. */
function signatureAlgorithm(d: Der): number {
  const [a, params] = children(d);
  const id = oidText(oid(a));
  if (id !== "1.2.840.113549.1.1.10") return SIG_ALGS[id] ?? 0;
  // RSASSA-PSS: the hash in [0] of the parameters
  try {
    const hashAlg = children(params).find((p) => p.tag === ctx(0, true));
    const hash = hashAlg ? oidText(oid(children(children(hashAlg)[0])[0])) : "1.3.14.3.2.26";
    return PSS_HASH[hash] ?? 0;
  } catch {
    return 0;
  }
}

const PK_ALGS: Record<string, number> = { "1.2.840.113549.1.1.1": 1, "1.2.840.10040.4.1": 2, "1.2.840.10045.2.1": 3, "1.3.101.112": 4 };

const fromB64url = (s: string) => BigInt("0x" + (Buffer.from(s, "base64url").toString("hex") || "0"));

/** The public key as Go marshals it: RSA {N, E}, ECDSA {Curve, X, Y}, Ed25519 bytes. */
function publicKeyJSON(spki: Buffer, alg: number): unknown {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: spki, format: "der", type: "spki" });
  } catch {
    return null;
  }
  const jwk = key.export({ format: "jwk" });
  if (alg === 1) return { N: bigNumber(fromB64url(jwk.n!)), E: Number(fromB64url(jwk.e!)) };
  if (alg === 3) return { Curve: {}, X: bigNumber(fromB64url(jwk.x!)), Y: bigNumber(fromB64url(jwk.y!)) };
  if (alg === 4) return Buffer.from(jwk.x!, "base64url").toString("base64");
  return null;
}

const EXT_KEY_USAGES: Record<string, number> = {
  "2.5.29.37.0": 0, "1.3.6.1.5.5.7.3.1": 1, "1.3.6.1.5.5.7.3.2": 2, "1.3.6.1.5.5.7.3.3": 3, "1.3.6.1.5.5.7.3.4": 4,
  "1.3.6.1.5.5.7.3.5": 5, "1.3.6.1.5.5.7.3.6": 6, "1.3.6.1.5.5.7.3.7": 7, "1.3.6.1.5.5.7.3.8": 8, "1.3.6.1.5.5.7.3.9": 9,
  "1.3.6.1.4.1.311.10.3.3": 10, "2.16.840.1.113730.4.1": 11, "1.3.6.1.4.1.311.2.1.22": 12, "1.3.6.1.4.1.311.61.1.1": 13,
};

/** Go's url.URL as JSON, from a URI of a certificate. */
function goURL(s: string): Record<string, unknown> {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s)!;
  const hasAuthority = m[2] !== undefined;
  let host = m[2] ?? "";
  let user: unknown = null;
  const at = host.lastIndexOf("@");
  if (at >= 0) {
    const [u, p] = host.slice(0, at).split(":");
    user = p === undefined ? { username: u } : { username: u, password: p };
    host = host.slice(at + 1);
  }
  const opaque = !hasAuthority && m[1] && !m[3].startsWith("/") ? m[3] : "";
  return {
    Scheme: (m[1] ?? "").toLowerCase(), Opaque: opaque, User: user, Host: host, Path: opaque ? "" : m[3], RawPath: "",
    OmitHost: false, ForceQuery: false, RawQuery: m[4] ?? "", Fragment: m[5] ?? "", RawFragment: "",
  };
}

interface SAN {
  DNSNames: string[];
  EmailAddresses: string[];
  IPAddresses: string[];
  URIs: string[];
}

function ipText(b: Buffer): string {
  if (b.length === 4) return [...b].join(".");
  if (b.length === 16) {
    if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return [...b.subarray(12)].join(".");
    const groups = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16));
    // the longest run of two or more zero groups becomes "::"
    let best = -1;
    let bestLen = 1;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== "0") { i++; continue; }
      let j = i;
      while (j < 8 && groups[j] === "0") j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    if (best < 0) return groups.join(":");
    return groups.slice(0, best).join(":") + "::" + groups.slice(best + bestLen).join(":");
  }
  return "?" + b.toString("hex");
}

function generalNames(d: Der, into: SAN): void {
  for (const g of children(d)) {
    const v = content(g);
    if (g.tag === ctx(1, false)) into.EmailAddresses.push(v.toString("latin1"));
    else if (g.tag === ctx(2, false)) into.DNSNames.push(v.toString("latin1"));
    else if (g.tag === ctx(6, false)) into.URIs.push(v.toString("latin1"));
    else if (g.tag === ctx(7, false)) into.IPAddresses.push(ipText(v));
  }
}

const HANDLED = new Set(["2.5.29.15", "2.5.29.19", "2.5.29.17", "2.5.29.30", "2.5.29.31", "2.5.29.35", "2.5.29.37", "2.5.29.14", "2.5.29.32", "1.3.6.1.5.5.7.1.1", "2.5.29.36", "2.5.29.54", "2.5.29.33"]);

/** The fields Go derives from the extensions (certificates and requests alike). */
function extensionFields(exts: Der[]): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const san: SAN = { DNSNames: [], EmailAddresses: [], IPAddresses: [], URIs: [] };
  const extensions: unknown[] = [];
  const unhandled: number[][] = [];
  let keyUsage = 0;
  const ext: number[] = [];
  const unknownExt: number[][] = [];
  let basic = false;
  let isCA = false;
  let maxPathLen = 0;
  let ski: Buffer | null = null;
  let aki: Buffer | null = null;
  const ocsp: string[] = [];
  const issuers: string[] = [];
  const crl: string[] = [];
  const policies: number[][] = [];
  for (const e of exts) {
    const parts = children(e);
    const id = oid(expect(parts[0], TAG.OID, "extension"));
    const critical = parts[1]?.tag === TAG.BOOLEAN ? bool(parts[1]) : false;
    const valueEl = expect(parts[parts[1]?.tag === TAG.BOOLEAN ? 2 : 1], TAG.OCTET_STRING, "extension");
    const value = content(valueEl);
    extensions.push({ Id: id, Critical: critical, Value: value.toString("base64") });
    const key = oidText(id);
    if (critical && !HANDLED.has(key)) unhandled.push(id);
    const inner = () => read(value, 0, "extension");
    switch (key) {
      case "2.5.29.15": {
        const b = bits(inner());
        for (let i = 0; i < 9; i++) if (b[i >> 3] !== undefined && b[i >> 3] & (0x80 >> (i & 7))) keyUsage |= 1 << i;
        break;
      }
      case "2.5.29.19": {
        basic = true;
        maxPathLen = -1;
        for (const c of children(inner())) {
          if (c.tag === TAG.BOOLEAN) isCA = bool(c);
          else if (c.tag === TAG.INTEGER) maxPathLen = Number(integer(c));
        }
        break;
      }
      case "2.5.29.37":
        for (const o of children(inner())) {
          const u = EXT_KEY_USAGES[oidText(oid(o))];
          if (u === undefined) unknownExt.push(oid(o));
          else ext.push(u);
        }
        break;
      case "2.5.29.17":
        generalNames(inner(), san);
        break;
      case "2.5.29.14":
        ski = Buffer.from(content(inner()));
        break;
      case "2.5.29.35":
        for (const c of children(inner())) if (c.tag === ctx(0, false)) aki = Buffer.from(content(c));
        break;
      case "2.5.29.31":
        for (const dp of children(inner())) {
          for (const c of children(dp)) {
            if (c.tag !== ctx(0, true)) continue;
            for (const n of children(c)) {
              if (n.tag !== ctx(0, true)) continue;
              for (const g of children(n)) if (g.tag === ctx(6, false)) crl.push(content(g).toString("latin1"));
            }
          }
        }
        break;
      case "1.3.6.1.5.5.7.1.1":
        for (const ad of children(inner())) {
          const [m, loc] = children(ad);
          if (loc?.tag !== ctx(6, false)) continue;
          const method = oidText(oid(m));
          if (method === "1.3.6.1.5.5.7.48.1") ocsp.push(content(loc).toString("latin1"));
          else if (method === "1.3.6.1.5.5.7.48.2") issuers.push(content(loc).toString("latin1"));
        }
        break;
      case "2.5.29.32":
        for (const pi of children(inner())) policies.push(oid(children(pi)[0]));
        break;
    }
  }
  Object.assign(f, {
    KeyUsage: keyUsage, Extensions: nonEmpty(extensions), ExtraExtensions: null, UnhandledCriticalExtensions: nonEmpty(unhandled),
    ExtKeyUsage: nonEmpty(ext), UnknownExtKeyUsage: nonEmpty(unknownExt), BasicConstraintsValid: basic, IsCA: isCA,
    MaxPathLen: maxPathLen, MaxPathLenZero: maxPathLen === 0, SubjectKeyId: b64s(ski), AuthorityKeyId: b64s(aki),
    OCSPServer: nonEmpty(ocsp), IssuingCertificateURL: nonEmpty(issuers),
    DNSNames: nonEmpty(san.DNSNames), EmailAddresses: nonEmpty(san.EmailAddresses), IPAddresses: nonEmpty(san.IPAddresses),
    URIs: nonEmpty(san.URIs.map(goURL)),
    PermittedDNSDomainsCritical: false, PermittedDNSDomains: null, ExcludedDNSDomains: null, PermittedIPRanges: null,
    ExcludedIPRanges: null, PermittedEmailAddresses: null, ExcludedEmailAddresses: null, PermittedURIDomains: null,
    ExcludedURIDomains: null, CRLDistributionPoints: nonEmpty(crl), PolicyIdentifiers: nonEmpty(policies),
    Policies: nonEmpty(policies.map(oidText)),
  });
  return Object.assign(f, { uriStrings: san.URIs });
}

interface Cert {
  json: Record<string, unknown>;
  der: Buffer;
  x509: X509Certificate;
  notBefore: number;
  notAfter: number;
  subjectRaw: Buffer;
  issuerRaw: Buffer;
}

/** x509.ParseCertificate, as JSON (with OPA's URIStrings when `uriStrings`). */
function parseCertificate(der: Buffer): Cert {
  const cert = read(der, 0);
  const [tbs, sigAlg, sig] = children(expect(cert, TAG.SEQUENCE, "certificate"));
  const t = children(expect(tbs, TAG.SEQUENCE, "tbs certificate"));
  let i = 0;
  let version = 0;
  if (t[0]?.tag === ctx(0, true)) version = Number(integer(children(t[i++])[0]));
  const serial = integer(expect(t[i++], TAG.INTEGER, "serial number"));
  i++; // the signature algorithm again, inside the signed part
  const issuer = t[i++];
  const validity = children(expect(t[i++], TAG.SEQUENCE, "validity"));
  const subject = t[i++];
  const spki = expect(t[i++], TAG.SEQUENCE, "spki");
  let exts: Der[] = [];
  for (; i < t.length; i++) if (t[i].tag === ctx(3, true)) exts = children(children(t[i])[0]);
  const pkAlg = PK_ALGS[oidText(oid(children(children(spki)[0])[0]))] ?? 0;
  const fields = extensionFields(exts);
  const { uriStrings, ...rest } = fields as Record<string, unknown> & { uriStrings: string[] };
  const notBefore = time(validity[0]);
  const notAfter = time(validity[1]);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (e) {
    throw builtinFail(`x509: ${(e as Error).message}`);
  }
  const json: Record<string, unknown> = {
    Raw: der.toString("base64"), RawTBSCertificate: raw(tbs).toString("base64"), RawSubjectPublicKeyInfo: raw(spki).toString("base64"),
    RawSubject: raw(subject).toString("base64"), RawIssuer: raw(issuer).toString("base64"),
    Signature: bits(expect(sig, TAG.BIT_STRING, "signature")).toString("base64"), SignatureAlgorithm: signatureAlgorithm(sigAlg),
    PublicKeyAlgorithm: pkAlg, PublicKey: publicKeyJSON(Buffer.from(raw(spki)), pkAlg), Version: version + 1, SerialNumber: bigNumber(serial),
    Issuer: pkixName(issuer), Subject: pkixName(subject), NotBefore: notBefore, NotAfter: notAfter, ...rest,
    InhibitAnyPolicy: 0, InhibitAnyPolicyZero: false, InhibitPolicyMapping: 0, InhibitPolicyMappingZero: false,
    RequireExplicitPolicy: 0, RequireExplicitPolicyZero: false, PolicyMappings: null,
    URIStrings: uriStrings.length ? uriStrings : null,
  };
  return { json, der, x509, notBefore: Date.parse(notBefore), notAfter: Date.parse(notAfter), subjectRaw: Buffer.from(raw(subject)), issuerRaw: Buffer.from(raw(issuer)) };
}

function parseAll(input: string): Cert[] {
  return certDers(input).map(parseCertificate);
}

// ---------------------------------------------------------------- chain verification

const KEY_USAGE_NAMES: Record<string, number> = {
  KeyUsageAny: 0, KeyUsageServerAuth: 1, KeyUsageClientAuth: 2, KeyUsageCodeSigning: 3, KeyUsageEmailProtection: 4,
  KeyUsageIPSECEndSystem: 5, KeyUsageIPSECTunnel: 6, KeyUsageIPSECUser: 7, KeyUsageTimeStamping: 8, KeyUsageOCSPSigning: 9,
  KeyUsageMicrosoftServerGatedCrypto: 10, KeyUsageNetscapeServerGatedCrypto: 11, KeyUsageMicrosoftCommercialCodeSigning: 12,
  KeyUsageMicrosoftKernelCodeSigning: 13,
};

interface VerifyOptions {
  dnsName?: string;
  now?: number;
  keyUsages?: number[];
}

function issued(parent: Cert, child: Cert): boolean {
  if (!parent.subjectRaw.equals(child.issuerRaw) && !child.x509.checkIssued(parent.x509)) return false;
  try {
    return child.x509.verify(parent.x509.publicKey);
  } catch {
    return false;
  }
}

/** Go's Certificate.Verify with the first certificate as the root, the last as the leaf. */
function verifyChain(certs: Cert[], opts: VerifyOptions): Cert[] | undefined {
  if (certs.length < 2) return undefined;
  const root = certs[0];
  const intermediates = certs.slice(1, -1);
  const leaf = certs[certs.length - 1];
  const now = opts.now ?? Date.now();
  const inTime = (c: Cert) => now >= c.notBefore && now <= c.notAfter;
  if (!inTime(leaf)) return undefined;
  if (opts.dnsName !== undefined && opts.dnsName !== "") {
    const host = opts.dnsName;
    const ok = isIP(host.replace(/^\[|\]$/g, "")) ? leaf.x509.checkIP(host.replace(/^\[|\]$/g, "")) !== undefined : leaf.x509.checkHost(host, { subject: "never" }) !== undefined;
    if (!ok) return undefined;
  }
  const usages = opts.keyUsages?.length ? opts.keyUsages : [1];
  const search = (chain: Cert[]): Cert[] | undefined => {
    const current = chain[chain.length - 1];
    if (root.der.equals(current.der)) return chain;
    const candidates = [root, ...intermediates.filter((c) => !chain.includes(c))];
    for (const parent of candidates) {
      if (!issued(parent, current) || !inTime(parent)) continue;
      const isRoot = parent === root;
      const j = parent.json;
      if (!isRoot && (!j.BasicConstraintsValid || !j.IsCA)) continue;
      if (j.BasicConstraintsValid && (j.MaxPathLen as number) >= 0 && chain.length - 1 > (j.MaxPathLen as number)) continue;
      const found = isRoot ? [...chain, parent] : search([...chain, parent]);
      if (found && keyUsageOK(found, usages)) return found;
    }
    return undefined;
  };
  return search([leaf]);
}

/** Go's checkChainForKeyUsage: some wanted usage is allowed by every certificate that restricts them. */
function keyUsageOK(chain: Cert[], wanted: number[]): boolean {
  if (wanted.includes(0)) return true;
  return wanted.some((u) =>
    chain.every((c) => {
      const eku = (c.json.ExtKeyUsage as number[] | null) ?? [];
      const unknown = (c.json.UnknownExtKeyUsage as unknown[] | null) ?? [];
      if (eku.length === 0 && unknown.length === 0) return true;
      if (eku.includes(0) || eku.includes(u)) return true;
      // server authentication is also granted by the two server-gated-crypto usages
      return u === 1 && (eku.includes(10) || eku.includes(11));
    }),
  );
}

function verifyOptions(o: unknown): VerifyOptions {
  if (!isObject(o)) throw typeFail(2, "object", o);
  const opts: VerifyOptions = {};
  for (const [k, v] of Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    switch (k) {
      case "DNSName":
        if (typeof v !== "string") throw builtinFail("'DNSName' should be a string");
        opts.dnsName = v.replace(/^"+|"+$/g, "");
        break;
      case "CurrentTime":
        if (typeof v !== "number") throw builtinFail("'CurrentTime' should be a number");
        if (!Number.isInteger(v)) throw builtinFail("'CurrentTime' should be a valid int64 number");
        opts.now = v / 1e6;
        break;
      case "MaxConstraintComparisons":
        if (typeof v !== "number") throw builtinFail("'MaxConstraintComparisons' should be a number");
        if (!Number.isInteger(v)) throw builtinFail("'MaxConstraintComparisons' should be a valid number");
        break;
      case "KeyUsages": {
        if (!Array.isArray(v)) throw builtinFail("'KeyUsages' should be an Array or Set");
        const invalid: string[] = [];
        opts.keyUsages = [];
        for (const u of v) {
          if (typeof u !== "string") continue;
          const name = u.replace(/^"+|"+$/g, "");
          if (name in KEY_USAGE_NAMES) opts.keyUsages.push(KEY_USAGE_NAMES[name]);
          else invalid.push(name);
        }
        if (invalid.length) throw builtinFail(`invalid entries for 'KeyUsages' found: [${invalid.join(" ")}]`);
        break;
      }
      default:
        throw builtinFail("invalid key option");
    }
  }
  return opts;
}

function parseAndVerify(input: unknown, options: (() => VerifyOptions) | undefined, withURIStrings: boolean): [boolean, unknown[]] {
  const s = str(input, 1);
  let certs: Cert[];
  try {
    certs = parseAll(s);
  } catch {
    return [false, []];
  }
  // as OPA: unreadable certificates are [false, []] before the options are looked at
  const chain = verifyChain(certs, options ? options() : {});
  if (!chain) return [false, []];
  return [true, chain.map((c) => certJSON(c, withURIStrings))];
}

function certJSON(c: Cert, withURIStrings: boolean): Record<string, unknown> {
  if (withURIStrings) return c.json;
  const { URIStrings: _omit, ...rest } = c.json;
  return rest;
}

// ---------------------------------------------------------------- certificate requests

function parseCertificateRequest(input: unknown): Record<string, unknown> {
  const s = str(input, 1);
  let bytes: Buffer = Buffer.from(s, "latin1");
  if (!s.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) bytes = b64(s);
  const blocks = pemBlocks(bytes.toString("latin1"));
  if (blocks.length) {
    if (blocks[0].type !== "CERTIFICATE REQUEST") throw builtinFail("invalid PEM-encoded certificate signing request");
    bytes = blocks[0].bytes;
  }
  const csr = read(bytes, 0, "certificate request");
  const [info, sigAlg, sig] = children(expect(csr, TAG.SEQUENCE, "certificate request"), "certificate request");
  const parts = children(expect(info, TAG.SEQUENCE, "certificate request"), "certificate request");
  const version = Number(integer(expect(parts[0], TAG.INTEGER, "certificate request")));
  const subject = parts[1];
  const spki = expect(parts[2], TAG.SEQUENCE, "certificate request");
  const attributes: unknown[] = [];
  let exts: Der[] = [];
  if (parts[3]?.tag === ctx(0, true)) {
    for (const attr of children(parts[3])) {
      const [type, values] = children(attr);
      const id = oid(type);
      if (oidText(id) === "1.2.840.113549.1.9.14") {
        const set = children(values);
        if (set[0]) exts = [...exts, ...children(set[0])];
        // Go's deprecated Attributes: the extension request as [[{Type, Value}]]
        attributes.push({
          Type: id,
          Value: set.map((v) => children(v).map((e) => {
            const ep = children(e);
            return { Type: oid(ep[0]), Value: content(ep[ep.length - 1]).toString("base64") };
          })),
        });
      }
    }
  }
  const pkAlg = PK_ALGS[oidText(oid(children(children(spki)[0])[0]))] ?? 0;
  const f = extensionFields(exts);
  return {
    Raw: raw(csr).toString("base64"), RawTBSCertificateRequest: raw(info).toString("base64"),
    RawSubjectPublicKeyInfo: raw(spki).toString("base64"), RawSubject: raw(subject).toString("base64"), Version: version,
    Signature: bits(expect(sig, TAG.BIT_STRING, "certificate request")).toString("base64"), SignatureAlgorithm: signatureAlgorithm(sigAlg),
    PublicKeyAlgorithm: pkAlg, PublicKey: publicKeyJSON(Buffer.from(raw(spki)), pkAlg), Subject: pkixName(subject),
    Attributes: nonEmpty(attributes), Extensions: f.Extensions, ExtraExtensions: null,
    DNSNames: f.DNSNames, EmailAddresses: f.EmailAddresses, IPAddresses: f.IPAddresses, URIs: f.URIs,
  };
}

// ---------------------------------------------------------------- private keys

/** A private key as Go marshals it: RSA {N, E, D, Primes, Precomputed}, ECDSA {Curve, X, Y, D}, Ed25519 bytes. */
function privateKeyJSON(key: KeyObject): unknown {
  const jwk = key.export({ format: "jwk" });
  const n = (s: string | undefined) => bigNumber(fromB64url(s!));
  if (jwk.kty === "RSA")
    return {
      N: n(jwk.n), E: Number(fromB64url(jwk.e!)), D: n(jwk.d), Primes: [n(jwk.p), n(jwk.q)],
      Precomputed: { Dp: n(jwk.dp), Dq: n(jwk.dq), Qinv: n(jwk.qi), CRTValues: [] },
    };
  if (jwk.kty === "EC") return { Curve: {}, X: n(jwk.x), Y: n(jwk.y), D: n(jwk.d) };
  if (jwk.kty === "OKP") return Buffer.concat([Buffer.from(jwk.d!, "base64url"), Buffer.from(jwk.x!, "base64url")]).toString("base64");
  return null;
}

/** OPA's getPrivateKeysFromPEMData: the RSA, PKCS #8 and EC private key blocks of the text. */
function privateKeys(text: string): KeyObject[] {
  let t = text;
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(t) && t.length % 4 === 0) t = Buffer.from(t, "base64").toString("latin1");
  const out: KeyObject[] = [];
  for (const b of pemBlocks(t)) {
    const kind = b.type === "RSA PRIVATE KEY" ? "pkcs1" : b.type === "PRIVATE KEY" ? "pkcs8" : b.type === "EC PRIVATE KEY" ? "sec1" : undefined;
    if (!kind) continue;
    try {
      out.push(createPrivateKey({ key: b.bytes, format: "der", type: kind }));
    } catch (e) {
      throw builtinFail(`x509: failed to parse private key (${b.type}): ${(e as Error).message}`);
    }
  }
  return out;
}

function parseRSAPrivateKey(input: unknown): unknown {
  let s = str(input, 1);
  if (s === "") throw builtinFail("input PEM data was empty");
  if (!s.startsWith("-----BEGIN")) s = b64(s).toString("latin1");
  const keys = privateKeys(s);
  if (!keys.length) return null;
  return keys[0].export({ format: "jwk" });
}

function parseKeyPair(certIn: unknown, keyIn: unknown): unknown {
  let cert = str(certIn, 1);
  let key = str(keyIn, 1);
  if (!cert.startsWith("-----BEGIN ")) cert = b64(cert).toString("latin1");
  if (!key.startsWith("-----BEGIN ")) key = b64(key).toString("latin1");
  const certBlocks = cert.startsWith("-----BEGIN") ? pemBlocks(cert).filter((b) => b.type === "CERTIFICATE") : [{ type: "CERTIFICATE", bytes: Buffer.from(cert, "latin1") }];
  if (!certBlocks.length) throw builtinFail("tls: failed to find any PEM data in certificate input");
  let keyObj: KeyObject;
  if (key.startsWith("-----BEGIN")) {
    const keys = privateKeys(key);
    if (!keys.length) throw builtinFail("tls: failed to find any PEM data in key input");
    keyObj = keys[0];
  } else {
    try {
      keyObj = createPrivateKey({ key: Buffer.from(key, "latin1"), format: "der", type: "pkcs8" });
    } catch {
      throw builtinFail("tls: failed to parse private key");
    }
  }
  const leaf = parseCertificate(certBlocks[0].bytes);
  const pub = createPublicKey(keyObj).export({ format: "der", type: "spki" });
  if (!leaf.x509.publicKey.export({ format: "der", type: "spki" }).equals(pub)) throw builtinFail("tls: private key does not match public key");
  return {
    Certificate: certBlocks.map((b) => b.bytes.toString("base64")),
    PrivateKey: privateKeyJSON(keyObj),
    SupportedSignatureAlgorithms: null,
    OCSPStaple: null,
    SignedCertificateTimestamps: null,
    Leaf: certJSON(leaf, false),
  };
}

function parsePrivateKeys(input: unknown): unknown {
  const s = str(input, 1);
  if (s === "") return null;
  return privateKeys(s).map(privateKeyJSON);
}

export const x509Builtins: Record<string, Impl> = {
  "crypto.x509.parse_certificates": (s) => parseAll(str(s, 1)).map((c) => c.json),
  "crypto.x509.parse_and_verify_certificates": (s) => parseAndVerify(s, undefined, true),
  "crypto.x509.parse_and_verify_certificates_with_options": (s, o) => {
    str(s, 1);
    if (!isObject(o)) throw typeFail(2, "object", o);
    return parseAndVerify(s, () => verifyOptions(o), false);
  },
  "crypto.x509.parse_certificate_request": parseCertificateRequest,
  "crypto.x509.parse_keypair": parseKeyPair,
  "crypto.x509.parse_rsa_private_key": parseRSAPrivateKey,
  "crypto.parse_private_keys": parsePrivateKeys,
};
