// providers.aws.sign_req: AWS Signature Version 4 as OPA computes it (nothing is sent). The
// expected signature is AWS's published example (IAM ListUsers, 2015-08-30T12:36:00Z).
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({ signed: "providers.aws.sign_req(input.req, input.cfg, input.t)" }));
}, 120_000);

const CFG = { aws_access_key: "AKIDEXAMPLE", aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", aws_region: "us-east-1", aws_service: "iam" };
const REQ = { method: "GET", url: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } };
const T = Date.UTC(2015, 7, 30, 12, 36) * 1e6;

describe("providers.aws.sign_req", () => {
  it("adds Authorization, host and x-amz-date; keeps the request's other fields", () => {
    expect(e.value("signed", { req: REQ, cfg: CFG, t: T })).toEqual({
      ...REQ,
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        host: "iam.amazonaws.com",
        "x-amz-date": "20150830T123600Z",
        Authorization:
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,SignedHeaders=content-type;host;x-amz-date,Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
      },
    });
  });
  it("s3 gets x-amz-content-sha256 (UNSIGNED-PAYLOAD on request), a session token x-amz-security-token", () => {
    const s3 = e.value("signed", { req: { method: "PUT", url: "https://b.s3.amazonaws.com/k", raw_body: "" }, cfg: { ...CFG, aws_service: "s3", aws_session_token: "tok" }, t: T }) as any;
    expect(s3.headers["x-amz-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(s3.headers["x-amz-security-token"]).toBe("tok");
    expect(s3.headers.Authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
    const unsigned = e.value("signed", { req: { method: "GET", url: "https://b.s3.amazonaws.com/k" }, cfg: { ...CFG, aws_service: "s3", disable_payload_signing: true }, t: T }) as any;
    expect(unsigned.headers["x-amz-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
  });
  it("user-agent is not signed; a body is hashed as Go marshals it", () => {
    const a = e.value("signed", { req: { ...REQ, headers: { ...REQ.headers, "User-Agent": "x" } }, cfg: CFG, t: T }) as any;
    expect(a.headers.Authorization).toContain("SignedHeaders=content-type;host;x-amz-date,");
    const withBody = e.value("signed", { req: { method: "POST", url: "https://h/", body: { b: 1, a: "<" } }, cfg: CFG, t: T }) as any;
    const withRaw = e.value("signed", { req: { method: "POST", url: "https://h/", raw_body: '{"a":"\\u003c","b":1}' }, cfg: CFG, t: T }) as any;
    expect(withBody.headers.Authorization).toBe(withRaw.headers.Authorization);
  });
  it("missing or invalid configuration is OPA's error", () => {
    const { aws_region: _r, ...noRegion } = CFG;
    expect(strict.error("signed", { req: REQ, cfg: noRegion, t: T })).toBe(
      'eval_type_error: providers.aws.sign_req: operand 2 missing required AWS config parameters(s): {"aws_region"}',
    );
    expect(strict.error("signed", { req: REQ, cfg: { ...CFG, aws_service: 1 }, t: T })).toBe(
      'eval_type_error: providers.aws.sign_req: operand 2 invalid values for required AWS config parameters(s): {"aws_service"}',
    );
    expect(strict.error("signed", { req: { url: "https://h/" }, cfg: CFG, t: T })).toBe(
      'eval_type_error: providers.aws.sign_req: operand 1 missing required request parameters(s): {"method"}',
    );
    expect(e.value("signed", { req: REQ, cfg: noRegion, t: T })).toBeUndefined();
  });
});
