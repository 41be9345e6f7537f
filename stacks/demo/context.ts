// What the sections of the demo stack (stacks/demo/*.ts) share: the stack they build into, which
// registers each resource with the rules it breaks, the tag helpers and the networks the later
// sections use.
import type { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";
import type { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import type { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import { TAG } from "../../constructs/index.js";
import type { RuleId } from "../rule-ids.generated.js";

/** The demo stack, as its sections see it: the scope of their resources, and the registry of violations. */
export type Demo = Construct & {
  /** Registers `res` under a readable logical id as breaking `rules`. */
  breaks<T extends TerraformResource>(res: T, name: string, rules: RuleId[]): T;
  /** Sets the readable logical id of a supporting resource that breaks nothing by itself. */
  named<T extends TerraformResource>(res: T, name: string): T;
};

/** Tags of a resource in `zone`. */
export const z = (zone: string, extra: Record<string, string> = {}) => ({ [TAG.zone]: zone, ...extra });

/** Tags of a data store of class `cls` in `zone`, owned by the demo section. */
export const store = (zone: string, cls: string, extra: Record<string, string> = {}) =>
  z(zone, { [TAG.classification]: cls, [TAG.owner]: "デモ課", ...extra });

/** What the later sections of the demo use of its networks. */
export interface Networks {
  mynumberSubnet: Subnet;
  lgwanSubnets: Subnet[];
  internetVpc: Vpc;
  internetSubnets: Subnet[];
  mynumberSg: SecurityGroup;
}
