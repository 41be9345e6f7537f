import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError, loadInputs, parseJsonText } from "../../src/input/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sanso-input-err-"));
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const f = join(dir, name);
  await writeFile(f, content);
  return f;
}

/** Loads and returns the InputError (fails if something else happens). */
async function failure(path: string): Promise<InputError> {
  try {
    await loadInputs([path]);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.message.startsWith(`${err.file}: `)).toBe(true);
    expect(err.message).not.toMatch(/\n\s+at /); // never a stack trace in the message
    return err;
  }
  throw new Error(`expected ${path} to fail`);
}

describe("unusable input", () => {
  it("missing file", async () => {
    const p = join(dir, "nope.json");
    const e = await failure(p);
    expect(e.message).toBe(`${p}: no such file or directory`);
  });

  it("empty file, whitespace-only file", async () => {
    expect((await failure(await file("empty.json", ""))).problem).toBe("the file is empty");
    expect((await failure(await file("blank.json", "  \n\t\n"))).problem).toBe("the file is empty");
    expect((await failure(await file("bom-only.json", Buffer.from([0xef, 0xbb, 0xbf])))).problem).toBe("the file is empty");
  });

  it("malformed JSON names line and column", async () => {
    const e = await failure(await file("bad.json", '{\n  "resource": {\n    "aws_s3_bucket": {,}\n  }\n}\n'));
    expect(e.problem).toMatch(/^malformed JSON at line 3:23: Expected property name/);
    const e2 = await failure(await file("bad2.json", '{\n "format_version": "1.0",\n "planned_values": tru\n}'));
    expect(e2.problem).toMatch(/^malformed JSON at line 3:20/);
    const e3 = await failure(await file("bad3.json", '{"a": 1} trailing'));
    expect(e3.problem).toMatch(/^malformed JSON at line 1:10: /);
  });

  it("truncated file", async () => {
    const e = await failure(await file("trunc.json", '{\n  "format_version": "1.1",\n  "planned_values": {"root_module": {"resources": [{"address": "aws_s3'));
    expect(e.problem).toMatch(/^malformed JSON: the file ends too early at line 3:\d+ \(truncated file\?\)$/);
    const e2 = await failure(await file("trunc2.json", '{"resource": {"aws_s3_bucket": {"b": {}}}'));
    expect(e2.problem).toContain("truncated");
  });

  it("invalid UTF-8", async () => {
    const e = await failure(await file("latin1.json", Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d])));
    expect(e.problem).toMatch(/not valid UTF-8 text/);
  });

  it("JSON that is neither format", async () => {
    expect((await failure(await file("other.json", '{"name": "package", "version": "1.0.0"}'))).problem).toMatch(
      /^not a cdk\.tf\.json .* nor a terraform show -json plan/,
    );
    expect((await failure(await file("array.json", "[1, 2]"))).problem).toMatch(/expected a JSON object .*found an array/);
    expect((await failure(await file("string.json", '"x"'))).problem).toMatch(/found a string/);
    expect((await failure(await file("null.json", "null"))).problem).toMatch(/found null/);
    expect((await failure(await file("state.json", '{"format_version": "1.0", "terraform_version": "1.5.0", "values": {"root_module": {}}}'))).problem).toMatch(
      /Terraform state .* not a plan/,
    );
    expect((await failure(await file("manifest.json", '{"version": "0.21.0", "stacks": {}}'))).problem).toMatch(/cdktf\.out manifest\.json; pass the cdktf\.out directory/);
  });

  it("plan with an unknown format_version says which are supported", async () => {
    const e = await failure(await file("v2.json", '{"format_version": "2.0", "planned_values": {}, "resource_changes": []}'));
    expect(e.problem).toBe('unsupported plan format_version "2.0"; supported versions are 0.1, 0.2, 1.0, 1.1, 1.2');
    const e2 = await failure(await file("v-num.json", '{"format_version": 1, "planned_values": {}}'));
    expect(e2.problem).toMatch(/unsupported plan format_version 1;/);
  });

  it("malformed plan and cdk.tf.json sections", async () => {
    expect((await failure(await file("rc.json", '{"format_version": "1.0", "resource_changes": {}}'))).problem).toBe("malformed plan: `resource_changes` is not an array");
    expect((await failure(await file("res.json", '{"resource": {"aws_s3_bucket": []}}'))).problem).toBe("malformed cdk.tf.json: `resource.aws_s3_bucket` is not an object");
    expect((await failure(await file("res2.json", '{"resource": {"aws_s3_bucket": {"b": "x"}}}'))).problem).toBe("malformed cdk.tf.json: `resource.aws_s3_bucket.b` is not an object");
  });

  it("cdktf.out without manifest.json", async () => {
    const d = join(dir, "no-manifest");
    await mkdir(d, { recursive: true });
    const e = await failure(d);
    expect(e.file).toBe(d);
    expect(e.problem).toMatch(/^not a cdktf\.out directory: manifest\.json is missing/);
  });

  it("cdktf.out whose manifest is malformed or lists a stack without its file", async () => {
    const d = join(dir, "cdktf.out");
    await rm(d, { recursive: true, force: true });
    await cp(join(import.meta.dirname, "../fixtures/input/cdktf.out"), d, { recursive: true });
    await rm(join(d, "stacks/lgwan-web/cdk.tf.json"));
    const e = await failure(d);
    expect(e.file).toBe(join(d, "stacks/lgwan-web/cdk.tf.json"));
    expect(e.problem).toMatch(/^stack "lgwan-web" listed in .*manifest\.json has no synthesized file/);

    await writeFile(join(d, "manifest.json"), '{"version": "0.21.0"}');
    expect((await failure(d)).problem).toBe("malformed cdktf manifest: no `stacks` object");
    await writeFile(join(d, "manifest.json"), '{"version": "0.21.0", "stacks": {}}');
    expect((await failure(d)).problem).toBe("the cdktf manifest lists no stacks");
    await writeFile(join(d, "manifest.json"), '{"version": "0.21.0", "stacks": {');
    expect((await failure(d)).problem).toContain("truncated");
  });

  it("parseJsonText reports positions for errors V8 does not locate", () => {
    expect(() => parseJsonText('{\n "a": [1, 2,\n x]\n}', "f.json")).toThrow(/f\.json: malformed JSON at line 3:2/);
  });
});
