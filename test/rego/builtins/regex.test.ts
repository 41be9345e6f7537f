// regex.template_match and regex.globs_match.
import { beforeAll, describe, expect, it } from "vitest";
import { compileBoth, type Evaluator } from "./helpers.js";

const RULES = {
  template: `regex.template_match("urn:foo:{.*}", "urn:foo:bar:baz", "{", "}")`,
  templateDots: `regex.template_match("urn:foo.bar.com:{.*}", "urn:foo_bar_com:x", "{", "}")`,
  templateAngles: `regex.template_match("id-<[0-9]{3}>-<[a-z]+>", "id-123-abc", "<", ">")`,
  templateNoMatch: `regex.template_match("id-<[0-9]{3}>", "id-12", "<", ">")`,
  templateUnbalanced: `regex.template_match("urn:{.*", "urn:x", "{", "}")`,
  templateLongDelim: `regex.template_match("urn:<<.*>>", "urn:x", "<<", ">>")`,
  templateBadRegex: `regex.template_match("urn:<(>", "urn:x", "<", ">")`,
  globs: `regex.globs_match("a.a.[0-9]+z", ".b.b2359825792*594823z")`,
  globsDisjoint: `regex.globs_match("[a-z]+", "[0-9]*")`,
  globsEscaped: `regex.globs_match("[a-z]+\\\\[[0-9]+\\\\]", "foo\\\\[1\\\\]")`,
  globsStar: `regex.globs_match("ab*c", "a.*")`,
  globsLength: `regex.globs_match("...", "..")`,
  globsBad: `regex.globs_match("*a", "a")`,
  globsOpenSet: `regex.globs_match("[ab", "a")`,
};

let e: Evaluator;
let strict: Evaluator;
beforeAll(async () => {
  ({ e, strict } = await compileBoth(RULES));
});

describe("regex.template_match", () => {
  it("matches literal text and the delimited patterns", () => {
    expect(e.value("template")).toBe(true);
    expect(e.value("templateDots")).toBe(false); // the literal part is quoted
    expect(e.value("templateAngles")).toBe(true);
    expect(e.value("templateNoMatch")).toBe(false);
  });

  it("fails on unbalanced delimiters, long delimiters and bad patterns", () => {
    expect(e.value("templateUnbalanced")).toBeUndefined();
    expect(strict.error("templateUnbalanced")).toBe('eval_builtin_error: regex.template_match: unbalanced braces in "urn:{.*"');
    expect(strict.error("templateLongDelim")).toBe("eval_builtin_error: regex.template_match: start delimiter has to be exactly one character long but is 2 long");
    expect(strict.error("templateBadRegex")).toMatch(/^eval_builtin_error: regex\.template_match: error parsing regexp: missing closing \)/);
  });
});

describe("regex.globs_match", () => {
  it("tells whether some string matches both globs", () => {
    expect(e.value("globs")).toBe(true);
    expect(e.value("globsDisjoint")).toBe(false);
    expect(e.value("globsEscaped")).toBe(true);
    expect(e.value("globsStar")).toBe(true);
    expect(e.value("globsLength")).toBe(false);
  });

  it("fails on invalid globs", () => {
    expect(e.value("globsBad")).toBeUndefined();
    expect(strict.error("globsBad")).toBe("eval_builtin_error: regex.globs_match: pos:1:flag '*' must be preceded by a non-flag: the input provided is invalid");
    expect(strict.error("globsOpenSet")).toMatch(/regex\.globs_match: pos:\d+:found \[ without matching \]/);
  });
});
