/**
 * The synth-time checker: sanso check run from inside a cdktf app, synchronously, because
 * `app.synth()` is. A worker thread (src/synth/worker.ts, built to dist/js/synth-worker.js) does
 * the work with sanso check's own code; this thread posts a request and blocks on an Atomics flag
 * until the reply is on the port. The worker is started when the checker is created, so policies
 * and the Wasm instance are ready by the time the app synthesizes; one worker (one instance) serves
 * the whole app.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../rego/util/package-root.js";
import type { SynthCheckReply, SynthCheckRequest, SynthCheckResult, SynthCheckSettings } from "./protocol.js";

export type { CodeException, SynthCheckRequest, SynthCheckResult, SynthCheckSettings } from "./protocol.js";

/** The check could not run (bad settings, unusable configuration or exceptions file, …). */
export class SynthCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthCheckError";
  }
}

/** A check takes long only on very large stacks; past this the worker is considered lost. */
const TIMEOUT_MS = 10 * 60 * 1000;

export class SynthChecker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor(settings: SynthCheckSettings) {
    const file = join(packageRoot(), "dist/js/synth-worker.js");
    if (!existsSync(file)) throw new SynthCheckError(`${file}: missing; sanso is not built (in a clone of sanso: npm run build)`);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // A module that fails to load would never answer: the bootstrap answers for it.
    const bootstrap = `
      const { workerData } = require("node:worker_threads");
      import(workerData.file).catch((e) => {
        workerData.port.on("message", () => {
          workerData.port.postMessage({ ok: false, message: "sanso checks could not start: " + (e && e.message || e) });
          Atomics.store(workerData.flag, 0, 1);
          Atomics.notify(workerData.flag, 0);
        });
      });`;
    this.worker = new Worker(bootstrap, {
      eval: true,
      workerData: { settings, port: port2, flag: this.flag, file: pathToFileURL(file).href },
      transferList: [port2],
      stderr: false,
    });
    // the app's process ends when the app is done, whatever the worker is doing
    this.worker.unref();
    this.port.unref();
  }

  /** Runs the check on the synthesized app; throws SynthCheckError when it cannot run. */
  check(req: SynthCheckRequest): SynthCheckResult {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    const t0 = Date.now();
    while (Atomics.load(this.flag, 0) === 0) {
      if (Atomics.wait(this.flag, 0, 0, 1000) === "timed-out" && Date.now() - t0 > TIMEOUT_MS) {
        throw new SynthCheckError("sanso checks did not answer (worker thread lost)");
      }
    }
    const msg = receiveMessageOnPort(this.port)?.message as SynthCheckReply | undefined;
    if (!msg) throw new SynthCheckError("sanso checks gave no answer");
    if (!msg.ok) throw new SynthCheckError(msg.message);
    return msg.result;
  }

  close(): void {
    void this.worker.terminate();
  }
}
