// http.send and net.lookup_ip_addr: declared so that modules calling them compile and
// `with http.send as mock` works, but sanso never uses the network at run time. They behave as
// OPA does on a host without network access:
//
//  - http.send(request) checks its operand as OPA does (an object; only OPA's request keys;
//    `method` and `url` present; `raise_error` a boolean), then fails as a request that cannot be
//    sent. With `raise_error: false` the result is OPA's error response
//      {"status_code": 0, "error": {"code": "eval_http_send_network_error", "message": "Get \"<url>\": …"}}
//    (an invalid request gives code "eval_http_send_internal_error"); otherwise the call is an
//    evaluation error (undefined unless builtin errors are strict, as for every builtin).
//  - net.lookup_ip_addr(name) answers what needs no network, as Go's resolver does: an IP address
//    is itself, a name in the hosts file (/etc/hosts) has its addresses there, and localhost
//    (or *.localhost) is 127.0.0.1 and ::1 when the hosts file does not say; any other name is an
//    evaluation error ("lookup <name>: …").

import { readFileSync } from "node:fs";
import { Fail, type Impl, builtinFail, goQuote, isObject, str, typeFail } from "./common.js";
import { bytesToBig, formatIP, parseAddr } from "./net.js";

/** The request keys OPA's http.send accepts. */
const REQUEST_KEYS = new Set([
  "method",
  "url",
  "body",
  "enable_redirect",
  "force_json_decode",
  "force_yaml_decode",
  "headers",
  "raw_body",
  "tls_use_system_certs",
  "tls_ca_cert",
  "tls_ca_cert_file",
  "tls_ca_cert_env_variable",
  "tls_client_cert",
  "tls_client_cert_file",
  "tls_client_cert_env_variable",
  "tls_client_key",
  "tls_client_key_file",
  "tls_client_key_env_variable",
  "tls_insecure_skip_verify",
  "tls_server_name",
  "timeout",
  "cache",
  "force_cache",
  "force_cache_duration_seconds",
  "raise_error",
  "caching_mode",
  "max_retry_attempts",
  "cache_ignored_headers",
]);

/** Request keys whose value must be a string. */
const STRING_KEYS = [
  "method",
  "url",
  "raw_body",
  "tls_ca_cert",
  "tls_ca_cert_file",
  "tls_ca_cert_env_variable",
  "tls_client_cert",
  "tls_client_cert_file",
  "tls_client_cert_env_variable",
  "tls_client_key",
  "tls_client_key_file",
  "tls_client_key_env_variable",
  "tls_server_name",
];

export const NO_NETWORK = "sanso evaluates policies without network access";

/** A set of strings in Rego's text (sorted), as OPA prints it in its messages. */
const stringSet = (xs: string[]) => `{${[...xs].sort().map((x) => JSON.stringify(x)).join(", ")}}`;

/** Go's url.Error operation for a request method: "Get", "Post", ... */
const goOp = (method: string) => (method === "" ? "Get" : method[0] + method.slice(1).toLowerCase());

function httpSend(request: unknown): unknown {
  if (!isObject(request)) throw typeFail(1, "object", request);
  let raiseError = true;
  if ("raise_error" in request) {
    if (typeof request.raise_error !== "boolean") throw builtinFail('invalid value for "raise_error" field');
    raiseError = request.raise_error;
  }
  const failed = (code: "eval_http_send_network_error" | "eval_http_send_internal_error", error: Fail) => {
    if (raiseError) throw error;
    const message = error.code === "eval_type_error" ? `${error.code}: http.send: ${error.detail}` : error.detail;
    return { status_code: 0, error: { code, message } };
  };
  const keys = Object.keys(request);
  const invalid = keys.filter((k) => !REQUEST_KEYS.has(k));
  if (invalid.length) return failed("eval_http_send_internal_error", new Fail("eval_type_error", `operand 1 invalid request parameters(s): ${stringSet(invalid)}`));
  const missing = ["method", "url"].filter((k) => !(k in request));
  if (missing.length) return failed("eval_http_send_internal_error", new Fail("eval_type_error", `operand 1 missing required request parameters(s): ${stringSet(missing)}`));
  for (const k of STRING_KEYS) {
    if (k in request && typeof request[k] !== "string") return failed("eval_http_send_internal_error", builtinFail(`"${k}" must be a string`));
  }
  if ("headers" in request && !isObject(request.headers)) return failed("eval_http_send_internal_error", builtinFail("invalid type for headers key"));
  const method = (request.method as string).toUpperCase();
  return failed("eval_http_send_network_error", builtinFail(`${goOp(method)} ${goQuote(request.url as string)}: ${NO_NETWORK}`));
}

/** The hosts file's addresses of `host` (lower case, without a trailing dot), as Go reads it. */
function hostsFileAddrs(host: string, hostsFile: string): string[] {
  let text: string;
  try {
    text = readFileSync(hostsFile, "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const fields = line.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length < 2) continue;
    const addr = parseAddr(fields[0]!);
    if (!addr) continue;
    if (fields.slice(1).some((n) => n.toLowerCase().replace(/\.$/, "") === host)) out.push(formatIP(bytesToBig(addr.bytes), addr.is4));
  }
  return out;
}

export function lookupIPAddr(name: unknown, hostsFile = "/etc/hosts"): string[] {
  const host = str(name, 1);
  const literal = parseAddr(host);
  if (literal) return [formatIP(bytesToBig(literal.bytes), literal.is4)];
  const key = host.toLowerCase().replace(/\.$/, "");
  const found = hostsFileAddrs(key, hostsFile);
  if (found.length) return [...new Set(found)].sort();
  if (key === "localhost" || key.endsWith(".localhost")) return ["127.0.0.1", "::1"];
  throw builtinFail(`lookup ${host}: ${NO_NETWORK}`);
}

export const httpBuiltins: Record<string, Impl> = {
  "http.send": httpSend,
  "net.lookup_ip_addr": (name: unknown) => lookupIPAddr(name),
};
