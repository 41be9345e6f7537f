// Issue 9 item 5: a check must never destroy or hang on what it reads.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckError } from "../../src/check/errors.js";
import { assertSafeInvocation } from "../../src/check/guard.js";
import { loadConfig } from "../../src/check/config.js";
import { loadExceptions } from "../../src/check/exceptions.js";
import { writeReports } from "../../src/check/write-report.js";
import { InputError, loadInputs } from "../../src/input/index.js";
import { ROOT } from "./helpers.js";
import { tempDir } from "../tmp.js";

const PLAN_SRC = join(ROOT, "test/fixtures/policies/plan/databases.bad.json");

function workdir(): { dir: string; plan: string; text: string } {
  const dir = tempDir("sanso-guard-");
  const plan = join(dir, "plan.json");
  copyFileSync(PLAN_SRC, plan);
  return { dir, plan, text: readFileSync(plan, "utf8") };
}

const refused = (f: () => unknown, path: string, why: RegExp) => {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(CheckError);
  expect((err as CheckError).file).toBe(path);
  expect((err as CheckError).message).toMatch(why);
};

const hasMkfifo = (() => {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("--output never names what the check reads", () => {
  it("the plan itself, by the same name, another spelling, a symbolic link or a hard link", () => {
    const { dir, plan, text } = workdir();
    symlinkSync(plan, join(dir, "link.json"));
    linkSync(plan, join(dir, "hard.json"));
    mkdirSync(join(dir, "sub"));
    for (const out of [plan, relative(process.cwd(), plan), join(dir, "sub/../plan.json"), join(dir, "link.json"), join(dir, "hard.json")]) {
      refused(() => assertSafeInvocation({ inputs: [plan], outputs: [out] }), out, /same file as .*plan\.json.*refusing to overwrite/);
    }
    expect(readFileSync(plan, "utf8")).toBe(text);
  });

  it("a file inside an input cdktf.out directory", () => {
    const { dir } = workdir();
    const out = join(dir, "cdktf.out");
    mkdirSync(join(out, "stacks/app"), { recursive: true });
    refused(() => assertSafeInvocation({ inputs: [out], outputs: [join(out, "stacks/app/cdk.tf.json")] }), join(out, "stacks/app/cdk.tf.json"), /inside .*cdktf\.out/);
    refused(() => assertSafeInvocation({ inputs: [out], outputs: [join(out, "report.json")] }), join(out, "report.json"), /inside/);
  });

  it("the configuration or exceptions file; two reports on one file; a directory", () => {
    const { dir, plan } = workdir();
    const cfg = join(dir, "sanso.config.yaml");
    writeFileSync(cfg, "fail_on: high\n");
    refused(() => assertSafeInvocation({ inputs: [plan], outputs: [cfg], reads: [cfg, undefined] }), cfg, /same file as .*sanso\.config\.yaml/);
    const r = join(dir, "r.json");
    refused(() => assertSafeInvocation({ inputs: [plan], outputs: [r, join(dir, ".", "r.json")] }), join(dir, ".", "r.json"), /two reports would be written to the same file/);
    refused(() => assertSafeInvocation({ inputs: [plan], outputs: [dir] }), dir, /is a directory/);
  });

  it("lets ordinary outputs, standard output and /dev/null through", () => {
    const { dir, plan } = workdir();
    expect(() => assertSafeInvocation({ inputs: [plan], outputs: [join(dir, "out/r.sarif"), null, "-", join(dir, "r.json")] })).not.toThrow();
    if (existsSync("/dev/null")) expect(() => assertSafeInvocation({ inputs: [plan], outputs: ["/dev/null", "/dev/null"] })).not.toThrow();
  });
});

describe("inputs that are not regular files are refused, never read", () => {
  it.skipIf(!existsSync("/dev/zero"))("/dev/zero as a plan, as a configuration, as an exceptions file", async () => {
    refused(() => assertSafeInvocation({ inputs: ["/dev/zero"], outputs: [] }), "/dev/zero", /character device, not a regular file/);
    await expect(loadInputs(["/dev/zero"])).rejects.toThrow(InputError);
    await expect(loadInputs(["/dev/zero"])).rejects.toThrow(/^\/dev\/zero: is a character device, not a regular file/);
    expect(() => loadConfig("/dev/zero")).toThrow(/^\/dev\/zero: cannot read the configuration file: a character device/);
    expect(() => loadExceptions("/dev/zero")).toThrow(/^\/dev\/zero: cannot read the exceptions file: a character device/);
  });

  it.skipIf(!hasMkfifo)("a FIFO with no writer (opening it would block forever)", async () => {
    const { dir } = workdir();
    const fifo = join(dir, "plan.json");
    execFileSync("rm", [fifo]);
    execFileSync("mkfifo", [fifo]);
    expect(statSync(fifo).isFIFO()).toBe(true);
    refused(() => assertSafeInvocation({ inputs: [fifo], outputs: [] }), fifo, /named pipe \(FIFO\), not a regular file/);
    await expect(loadInputs([fifo])).rejects.toThrow(/plan\.json: is a named pipe \(FIFO\), not a regular file/);
    // a cdktf.out whose stack file is a FIFO
    const out = join(dir, "cdktf.out");
    mkdirSync(join(out, "stacks/app"), { recursive: true });
    writeFileSync(join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: { app: { name: "app", synthesizedStackPath: "stacks/app/cdk.tf.json", workingDirectory: "stacks/app" } } }));
    execFileSync("mkfifo", [join(out, "stacks/app/cdk.tf.json")]);
    await expect(loadInputs([out])).rejects.toThrow(/cdk\.tf\.json: is a named pipe \(FIFO\)/);
  });
});

describe("reports are written whole or not at all", () => {
  it("writes each report through a temporary file and leaves none behind", () => {
    const { dir } = workdir();
    writeReports([{ path: join(dir, "a/r.json"), text: "{}\n", format: "json" }, { path: join(dir, "r.txt"), text: "ok\n" }]);
    expect(readFileSync(join(dir, "a/r.json"), "utf8")).toBe("{}\n");
    expect(readFileSync(join(dir, "r.txt"), "utf8")).toBe("ok\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readdirSync(join(dir, "a")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("when one report cannot be written, no destination is touched (old reports stay whole)", () => {
    const { dir } = workdir();
    const first = join(dir, "r.json");
    writeFileSync(first, "old report\n");
    writeFileSync(join(dir, "file"), "x");
    const bad = join(dir, "file/r.sarif"); // a path under a regular file
    refused(() => writeReports([{ path: first, text: "new report\n", format: "json" }, { path: bad, text: "{}", format: "sarif" }]), bad, /cannot write the sarif report/);
    expect(readFileSync(first, "utf8")).toBe("old report\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a symbolic link stays a link (its target gets the report); permissions are kept", () => {
    const { dir } = workdir();
    const target = join(dir, "real.html");
    writeFileSync(target, "old", { mode: 0o600 });
    symlinkSync(target, join(dir, "report.html"));
    writeReports([{ path: join(dir, "report.html"), text: "<html></html>\n" }]);
    expect(readFileSync(target, "utf8")).toBe("<html></html>\n");
    expect(lstatSync(join(dir, "report.html")).isSymbolicLink()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it.skipIf(!existsSync("/dev/null"))("devices are written to, never replaced", () => {
    writeReports([{ path: "/dev/null", text: "x" }]);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});

describe("YAML errors name the file", () => {
  // 20 levels of aliases, each doubling: what the yaml library's alias-count guard stops
  const bomb = ["a: &a [x, x]", ...Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(98 + (i % 24))}${i}: &l${i} [${i === 0 ? "*a, *a" : `*l${i - 1}, *l${i - 1}`}]`)].join("\n") + "\n";

  it("the alias-count guard of a configuration file", () => {
    const { dir } = workdir();
    const cfg = join(dir, "bomb.config.yaml");
    writeFileSync(cfg, bomb);
    refused(() => loadConfig(cfg), cfg, /malformed configuration file: Excessive alias count/);
  });

  it("the alias-count guard of an exceptions file", () => {
    const { dir } = workdir();
    const exc = join(dir, "bomb.exceptions.yaml");
    writeFileSync(exc, `${bomb}exceptions:\n  - id: EX-1\n    rule: ART99-REGION\n    note: *l19\n`);
    refused(() => loadExceptions(exc), exc, /malformed exceptions file: Excessive alias count/);
  });
});
