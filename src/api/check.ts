/** `check()`: sanso check as a function, with `--policies` resolved as the command resolves it. */
import { classifyPolicyDirs, loadPolicySet, type PolicySet } from "../check/policy.js";
import { runCheck, type CheckOptions, type CheckResult } from "../check/run.js";
import { loadConfig } from "../check/config.js";

export interface CheckInputsOptions extends Omit<CheckOptions, "policies" | "policySet"> {
  /**
   * Policy directories: local rules (packages under `sanso.local.`) are added to the built-in
   * library; a directory defining `package sanso.main` replaces it (as `sanso check --policies`).
   */
  policies?: string[];
  /**
   * Read the `policies` directories (and the configuration's) as pre-1.0 Rego, as
   * `sanso check --v0-compatible`; the built-in library stays v1.
   */
  v0Compatible?: boolean;
}

/** The policy set for `--policies` directories (none: the built-in library, prebuilt). */
export async function loadPoliciesFor(dirs: string[], opts: Pick<CheckOptions, "cacheDir" | "onProgress" | "onNote"> & { v0Compatible?: boolean } = {}): Promise<PolicySet> {
  return loadPolicySet({
    ...classifyPolicyDirs(dirs),
    ...(opts.v0Compatible ? { v0Compatible: true } : {}),
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.onNote ? { onNote: opts.onNote } : {}),
  });
}

/**
 * Checks inputs (cdktf.out directories, cdk.tf.json files, `terraform show -json` plans) against
 * the built-in policies (plus `policies`), exactly as `sanso check` does. Throws `CheckError` /
 * `InputError` when the check cannot run; `result.report` is the report model every format renders.
 */
export async function check(opts: CheckInputsOptions): Promise<CheckResult> {
  const { policies, v0Compatible: _v0, ...rest } = opts;
  // the configuration's `policies` are added to the caller's
  const config = opts.config ?? loadConfig(opts.configPath);
  const local = [...(policies ?? []), ...(config.policies ?? [])];
  const policySet = local.length > 0 && !opts.bundle ? await loadPoliciesFor(local, opts) : undefined;
  return runCheck({ ...rest, config, ...(policySet ? { policySet } : {}) });
}
