// `sanso init <dir> --zone <zone> --platform <platform>`: a ready cdktf project that uses sanso's
// constructs for one zone, passes `sanso check` as generated, and checks itself in CI.

import type { Command } from "commander";
import { relative } from "node:path";
import { CheckError } from "../../check/errors.js";
import { ExistingFilesError, INIT_PLATFORMS, INIT_ZONES, writeProject, type InitPlatform, type InitZone } from "../../init/scaffold.js";
import { action, UsageError } from "../errors.js";

interface InitCliOptions {
  zone: string;
  platform: string;
  owner?: string;
  sanso?: string;
  force?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create a cdktf project for one zone that passes sanso check, with CI workflows (GitHub Actions, GitLab CI)")
    .argument("<dir>", "project directory (created if missing; its name becomes the project and stack name)")
    .option("--zone <zone>", `zone of the system: ${INIT_ZONES.join(", ")}`, "lgwan")
    .option("--platform <platform>", "gcas (Government Cloud: the platform provides GuardDuty, Security Hub, Config) or standalone (the stack enables them)", "gcas")
    .option("--owner <section>", "section that owns the system's information assets (第18条)", "情報政策課")
    .option("--sanso <spec>", "how package.json names sanso, e.g. a tarball path file:../sanso-0.1.0.tgz (default: ^<this version>)")
    .option("--force", "overwrite files that already exist")
    .addHelpText(
      "after",
      `
Writes package.json, cdktf.json, tsconfig.json, main.ts, sanso.config.yaml, exceptions.yaml (第93条),
.github/workflows/sanso.yml, .gitlab-ci.yml, .gitignore and README.md (Japanese).

Example:
  sanso init juki-system --zone mynumber --platform gcas
  cd juki-system && npm install && npx sanso check`,
    )
    .action(action(async (dir: string, opts: InitCliOptions) => initCommand(dir, opts)));
}

async function initCommand(dir: string, opts: InitCliOptions): Promise<number> {
  if (!(INIT_ZONES as readonly string[]).includes(opts.zone)) throw new UsageError(`--zone must be ${INIT_ZONES.join(", ")}, not "${opts.zone}"`);
  if (!(INIT_PLATFORMS as readonly string[]).includes(opts.platform)) throw new UsageError(`--platform must be ${INIT_PLATFORMS.join(" or ")}, not "${opts.platform}"`);
  let files;
  try {
    files = writeProject({
      dir,
      zone: opts.zone as InitZone,
      platform: opts.platform as InitPlatform,
      ...(opts.owner ? { owner: opts.owner } : {}),
      ...(opts.sanso ? { sansoSpec: opts.sanso } : {}),
      force: !!opts.force,
    });
  } catch (e) {
    if (e instanceof ExistingFilesError) throw new CheckError(dir, e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code) throw new CheckError(err.path ?? dir, `cannot write the project: ${err.message}`);
    throw e;
  }
  const shown = relative(process.cwd(), dir) || ".";
  process.stdout.write(`created a cdktf project (zone ${opts.zone}, platform ${opts.platform}) in ${shown}:\n`);
  for (const f of files) process.stdout.write(`  ${f.path}\n`);
  process.stdout.write(`\nnext:\n  cd ${shown}\n  npm install\n  npx sanso check\n`);
  return 0;
}
