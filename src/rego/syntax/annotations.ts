// METADATA annotations: a comment block whose first line is `# METADATA`, followed by comment lines
// (on consecutive lines) holding YAML. The block applies to the first statement after it: a rule
// (scope `rule`, or `document` when `entrypoint: true`) or the package (scope `package`), unless the
// YAML sets `scope` explicitly (rule, document, package, subpackages).

import { createRequire } from "node:module";
import { RegoError, type Annotation, type Location, type Module, type Rule } from "./ast.ts";
import type { Comment } from "./lexer.ts";

// The YAML library loads with the first METADATA block, not with the parser: the parser is also
// loaded at every evaluation, for the builtin rego.parse_module (bundle/builtins/rego-parse.ts).
let yamlLib: typeof import("yaml") | undefined;
const parseYaml = (text: string): unknown => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);

/** A top-level statement of a module, as seen by annotation attachment. */
export interface Statement {
  kind: "package" | "import" | "rule";
  line: number;
  loc: Location;
  rule?: Rule;
}

interface Block {
  loc: Location;
  lines: string[];
  endLine: number;
}

const SCOPES = ["rule", "document", "package", "subpackages"] as const;
type Scope = (typeof SCOPES)[number];

function isMetadataMarker(c: Comment): boolean {
  return c.text.trim() === "METADATA";
}

/** Groups the comments into METADATA blocks. */
function findBlocks(comments: Comment[], file: string): Block[] {
  const blocks: Block[] = [];
  let cur: Block | undefined;
  for (const c of comments) {
    if (isMetadataMarker(c)) {
      cur = { loc: { file, line: c.line, col: c.col }, lines: [], endLine: c.line };
      blocks.push(cur);
      continue;
    }
    if (cur && c.line === cur.endLine + 1) {
      cur.lines.push(c.text.startsWith(" ") ? c.text.slice(1) : c.text);
      cur.endLine = c.line;
      continue;
    }
    cur = undefined;
  }
  return blocks;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The static part of a rule's ref: the name and the following string keys. */
export function ruleStaticPath(rule: Rule): string[] {
  const out: string[] = [];
  for (const t of rule.head.ref) {
    if (t.type === "var" && out.length === 0) out.push(t.name);
    else if (t.type === "string") out.push(t.value);
    else break;
  }
  return out;
}

/**
 * Parses the METADATA blocks among `comments`, resolves their scope and path, attaches rule-scoped
 * ones to their rule (`Rule.annotations`) and returns all of them in file order. Errors (invalid
 * YAML, bad keys, scope/attachment mismatches) are appended to `errors`, located at the
 * `# METADATA` line.
 */
export function attachAnnotations(
  comments: Comment[],
  module: Module,
  statements: Statement[],
  errors: RegoError[],
): Annotation[] {
  const out: Annotation[] = [];
  const stmts = [...statements].sort((a, b) => a.line - b.line);
  for (const block of findBlocks(comments, module.file)) {
    const fail = (msg: string) => errors.push(new RegoError(block.loc, msg, "rego_parse_error"));
    const text = block.lines.join("\n");
    if (text.trim() === "") {
      fail("expected METADATA block, found whitespace");
      continue;
    }
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch (e) {
      const msg = e instanceof Error ? e.message.split("\n")[0]!.trim() : String(e);
      fail(`invalid METADATA block: ${msg}`);
      continue;
    }
    if (!isRecord(raw)) {
      fail("invalid METADATA block: expected a YAML mapping");
      continue;
    }

    const ann: Partial<Annotation> = {};
    const custom: Record<string, unknown> = {};
    let scope: Scope | undefined;
    let bad = false;
    for (const [key, value] of Object.entries(raw)) {
      switch (key) {
        case "scope":
          if (typeof value !== "string" || !(SCOPES as readonly string[]).includes(value)) {
            fail(
              `invalid annotation scope '${String(value)}'. Use one of 'rule', 'document', 'package', or 'subpackages'`,
            );
            bad = true;
          } else scope = value as Scope;
          break;
        case "title":
        case "description":
          if (typeof value !== "string") {
            fail(`invalid METADATA block: ${key} must be a string`);
            bad = true;
          } else ann[key] = value;
          break;
        case "related_resources":
        case "authors":
        case "schemas":
          if (value === null) break; // a key without value is an empty list, as OPA's YAML reading gives
          if (!Array.isArray(value)) {
            fail(`invalid METADATA block: ${key} must be a list`);
            bad = true;
          } else ann[key] = value;
          break;
        case "organizations":
          if (value === null) break;
          if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
            fail("invalid METADATA block: organizations must be a list of strings");
            bad = true;
          } else ann.organizations = value as string[];
          break;
        case "entrypoint":
          if (typeof value !== "boolean") {
            fail("invalid METADATA block: entrypoint must be a boolean");
            bad = true;
          } else ann.entrypoint = value;
          break;
        case "custom":
          if (value === null) break;
          if (!isRecord(value)) {
            fail("invalid METADATA block: custom must be a mapping");
            bad = true;
          } else Object.assign(custom, value);
          break;
        default:
          custom[key] = value; // unknown keys are kept in `custom`
      }
    }
    if (bad) continue;
    if (Object.keys(custom).length > 0) ann.custom = custom;

    // The statement the block applies to: the first one starting after the block.
    const stmt = stmts.find((s) => s.line > block.endLine);
    if (!stmt || stmt.kind === "import") {
      fail(
        scope
          ? `annotation scope '${scope}' must be applied to ${scope === "rule" || scope === "document" ? "rule" : "package"}${stmt ? " (have import)" : ""}`
          : "annotation must be followed by a package or rule",
      );
      continue;
    }
    if (!scope) scope = stmt.kind === "package" ? "package" : ann.entrypoint ? "document" : "rule";
    const wantRule = scope === "rule" || scope === "document";
    if (wantRule !== (stmt.kind === "rule")) {
      fail(`annotation scope '${scope}' must be applied to ${wantRule ? "rule" : "package"} (have ${stmt.kind})`);
      continue;
    }
    const path = ["data", ...module.package];
    if (stmt.rule) path.push(...ruleStaticPath(stmt.rule));
    const annotation: Annotation = { scope, ...ann, path, loc: block.loc };
    if (stmt.rule) (stmt.rule.annotations ??= []).push(annotation);
    out.push(annotation);
  }
  return out;
}
