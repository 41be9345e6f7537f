// trace, and internal.print (the builtin OPA's compiler turns print(...) into).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setPrintHook } from "../../../src/rego/bundle/js-builtins.js";
import { compileRules, type Evaluator } from "./helpers.js";
import { tempDir } from "../../tmp.js";

const body = `
traced if {
  trace("a note")
  input.x > 1
}

printed := n if {
  n := count(input.items)
  internal.print([{"items:"}, {n}, {x | some x in input.items; x > 1}, {y | y := input.missing}])
}
`;

let e: Evaluator;
const lines: string[] = [];
let prev: ((line: string) => void) | undefined;
beforeAll(async () => {
  e = await compileRules(body, ["traced", "printed"], { strict: true });
});
afterEach(() => {
  if (prev) setPrintHook(prev);
  lines.length = 0;
});

describe("trace", () => {
  it("is true and leaves the result alone", () => {
    expect(e.value("traced", { x: 2 })).toBe(true);
    expect(e.value("traced", { x: 0 })).toBeUndefined();
  });
});

describe("internal.print", () => {
  it("prints the cross product of its arguments' values, <undefined> for none, and keeps the result", () => {
    prev = setPrintHook((l) => lines.push(l));
    expect(e.value("printed", { items: [1, 2, 3] })).toBe(3);
    expect(lines).toEqual(["items: 3 2 <undefined>", "items: 3 3 <undefined>"]);
  });
});

describe("print (rewritten to internal.print, as OPA's compiler does)", () => {
  let p: Evaluator;
  beforeAll(async () => {
    p = await compileRules(
      `
allowed if {
  x := input.x
  print("x is", x, "missing is", input.missing)
  x > 1
}

each := {v | some v in input.items; print("item", v)}
`,
      ["allowed", "each"],
      { strict: true },
    );
  });

  it("prints its arguments, <undefined> for an undefined one, and never changes a result", () => {
    prev = setPrintHook((l) => lines.push(l));
    expect(p.value("allowed", { x: 2 })).toBe(true);
    expect(p.value("allowed", { x: 0 })).toBeUndefined();
    expect(lines).toEqual(["x is 2 missing is <undefined>", "x is 0 missing is <undefined>"]);
    lines.length = 0;
    expect(p.value("each", { items: ["a", "b"] })).toEqual(["a", "b"]);
    expect(lines).toEqual(["item a", "item b"]);
  });

  it("a package's own function named print is called as written", async () => {
    const own = await compileRules(`print(x) := concat("", ["<", x, ">"])\n\nout := print("y")\n`, ["out"]);
    prev = setPrintHook((l) => lines.push(l));
    expect(own.value("out")).toBe("<y>");
    expect(lines).toEqual([]);
  });

  it("an unsafe variable in print is a compile error, as in OPA", async () => {
    await expect(compileRules(`bad if print(nowhere)\n`, ["bad"])).rejects.toThrow(/nowhere/);
  });
});

describe("print in the CLI", () => {
  const rule = `package sanso.local.dbg

import rego.v1

# METADATA
# title: every resource is printed
# custom:
#   id: LOCAL-DBG
#   severity: low
#   article: 第1条
findings contains {"rule": "LOCAL-DBG", "resource": a, "severity": "low", "message": "m"} if {
	some a, _ in input.resources
	print("checking", a)
	false
}

checked["LOCAL-DBG"] := [a | some a, _ in input.resources]
`;
  it("sanso check prints only with --debug; sanso eval prints", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { buildCli, FIXTURES, sanso } = await import("../../cli/helpers.js");
    buildCli();
    const dir = tempDir("sanso-print-");
    writeFileSync(join(dir, "dbg.rego"), rule);
    const input = join(FIXTURES, "tagged.cdk.tf.json");
    const env = { SANSO_CACHE_DIR: join(dir, "cache") };
    const quiet = await sanso(["check", input, "--policies", dir, "-q"], { env });
    expect(quiet.stderr).not.toContain("checking");
    const debug = await sanso(["--debug", "check", input, "--policies", dir, "-q"], { env });
    expect(debug.stderr).toContain("checking aws_s3_bucket.records");
    expect(debug.code).toBe(quiet.code);
    const ev = await sanso(["eval", "-d", dir, "-i", input, "data.sanso.local.dbg.findings"], { env });
    expect(ev.stderr).toContain("checking aws_s3_bucket.records");
  }, 120_000);
});
