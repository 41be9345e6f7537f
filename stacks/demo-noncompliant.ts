/**
 * ============================================================================================
 *  DELIBERATELY NON-COMPLIANT DEMO STACK — DO NOT DEPLOY.
 *
 *  `demo-noncompliant` is built from raw provider resources (no sanso constructs) so that it
 *  breaks every rule of ARTICLES.md at least once. Its only purpose is to show the policies
 *  firing. Every resource carries the tag `sanso:demo = noncompliant`, and each one is
 *  registered with the rule ids it breaks (see `DemoNoncompliantStack.violations`, also
 *  written to the stack metadata under `"//".sanso.violations`).
 * ============================================================================================
 */
import { Construct } from "constructs";
import { Aspects, TerraformResource, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { ForceTags, TAG } from "../constructs/index.js";
import { RULE_IDS, type RuleId } from "./rule-ids.generated.js";
import type { Demo } from "./demo/context.js";
import { networks } from "./demo/networks.js";
import { firewallsAndEdges } from "./demo/firewalls-and-edges.js";
import { monitoring } from "./demo/monitoring.js";
import { dataStores } from "./demo/data-stores.js";
import { identities } from "./demo/identities.js";
import { desktopsAndMachines } from "./demo/desktops-and-machines.js";

/**
 * The rule ids of the catalog, each shown by a resource of the demo: generated from the policies'
 * METADATA (npm run gen), so a new rule is a type error here until the demo shows it.
 */
export const ARTICLE_RULE_IDS = RULE_IDS;

/** A rule id of the built-in policies. */
export type ArticleRuleId = RuleId;

/** The one-line description written to the stack metadata. */
export const DEMO_DESCRIPTION =
  "DELIBERATELY NON-COMPLIANT DEMO — do not deploy. Breaks every ARTICLES.md rule to show the policies firing.";

/**
 * The deliberately non-compliant demo stack. It declares no environment (ART73), runs in a
 * region the policy does not allow (ART99), and records, for each rule id, the Terraform
 * addresses that break it. Its resources are built by the sections in stacks/demo/, in order.
 */
export class DemoNoncompliantStack extends TerraformStack implements Demo {
  /** Rule id → Terraform addresses (`type.name`) of the resources that break it. */
  readonly violations: Record<string, string[]> = {};

  constructor(scope: Construct, id = "demo-noncompliant") {
    super(scope, id);
    // ART99-REGION: us-east-1 is outside the allowed regions (ap-northeast-1, ap-northeast-3).
    // ART73-ENV-SEPARATED: no sanso:environment in default_tags or metadata.
    new AwsProvider(this, "aws", {
      region: "us-east-1",
      defaultTags: [{ tags: { [TAG.demo]: "noncompliant" } }],
    });
    Aspects.of(this).add(new ForceTags({ [TAG.demo]: "noncompliant" }));
    const net = networks(this);
    firewallsAndEdges(this, net);
    monitoring(this);
    dataStores(this, net);
    identities(this);
    desktopsAndMachines(this, net);
  }

  /** Registers `res` under a readable logical id as breaking `rules`. */
  breaks<T extends TerraformResource>(res: T, name: string, rules: ArticleRuleId[]): T {
    res.overrideLogicalId(name);
    for (const r of rules) (this.violations[r] ??= []).push(`${res.terraformResourceType}.${name}`);
    return res;
  }

  /** Sets the readable logical id of a supporting resource that breaks nothing by itself. */
  named<T extends TerraformResource>(res: T, name: string): T {
    res.overrideLogicalId(name);
    return res;
  }

  /** Adds the demo label, the description and the violation map to the stack metadata. */
  override toTerraform(): any {
    const tf = super.toTerraform();
    tf["//"] = {
      ...(tf["//"] ?? {}),
      sanso: {
        demo: "noncompliant",
        platform: "standalone",
        description: DEMO_DESCRIPTION,
        violations: this.violations,
      },
    };
    return tf;
  }
}

/** Builds the demo stack. */
export function buildDemoNoncompliant(scope: Construct, id = "demo-noncompliant"): DemoNoncompliantStack {
  return new DemoNoncompliantStack(scope, id);
}
