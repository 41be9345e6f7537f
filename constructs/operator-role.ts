import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
import { MAX_PRIVILEGED_SESSION_SECONDS, physicalName, SansoConstructError, TAG } from "./core.js";
import { assertLeastPrivilege, policyDocument, PolicyStatement } from "./policy-document.js";

/** Properties of an {@link OperatorRole}. */
export interface OperatorRoleProps {
  /** What the role is for (shown in IAM; Latin-1 characters only, an IAM restriction). */
  readonly description: string;
  /**
   * Principals allowed to assume the role (for example the identity account's root ARN or a
   * specific role). `*` is not accepted.
   */
  readonly trustedPrincipalArns: string[];
  /** AWS or customer managed policies to attach. */
  readonly managedPolicyArns?: string[];
  /** An inline policy (checked for least privilege, 第64条). */
  readonly inlinePolicy?: PolicyStatement[];
  /** The role has administrative permissions (第70条): tagged `sanso:privileged = true`. */
  readonly administrative?: boolean;
  /** Maximum session in seconds, 900-3600; default 3600 (第70条). */
  readonly maxSessionDurationSeconds?: number;
  /** Maximum age of the MFA authentication in seconds; default 3600. */
  readonly mfaMaxAgeSeconds?: number;
}

/**
 * A role that people assume (第29条第3項, 第66条第7項, 第70条): the trust policy requires
 * multi-factor authentication (`aws:MultiFactorAuthPresent = true`, and a recent MFA via
 * `aws:MultiFactorAuthAge`), sessions last at most one hour, inline permissions are checked for
 * least privilege. sanso never creates IAM users: people come in through roles.
 */
export class OperatorRole extends Construct {
  /** The `aws_iam_role`. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: OperatorRoleProps) {
    super(scope, id);
    const duration = props.maxSessionDurationSeconds ?? MAX_PRIVILEGED_SESSION_SECONDS;
    if (!Number.isInteger(duration) || duration < 900 || duration > MAX_PRIVILEGED_SESSION_SECONDS) {
      throw new SansoConstructError(this, `maxSessionDurationSeconds must be 900-${MAX_PRIVILEGED_SESSION_SECONDS} (第70条), got ${duration}`);
    }
    const mfaAge = props.mfaMaxAgeSeconds ?? 3600;
    if (!props.trustedPrincipalArns?.length || props.trustedPrincipalArns.some((p) => p === "*" || p.includes("*"))) {
      throw new SansoConstructError(this, "trustedPrincipalArns must name principals (no wildcards)");
    }
    if (props.inlinePolicy) assertLeastPrivilege(this, props.inlinePolicy, "inline policy");
    if (!/^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{0,1000}$/.test(props.description)) {
      throw new SansoConstructError(this, "description: IAM accepts only Latin-1 characters (no Japanese) in role descriptions");
    }
    this.role = new IamRole(this, "Role", {
      name: physicalName(this, 64),
      description: props.description,
      maxSessionDuration: duration,
      assumeRolePolicy: policyDocument([
        {
          Sid: "PeopleWithMfaOnly",
          Effect: "Allow",
          Principal: { AWS: props.trustedPrincipalArns },
          Action: "sts:AssumeRole",
          Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThan: { "aws:MultiFactorAuthAge": String(mfaAge) },
          },
        },
      ]),
      tags: {
        [TAG.principalKind]: "human",
        ...(props.administrative ? { [TAG.privileged]: "true" } : {}),
      },
    });
    (props.managedPolicyArns ?? []).forEach((arn, i) => {
      new IamRolePolicyAttachment(this, `Managed${i}`, { role: this.role.name, policyArn: arn });
    });
    if (props.inlinePolicy?.length) {
      new IamRolePolicy(this, "Inline", { role: this.role.id, policy: policyDocument(props.inlinePolicy) });
    }
  }

  /** ARN of the role. */
  get arn(): string {
    return this.role.arn;
  }
}
