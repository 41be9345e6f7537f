/**
 * Construct source locations (issue 14 item 5): an app that uses sanso's constructs records, for
 * each resource, the user's line that created it, and `sanso check` points its findings there —
 * SARIF's physical location is the app's .ts file and line, the generated cdk.tf.json a related
 * location; Markdown shows `main.ts:<line>` first. A resource made inside a sanso construct points
 * at the user's line that created the construct. `SANSO_SOURCE_LOCATIONS=off` and
 * `new App({ stackTraces: false })` record nothing. The apps are real cdktf projects in a temp
 * directory, synthesized by `sanso check` with the project's own command (npx tsx main.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userSourceLocation } from "../../src/input/stack-trace.js";
import { buildReport, render } from "../../src/report/index.js";
import { fixtureInput } from "../report/fixture.js";
import { buildCli, sanso } from "../cli/helpers.js";
import { linkModules } from "../cli/project.js";

const MAIN = `import { App } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { LgwanZone, SansoStack, SecureBucket } from "sanso/constructs";

const app = new App(__APP_OPTIONS__);
const stack = new SansoStack(app, "city", { platform: "gcas", environment: "production", region: "ap-northeast-1" });
const zone = new LgwanZone(stack, "Lgwan", {
  owner: "総務課",
  cidrBlock: "10.20.0.0/16",
  dedicatedLine: {
    amazonSideAsn: 64520,
    premisesPrefixes: ["172.20.0.0/20"],
    connections: [
      { connectionId: "dxcon-tokyo0001", location: "EqTY2", vlan: 120, bgpAsn: 65010 },
      { connectionId: "dxcon-osaka0001", location: "EqOS1", vlan: 121, bgpAsn: 65010 },
    ],
  },
});

// a helper of the user's: the line inside it is where the bucket is made
function files(scope: LgwanZone): SecureBucket {
  return new SecureBucket(scope, "Files", { classification: "II", owner: "総務課" });
}
files(zone);

new S3Bucket(zone, "Raw", { bucket: "city-raw", tags: { "sanso:classification": "II", "sanso:owner": "総務課" } });
app.synth();
`;

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no ${needle}`);
  return i + 1;
}

function project(dir: string, name: string, appOptions = "{}"): string {
  const p = join(dir, name);
  mkdirSync(p);
  writeFileSync(join(p, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  writeFileSync(join(p, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }));
  writeFileSync(join(p, "main.ts"), MAIN.replace("__APP_OPTIONS__", appOptions));
  linkModules(p);
  return p;
}

interface TfJson {
  resource: Record<string, Record<string, { "//"?: { metadata?: { path?: string; stackTrace?: string[] } } }>>;
}

/** The `//` metadata of every resource of the project's synthesized stack, by construct path. */
function metadata(p: string): Map<string, { path?: string; stackTrace?: string[] }> {
  const tf = JSON.parse(readFileSync(join(p, "cdktf.out/stacks/city/cdk.tf.json"), "utf8")) as TfJson;
  const out = new Map<string, { path?: string; stackTrace?: string[] }>();
  for (const group of Object.values(tf.resource)) for (const r of Object.values(group)) out.set(r["//"]?.metadata?.path ?? "", r["//"]?.metadata ?? {});
  return out;
}

const RAW = "aws_s3_bucket.Lgwan_Raw_637D3A6D";
let dir: string;
beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), "sanso-source-location-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the user's location in a recorded trace", () => {
  it("reads frames as constructs writes them (no `at `), skipping node_modules and Node's internals", () => {
    const trace = [
      "new TerraformResource (/app/node_modules/cdktf/lib/terraform-resource.js:20:9)",
      "files (/app/lib/buckets.ts:7:10)",
      "/app/main.ts:31:1",
    ];
    expect(userSourceLocation(trace, "/app")).toEqual({ file: "lib/buckets.ts", line: 7, column: 10 });
    expect(userSourceLocation(["file:///app/main.ts:3:4", "node:internal/modules/run_main:1:1"], "/app")).toEqual({ file: "main.ts", line: 3, column: 4 });
    expect(userSourceLocation(["node:internal/x:1:1", "new S3Bucket (/a/node_modules/b.js:1:1)"], "/a")).toBeUndefined();
  });
});

describe("the source location in the HTML report", () => {
  it("comes first, labelled 作成箇所 / source, before the construct, the address and the generated file", () => {
    const input = fixtureInput();
    const i = input.findings.findIndex((f) => f.resource.includes("zone_records_sse"));
    input.findings[i] = { ...input.findings[i]!, source: { file: "main.ts", line: 42 } };
    expect(render("html", buildReport(input))).toContain("<div class=\"where\"><span>作成箇所: <code>main.ts:42</code></span>");
    const html = render("html", buildReport(input), { lang: "en" });
    const block = html.slice(html.indexOf("<span>source: <code>main.ts:42</code></span>"));
    expect(block.indexOf("construct: <code>gov-mynumber/zone/records/sse</code>")).toBeGreaterThan(0);
    expect(block.indexOf("construct: ")).toBeLessThan(block.indexOf("resource: <code>aws_s3_bucket_server_side_encryption_configuration.zone_records_sse_1F6E0A77</code>"));
    expect(block.indexOf("resource: ")).toBeLessThan(block.indexOf("file: <code>cdktf.out/stacks/gov-mynumber/cdk.tf.json:210</code>"));
  });
});

describe("construct source locations", () => {
  it("SARIF points a raw resource's finding at the app's .ts line of `new S3Bucket(`, the cdk.tf.json as related location", async () => {
    const p = project(dir, "sarif");
    const r = await sanso(["check", "-f", "sarif"], { cwd: p });
    expect(r.code, r.stderr).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } }; logicalLocations: Array<{ name: string; fullyQualifiedName: string }> }>;
          relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
        }>;
      }>;
    };
    const raw = sarif.runs[0]!.results.filter((x) => x.locations[0]!.logicalLocations[0]!.name === RAW);
    expect(raw.map((x) => x.ruleId)).toContain("ART22-ENCRYPTED-AT-REST");
    for (const x of raw) {
      expect(x.locations[0]!.physicalLocation.artifactLocation.uri).toBe("main.ts");
      expect(x.locations[0]!.physicalLocation.region).toEqual({ startLine: lineOf(MAIN, "new S3Bucket("), startColumn: 1 });
      expect(x.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toBe("city/Lgwan/Raw");
      const related = x.relatedLocations![0]!.physicalLocation;
      expect(related.artifactLocation.uri).toBe("cdktf.out/stacks/city/cdk.tf.json");
      const tf = readFileSync(join(p, related.artifactLocation.uri), "utf8").split("\n");
      expect(tf[related.region.startLine - 1]).toMatch(/"Lgwan_Raw_637D3A6D": \{/);
    }

    // a finding on a resource made inside a sanso construct points at the user's line that made
    // the construct (here SecureBucket and the zone's LogArchive, without a BackupPolicy: ART43-BACKUP)
    const inside = sarif.runs[0]!.results.flatMap((x) => x.locations).filter((l) => /^city\/Lgwan\/(Files|LogArchive)\//.test(l.logicalLocations[0]!.fullyQualifiedName));
    expect(inside.length).toBeGreaterThan(0);
    for (const l of inside) {
      const made = l.logicalLocations[0]!.fullyQualifiedName.startsWith("city/Lgwan/Files/") ? "new SecureBucket(" : "new LgwanZone(";
      expect(l.physicalLocation.artifactLocation.uri).toBe("main.ts");
      expect(l.physicalLocation.region.startLine).toBe(lineOf(MAIN, made));
    }

    // every resource made inside a sanso construct points at the user's line that made the construct
    const meta = metadata(p);
    const at = (path: string) => userSourceLocation(meta.get(path)?.stackTrace, p);
    expect(at("city/Lgwan/Files/Bucket")).toEqual({ file: "main.ts", line: lineOf(MAIN, "new SecureBucket("), column: 10 });
    expect(at("city/Lgwan/Vpc")).toMatchObject({ file: "main.ts", line: lineOf(MAIN, "new LgwanZone(") });
    expect(at("city/Lgwan/Raw")).toMatchObject({ file: "main.ts", line: lineOf(MAIN, "new S3Bucket(") });
    // the helper's line, then the call of the helper; sanso's and node_modules' frames are not written
    expect(meta.get("city/Lgwan/Files/Bucket")!.stackTrace).toEqual([
      expect.stringMatching(new RegExp(`^files \\(.*/sarif/main\\.ts:${lineOf(MAIN, "new SecureBucket(")}:10\\)$`)),
      expect.stringMatching(new RegExp(`/sarif/main\\.ts:${lineOf(MAIN, "files(zone);")}:1\\)?$`)),
    ]);
    for (const m of meta.values()) {
      expect(m.stackTrace!.length).toBeGreaterThan(0);
      expect(m.stackTrace!.length).toBeLessThanOrEqual(2);
      for (const frame of m.stackTrace!) expect(frame).not.toMatch(/node_modules|\/constructs\/|\/dist\/js\//);
    }
  });

  it("Markdown shows the user's file:line first, then the construct path, the address and the generated file's line", async () => {
    const p = project(dir, "markdown");
    const r = await sanso(["check", "-f", "markdown"], { cwd: p });
    expect(r.code, r.stderr).toBe(1);
    const row = r.stdout.split("\n").find((l) => l.includes("ART22-ENCRYPTED-AT-REST") && l.includes(RAW));
    expect(row).toBeDefined();
    const cell = row!.split(" | ")[3]!;
    const parts = cell.split("<br>");
    expect(parts[0]).toBe(`\`main.ts:${lineOf(MAIN, "new S3Bucket(")}\``);
    expect(parts[1]).toBe("`city/Lgwan/Raw`");
    expect(parts).toContain(`\`${RAW}\``);
    // (sanso check names the output it synthesized by its absolute path)
    expect(parts[parts.length - 1]).toMatch(/^`(\/.*\/)?cdktf\.out\/stacks\/city\/cdk\.tf\.json:\d+`$/);
  });

  it("SANSO_SOURCE_LOCATIONS=off, or new App({ stackTraces: false }), writes no stack trace; findings fall back to the generated file", async () => {
    const off = project(dir, "env-off");
    const r = await sanso(["check", "-f", "sarif"], { cwd: off, env: { SANSO_SOURCE_LOCATIONS: "off" } });
    expect(r.code, r.stderr).toBe(1);
    expect([...metadata(off).values()].filter((m) => m.stackTrace !== undefined)).toEqual([]);
    const results = (JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; relatedLocations?: unknown }> }> }).runs[0]!.results;
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) {
      expect(x.locations[0]!.physicalLocation.artifactLocation.uri).toBe("cdktf.out/stacks/city/cdk.tf.json");
      expect(x.relatedLocations).toBeUndefined();
    }

    const app = project(dir, "app-off", "{ stackTraces: false }");
    expect((await sanso(["synth"], { cwd: app })).code).toBe(0);
    expect([...metadata(app).values()].filter((m) => m.stackTrace !== undefined)).toEqual([]);
  });
});
