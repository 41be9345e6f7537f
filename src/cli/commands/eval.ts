// `sanso eval`: evaluate a query against policies and data, printing the result as JSON (like opa eval).

import type { Command } from "commander";
import { readFileSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { loadSources, v0Hint } from "../../rego/sources.js";
import { RegoErrors, type Module, type RegoError } from "../../rego/syntax/ast.js";
import { action, describeError, UsageError } from "../errors.js";
import { opaBinary } from "../opa.js";

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("evaluate a Rego query and print the result as JSON (for debugging, like `opa eval`)")
    .argument("<query>", "query, e.g. data.example.allow or 'x := data.example.deny[_]'")
    .option("-d, --data <path>", "Rego file or directory, or a JSON/YAML data file (repeatable)", (v: string, p: string[]) => [...p, v], [])
    .option("-i, --input <file>", "input document (JSON)")
    .option("--stack <name>", "with an -i cdktf.out: the stack to evaluate")
    .option("--compiler <name>", "sanso (built in) or opa (an `opa` binary on PATH)", "sanso")
    .option("--strict-builtin-errors", "a builtin's error is an evaluation error (exit 2) instead of making the expression undefined, as opa eval --strict-builtin-errors")
    .option("--v0-compatible", "read .rego files and the query as pre-1.0 Rego (v0: rules without `if`, `p[x] { ... }` partial sets, future keywords only when imported), as OPA 1.x --v0-compatible; a directory's .manifest (rego_version, file_rego_versions) decides for its own files")
    .addHelpText(
      "after",
      `
An input that is a cdk.tf.json, a cdktf.out (with --stack) or a \`terraform show -json\` plan is
normalized first, as sanso check does (sanso normalize shows the result); any other JSON is given
as it is, except to sanso's policies, which only read normalized documents.`,
    )
    .action(action(async (query: string, opts: { data: string[]; input?: string; stack?: string; compiler: string; strictBuiltinErrors?: boolean; v0Compatible?: boolean }) => {
      if (opts.compiler === "opa") {
        const opa = opaBinary();
        if (!opa) throw new UsageError("--compiler opa: no `opa` binary on PATH");
        const r = spawnSync(opa, ["eval", "-f", "json", ...(opts.strictBuiltinErrors ? ["--strict-builtin-errors"] : []), ...(opts.v0Compatible ? ["--v0-compatible"] : []), ...opts.data.flatMap((d) => ["-d", d]), ...(opts.input ? ["-i", opts.input] : []), query], { stdio: "inherit" });
        return r.status === 0 ? 0 : 2;
      }
      const { compileQuery, QUERY_ENTRYPOINT } = await import("../../rego/compile/index.js");
      const { loadPolicy } = await import("../../rego/bundle/load.js");
      const src = loadSources(opts.data, { includeTests: true, regoVersion: opts.v0Compatible ? 0 : 1 });
      // the parser (and the YAML library of METADATA) load with the command, not at every start
      const { parseModule, parseQuery } = await import("../../rego/syntax/index.js");
      const modules: Module[] = [];
      const errors: RegoError[] = [];
      for (const s of src.modules) {
        try { modules.push(parseModule(s.text, s.file, { regoVersion: s.regoVersion })); } catch (e) { if (e instanceof RegoErrors) errors.push(...e.errors); else throw e; }
      }
      if (errors.length) {
        const e = new RegoErrors(errors);
        const hint = v0Hint(e);
        throw hint ? new UsageError(`${describeError(e)}\n${hint}`) : e;
      }
      let input: unknown;
      if (opts.input) input = await readEvalInput(opts.input, opts.stack, modules);
      // A query that is a single value (e.g. `data.example.allow`) reports that value, even false.
      // the query is read in the modules' default Rego version, as opa eval --v0-compatible reads it
      const regoVersion = opts.v0Compatible ? 0 : 1;
      const body = parseQuery(query, "<query>", { regoVersion });
      const single = body.length === 1 && !body[0].negated && body[0].with.length === 0 && body[0].body.type === "term" &&
        ["ref", "var", "array", "object", "set", "arraycompr", "setcompr", "objectcompr", "template"].includes(body[0].body.term.type) ||
        (body.length === 1 && body[0].body.type === "term" && body[0].body.term.type === "call" && !["eq", "assign", "equal", "neq", "lt", "lte", "gt", "gte", "internal.member_2", "internal.member_3"].includes(body[0].body.term.op.join(".")));
      const compiled = compileQuery(modules, single ? `__value__ := ${query}` : query, { optimize: false, strict: opts.strictBuiltinErrors === true, regoVersion });
      const policy = await loadPolicy(compiled.wasm);
      policy.setData(src.data);
      const rs = policy.evaluate(input, QUERY_ENTRYPOINT) as Array<{ result: Array<Record<string, unknown>> }>;
      const rows = rs.length ? rs[0].result : [];
      const result = rows.map((row) => {
        const { __value__, ...bindings } = row;
        return single
          ? { expressions: [{ value: __value__, text: query }], ...(Object.keys(bindings).length ? { bindings } : {}) }
          : { expressions: [{ value: true, text: query }], bindings };
      });
      console.log(JSON.stringify(rows.length ? { result } : {}, null, 2));
      return 0;
    }));
}

/**
 * The input of `sanso eval -i`: a raw cdk.tf.json, cdktf.out or plan is normalized first (the
 * policies read only normalized documents); other JSON is given as it is, unless the modules are
 * sanso's policies (package sanso.main), where it would silently find nothing.
 */
async function readEvalInput(path: string, stack: string | undefined, modules: Module[]): Promise<unknown> {
  const { loadInputs, normalizeDocument, InputError } = await import("../../input/index.js");
  const { looksLikeCdktf } = await import("../../input/cdktf.js");
  const { looksLikePlan } = await import("../../input/plan.js");
  let raw: unknown;
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
    if (!isDir) raw = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UsageError(`${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (e as Error).message}`);
  }
  const obj = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, never>) : undefined;
  if (isDir || (obj && (looksLikePlan(obj) || looksLikeCdktf(obj)))) {
    let docs;
    try {
      // a file is normalized as it was parsed here; of a cdktf.out only the stack asked for is read
      docs = isDir ? await loadInputs([path], stack === undefined ? {} : { stacks: [stack] }) : [normalizeDocument(obj!, path)];
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(e.message);
      throw e;
    }
    const picked = stack === undefined ? docs : docs.filter((d) => d.stack === stack);
    if (picked.length !== 1) {
      throw new UsageError(`${path}: ${picked.length === 0 ? `no stack ${stack}` : `${picked.length} stacks (${picked.map((d) => d.stack).join(", ")}): choose one with --stack`}`);
    }
    process.stderr.write(`sanso: ${path}: normalized the ${picked[0]!.format === "plan" ? "plan" : "cdktf stack"} ${picked[0]!.stack} (as sanso check reads it)\n`);
    return picked[0];
  }
  const sansoPolicies = modules.some((m) => m.package.join(".") === "sanso.main");
  if (sansoPolicies && !(obj && obj.resources && typeof obj.resources === "object" && obj.by_type)) {
    throw new UsageError(`${path}: not a normalized input, nor a cdk.tf.json, cdktf.out or plan: sanso's policies read the document of \`sanso normalize\``);
  }
  return raw;
}
