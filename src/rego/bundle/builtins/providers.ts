// providers.aws.sign_req(request, aws_config, time_ns): the request (http.send's shape) with AWS
// Signature Version 4 headers added, as OPA signs it — nothing is sent. The canonical request
// signs `host`, `x-amz-date` (and `x-amz-content-sha256` for s3 and glacier,
// `x-amz-security-token` with a session token) and every header of the request but
// authorization, user-agent and x-amzn-trace-id; the payload hash is of `raw_body`, or of `body`
// marshalled as Go's encoding/json does, or "UNSIGNED-PAYLOAD" with disable_payload_signing.
// Difference: request keys http.send does not know are not rejected (OPA checks them).

import { createHash, createHmac } from "node:crypto";
import { builtinFail, Fail, type Impl, isObject, typeFail, typeName } from "./common.js";
import { goMarshal, goQuoteJSON, utf8Compare } from "./json.js";

const REQUIRED = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"];
const operandErr = (pos: number, msg: string) => new Fail("eval_type_error", `operand ${pos} ${msg}`);
const goSet = (names: string[]) => `{${[...names].sort(utf8Compare).map(goQuoteJSON).join(", ")}}`;
const sha256hex = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const hmac = (key: Buffer | string, msg: string) => createHmac("sha256", key).update(msg, "utf8").digest();

/** Go's time.Format("20060102T150405Z") of a Unix time in nanoseconds (UTC). */
function amzDate(ns: bigint): string {
  const ms = Number(ns / 1_000_000n) - (ns % 1_000_000n < 0n ? 1 : 0);
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function signReq(req: unknown, config: unknown, time: unknown): Record<string, unknown> {
  if (!isObject(req)) throw typeFail(1, "object", req);
  if (!isObject(config)) throw typeFail(1, "object", config);
  const missing = REQUIRED.filter((k) => !(k in config));
  if (missing.length) throw operandErr(2, `missing required AWS config parameters(s): ${goSet(missing)}`);
  const invalid = REQUIRED.filter((k) => typeof config[k] !== "string");
  if (invalid.length) throw operandErr(2, `invalid values for required AWS config parameters(s): ${goSet(invalid)}`);
  if (typeof time !== "number") throw typeFail(1, "number", time);
  if (!Number.isInteger(time)) throw operandErr(3, "could not convert time_ns value into a unix timestamp");
  const reqMissing = ["method", "url"].filter((k) => !(k in req));
  if (reqMissing.length) throw operandErr(1, `missing required request parameters(s): ${goSet(reqMissing)}`);
  let headers: Record<string, unknown> = {};
  if ("headers" in req) {
    if (!isObject(req.headers)) throw new Fail("eval_type_error", `operand 0 must be object but got ${typeName(req.headers)}`);
    headers = req.headers;
  }
  const badReq = ["method", "url"].filter((k) => typeof req[k] !== "string");
  if (badReq.length) throw operandErr(1, `invalid values for required request parameters(s): ${goSet(badReq)}`);
  const url = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?/.exec(req.url as string);
  if (!url) throw builtinFail(`parse ${goQuoteJSON(req.url as string)}: invalid URL`);
  const host = (url[1] ?? "").replace(/^[^@]*@/, "");
  const path = url[2] ?? "";
  const query = url[3] ?? "";
  const service = config.aws_service as string;
  const region = config.aws_region as string;
  const session = typeof config.aws_session_token === "string" ? config.aws_session_token : "";
  let unsigned = false;
  if ("disable_payload_signing" in config) {
    if (typeof config.disable_payload_signing !== "boolean") throw operandErr(2, "invalid value for 'disable_payload_signing' in AWS config");
    unsigned = config.disable_payload_signing;
  }
  const body = typeof req.raw_body === "string" ? req.raw_body : "raw_body" in req ? "" : "body" in req && req.body !== undefined ? goMarshal(req.body) : "";
  const bodyHash = unsigned ? "UNSIGNED-PAYLOAD" : sha256hex(Buffer.from(body, "utf8"));

  const stamp = amzDate(BigInt(time));
  const day = stamp.slice(0, 8);
  const awsHeaders: Record<string, string> = { host, "x-amz-date": stamp };
  if (service === "s3" || service === "glacier") awsHeaders["x-amz-content-sha256"] = bodyHash;
  if (session) awsHeaders["x-amz-security-token"] = session;

  // OPA signs every request header (a non-string value as ""), but these three
  const asString = (v: unknown) => (typeof v === "string" ? v : "");
  const toSign = new Map<string, string>(Object.entries(awsHeaders));
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (lower !== "authorization" && lower !== "user-agent" && lower !== "x-amzn-trace-id") toSign.set(lower, asString(v));
  }
  const names = [...toSign.keys()].sort(utf8Compare);
  const canonical = [req.method as string, path, query, ...names.map((k) => `${k}:${toSign.get(k)}`), "", names.join(";"), bodyHash].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256hex(canonical)].join("\n");
  let key = hmac(`AWS4${config.aws_secret_access_key as string}`, day);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  const authorization = `AWS4-HMAC-SHA256 Credential=${config.aws_access_key as string}/${scope},SignedHeaders=${names.join(";")},Signature=${signature}`;

  const outHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) outHeaders[k] = asString(v);
  outHeaders.Authorization = authorization;
  Object.assign(outHeaders, awsHeaders);
  return { ...req, headers: outHeaders };
}

export const providerBuiltins: Record<string, Impl> = {
  "providers.aws.sign_req": signReq,
};
