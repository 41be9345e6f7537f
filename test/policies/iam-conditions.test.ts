/**
 * Issue 9 item 3: IAM conditions that look like a control but do not enforce it.
 *
 * IAM semantics (AWS documentation, "IAM JSON policy elements: Condition operators"):
 *   - `...IfExists`: if the key is absent from the request, the condition is true;
 *   - `Null`: tests only whether the key is present;
 *   - `Bool`: false when the key is absent;
 *   - negated operators (`StringNotEquals`, `NotIpAddress`) hold for every other value;
 *   - aws:MultiFactorAuthPresent is absent for long-term access keys; aws:MultiFactorAuthAge
 *     exists only when MFA was used; aws:SourceIp is absent on requests through VPC endpoints.
 *
 * Each case rewrites one policy of a compliant scenario stack (test/fixtures/policies), in both
 * the cdk.tf.json and the plan, and checks the rule's verdict.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeDocument } from "../../src/input/index.js";
import { compilePolicies, FIXTURES, type Compiled, type Result } from "./policy.js";

type Obj = Record<string, unknown>;
type Format = "cdktf" | "plan";

let compiled: Compiled;
beforeAll(async () => {
  compiled = await compilePolicies();
});

function read(name: string, format: Format): Obj {
  const f = format === "cdktf" ? join(FIXTURES, "cdktf", `${name}.good.cdk.tf.json`) : join(FIXTURES, "plan", `${name}.good.json`);
  return JSON.parse(readFileSync(f, "utf8")) as Obj;
}

/** Sets a string argument of one resource, as cdktf writes it or as a plan shows a known constant. */
function setArg(doc: Obj, format: Format, address: string, attr: string, value: string): Obj {
  const [type, name] = address.split(".") as [string, string];
  if (format === "cdktf") {
    ((doc.resource as Obj)[type] as Obj)[name] = { ...(((doc.resource as Obj)[type] as Obj)[name] as Obj), [attr]: value };
    return doc;
  }
  const rc = (doc.resource_changes as Obj[]).find((r) => r.address === address)!;
  ((rc.change as Obj).after as Obj)[attr] = value;
  const pv = (((doc.planned_values as Obj).root_module as Obj).resources as Obj[]).find((r) => r.address === address)!;
  (pv.values as Obj)[attr] = value;
  const cfg = ((((doc.configuration as Obj).root_module as Obj).resources as Obj[]).find((r) => r.address === address)!.expressions as Obj);
  cfg[attr] = { constant_value: value };
  return doc;
}

const evaluate = (doc: Obj, format: Format): Result => compiled.evaluate(normalizeDocument(doc as never, format === "cdktf" ? "cdk.tf.json" : "plan.json", {}, "s"));
const fired = (r: Result, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => f.resource);
const policy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const ROLE = "aws_iam_role.administrator";
const assume = (condition?: Obj, effect = "Allow") => ({
  Effect: effect,
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "sts:AssumeRole",
  ...(condition ? { Condition: condition } : {}),
});

const MFA_CASES: Array<{ name: string; trust: string; enforced: boolean }> = [
  { name: "Bool aws:MultiFactorAuthPresent true", trust: policy(assume({ Bool: { "aws:MultiFactorAuthPresent": "true" } })), enforced: true },
  { name: "Bool true (a JSON boolean)", trust: policy(assume({ Bool: { "aws:MultiFactorAuthPresent": true } })), enforced: true },
  { name: "NumericLessThan aws:MultiFactorAuthAge", trust: policy(assume({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } })), enforced: true },
  { name: "BoolIfExists true: long-term keys (no key) get in without MFA", trust: policy(assume({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } })), enforced: false },
  { name: "Null true: matches exactly the requests without the key", trust: policy(assume({ Null: { "aws:MultiFactorAuthPresent": "true" } })), enforced: false },
  { name: "Null false: temporary credentials without MFA carry the key (false)", trust: policy(assume({ Null: { "aws:MultiFactorAuthPresent": "false" } })), enforced: false },
  { name: "Bool with true and false: either matches", trust: policy(assume({ Bool: { "aws:MultiFactorAuthPresent": ["true", "false"] } })), enforced: false },
  { name: "ForAllValues:Bool: holds when the key is absent", trust: policy(assume({ "ForAllValues:Bool": { "aws:MultiFactorAuthPresent": "true" } })), enforced: false },
  { name: "NumericLessThanIfExists MultiFactorAuthAge: holds without MFA", trust: policy(assume({ NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } })), enforced: false },
  {
    name: "an unconditioned Allow with a Deny BoolIfExists false for everyone",
    trust: policy(assume(), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }),
    enforced: true,
  },
  {
    name: "an unconditioned Allow with a Deny Bool false (long-term keys are not denied)",
    trust: policy(assume(), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }),
    enforced: false,
  },
];

describe.each(["cdktf", "plan"] as const)("ART29-MFA on the trust policy of a human role (%s)", (format) => {
  it.each(MFA_CASES)("$name", ({ trust, enforced }) => {
    const r = evaluate(setArg(read("identity", format), format, ROLE, "assume_role_policy", trust), format);
    expect(r.checked["ART29-MFA"]).toContain(ROLE);
    expect(fired(r, "ART29-MFA").includes(ROLE)).toBe(!enforced);
  });
});

const BUCKET = "aws_s3_bucket.documents";
const BUCKET_POLICY = "aws_s3_bucket_policy.documents";
const ARN = "arn:aws:s3:::itoshima-jumin-documents";
const denyPlaintext = (condition: Obj) => ({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: condition });

const TLS_CASES: Array<{ name: string; condition: Obj; denies: boolean }> = [
  { name: "Bool aws:SecureTransport false", condition: { Bool: { "aws:SecureTransport": "false" } }, denies: true },
  { name: "BoolIfExists aws:SecureTransport false", condition: { BoolIfExists: { "aws:SecureTransport": "false" } }, denies: true },
  { name: "Null aws:SecureTransport false: denies whenever the key is present, not plaintext as such", condition: { Null: { "aws:SecureTransport": "false" } }, denies: false },
  { name: "Null aws:SecureTransport true: denies only requests without the key", condition: { Null: { "aws:SecureTransport": "true" } }, denies: false },
  {
    name: "Bool false narrowed by StringNotEquals aws:SourceVpce: plaintext through the endpoint is not denied",
    condition: { Bool: { "aws:SecureTransport": "false" }, StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } },
    denies: false,
  },
];

describe.each(["cdktf", "plan"] as const)("ART24-TLS-ONLY on a class I bucket policy (%s)", (format) => {
  it.each(TLS_CASES)("$name", ({ condition, denies }) => {
    const r = evaluate(setArg(read("mynumber-storage", format), format, BUCKET_POLICY, "policy", policy(denyPlaintext(condition))), format);
    expect(r.checked["ART24-TLS-ONLY"]).toContain(BUCKET);
    expect(fired(r, "ART24-TLS-ONLY").includes(BUCKET)).toBe(!denies);
  });

  it("a deny of plaintext for one role only leaves everyone else's plaintext allowed", () => {
    const one = { ...denyPlaintext({ Bool: { "aws:SecureTransport": "false" } }), Principal: { AWS: "arn:aws:iam::111122223333:role/app" } };
    const r = evaluate(setArg(read("mynumber-storage", format), format, BUCKET_POLICY, "policy", policy(one)), format);
    expect(fired(r, "ART24-TLS-ONLY")).toContain(BUCKET);
  });
});

const readAnyone = (condition: Obj) => ({ Sid: "Read", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*`, Condition: condition });

const PUBLIC_CASES: Array<{ name: string; condition: Obj; isPublic: boolean }> = [
  { name: "IpAddress aws:SourceIp 10.0.0.0/8", condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, isPublic: false },
  { name: "StringEquals aws:SourceVpce", condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } }, isPublic: false },
  { name: "IpAddressIfExists aws:SourceIp: requests without the key (VPC endpoints, services) get in", condition: { IpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" } }, isPublic: true },
  { name: "StringEqualsIfExists aws:SourceVpce: requests not through an endpoint get in", condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-0a1b2c3d" } }, isPublic: true },
  { name: "StringNotEquals aws:SourceVpce: everyone else gets in", condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } }, isPublic: true },
  { name: "NotIpAddress aws:SourceIp: everyone else gets in", condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, isPublic: true },
  { name: "Null aws:SourceVpc false: any VPC of any account", condition: { Null: { "aws:SourceVpc": "false" } }, isPublic: true },
  { name: "IpAddress 0.0.0.0/0", condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, isPublic: true },
];

describe.each(["cdktf", "plan"] as const)("ART23-NOT-PUBLIC on an Allow to anyone in a class I bucket policy (%s)", (format) => {
  it.each(PUBLIC_CASES)("$name", ({ condition, isPublic }) => {
    const doc = setArg(read("mynumber-storage", format), format, BUCKET_POLICY, "policy", policy(denyPlaintext({ Bool: { "aws:SecureTransport": "false" } }), readAnyone(condition)));
    const r = evaluate(doc, format);
    expect(r.checked["ART23-NOT-PUBLIC"]).toContain(BUCKET);
    expect(fired(r, "ART23-NOT-PUBLIC").includes(BUCKET_POLICY)).toBe(isPublic);
  });
});
