// Runs OPA's YAML conformance cases against sanso's Rego compiler.
//
//   npx tsx scripts/conformance.ts <dir> [--json] [--filter text] [--verbose]
//
// Each case: compile its modules with the query as a generated rule, load the module in the
// official @open-policy-agent/opa-wasm SDK, set the case's data, evaluate with its input, and
// compare with want_result (sort_bindings respected) or want_error / want_error_code.

import { runConformance, formatTable } from "../src/rego/conformance.js";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--filter");
if (!dir) {
  console.error("usage: npx tsx scripts/conformance.ts <dir> [--json] [--filter text] [--verbose]");
  process.exit(2);
}
const filterIdx = args.indexOf("--filter");
const filter = filterIdx >= 0 ? args[filterIdx + 1] : undefined;
const summary = await runConformance(dir, {
  filter,
  onCase: args.includes("--verbose")
    ? (r) => { if (r.status === "failed") console.log(`FAIL ${r.note}: ${r.detail}`); }
    : undefined,
});
console.log(formatTable(summary));
if (args.includes("--json")) {
  const { cases, passed, failed, skipped, topics } = summary;
  console.log(JSON.stringify({ cases, passed, failed, skipped, topics }));
}
