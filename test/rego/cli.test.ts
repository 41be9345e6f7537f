// The compiler's commands, run as a user runs them: `node bin/sanso.js ...`.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readBundle } from "../../src/rego/bundle/bundle.js";
import { opa } from "../../src/rego/bundle/load.js";
import { opaBinary } from "../../src/cli/opa.js";
import { tempDir } from "../tmp.js";

const root = join(__dirname, "../..");
const fixtures = join(root, "test/fixtures/rego");
const sanso = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin/sanso.js"), ...args], { encoding: "utf8", cwd: root });

describe("sanso build", () => {
  it("writes an OPA bundle that the official SDK evaluates", async () => {
    const out = join(tempDir("sanso-build-"), "bundle.tar.gz");
    const r = sanso("build", join(fixtures, "example"), "-e", "example/allow", "-e", "example/deny", "-o", out);
    expect(r.status, r.stderr).toBe(0);
    const b = await readBundle(readFileSync(out));
    expect(b.entrypoints).toEqual({ "example/allow": 0, "example/deny": 1 });
    expect(b.data).toEqual({ allowed_regions: ["ap-northeast-1", "ap-northeast-3"] });
    expect(b.catalog.find((a) => a.title === "Buckets must be encrypted")?.custom).toEqual({ id: "EX-ENCRYPTED" });
    const policy = await opa.loadPolicy(b.wasm);
    policy.setData(b.data as object);
    const input = JSON.parse(readFileSync(join(fixtures, "input.json"), "utf8"));
    expect(policy.evaluate(input, "example/deny")).toEqual([{ result: ["bucket data is not encrypted"] }]);
    expect(policy.evaluate(input, "example/allow")).toEqual([]);
  });

  it("reports compile errors as file:line:col with exit code 2", () => {
    const r = sanso("build", join(fixtures, "unsafe.rego"), "-e", "bad/p", "-o", join(tmpdir(), "never.tar.gz"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unsafe.rego:3:8: var x is unsafe");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("says what is missing", () => {
    const r = sanso("build", join(fixtures, "nope"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nope: no such file or directory");
  });
});

describe("a METADATA-annotated policy on a synthesized cdk.tf.json", () => {
  it("builds, loads in the official SDK, evaluates the stack and exports its catalog", async () => {
    const out = join(tempDir("sanso-cdktf-"), "bundle.tar.gz");
    const r = sanso("build", join(fixtures, "cdktf-policy"), "-o", out);
    expect(r.status, r.stderr).toBe(0);
    const b = await readBundle(readFileSync(out));
    expect(Object.keys(b.entrypoints)).toEqual(["cdktf/buckets/unencrypted"]);
    expect(b.catalog.map((a) => [a.scope, a.title, a.path.join(".")])).toEqual([
      ["package", "S3 buckets declared in a synthesized stack", "data.cdktf.buckets"],
      ["document", "バケットにはサーバー側暗号化の設定が必要", "data.cdktf.buckets.unencrypted"],
    ]);
    expect(b.catalog[1].custom).toEqual({ id: "EX-SSE", article: "第29条第6項" });
    const policy = opa.loadPolicySync(b.wasm);
    const stack = JSON.parse(readFileSync(join(fixtures, "cdk.tf.json"), "utf8"));
    expect(policy.evaluate(stack, "cdktf/buckets/unencrypted")).toEqual([{ result: ["scratch"] }]);
  });
});

describe("sanso eval", () => {
  it("prints the value of a query in opa eval's shape", () => {
    const r = sanso("eval", "-d", join(fixtures, "example"), "-i", join(fixtures, "input.json"), "data.example.deny");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ result: [{ expressions: [{ value: ["bucket data is not encrypted"], text: "data.example.deny" }] }] });
  });
  it("prints bindings", () => {
    const r = sanso("eval", "-d", join(fixtures, "example"), "x := data.allowed_regions[_]");
    expect(JSON.parse(r.stdout).result.map((row: { bindings: { x: string } }) => row.bindings.x)).toEqual(["ap-northeast-1", "ap-northeast-3"]);
  });
});

describe("sanso test", () => {
  it("runs test_ rules and reports the count", () => {
    const r = sanso("test", join(fixtures, "example"));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe("3 passed, 0 failed");
  });
});

describe.skipIf(!opaBinary())("--compiler opa (an opa binary is on PATH)", () => {
  it("builds a bundle sanso reads like its own", async () => {
    const out = join(tempDir("sanso-opa-"), "bundle.tar.gz");
    const r = sanso("build", "--compiler", "opa", join(fixtures, "example"), "-e", "example/deny", "-o", out);
    expect(r.status, r.stderr).toBe(0);
    const b = await readBundle(readFileSync(out));
    const policy = await opa.loadPolicy(b.wasm);
    const input = JSON.parse(readFileSync(join(fixtures, "input.json"), "utf8"));
    expect(policy.evaluate(input, "example/deny")).toEqual([{ result: ["bucket data is not encrypted"] }]);
  });
});
