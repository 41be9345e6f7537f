import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckError, loadConfig, parseConfig } from "../../src/check/index.js";
import { tempDir } from "../tmp.js";

const EXAMPLE = join(import.meta.dirname, "../../examples/sanso.config.yaml");

function tmp(name: string, text: string): string {
  const dir = tempDir("sanso-config-");
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CheckError);
    return (e as Error).message;
  }
  throw new Error("no error");
}

describe("sanso.config.yaml", () => {
  it("reads the example: policy settings as data, fail_on and default_zone for sanso", () => {
    const c = loadConfig(EXAMPLE);
    expect(c.file).toBe(EXAMPLE);
    expect(c.policy).toMatchObject({
      platform: "gcas",
      log_retention_days: 365,
      allowed_regions: ["ap-northeast-1", "ap-northeast-3"],
      max_port_range: 100,
      default_zone: "lgwan",
    });
    expect(c.policy.allowed_tls_policies).toContain("ELBSecurityPolicy-TLS13-1-2-2021-06");
    expect(c.failOn).toBe("low");
    expect(c.defaultZone).toBe("lgwan");
    expect(c.unknownKeys).toEqual([]);
    expect("fail_on" in c.policy).toBe(false);
  });

  it("uses sanso.config.yaml of the directory when present, else nothing (the policies' defaults)", () => {
    const f = tmp("sanso.config.yaml", "platform: standalone\n");
    const dir = join(f, "..");
    expect(loadConfig(undefined, dir)).toMatchObject({ file: f, policy: { platform: "standalone" } });
    expect(loadConfig(undefined, tempDir("sanso-empty-"))).toEqual({ file: null, policy: {}, unknownKeys: [] });
  });

  it("accepts Japanese zone labels, string lists and empty values", () => {
    const c = parseConfig({ default_zone: "LGWAN接続系", allowed_regions: "ap-northeast-1", log_retention_days: null, fail_on: "HIGH" }, "c.yaml");
    expect(c.defaultZone).toBe("lgwan");
    expect(c.policy.allowed_regions).toEqual(["ap-northeast-1"]);
    expect("log_retention_days" in c.policy).toBe(false);
    expect(c.failOn).toBe("high");
    expect(parseConfig(null, "c.yaml").policy).toEqual({});
  });

  it("passes settings it does not know to the policies and names them", () => {
    const c = parseConfig({ future_setting: [1, 2] }, "c.yaml");
    expect(c.policy.future_setting).toEqual([1, 2]);
    expect(c.unknownKeys).toEqual(["future_setting"]);
  });

  it("rejects malformed settings, naming the file and the key", () => {
    expect(problem(() => parseConfig({ platform: "aws" }, "c.yaml"))).toBe('c.yaml: malformed configuration: platform must be gcas or standalone, found the string "aws"');
    expect(problem(() => parseConfig({ log_retention_days: "1 year" }, "c.yaml"))).toMatch(/log_retention_days must be a whole number of days/);
    expect(problem(() => parseConfig({ log_retention_days: -1 }, "c.yaml"))).toMatch(/log_retention_days/);
    expect(problem(() => parseConfig({ allowed_regions: [] }, "c.yaml"))).toMatch(/allowed_regions must be a non-empty list/);
    expect(problem(() => parseConfig({ allowed_regions: [1] }, "c.yaml"))).toMatch(/allowed_regions/);
    expect(problem(() => parseConfig({ fail_on: "urgent" }, "c.yaml"))).toMatch(/fail_on must be one of critical, high, medium, low/);
    expect(problem(() => parseConfig({ default_zone: "dmz" }, "c.yaml"))).toMatch(/default_zone must be mynumber, lgwan or internet/);
    expect(problem(() => parseConfig(["platform", "gcas"], "c.yaml"))).toMatch(/expected a mapping of settings, found a list/);
    expect(problem(() => parseConfig("gcas", "c.yaml"))).toMatch(/expected a mapping/);
  });

  it("reports YAML errors with their line, missing and unreadable files", () => {
    const bad = tmp("bad.yaml", "platform: gcas\nallowed_regions: [ap-northeast-1\nfail_on: low\n");
    expect(problem(() => loadConfig(bad))).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: malformed configuration file: YAML syntax error at line \\d+:\\d+`));
    const dup = tmp("dup.yaml", "platform: gcas\nplatform: standalone\n");
    expect(problem(() => loadConfig(dup))).toMatch(/YAML syntax error at line 2/);
    expect(problem(() => loadConfig("/nonexistent/sanso.config.yaml"))).toBe("/nonexistent/sanso.config.yaml: cannot read the configuration file: no such file or directory");
    const binary = tmp("bin.yaml", "");
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0xd8]));
    expect(problem(() => loadConfig(binary))).toMatch(/not valid UTF-8/);
    expect(problem(() => loadConfig(join(binary, "..")))).toMatch(/is a directory/);
  });
});
