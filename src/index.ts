/**
 * sanso's programmatic API (`import { check } from "sanso"`): check cdktf output or plans and get
 * the report model, render it, normalize inputs, and compile / evaluate Rego. The construct library
 * is `sanso/constructs`. Everything here is what the `sanso` command itself uses.
 *
 * @packageDocumentation
 */

// ---- checking
export { check, loadPoliciesFor } from "./api/check.js";
export type { CheckInputsOptions } from "./api/check.js";
export { runCheck, reportFails, SANSO_VERSION } from "./check/run.js";
export type { CheckOptions, CheckResult, CheckTimings } from "./check/run.js";
export { loadPolicySet, classifyPolicyDirs, catalogRules, defaultCacheDir, DEFAULT_POLICIES_DIR, LOCAL_PACKAGE_PREFIX } from "./check/policy.js";
/** Used by sanso's own build (scripts/build.mjs). */
export { prebuildPolicies } from "./check/policy.js";
export type { PolicySet, PolicyOptions } from "./check/policy.js";
export { loadConfig, parseConfig } from "./check/config.js";
export type { SansoConfig, PolicyConfig } from "./check/config.js";
export { loadExceptions, parseExceptions, applyExceptions } from "./check/exceptions.js";
export type { ExceptionEntry, ExceptionsFile } from "./check/exceptions.js";
export { CheckError } from "./check/errors.js";
export { synthesize } from "./check/synth.js";
export type { SynthResult } from "./check/synth.js";

// ---- inputs and reports
export { loadInputs, normalizeCdktf, normalizePlan, InputError } from "./input/index.js";
export type { NormalizedInput, NormalizedResource, LoadOptions } from "./input/index.js";
export { render, REPORT_FORMATS, REPORT_EXTENSIONS } from "./report/index.js";
export type { ReportFormat } from "./report/index.js";
export type * from "./report/types.js";

// ---- the Rego compiler
export { compileRego, loadRego, evaluateRego } from "./api/rego.js";
export type { CompileRegoOptions, CompiledRego } from "./api/rego.js";
export { RegoError, RegoErrors } from "./rego/syntax/ast.js";
