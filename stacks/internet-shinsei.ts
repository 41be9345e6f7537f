import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
import {
  AccountBaseline,
  AuditTrail,
  BackupPolicy,
  InternetZone,
  LgwanZone,
  PublicEdge,
  SansoStack,
  SecureBucket,
  ZoneTransfer,
  physicalName,
} from "../constructs/index.js";
import { PREMISES, twoLocations } from "./common.js";

const OWNER = "デジタル推進課";

/**
 * `internet-shinsei`: the online application front end (電子申請, class III/IV) in the internet
 * zone behind a PublicEdge (WAF, TLS 1.2+, access logs). Applications reach the LGWAN zone only
 * through a ZoneTransfer bucket that the LGWAN zone reads through its own S3 endpoint
 * (第30条第1項・第2項): the two VPCs are never connected.
 */
export function buildInternetShinsei(scope: Construct, id = "internet-shinsei"): SansoStack {
  const stack = new SansoStack(scope, id, {
    platform: "standalone",
    environment: "production",
    region: "ap-northeast-1",
    description: "電子申請 front end (class III/IV) in the internet zone, handing files to LGWAN by a transfer bucket",
  });
  const internet = new InternetZone(stack, "Internet", { owner: OWNER, cidrBlock: "10.30.0.0/16" });
  const lgwan = new LgwanZone(stack, "LgwanIntake", {
    owner: "情報政策課",
    cidrBlock: "10.31.0.0/16",
    dedicatedLine: {
      amazonSideAsn: 64530,
      premisesPrefixes: [...PREMISES.lgwan],
      connections: twoLocations(130),
    },
  });

  new PublicEdge(internet, "Edge", {
    certificateArn: "arn:aws:acm:ap-northeast-1:444455556666:certificate/00000000-0000-0000-0000-000000000000",
  });
  new SecureBucket(internet, "FormAssets", { classification: "IV", owner: OWNER });

  const appRole = new IamRole(internet, "ApplicationRole", {
    name: `${physicalName(internet, 59)}-app`,
    description: "Online applications (shinsei) application tasks",
    maxSessionDuration: 3600,
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": stack.accountId } },
        },
      ],
    }),
  });
  const transfer = new ZoneTransfer(internet, "ToLgwan", {
    to: lgwan,
    classification: "III",
    owner: OWNER,
    writerRoleArns: [appRole.arn],
  });
  new IamRolePolicy(internet, "ApplicationWritesTransfers", {
    role: appRole.id,
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: `${transfer.bucket.arn}/*` }],
    }),
  });

  new SecureBucket(lgwan, "Applications", { classification: "II", owner: OWNER });
  new BackupPolicy(lgwan, "Backup", { classification: "II", owner: OWNER, classes: ["II"] });
  new BackupPolicy(internet, "Backup", { classification: "II", owner: OWNER, classes: ["II"] });

  new AuditTrail(stack, "AuditTrail", { logArchive: internet.logArchive });
  new AccountBaseline(stack, "AccountBaseline", { logArchive: internet.logArchive });
  return stack;
}
