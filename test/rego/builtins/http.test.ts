// http.send and net.lookup_ip_addr compile and can be mocked with `with`; at run time sanso has no
// network: http.send fails as OPA's does when a request cannot be made (OPA's request checks
// first); net.lookup_ip_addr answers only what Go's resolver answers without the network.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lookupIPAddr } from "../../../src/rego/bundle/builtins/http.js";
import { compileBoth, compileRules, type Evaluator } from "./helpers.js";

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth({ resp: "http.send(input.req)", ips: "net.lookup_ip_addr(input.name)" }));
}, 120_000);

describe("http.send without network", () => {
  it("raise_error: false gives OPA's network error response", () => {
    expect(e.value("resp", { req: { method: "post", url: "https://example.com/x", raise_error: false } })).toEqual({
      status_code: 0,
      error: { code: "eval_http_send_network_error", message: 'Post "https://example.com/x": sanso evaluates policies without network access' },
    });
  });
  it("otherwise an evaluation error under strict builtin errors, undefined by default", () => {
    const req = { method: "GET", url: "https://example.com/" };
    expect(strict.error("resp", { req })).toContain('eval_builtin_error: http.send: Get "https://example.com/": sanso evaluates policies without network access');
    expect(e.value("resp", { req })).toBeUndefined();
  });
  it("checks the request as OPA does", () => {
    expect(strict.error("resp", { req: { method: "get" } })).toContain('eval_type_error: http.send: operand 1 missing required request parameters(s): {"url"}');
    expect(strict.error("resp", { req: { method: "get", url: "u", zz: 1, aa: 2 } })).toContain('operand 1 invalid request parameters(s): {"aa", "zz"}');
    expect(strict.error("resp", { req: "x" })).toContain("eval_type_error: http.send: operand 1 must be object but got string");
    expect(strict.error("resp", { req: { method: "get", url: "u", raise_error: "no" } })).toContain('http.send: invalid value for "raise_error" field');
    expect(e.value("resp", { req: { url: "u", raise_error: false } })).toEqual({
      status_code: 0,
      error: { code: "eval_http_send_internal_error", message: 'eval_type_error: http.send: operand 1 missing required request parameters(s): {"method"}' },
    });
    expect(e.value("resp", { req: { method: 1, url: "u", raise_error: false } })).toEqual({
      status_code: 0,
      error: { code: "eval_http_send_internal_error", message: '"method" must be a string' },
    });
  });
  it("can be mocked with `with`", async () => {
    const m = await compileRules(
      `mock(req) := {"status_code": 200, "body": req.body}\nallowed if http.send({"method": "GET", "url": "https://a", "body": input}).body.ok == true\nt := true if allowed with http.send as mock with input as {"ok": true}`,
      ["t"],
    );
    expect(m.value("t")).toBe(true);
  });
});

describe("net.lookup_ip_addr without network", () => {
  it("answers what needs no network: an IP address, the hosts file, localhost", () => {
    expect(e.value("ips", { name: "10.0.0.0" })).toEqual(["10.0.0.0"]);
    expect(e.value("ips", { name: "::" })).toEqual(["::"]);
    expect(e.value("ips", { name: "::ffff:10.1.2.3" })).toEqual(["10.1.2.3"]);
    const dir = mkdtempSync(join(tmpdir(), "sanso-hosts-"));
    writeFileSync(join(dir, "hosts"), "# comment\n10.9.8.7  db.internal db # primary\nfe80::0:1 db.internal\n::1 localhost\n");
    expect(lookupIPAddr("DB.internal.", join(dir, "hosts"))).toEqual(["10.9.8.7", "fe80::1"]);
    expect(lookupIPAddr("localhost", join(dir, "hosts"))).toEqual(["::1"]);
    expect(lookupIPAddr("localhost", join(dir, "missing"))).toEqual(["127.0.0.1", "::1"]);
    rmSync(dir, { recursive: true, force: true });
  });
  it("is an evaluation error for another name", () => {
    expect(strict.error("ips", { name: "example.invalid" })).toContain("eval_builtin_error: net.lookup_ip_addr: lookup example.invalid: sanso evaluates policies without network access");
    expect(e.value("ips", { name: "example.invalid" })).toBeUndefined();
    expect(strict.error("ips", { name: 1 })).toContain("eval_type_error: net.lookup_ip_addr: operand 1 must be string but got number");
  });
});
