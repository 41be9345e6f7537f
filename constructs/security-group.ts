import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js";
import { isAnywhere, parseCidr, physicalName, SansoConstructError } from "./core.js";

/** One security group rule: a peer (CIDR or security group), a protocol and a port range. */
export interface SecurityGroupRule {
  /** IPv4 CIDR of the peer. */
  readonly cidr?: string;
  /** Id of the peer security group. */
  readonly securityGroupId?: string;
  /** `tcp` (default) or `udp`. All-protocol rules are not allowed (第29条第2項). */
  readonly protocol?: "tcp" | "udp";
  /** First port. */
  readonly fromPort: number;
  /** Last port; default `fromPort`. */
  readonly toPort?: number;
  /** Why the rule exists. */
  readonly description?: string;
}

/** Properties of a {@link RestrictedSecurityGroup}. */
export interface RestrictedSecurityGroupProps {
  /** VPC id. */
  readonly vpcId: string;
  /** What the group protects. */
  readonly description: string;
  /** Inbound rules. */
  readonly ingress?: SecurityGroupRule[];
  /** Outbound rules; none by default (Terraform removes AWS's default allow-all egress). */
  readonly egress?: SecurityGroupRule[];
}

/** @internal Allows 0.0.0.0/0 on 80/443 (only PublicEdge passes it). */
export const ALLOW_INTERNET_WEB = Symbol("sanso.allowInternetWeb");

/**
 * A security group whose rules name a specific CIDR or group, a protocol and ports
 * (第29条第2項, 第49条): 0.0.0.0/0, ::/0 and all-protocol rules throw.
 * Each rule is its own `aws_vpc_security_group_{ingress,egress}_rule` referencing the group.
 */
export class RestrictedSecurityGroup extends Construct {
  /** The `aws_security_group`. */
  readonly group: SecurityGroup;

  constructor(scope: Construct, id: string, props: RestrictedSecurityGroupProps) {
    super(scope, id);
    const allowWeb = (props as unknown as Record<symbol, boolean>)[ALLOW_INTERNET_WEB] === true;
    this.group = new SecurityGroup(this, "Group", {
      name: physicalName(this, 255),
      description: props.description,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
    });
    const check = (r: SecurityGroupRule, direction: string) => {
      if ((r.cidr === undefined) === (r.securityGroupId === undefined)) {
        throw new SansoConstructError(this, `${direction} rule needs exactly one of cidr or securityGroupId`);
      }
      const to = r.toPort ?? r.fromPort;
      if (!Number.isInteger(r.fromPort) || !Number.isInteger(to) || r.fromPort < 0 || to > 65535 || to < r.fromPort) {
        throw new SansoConstructError(this, `${direction} rule has an invalid port range ${r.fromPort}-${to}`);
      }
      if (r.protocol !== undefined && r.protocol !== "tcp" && r.protocol !== "udp") {
        throw new SansoConstructError(this, `${direction} rule protocol must be tcp or udp (no all-protocol rules)`);
      }
      if (r.cidr !== undefined) {
        parseCidr(r.cidr);
        if (isAnywhere(r.cidr)) {
          const web = direction === "ingress" && allowWeb && r.fromPort === to && (to === 443 || to === 80);
          if (!web) {
            throw new SansoConstructError(
              this,
              `${direction} rule from ${r.cidr} is not allowed (第29条第2項, 第49条): name the peer network`,
            );
          }
        }
      }
    };
    const ruleArgs = (r: SecurityGroupRule) => ({
      securityGroupId: this.group.id,
      ipProtocol: r.protocol ?? "tcp",
      fromPort: r.fromPort,
      toPort: r.toPort ?? r.fromPort,
      cidrIpv4: r.cidr,
      referencedSecurityGroupId: r.securityGroupId,
      description: r.description,
    });
    (props.ingress ?? []).forEach((r, i) => {
      check(r, "ingress");
      new VpcSecurityGroupIngressRule(this, `Ingress${i}`, ruleArgs(r));
    });
    (props.egress ?? []).forEach((r, i) => {
      check(r, "egress");
      new VpcSecurityGroupEgressRule(this, `Egress${i}`, ruleArgs(r));
    });
  }

  /** Security group id. */
  get id(): string {
    return this.group.id;
  }
}
