/**
 * `npm run bench -- --wasm-profile 15000`: where the Wasm time of one evaluation goes, by function.
 * Builds a copy of the runtime with function names (asc --debug) into a temp dir, compiles the
 * policies against it keeping the generated functions' names (binaryen debug info), evaluates the
 * real-shaped plan of that size twice (the first evaluation pays page faults of fresh Wasm memory
 * and V8's tier-up; the second is the steady state) and prints the top functions of each by self
 * and total time, from a V8 CPU profile of the evaluation alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { realShapedPlan } from "./bench-real-shape.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function table(p: Profile, top: number): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (n: ProfileNode) => n.callFrame.functionName || "(anonymous)";
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i]! / 1000;
    const n = byId.get(id)!;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let j: number | undefined = id; j !== undefined; j = parent.get(j)) {
      const k = name(byId.get(j)!);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + dt), seen.add(k);
    }
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return rows.map(([k, ms]) => `${ms.toFixed(1).padStart(8)} ms self ${(total.get(k) ?? 0).toFixed(1).padStart(8)} ms total  ${k}`);
}

export async function benchWasmProfile(root: string, syntheticPlan: (n: number) => Record<string, unknown>, resources: number, top = 30): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sanso-wasm-profile-"));
  try {
    const runtime = join(dir, "runtime.wasm");
    const b = spawnSync(process.execPath, [join(root, "scripts/build-runtime.mjs"), "--force", "--out", runtime], { env: { ...process.env, SANSO_RUNTIME_DEBUG: "1" }, stdio: "inherit" });
    if (b.status !== 0) throw new Error("building the runtime with names failed");
    process.env.SANSO_RUNTIME_WASM = runtime;
    const binaryen = (await import("binaryen")).default;
    binaryen.setDebugInfo(true);
    const { loadSources } = await import("../src/rego/sources.ts");
    const { compileSources } = await import("../src/rego/compile/index.ts");
    const { loadPolicy } = await import("../src/rego/bundle/load.ts");
    const { normalizeDocument } = await import("../src/input/index.ts");
    const { memoryPagesFor, policyData } = await import("../src/check/index.ts");
    const { COMBINED_ENTRYPOINT } = await import("../src/check/policy.ts");
    const src = loadSources([join(root, "policies")]);
    const compiled = compileSources(src.modules, { entrypoints: ["sanso/main/findings", "sanso/main/checked"] });
    const doc = normalizeDocument(JSON.parse(JSON.stringify(realShapedPlan(syntheticPlan(resources)))), "plan.json");
    const text = Buffer.from(JSON.stringify(doc));
    const input = text.buffer.slice(text.byteOffset, text.byteOffset + text.byteLength) as ArrayBuffer;
    const policy = await loadPolicy(compiled.wasm, memoryPagesFor(text.byteLength));
    policy.setData(policyData(src.data, {}));
    void COMBINED_ENTRYPOINT;
    const session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    for (const run of ["first", "second"]) {
      await session.post("Profiler.start");
      const t = performance.now();
      policy.evaluate(input, "sanso/main/findings");
      const ms = performance.now() - t;
      const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
      const heap = (policy as unknown as { wasmInstance: WebAssembly.Instance }).wasmInstance.exports.opa_heap_ptr_get as () => number;
      console.log(`\n${run} evaluation of sanso/main/findings on ${Object.keys(doc.resources).length} real-shaped resources (${(text.byteLength / 1e6).toFixed(1)} MB input): ${ms.toFixed(0)} ms, Wasm heap ${(heap() / 1e6).toFixed(0)} MB`);
      for (const l of table(profile, top)) console.log(l);
    }
    session.disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
