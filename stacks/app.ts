/**
 * The sanso cdktf app: four stacks, synthesized without the cdktf CLI or Terraform.
 * `synthApp(outdir)` writes `<outdir>/manifest.json` and `<outdir>/stacks/<name>/cdk.tf.json`.
 */
import { Construct } from "constructs";
import { App, TerraformStack, Testing } from "cdktf";
import { buildGcasJumin } from "./gcas-jumin.js";
import { buildLgwanGroupware } from "./lgwan-groupware.js";
import { buildInternetShinsei } from "./internet-shinsei.js";
import { buildDemoNoncompliant } from "./demo-noncompliant.js";
import { SansoChecks } from "../constructs/index.js";

/** Names of the stacks of the app, in synthesis order. */
export const STACK_NAMES = ["gcas-jumin", "lgwan-groupware", "internet-shinsei", "demo-noncompliant"] as const;

/** A stack name of the app. */
export type StackName = (typeof STACK_NAMES)[number];

const BUILDERS: Record<StackName, (scope: Construct, id: string) => TerraformStack> = {
  "gcas-jumin": buildGcasJumin,
  "lgwan-groupware": buildLgwanGroupware,
  "internet-shinsei": buildInternetShinsei,
  "demo-noncompliant": buildDemoNoncompliant,
};

/**
 * Builds one stack of the app. Without `scope` it is built in a fresh test app
 * (`Testing.app()`), ready for `Testing.synth(stack)`.
 */
export function buildStack(name: StackName, scope: Construct = Testing.app()): TerraformStack {
  const build = BUILDERS[name];
  if (!build) throw new Error(`unknown stack ${JSON.stringify(name)}; known: ${STACK_NAMES.join(", ")}`);
  return build(scope, name);
}

/**
 * Builds the app with all four stacks and synthesizes it into `outdir`
 * (`manifest.json`, `stacks/<name>/cdk.tf.json`), checking it with the policies at synth
 * (SansoChecks: a violation throws SansoChecksFailure). The demo stack opts out: it exists to
 * fail every rule. Returns the stack names.
 */
export function synthApp(outdir: string): string[] {
  const app = new App({ outdir, stackTraces: false });
  SansoChecks.of(app, { throwOnFailure: true });
  for (const name of STACK_NAMES) {
    const stack = buildStack(name, app);
    if (name === "demo-noncompliant") SansoChecks.skip(stack, "the demo of every rule: it is meant to fail (sanso check cdktf.out shows it)");
  }
  app.synth();
  return [...STACK_NAMES];
}
