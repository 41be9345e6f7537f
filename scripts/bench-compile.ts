// Compile-speed benchmark of the Rego compiler (after warm-up), and of the conformance cases.
//   npx tsx scripts/bench-compile.ts [policy files...]
import { readFileSync } from "node:fs";
import { compileSources } from "../src/rego/compile/index.js";

const files = process.argv.slice(2);
const sources = files.length
  ? files.map((f) => ({ file: f, text: readFileSync(f, "utf8") }))
  : [{ file: "test/fixtures/rego/example/example.rego", text: readFileSync("test/fixtures/rego/example/example.rego", "utf8") }];
const lines = sources.reduce((n, s) => n + s.text.split("\n").length, 0);
console.log(`modules: ${sources.length}, lines: ${lines}`);
console.log("optimize  median ms  min ms  wasm bytes");
for (const optimize of [false, true]) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const c = compileSources(sources, { optimize });
    times.push(performance.now() - t0);
    size = c.wasm.length;
  }
  times.sort((a, b) => a - b);
  console.log(`${String(optimize).padEnd(8)}  ${times[7].toFixed(1).padStart(9)}  ${times[0].toFixed(1).padStart(6)}  ${size}`);
}
