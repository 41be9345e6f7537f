/**
 * Evaluation on a worker thread, for large inputs: started before the inputs are read, it
 * instantiates the policy and touches its Wasm memory on the second core while the main thread
 * parses and normalizes (eval-worker.ts). Small inputs are evaluated on the main thread, where a
 * worker's start-up (tens of milliseconds) would cost more than it saves.
 *
 * The worker is the built dist/js/eval-worker.js, so it is used only by the built package (the CLI
 * and API as users run them); sanso's own tests of src/ evaluate on the main thread unless
 * SANSO_EVAL_WORKER=on. SANSO_EVAL_WORKER=off never uses it.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { packageRoot } from "../rego/util/package-root.js";
import type { EvalRequest, EvalResponse, EvalWorkerInit } from "./eval-worker-protocol.js";

declare const __SANSO_COMPILER_ID__: string | undefined;

/** Input files from this size on (about 4,000 resources of a real plan) are evaluated on the worker. */
export const WORKER_MIN_INPUT_BYTES = 16 << 20;
/** Wasm heap touched ahead, per byte of input file: the heap of an evaluation is about 2x the plan file. */
const PREFAULT_PER_INPUT_BYTE = 2;
const MAX_PREFAULT = 256 << 20;

export class EvalWorker {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, (r: EvalResponse) => void>();
  private failure: string | undefined;

  private constructor(file: string, init: EvalWorkerInit) {
    this.worker = new Worker(file, { workerData: init, stderr: false });
    this.worker.unref();
    this.worker.on("message", (r: EvalResponse) => {
      const done = this.pending.get(r.id);
      this.pending.delete(r.id);
      done?.(r);
    });
    const fail = (message: string) => {
      this.failure = message;
      for (const [id, done] of this.pending) done({ id, ok: false, message });
      this.pending.clear();
    };
    this.worker.on("error", (e) => fail(`the evaluation worker failed: ${e.message}`));
    this.worker.on("exit", (code) => fail(`the evaluation worker stopped (exit code ${code})`));
  }

  /**
   * Whether inputs of `inputBytes` (the files' size) go to a worker: not when they are small, when
   * this is not the built package, or when SANSO_EVAL_WORKER=off.
   */
  static wanted(inputBytes: number): boolean {
    const mode = process.env.SANSO_EVAL_WORKER;
    if (mode === "off") return false;
    if (mode !== "on" && (typeof __SANSO_COMPILER_ID__ !== "string" || inputBytes < WORKER_MIN_INPUT_BYTES)) return false;
    return existsSync(workerFile());
  }

  /** Starts the worker for inputs of `inputBytes` (the caller asked `wanted` first). */
  static start(wasm: Uint8Array, inputBytes: number, pagesFor: (bytes: number) => number): EvalWorker {
    const file = workerFile();
    const prefaultBytes = Math.min(MAX_PREFAULT, inputBytes * PREFAULT_PER_INPUT_BYTE);
    return new EvalWorker(file, { wasm, pages: pagesFor(prefaultBytes / 12), prefaultBytes });
  }

  /** Evaluates the entrypoints on the input (transferred: `input` is unusable afterwards). */
  evaluate(input: ArrayBuffer, entrypoints: string[], data?: unknown): Promise<unknown[]> {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const id = this.next++;
    const req: EvalRequest = { id, input, entrypoints, ...(data !== undefined ? { data } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) => (r.ok ? resolve(r.results) : reject(Object.assign(new Error(r.message), { stage: r.stage }))));
      this.worker.postMessage(req, [input]);
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}

function workerFile(): string {
  return join(packageRoot(), "dist/js/eval-worker.js");
}

/** Total size of the input paths that are files (directories count 0: cdktf stacks are small). */
export function inputFileBytes(paths: string[]): number {
  let total = 0;
  for (const p of paths) {
    try {
      const s = statSync(p);
      if (s.isFile()) total += s.size;
    } catch {
      /* reading the inputs reports it */
    }
  }
  return total;
}
