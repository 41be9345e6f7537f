/** Messages between the main thread and the evaluation worker (eval-worker.ts). */

export interface EvalWorkerInit {
  /** The compiled policy module. */
  wasm: Uint8Array;
  /** Initial Wasm memory, in 64 KiB pages. */
  pages: number;
  /** Bytes of Wasm heap to touch before the input arrives. */
  prefaultBytes: number;
}

export interface EvalRequest {
  id: number;
  /** The policy data (set before evaluating when present). */
  data?: unknown;
  /** The input's JSON text as UTF-8 bytes (transferred); absent: only set the data. */
  input?: ArrayBuffer;
  entrypoints: string[];
}

export type EvalResponse =
  | { id: number; ok: true; results: unknown[] }
  | { id: number; ok: false; message: string; stage?: "data" };
