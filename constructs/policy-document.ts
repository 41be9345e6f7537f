import { IConstruct } from "constructs";
import { SansoConstructError } from "./core.js";

/** A principal block of an IAM or resource policy statement. */
export type PolicyPrincipal =
  | "*"
  | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

/** One statement of an IAM policy, key policy or bucket policy (AWS JSON shape). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** Renders statements as a policy JSON string (Terraform references inside strings survive). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Rejects statements that the policy forbids (第64条第1項 least privilege): `*` actions on `*`
 * resources, `iam:*` or `kms:*` on `*`, and, for resource policies, anonymous `Allow` without a
 * condition (第23条).
 */
export function assertLeastPrivilege(
  scope: IConstruct,
  statements: readonly PolicyStatement[],
  what: string,
): void {
  for (const st of statements) {
    if (st.Effect !== "Allow") continue;
    const actions = asList(st.Action);
    const resources = asList(st.Resource);
    const onEverything = resources.length === 0 || resources.includes("*");
    const bad = actions.find((a) => a === "*" || /^(iam|kms):\*$/i.test(a));
    if (bad && onEverything) {
      throw new SansoConstructError(
        scope,
        `${what}: statement ${st.Sid ?? ""} allows ${bad} on * (第64条第1項 least privilege); name the actions and resources`,
      );
    }
    const p = st.Principal;
    const anonymous = p === "*" || (typeof p === "object" && asList(p.AWS).includes("*"));
    if (anonymous && !st.Condition) {
      throw new SansoConstructError(
        scope,
        `${what}: statement ${st.Sid ?? ""} allows anyone (Principal "*") without a condition (第23条)`,
      );
    }
  }
}
