// Firewalls and edges of the deliberately non-compliant demo stack (stacks/demo-noncompliant.ts): one
// section of its build, each resource registered with the rules it breaks.
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";
import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group/index.js";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener/index.js";
import { Ec2ClientVpnEndpoint } from "@cdktf/provider-aws/lib/ec2-client-vpn-endpoint/index.js";
import { type Demo, type Networks, z } from "./context.js";

/** Security groups, load balancers, WAF and VPN: ART49, ART50, ART51, ART66, ART29-STRONG-CRYPTO (listeners). */
export function firewallsAndEdges(demo: Demo, { mynumberSubnet, lgwanSubnets, internetVpc, internetSubnets }: Networks): void {
  // ---------------------------------------------------------------- firewalls and edges
  // ART49-FIREWALL (wide port range from anywhere), ART66-REMOTE-ACCESS (SSH and RDP from anywhere)
  const internetSg = demo.breaks(
    new SecurityGroup(demo, "InternetRemote", {
      name: "demo-internet-remote",
      description: "DEMO: SSH, RDP and everything from anywhere",
      vpcId: internetVpc.id,
      ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] },
      ],
      tags: z("internet"),
    }),
    "internet_remote",
    ["ART49-FIREWALL", "ART66-REMOTE-ACCESS"],
  );
  // ART31-MONITORED, ART51-WAF (no web ACL), ART47-LOGS-KEPT (no access logs)
  const internetLb = demo.breaks(
    new Lb(demo, "InternetLb", {
      name: "demo-internet-public",
      loadBalancerType: "application",
      internal: false,
      subnets: internetSubnets.map((s) => s.id),
      securityGroups: [internetSg.id],
      tags: z("internet"),
    }),
    "internet_public",
    ["ART31-MONITORED", "ART51-WAF", "ART47-LOGS-KEPT"],
  );
  const tg = demo.named(
    new LbTargetGroup(demo, "InternetTg", {
      name: "demo-internet-http",
      port: 80,
      protocol: "HTTP",
      vpcId: internetVpc.id,
      tags: z("internet"),
    }),
    "internet_http",
  );
  // ART24-TLS-ONLY: plain HTTP listener forwarding to the application
  demo.breaks(
    new LbListener(demo, "InternetHttpForward", {
      loadBalancerArn: internetLb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "forward", targetGroupArn: tg.arn }],
      tags: z("internet"),
    }),
    "internet_http_forward",
    ["ART24-TLS-ONLY"],
  );
  // ART29-STRONG-CRYPTO: TLS 1.0/1.1 policy
  demo.breaks(
    new LbListener(demo, "InternetHttpsWeak", {
      loadBalancerArn: internetLb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-2016-08",
      certificateArn: "arn:aws:acm:us-east-1:444455556666:certificate/demo",
      defaultAction: [{ type: "forward", targetGroupArn: tg.arn }],
      tags: z("internet"),
    }),
    "internet_https_weak",
    ["ART29-STRONG-CRYPTO"],
  );
  // ART29-STRONG-CRYPTO: no ssl_policy, so the provider default (TLS 1.0+) applies
  demo.breaks(
    new LbListener(demo, "InternetHttpsDefaultPolicy", {
      loadBalancerArn: internetLb.arn,
      port: 8443,
      protocol: "HTTPS",
      certificateArn: "arn:aws:acm:us-east-1:444455556666:certificate/demo",
      defaultAction: [{ type: "forward", targetGroupArn: tg.arn }],
      tags: z("internet"),
    }),
    "internet_https_default_policy",
    ["ART29-STRONG-CRYPTO"],
  );
  // ART50-PUBLIC-IN-INTERNET-ZONE (internet-facing LB in the LGWAN zone), ART51-WAF, ART47-LOGS-KEPT
  demo.breaks(
    new Lb(demo, "LgwanPublicLb", {
      name: "demo-lgwan-public",
      loadBalancerType: "application",
      internal: false,
      subnets: lgwanSubnets.map((s) => s.id),
      tags: z("lgwan"),
    }),
    "lgwan_public",
    ["ART50-PUBLIC-IN-INTERNET-ZONE", "ART51-WAF", "ART47-LOGS-KEPT"],
  );
  // ART29-NO-PUBLIC-ENDPOINT, ART50-PUBLIC-IN-INTERNET-ZONE: internet-facing LB in the MyNumber zone
  demo.breaks(
    new Lb(demo, "MynumberPublicLb", {
      name: "demo-mynumber-public",
      loadBalancerType: "network",
      internal: false,
      subnets: [mynumberSubnet.id],
      tags: z("mynumber"),
    }),
    "mynumber_public",
    ["ART29-NO-PUBLIC-ENDPOINT", "ART50-PUBLIC-IN-INTERNET-ZONE", "ART51-WAF", "ART47-LOGS-KEPT"],
  );
  // ART66-REMOTE-ACCESS: Client VPN with directory-only authentication and no connection logging
  demo.breaks(
    new Ec2ClientVpnEndpoint(demo, "ClientVpn", {
      description: "DEMO remote access",
      serverCertificateArn: "arn:aws:acm:us-east-1:444455556666:certificate/demo-vpn",
      clientCidrBlock: "10.200.0.0/22",
      authenticationOptions: [{ type: "directory-service-authentication", activeDirectoryId: "d-1234567890" }],
      connectionLogOptions: { enabled: false },
      vpcId: internetVpc.id,
      tags: z("internet"),
    }),
    "no_logs",
    ["ART66-REMOTE-ACCESS"],
  );
}
