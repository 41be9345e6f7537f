// OPA bundles (tar.gz), as `opa build -t wasm` writes them: /policy.wasm, /data.json and a
// /.manifest naming the Wasm entrypoints. sanso adds /sanso-catalog.json (the METADATA catalog),
// which OPA's bundle reader ignores.

import { createGzip, gunzipSync } from "node:zlib";
import { Readable } from "node:stream";
import tar from "tar-stream";
import type { Annotation } from "../syntax/ast.js";

export interface Bundle {
  wasm: Uint8Array;
  /** Entrypoint name ("pkg/rule") → id. */
  entrypoints: Record<string, number>;
  data: unknown;
  catalog: Annotation[];
  /** Optional revision recorded in the manifest. */
  revision?: string;
}

export const CATALOG_FILE = "/sanso-catalog.json";

export function manifest(b: Pick<Bundle, "entrypoints" | "revision">): object {
  return {
    revision: b.revision ?? "",
    roots: [""],
    wasm: Object.keys(b.entrypoints).map((entrypoint) => ({ entrypoint, module: "/policy.wasm" })),
    rego_version: 1,
  };
}

/** Writes a bundle as tar.gz bytes. Entries are written in a fixed order with a fixed mtime. */
export async function writeBundle(b: Bundle): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  // consume while writing: the pack stream applies back-pressure
  const gz = (pack as unknown as Readable).pipe(createGzip());
  const collected = (async () => { for await (const c of gz) chunks.push(c as Buffer); })();
  const mtime = new Date(0);
  const add = (name: string, content: Uint8Array | string) =>
    new Promise<void>((resolve, reject) => pack.entry({ name, mtime, mode: 0o644 }, Buffer.from(content), (err) => (err ? reject(err) : resolve())));
  await add("/.manifest", JSON.stringify(manifest(b)));
  await add("/data.json", JSON.stringify(b.data ?? {}));
  await add("/policy.wasm", b.wasm);
  await add(CATALOG_FILE, JSON.stringify(b.catalog, null, 1));
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** Reads a bundle written by sanso or by `opa build -t wasm`. */
export async function readBundle(bytes: Uint8Array): Promise<Bundle> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        files.set("/" + header.name.replace(/^\/+/, ""), Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  Readable.from([gunzipSync(bytes)]).pipe(extract);
  await done;
  const wasm = files.get("/policy.wasm");
  if (!wasm) throw new Error("bundle has no /policy.wasm");
  const man = JSON.parse(files.get("/.manifest")?.toString("utf8") ?? "{}") as { wasm?: Array<{ entrypoint: string }>; revision?: string };
  const entrypoints: Record<string, number> = {};
  (man.wasm ?? []).forEach((w, i) => (entrypoints[w.entrypoint] = i));
  const dataFile = files.get("/data.json");
  const catalogFile = files.get(CATALOG_FILE);
  return {
    wasm: new Uint8Array(wasm),
    entrypoints,
    data: dataFile ? JSON.parse(dataFile.toString("utf8")) : {},
    catalog: catalogFile ? (JSON.parse(catalogFile.toString("utf8")) as Annotation[]) : [],
    revision: man.revision,
  };
}
