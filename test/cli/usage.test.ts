/**
 * What CI meets first: usage errors are exit 2 with one line (1 means findings), and a reader that
 * closes the pipe early (`sanso check … | head -1`) does not turn the result into a failure.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, buildCli, sanso } from "./helpers.js";
import { tempDir } from "../tmp.js";

/** stderr without Node's own warnings (the test environment may set both NO_COLOR and FORCE_COLOR). */
const ownLines = (stderr: string) => stderr.split("\n").filter((l) => l.trim() && !/^\(node:\d+\)|^\(Use `node/.test(l));

let app: string;

beforeAll(async () => {
  buildCli();
  app = join(tempDir("sanso-usage-"), "out");
  const r = await sanso(["synth", "--output", app]);
  expect(r.code, r.stderr).toBe(0);
});

describe("usage errors", () => {
  const cases: Array<[string[], RegExp]> = [
    [["check", "x.json", "--fial-on", "high"], /^sanso: unknown option '--fial-on' \(Did you mean --fail-on\?\)/],
    [["check", "--format"], /^sanso: option '-f, --format <format>' argument missing/],
    [["build"], /^sanso: missing required argument 'paths'/],
    [["eval"], /^sanso: missing required argument 'query'/],
    [["init"], /^sanso: missing required argument 'dir'/],
    [["test"], /^sanso: missing required argument 'paths'/],
    [["nosuch"], /^sanso: unknown command 'nosuch'/],
    [["policies", "--lang"], /^sanso: option '--lang <lang>' argument missing/],
  ];
  for (const [args, message] of cases) {
    it(`sanso ${args.join(" ")}: exit 2, one line`, async () => {
      const r = await sanso(args);
      expect(r.code).toBe(2);
      const lines = ownLines(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }

  it("--help and --version exit 0", async () => {
    expect((await sanso(["--help"])).code).toBe(0);
    expect((await sanso(["check", "--help"])).code).toBe(0);
    const v = await sanso(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("a closed pipe", () => {
  /** `sanso … | head -c 1`: the exit status of sanso, and what it wrote on stderr. */
  function piped(args: string[]): { status: number; stderr: string } {
    const errFile = join(tempDir("sanso-pipe-"), "stderr");
    const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const r = spawnSync("bash", ["-c", `${quoted} 2>'${errFile}' | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: "utf8" });
    return { status: Number(r.stdout.trim()), stderr: readFileSync(errFile, "utf8") };
  }

  it("keeps the result's exit code and prints no error (3 runs each)", () => {
    for (let i = 0; i < 3; i++) {
      const ok = piped(["check", join(app, "stacks/gcas-jumin/cdk.tf.json"), "-f", "json"]);
      expect(ok).toEqual({ status: 0, stderr: expect.not.stringMatching(/EPIPE|Error/) });
      const bad = piped(["check", app, "-f", "json"]);
      expect(bad).toEqual({ status: 1, stderr: expect.not.stringMatching(/EPIPE|Error/) });
      const list = piped(["policies", "--coverage"]);
      expect(list).toEqual({ status: 0, stderr: expect.not.stringMatching(/EPIPE|Error/) });
    }
  });
});
