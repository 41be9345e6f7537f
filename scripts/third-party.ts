// Runs `sanso test` on third-party Rego libraries that ship unit tests, and prints per library how
// many tests pass, fail, error, are skipped or cannot run. Their CI runs `opa test` green, so every
// test that does not pass is a difference from OPA.
//
//   npx tsx scripts/third-party.ts [--root DIR] [--json] [--verbose] [library...]
//   npx tsx scripts/third-party.ts --how          # the commands that gather the folders
//
// It never downloads. The folders are gathered once into DIR (default .cache/third-party, which
// git ignores: the libraries' files are never committed), one folder per library holding the
// library's paths as in its repository, at the commit measured:
//
//   git clone https://github.com/<repo> /tmp/<name>
//   mkdir -p .cache/third-party/<name>
//   git -C /tmp/<name> archive <commit> <folder>... | tar -x -C .cache/third-party/<name>
//
// with, for each library of LIBRARIES below (`--how` prints these lines filled in):
//   cisagov/ScubaGear                  4d34e9a48e38ce5c2e14c0fdfbaee53e57594ae2  PowerShell/ScubaGear/Rego PowerShell/ScubaGear/Testing/Unit/Rego  (v1)
//   anderseknert/rego-test-assertions  aac1943910ca5ae54531d59a735d4f162af84bc0  test                                                             (v1)
//   cisagov/ScubaGoggles               416a18ae2a5cd8a3a438e698f2adb781e529233a  scubagoggles/rego scubagoggles/Testing/Unit/Rego                  (v1)
//   StyraInc/opa-aws-cloudformation-hook cf2b057e1be0c1a3b92f9802519da2cb950efdaa examples/policy                                               (v1)
//   open-policy-agent/gatekeeper-library 5c441fb645f257b2c428fe9aea22da24a94b5bab src                                                            (v0)
//   open-policy-agent/library          75fd87df47be8616e6d5095e427f85030b60affc  aws docker istio kubernetes terraform                            (v0)
//   plexsystems/konstraint             76901b5726522cf8872fb3f6022d83c40e1ed711  examples                                                         (v0)
//   raspbernetes/k8s-security-policies 39e822e5dc6c19adb50bdb123dec6b8b3cba5ca8  policies                                                         (v0)
//   spacelift-io/spacelift-policies-example-library 00ef086a7bc91f149c188e85c18f4cff73178e69 examples                                  (v0)
//
// Each library is run the way its own CI runs `opa test` (the same paths; gatekeeper-library one
// template folder at a time, as its test.sh does); v0 libraries with --v0-compatible.
// Not measured: StyraInc/regal's bundle and aquasecurity/trivy-checks (their tests need the custom
// builtins their own binaries add: regal.parse_module, result.new, sh.parse_commands, …), and
// GoogleCloudPlatform/policy-library (its CI pins OPA 0.15/0.16, whose loader accepted data files
// OPA 1.x rejects).

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

interface Library {
  name: string;
  repo: string;
  commit: string;
  /** The repository's folders to gather. */
  folders: string[];
  rego: 0 | 1;
  /** The `sanso test` runs, each a list of paths inside the library's folder (as its CI runs `opa test`). */
  runs: (dir: string) => string[][];
  /** What its CI runs. */
  ci: string;
}

const subdirs = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort().map((n) => join(dir, n)) : [];

export const LIBRARIES: Library[] = [
  {
    name: "scubagear",
    repo: "cisagov/ScubaGear",
    commit: "4d34e9a48e38ce5c2e14c0fdfbaee53e57594ae2",
    folders: ["PowerShell/ScubaGear/Rego", "PowerShell/ScubaGear/Testing/Unit/Rego"],
    rego: 1,
    runs: (dir) => [["PowerShell/ScubaGear/Rego", "PowerShell/ScubaGear/Testing/Unit/Rego"].map((p) => join(dir, p))],
    ci: "opa test Rego/*.rego Rego/Utils/*.rego Testing/Unit/Rego/**/*.rego (.github/workflows/unit_test_opa.yaml)",
  },
  {
    name: "rego-test-assertions",
    repo: "anderseknert/rego-test-assertions",
    commit: "aac1943910ca5ae54531d59a735d4f162af84bc0",
    folders: ["test"],
    rego: 1,
    runs: (dir) => [[join(dir, "test")]],
    ci: "opa test test (.github/workflows/check.yaml)",
  },
  {
    name: "scubagoggles",
    repo: "cisagov/ScubaGoggles",
    commit: "416a18ae2a5cd8a3a438e698f2adb781e529233a",
    folders: ["scubagoggles/rego", "scubagoggles/Testing/Unit/Rego"],
    rego: 1,
    runs: (dir) => [["scubagoggles/rego", "scubagoggles/Testing/Unit/Rego"].map((p) => join(dir, p))],
    ci: "opa test scubagoggles/rego/*.rego scubagoggles/Testing/Unit/Rego/**/*.rego -v (.github/workflows/run_opa_tests.yml)",
  },
  {
    name: "cfn-hook",
    repo: "StyraInc/opa-aws-cloudformation-hook",
    commit: "cf2b057e1be0c1a3b92f9802519da2cb950efdaa",
    folders: ["examples/policy"],
    rego: 1,
    runs: (dir) => [[join(dir, "examples/policy")]],
    ci: "opa test -v examples/policy/ (.github/workflows/opa-tests.yaml)",
  },
  {
    name: "gatekeeper-library",
    repo: "open-policy-agent/gatekeeper-library",
    commit: "5c441fb645f257b2c428fe9aea22da24a94b5bab",
    folders: ["src"],
    rego: 0,
    runs: (dir) => subdirs(join(dir, "src")).flatMap((group) => subdirs(group)).map((t) => [t]),
    ci: "for folder in src/*/*: opa test ${folder}/*.rego (test.sh, OPA 0.44 and 0.57)",
  },
  {
    name: "opa-library",
    repo: "open-policy-agent/library",
    commit: "75fd87df47be8616e6d5095e427f85030b60affc",
    folders: ["aws", "docker", "istio", "kubernetes", "terraform"],
    rego: 0,
    runs: (dir) => [[dir]],
    ci: "opa test --verbose /library (build/test.sh, in the openpolicyagent/opa image)",
  },
  {
    name: "konstraint",
    repo: "plexsystems/konstraint",
    commit: "76901b5726522cf8872fb3f6022d83c40e1ed711",
    folders: ["examples"],
    rego: 0,
    // conftest's -d puts each data file's document at the root of data
    runs: (dir) => {
      const data = join(dir, "examples/test-data");
      const files = existsSync(data) ? readdirSync(data).filter((n) => /\.(json|ya?ml)$/.test(n)).sort().map((n) => join(data, n)) : [];
      return [[join(dir, "examples"), ...files]];
    },
    ci: "conftest verify -p examples -d examples/test-data (Makefile; conftest verify runs tests as opa test does)",
  },
  {
    name: "k8s-security-policies",
    repo: "raspbernetes/k8s-security-policies",
    commit: "39e822e5dc6c19adb50bdb123dec6b8b3cba5ca8",
    folders: ["policies"],
    rego: 0,
    runs: (dir) => [[join(dir, "policies")]],
    ci: "opa test policies/ -v (OPA 0.17.2, .github/workflows/build.yml; it reports the output and does not fail the build)",
  },
  {
    name: "spacelift",
    repo: "spacelift-io/spacelift-policies-example-library",
    commit: "00ef086a7bc91f149c188e85c18f4cff73178e69",
    folders: ["examples"],
    rego: 0,
    // each test file with its policy, as the CI loop does
    runs: (dir) => regoFiles(join(dir, "examples")).filter((f) => f.endsWith("_test.rego")).sort()
      .map((t) => [t, t.replace(/_test\.rego$/, ".rego")].filter((f) => existsSync(f))),
    ci: "for each *_test.rego: opa test -v $test ${test/_test.rego/.rego} (OPA 0.64, .github/workflows/continuous-integration.yaml; the step fails only when the last run fails)",
  },
];

export interface RunFigures { paths: string[]; tests: number; passed: number; failed: number; errored: number; skipped: number; notRun: number; problems: string[] }
export interface LibraryFigures extends Omit<RunFigures, "paths" | "problems"> { name: string; repo: string; commit: string; rego: 0 | 1; runs: RunFigures[] }

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) errored)?(?:, (\d+) skipped)?$/m;

function regoFiles(path: string, out: string[] = []): string[] {
  if (!existsSync(path)) return out;
  if (statSync(path).isDirectory()) for (const n of readdirSync(path)) regoFiles(join(path, n), out);
  else if (path.endsWith(".rego")) out.push(path);
  return out;
}

/** The tests a run would have, counted from the sources: for a run that cannot start (it does not compile). */
function countTests(paths: string[]): number {
  let n = 0;
  for (const p of paths) for (const f of regoFiles(p)) n += (readFileSync(f, "utf8").match(/^(?:todo_)?test_[A-Za-z0-9_]*/gm) ?? []).length;
  return n;
}

/** One `sanso test` run: its figures from the summary line, and the lines of its failures and errors. */
export function runOnce(paths: string[], rego: 0 | 1): RunFigures {
  const args = [join(ROOT, "bin/sanso.js"), "test", ...(rego === 0 ? ["--v0-compatible"] : []), ...paths];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const m = SUMMARY.exec(r.stdout);
  const problems = r.stdout.split("\n").filter((l) => /^(FAIL|ERROR) /.test(l));
  if (!m) {
    const why = (r.stderr || r.stdout).trim().split("\n")[0] ?? `exit ${r.status}`;
    const n = countTests(paths);
    return { paths, tests: n, passed: 0, failed: 0, errored: 0, skipped: 0, notRun: n, problems: [`NOT RUN (${n} tests): ${why}`] };
  }
  const [passed, failed, errored, skipped] = [1, 2, 3, 4].map((i) => Number(m[i] ?? 0));
  return { paths, tests: passed + failed + errored + skipped, passed, failed, errored, skipped, notRun: 0, problems };
}

export function runLibrary(lib: Library, root: string, onRun?: (r: RunFigures) => void): LibraryFigures {
  const dir = join(root, lib.name);
  const runs = lib.runs(dir).map((paths) => {
    const r = runOnce(paths, lib.rego);
    onRun?.(r);
    return r;
  });
  const sum = (k: keyof Omit<RunFigures, "paths" | "problems">) => runs.reduce((a, r) => a + r[k], 0);
  return {
    name: lib.name, repo: lib.repo, commit: lib.commit, rego: lib.rego, runs,
    tests: sum("tests"), passed: sum("passed"), failed: sum("failed"), errored: sum("errored"), skipped: sum("skipped"), notRun: sum("notRun"),
  };
}

export function formatTable(rows: LibraryFigures[]): string {
  const head = ["library", "rego", "tests", "passed", "failed", "errored", "skipped", "not run", "as opa test"];
  const body = rows.map((r) => [
    r.name, `v${r.rego}`, r.tests, r.passed, r.failed, r.errored, r.skipped, r.notRun,
    r.failed + r.errored + r.notRun === 0 ? "yes" : "no",
  ].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const rootIdx = args.indexOf("--root");
  const root = rootIdx >= 0 ? args[rootIdx + 1] : join(ROOT, ".cache/third-party");
  if (rootIdx >= 0 && !root) {
    console.error("usage: npx tsx scripts/third-party.ts [--root DIR] [--json] [--verbose] [--how] [library...]");
    return 2;
  }
  const names = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--root");
  const unknown = names.filter((n) => !LIBRARIES.some((l) => l.name === n));
  if (unknown.length) {
    console.error(`third-party: unknown library ${unknown.join(", ")} (known: ${LIBRARIES.map((l) => l.name).join(", ")})`);
    return 2;
  }
  const libs = names.length ? LIBRARIES.filter((l) => names.includes(l.name)) : LIBRARIES;
  if (args.includes("--how")) {
    for (const l of libs) {
      console.log(`git clone https://github.com/${l.repo} /tmp/${l.name} && mkdir -p ${join(root, l.name)} && ` +
        `git -C /tmp/${l.name} archive ${l.commit} ${l.folders.join(" ")} | tar -x -C ${join(root, l.name)}`);
    }
    return 0;
  }
  const missing = libs.filter((l) => !existsSync(join(root, l.name)));
  if (missing.length) {
    console.error(`third-party: not gathered: ${missing.map((l) => join(root, l.name)).join(", ")} (npx tsx scripts/third-party.ts --how prints the commands)`);
    return 2;
  }
  const verbose = args.includes("--verbose");
  const rows: LibraryFigures[] = [];
  for (const lib of libs) {
    rows.push(runLibrary(lib, root, (r) => {
      if (verbose || r.problems.length) {
        const where = r.paths.map((p) => relative(root, p)).join(" ");
        if (verbose) console.error(`${where}: ${r.passed}/${r.tests} passed`);
        for (const p of r.problems) console.error(`  ${where}: ${p}`);
      }
    }));
  }
  console.log(args.includes("--json") ? JSON.stringify(rows.map(({ runs, ...r }) => ({ ...r, problems: runs.flatMap((x) => x.problems) })), null, 2) : formatTable(rows));
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
