// The newest modification time of the files below a folder (0 when it does not exist), for the
// build scripts that skip work when their output is newer than every source.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Newest mtime (ms) of the files under `dir` whose names `accept` (all by default). */
export function newestMtime(dir, accept = () => true) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(p, accept));
    else if (accept(name)) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}
