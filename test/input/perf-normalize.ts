// Measures normalization of a synthetic plan: npx tsx test/input/perf-normalize.ts [resources]
import { locateResources, normalizeDocument } from "../../src/input/index.js";
import type { Json } from "../../src/input/index.js";
import { syntheticPlan } from "./synthetic.js";

const n = Number(process.argv[2] ?? 50_000);
const text = JSON.stringify(syntheticPlan(Math.ceil(n / 5)));
let t = performance.now();
const doc = JSON.parse(text) as Json;
const parseMs = performance.now() - t;
for (let run = 0; run < 3; run++) {
  t = performance.now();
  const out = normalizeDocument(doc, "synthetic.json", {});
  const ms = performance.now() - t;
  const rs = Object.values(out.resources);
  console.log(
    `run ${run + 1}: ${rs.length} resources (${(text.length / 1e6).toFixed(1)} MB JSON, parse ${parseMs.toFixed(0)} ms): normalize ${ms.toFixed(0)} ms; ` +
      `zoned ${rs.filter((r) => r.zone).length}, related ${Object.keys(out.related).length}`,
  );
}
t = performance.now();
const lines = locateResources(text, "plan");
console.log(`line index of ${lines.size} addresses: ${(performance.now() - t).toFixed(0)} ms`);
