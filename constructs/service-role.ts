import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { physicalName } from "./core.js";
import { policyDocument } from "./policy-document.js";

/**
 * An IAM role that one AWS service assumes on behalf of this account only (the
 * `aws:SourceAccount` condition prevents the confused-deputy problem), with one-hour sessions
 * (第70条).
 */
export function serviceRole(scope: Construct, id: string, service: string, description: string, accountId: string): IamRole {
  return new IamRole(scope, id, {
    name: physicalName(scope, 64),
    description,
    assumeRolePolicy: policyDocument([
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ]),
    maxSessionDuration: 3600,
  });
}
