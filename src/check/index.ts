/** sanso check: evaluate the policy bundle on normalized inputs, apply exceptions, build the report. */
export { CheckError } from "./errors.js";
export { loadConfig, parseConfig, parseSeverity, DEFAULT_CONFIG_FILE, KNOWN_CONFIG_KEYS } from "./config.js";
export type { PolicyConfig, SansoConfig } from "./config.js";
export {
  loadPolicySet,
  catalogRules,
  loadCoverage,
  loadCoverageIfPresent,
  compilerVersion,
  defaultCacheDir,
  DEFAULT_POLICIES_DIR,
  PACKAGE_ROOT,
  FINDINGS_ENTRYPOINT,
  CHECKED_ENTRYPOINT,
  COMBINED_ENTRYPOINT,
} from "./policy.js";
export type { PolicySet, PolicyOptions } from "./policy.js";
export { Evaluator, memoryPagesFor, policyData } from "./evaluate.js";
export type { Evaluation, RawFinding } from "./evaluate.js";
export { applyExceptions, loadExceptions, parseExceptions, globToRegExp, parseDate, todayInJapan, EXCEPTION_TAG } from "./exceptions.js";
export type { ApplyOptions, ApplyResult, ExceptionEntry, ExceptionsFile } from "./exceptions.js";
export { runCheck, reportFails, evaluateInputs, assembleReport, SANSO_VERSION } from "./run.js";
export type { CheckOptions, CheckResult, CheckTimings, EvaluatedInputs, AssembleOptions } from "./run.js";
export { synthesize, readCdktfJson } from "./synth.js";
export type { SynthResult } from "./synth.js";
