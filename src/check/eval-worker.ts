/**
 * The worker thread of a large check (built to dist/js/eval-worker.js; see eval-worker-client.ts).
 *
 * While the main thread reads, parses and normalizes a large input, this thread gets the policy
 * ready on the other core: it instantiates the module and touches the Wasm memory the evaluation
 * will use, so that the first evaluation does not pay the page faults of fresh memory (measured:
 * a quarter to a third of the first evaluation of a 15k-resource plan). Touching stops as soon as
 * the input arrives. Results are the SDK's, posted back unchanged.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadPolicy, type LoadedPolicy } from "../rego/bundle/load.js";
import type { EvalRequest, EvalResponse, EvalWorkerInit } from "./eval-worker-protocol.js";

const PAGE = 4096;
/** Memory touched per turn of the event loop, so that a waiting input is taken up promptly. */
const CHUNK = 8 << 20;

const init = workerData as EvalWorkerInit;
const port = parentPort!;
let policy: LoadedPolicy | undefined;
let loadError: string | undefined;
let inputArrived = false;

try {
  policy = await loadPolicy(init.wasm, init.pages);
} catch (e) {
  loadError = e instanceof Error ? e.message : String(e);
}

/** Writes a zero (what fresh memory holds, and what the heap above its pointer may hold) into each page. */
function touch(from: number, to: number): void {
  const mem = (policy as unknown as { mem: WebAssembly.Memory }).mem;
  const bytes = new Uint8Array(mem.buffer);
  const end = Math.min(to, bytes.length);
  for (let i = from; i < end; i += PAGE) bytes[i] = 0;
}

function prefault(at: number, end: number): void {
  if (inputArrived || !policy || at >= end) return;
  const next = Math.min(end, at + CHUNK);
  touch(at, next);
  setImmediate(() => prefault(next, end));
}

if (policy) {
  const heapStart = (policy as unknown as { wasmInstance: WebAssembly.Instance }).wasmInstance.exports.opa_heap_ptr_get as () => number;
  const start = heapStart();
  prefault(start, start + init.prefaultBytes);
}

port.on("message", (req: EvalRequest) => {
  inputArrived = true;
  const reply = (r: EvalResponse) => port.postMessage(r);
  if (!policy) return reply({ id: req.id, ok: false, message: `the policy module cannot be loaded: ${loadError}` });
  if (req.data !== undefined) {
    try {
      policy.setData(req.data as object);
    } catch (e) {
      return reply({ id: req.id, ok: false, message: `the policy data cannot be loaded: ${e instanceof Error ? e.message : String(e)}`, stage: "data" });
    }
  }
  if (!req.input) return reply({ id: req.id, ok: true, results: [] });
  try {
    const results = req.entrypoints.map((ep) => policy!.evaluate(req.input!, ep));
    reply({ id: req.id, ok: true, results });
  } catch (e) {
    reply({ id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
