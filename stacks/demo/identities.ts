// Identities of the deliberately non-compliant demo stack (stacks/demo-noncompliant.ts): one
// section of its build, each resource registered with the rules it breaks.
import { IamUser } from "@cdktf/provider-aws/lib/iam-user/index.js";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile/index.js";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment/index.js";
import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key/index.js";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy/index.js";
import { type Demo, z } from "./context.js";

/** IAM users, roles and policies: ART29-MFA, ART64, ART65, ART69, ART70. */
export function identities(demo: Demo): void {
  // ---------------------------------------------------------------- identities
  // ART29-MFA: an IAM user with a console password in the MyNumber zone
  const user = demo.breaks(
    new IamUser(demo, "Operator", { name: "demo-operator", tags: z("mynumber") }),
    "operator",
    ["ART29-MFA"],
  );
  demo.breaks(new IamUserLoginProfile(demo, "OperatorLogin", { user: user.name }), "operator", ["ART29-MFA"]);
  // ART65-PRIVILEGED-IDS: AdministratorAccess on a user
  demo.breaks(
    new IamUserPolicyAttachment(demo, "OperatorAdmin", {
      user: user.name,
      policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
    "operator_admin",
    ["ART65-PRIVILEGED-IDS"],
  );
  // ART69-NO-PLAINTEXT-SECRETS: long-lived access key
  demo.breaks(new IamAccessKey(demo, "OperatorKey", { user: user.name }), "operator", ["ART69-NO-PLAINTEXT-SECRETS"]);
  // ART29-MFA (no MFA condition), ART70-PRIVILEGED-SESSION (12-hour admin sessions)
  const role = demo.breaks(
    new IamRole(demo, "MynumberAdmin", {
      name: "demo-mynumber-admin",
      maxSessionDuration: 43200,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" },
        ],
      }),
      tags: z("mynumber"),
    }),
    "mynumber_no_mfa",
    ["ART29-MFA", "ART70-PRIVILEGED-SESSION"],
  );
  demo.named(
    new IamRolePolicyAttachment(demo, "MynumberAdminPolicy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
    }),
    "mynumber_no_mfa_admin",
  );
  // ART64-LEAST-PRIVILEGE: "*" on "*", and iam:* / kms:* on "*"
  demo.breaks(
    new IamPolicy(demo, "Star", {
      name: "demo-star",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "*", Resource: "*" },
          { Effect: "Allow", Action: ["iam:*", "kms:*"], Resource: "*" },
        ],
      }),
    }),
    "star",
    ["ART64-LEAST-PRIVILEGE"],
  );
}
