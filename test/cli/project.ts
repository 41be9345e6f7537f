import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

/**
 * Gives a project directory the node_modules that `npm install` of sanso and the construct
 * library would give, linked to this clone's (sanso itself through its package exports, so the
 * project imports `sanso/constructs` as a user's does). test/package/e2e.test.ts installs for real.
 */
export function linkModules(project: string): void {
  const nm = join(project, "node_modules");
  mkdirSync(join(nm, ".bin"), { recursive: true });
  mkdirSync(join(nm, "@cdktf"));
  for (const m of ["cdktf", "constructs", "tsx"]) symlinkSync(join(ROOT, "node_modules", m), join(nm, m));
  symlinkSync(join(ROOT, "node_modules/@cdktf/provider-aws"), join(nm, "@cdktf/provider-aws"));
  symlinkSync(ROOT, join(nm, "sanso"));
  symlinkSync(join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(nm, ".bin/tsx"));
}
