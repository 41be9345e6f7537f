import { Construct } from "constructs";
import type { PolicyStatement } from "./policy-document.js";
import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener/index.js";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group/index.js";
import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl/index.js";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration/index.js";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account/index.js";
import { ALLOWED_SSL_POLICIES, Classification, physicalName, SansoConstructError } from "./core.js";
import { SecureLogGroup } from "./flow-logs.js";
import { internalBucket, SecureBucket } from "./secure-bucket.js";
import { ALLOW_INTERNET_WEB, RestrictedSecurityGroup } from "./security-group.js";
import { SansoStack } from "./stack.js";
import { requireZone } from "./zone-context.js";
import { ATTACH_INTERNET_GATEWAY, InternetZone } from "./zones.js";

/** Properties of a {@link PublicEdge}. */
export interface PublicEdgeProps {
  /** ACM certificate of the public host name. */
  readonly certificateArn: string;
  /** Responsible section for the edge's logs. Default: the zone owner. */
  readonly owner?: string;
  /** Classification of the edge's logs (client IPs: personal information). Default "II". */
  readonly logClassification?: Classification;
  /** TLS policy from the allow-list (TLS 1.2+); default `ELBSecurityPolicy-TLS13-1-2-2021-06`. */
  readonly sslPolicy?: (typeof ALLOWED_SSL_POLICIES)[number];
  /** Port the targets listen on (HTTPS); default 443. */
  readonly targetPort?: number;
  /** Health check path; default `/`. */
  readonly healthCheckPath?: string;
  /** Requests per 5 minutes per client IP before blocking (100-2,000,000,000); default 1000. */
  readonly rateLimit?: number;
  /** AWS managed rule groups; default Common, KnownBadInputs, AmazonIpReputationList, SQLi. */
  readonly managedRuleGroups?: string[];
}

const DEFAULT_RULE_GROUPS = [
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesSQLiRuleSet",
];

/**
 * The only way an {@link InternetZone} faces the internet (第31条, 第50条, 第51条第4項):
 * an internet-facing Application Load Balancer in the public subnets, with
 * - an HTTPS listener with an explicit TLS 1.2+ policy (第29条第6項, 第57条) and an HTTP
 *   listener that only redirects to HTTPS;
 * - a security group open to the internet on 443 and 80 only, sending only to the targets;
 * - a WAFv2 web ACL (AWS managed rule groups and a rate-based rule) associated with the ALB,
 *   logging into an encrypted log group kept ≥ 365 days;
 * - access logs into a dedicated bucket (ALB log delivery supports only SSE-S3 there), with
 *   versioning, public access block, TLS-only policy and its own server access logging;
 * - invalid header dropping and deletion protection.
 */
export class PublicEdge extends Construct {
  /** The `aws_lb`. */
  readonly loadBalancer: Lb;
  /** The target group (HTTPS) to register application targets with. */
  readonly targetGroup: LbTargetGroup;
  /** Security group of the load balancer. */
  readonly securityGroup: RestrictedSecurityGroup;
  /** Security group to put on the targets: allows only the load balancer. */
  readonly targetSecurityGroup: RestrictedSecurityGroup;
  /** The web ACL. */
  readonly webAcl: Wafv2WebAcl;
  /** The access-log bucket. */
  readonly accessLogBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: PublicEdgeProps) {
    super(scope, id);
    const zone = requireZone(this, "PublicEdge");
    if (!(zone instanceof InternetZone)) {
      throw new SansoConstructError(
        this,
        `a PublicEdge faces the internet and belongs only to an InternetZone (第50条); this is the ${zone.zoneName} zone`,
      );
    }
    const stack = SansoStack.of(this);
    const owner = props.owner ?? zone.owner;
    const logClassification = props.logClassification ?? "II";
    const sslPolicy = props.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06";
    if (!(ALLOWED_SSL_POLICIES as readonly string[]).includes(sslPolicy)) {
      throw new SansoConstructError(this, `sslPolicy ${sslPolicy} is not in the TLS 1.2+ allow-list (第57条)`);
    }
    const targetPort = props.targetPort ?? 443;
    const rateLimit = props.rateLimit ?? 1000;
    if (!Number.isInteger(rateLimit) || rateLimit < 100) {
      throw new SansoConstructError(this, `rateLimit must be at least 100, got ${rateLimit}`);
    }
    const name = physicalName(this, 32);
    zone[ATTACH_INTERNET_GATEWAY]();

    const elbAccount = new DataAwsElbServiceAccount(this, "ElbAccount", {});
    const logPrefix = "alb";
    this.accessLogBucket = internalBucket(
      this,
      "AccessLogs",
      {
        classification: logClassification,
        owner,
        glacierAfterDays: 90,
        policyStatements: (arn): PolicyStatement[] => [
          {
            Sid: "ElbLogDelivery",
            Effect: "Allow",
            Principal: { AWS: elbAccount.arn },
            Action: "s3:PutObject",
            Resource: `${arn}/${logPrefix}/AWSLogs/${stack.accountId}/*`,
          },
          {
            Sid: "ElbLogDeliveryService",
            Effect: "Allow",
            Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${arn}/${logPrefix}/AWSLogs/${stack.accountId}/*`,
            Condition: { StringEquals: { "aws:SourceAccount": stack.accountId } },
          },
          {
            Sid: "LogsAreNeverDeletedByPrincipals",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
            Resource: `${arn}/*`,
          },
        ],
      },
      {
        sseS3Because: "Elastic Load Balancing access logs support only SSE-S3",
        logRole: "alb-access-logs",
        tags: { "sanso:log-protection": "deny-delete-policy" },
      },
    );

    this.securityGroup = new RestrictedSecurityGroup(this, "LoadBalancerSecurityGroup", {
      vpcId: zone.vpc.id,
      description: "internet-facing ALB: HTTPS and HTTP (redirect) from the internet",
      ingress: [
        { cidr: "0.0.0.0/0", fromPort: 443, description: "HTTPS from the internet" },
        { cidr: "0.0.0.0/0", fromPort: 80, description: "HTTP from the internet (redirected to HTTPS)" },
      ],
      egress: zone.privateSubnets.map((s) => ({
        cidr: s.cidrBlockInput as string,
        fromPort: targetPort,
        description: "to the application targets",
      })),
      [ALLOW_INTERNET_WEB]: true,
    } as never);
    this.targetSecurityGroup = new RestrictedSecurityGroup(this, "TargetSecurityGroup", {
      vpcId: zone.vpc.id,
      description: "application targets behind the public edge",
      ingress: [{ securityGroupId: this.securityGroup.id, fromPort: targetPort, description: "from the ALB" }],
      egress: [{ cidr: zone.cidrBlock, fromPort: 443, description: "VPC endpoints" }],
    });

    this.loadBalancer = new Lb(this, "LoadBalancer", {
      name,
      loadBalancerType: "application",
      internal: false,
      subnets: zone.publicSubnetIds,
      securityGroups: [this.securityGroup.id],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      desyncMitigationMode: "strictest",
      accessLogs: { bucket: this.accessLogBucket.bucketName, prefix: logPrefix, enabled: true },
      dependsOn: [this.accessLogBucket.policy],
    });
    this.targetGroup = new LbTargetGroup(this, "Targets", {
      name,
      port: targetPort,
      protocol: "HTTPS",
      targetType: "ip",
      vpcId: zone.vpc.id,
      healthCheck: {
        enabled: true,
        protocol: "HTTPS",
        path: props.healthCheckPath ?? "/",
        matcher: "200-399",
      },
    });
    new LbListener(this, "Https", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
    });
    new LbListener(this, "HttpRedirect", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ],
    });

    const visibility = (metricName: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const rules: Wafv2WebAclRule[] = [
      {
        name: "rate-limit-per-ip",
        priority: 0,
        action: { block: {} },
        statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: "IP" } },
        visibilityConfig: visibility("rate-limit-per-ip"),
      },
      ...(props.managedRuleGroups ?? DEFAULT_RULE_GROUPS).map((group, i) => ({
        name: group,
        priority: 10 + i,
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
        visibilityConfig: visibility(group),
      })),
    ];
    this.webAcl = new Wafv2WebAcl(this, "WebAcl", {
      name,
      scope: "REGIONAL",
      description: "sanso public edge: managed rules and per-IP rate limit",
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(name),
    });
    new Wafv2WebAclAssociation(this, "WebAclAssociation", {
      resourceArn: this.loadBalancer.arn,
      webAclArn: this.webAcl.arn,
    });
    const wafLogs = new SecureLogGroup(this, "WafLogs", {
      name: `aws-waf-logs-${name}`,
      classification: logClassification,
      owner,
    });
    new Wafv2WebAclLoggingConfiguration(this, "WebAclLogging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [wafLogs.arn],
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
    });
  }
}
