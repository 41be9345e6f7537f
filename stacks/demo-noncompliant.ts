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
import { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway/index.js";
import { Eip } from "@cdktf/provider-aws/lib/eip/index.js";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway/index.js";
import { EgressOnlyInternetGateway } from "@cdktf/provider-aws/lib/egress-only-internet-gateway/index.js";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table/index.js";
import { Route } from "@cdktf/provider-aws/lib/route/index.js";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection/index.js";
import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway/index.js";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment/index.js";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group/index.js";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl/index.js";
import { NetworkAclRule } from "@cdktf/provider-aws/lib/network-acl-rule/index.js";
import { CustomerGateway } from "@cdktf/provider-aws/lib/customer-gateway/index.js";
import { VpnGateway } from "@cdktf/provider-aws/lib/vpn-gateway/index.js";
import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection/index.js";
import { DxGateway } from "@cdktf/provider-aws/lib/dx-gateway/index.js";
import { DxGatewayAssociation } from "@cdktf/provider-aws/lib/dx-gateway-association/index.js";
import { DxPrivateVirtualInterface } from "@cdktf/provider-aws/lib/dx-private-virtual-interface/index.js";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { S3BucketAcl } from "@cdktf/provider-aws/lib/s3-bucket-acl/index.js";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key/index.js";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance/index.js";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume/index.js";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group/index.js";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault/index.js";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail/index.js";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret/index.js";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user/index.js";
import { IamUserLoginProfile } from "@cdktf/provider-aws/lib/iam-user-login-profile/index.js";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment/index.js";
import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key/index.js";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy/index.js";
import { AppstreamStack } from "@cdktf/provider-aws/lib/appstream-stack/index.js";
import { Lb } from "@cdktf/provider-aws/lib/lb/index.js";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group/index.js";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener/index.js";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector/index.js";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder/index.js";
import { Ec2ClientVpnEndpoint } from "@cdktf/provider-aws/lib/ec2-client-vpn-endpoint/index.js";
import { Instance } from "@cdktf/provider-aws/lib/instance/index.js";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template/index.js";
import { ForceTags, TAG } from "../constructs/index.js";
import { RULE_IDS, type RuleId } from "./rule-ids.generated.js";

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
 * addresses that break it.
 */
/** Tags of a resource in `zone`. */
const z = (zone: string, extra: Record<string, string> = {}) => ({ [TAG.zone]: zone, ...extra });
/** Tags of a data store of class `cls` in `zone`, owned by the demo section. */
const store = (zone: string, cls: string, extra: Record<string, string> = {}) => z(zone, { [TAG.classification]: cls, [TAG.owner]: "デモ課", ...extra });

/** What the later sections of the demo use of its networks. */
interface Networks {
  mynumberSubnet: Subnet;
  lgwanSubnets: Subnet[];
  internetVpc: Vpc;
  internetSubnets: Subnet[];
  mynumberSg: SecurityGroup;
}

export class DemoNoncompliantStack extends TerraformStack {
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
    this.build();
  }

  /** Registers `res` under a readable logical id as breaking `rules`. */
  private breaks<T extends TerraformResource>(res: T, name: string, rules: ArticleRuleId[]): T {
    res.overrideLogicalId(name);
    for (const r of rules) (this.violations[r] ??= []).push(`${res.terraformResourceType}.${name}`);
    return res;
  }

  /** Sets the readable logical id of a supporting resource that breaks nothing by itself. */
  private named<T extends TerraformResource>(res: T, name: string): T {
    res.overrideLogicalId(name);
    return res;
  }

  private build(): void {
    const net = this.networks();
    this.firewallsAndEdges(net);
    this.monitoring();
    this.dataStores(net);
    this.identities();
    this.desktopsAndMachines(net);
  }

  /** VPCs, subnets, routes and lines: ART29-ISOLATED, -RESTRICTED-PATHS, -DEDICATED-LINE, ART30, ART32/34, ART47 (flow logs), ART73. */
  private networks(): Networks {
    // ---------------------------------------------------------------- networks
    // ART29-ISOLATED, ART47-LOGS-KEPT (no flow logs), ART73-ENV-SEPARATED (prod and dev instances share it)
    const mynumberVpc = this.breaks(
      new Vpc(this, "MynumberVpc", { cidrBlock: "10.110.0.0/16", tags: z("mynumber") }),
      "mynumber",
      ["ART29-ISOLATED", "ART47-LOGS-KEPT", "ART73-ENV-SEPARATED"],
    );
    // ART29-NO-PUBLIC-ENDPOINT (public IPs on launch), ART32-REDUNDANT (one AZ only)
    const mynumberSubnet = this.breaks(
      new Subnet(this, "MynumberSubnet", {
        vpcId: mynumberVpc.id,
        cidrBlock: "10.110.0.0/24",
        availabilityZone: "us-east-1a",
        mapPublicIpOnLaunch: true,
        tags: z("mynumber"),
      }),
      "mynumber_public",
      ["ART29-NO-PUBLIC-ENDPOINT", "ART32-REDUNDANT"],
    );
    // ART29-ISOLATED: internet gateway on a MyNumber VPC
    const mynumberIgw = this.breaks(
      new InternetGateway(this, "MynumberIgw", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
      "mynumber",
      ["ART29-ISOLATED"],
    );
    const mynumberRt = this.named(
      new RouteTable(this, "MynumberRt", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
      "mynumber",
    );
    // ART29-ISOLATED: default route to the internet
    this.breaks(
      new Route(this, "MynumberDefaultRoute", {
        routeTableId: mynumberRt.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: mynumberIgw.id,
      }),
      "mynumber_default",
      ["ART29-ISOLATED"],
    );
    const natIp = this.named(new Eip(this, "MynumberNatIp", { domain: "vpc", tags: z("mynumber") }), "mynumber_nat");
    // ART29-ISOLATED: NAT gateway
    this.breaks(
      new NatGateway(this, "MynumberNat", { allocationId: natIp.id, subnetId: mynumberSubnet.id, tags: z("mynumber") }),
      "mynumber",
      ["ART29-ISOLATED"],
    );
    // ART29-ISOLATED: egress-only internet gateway
    this.breaks(
      new EgressOnlyInternetGateway(this, "MynumberEigw", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
      "mynumber",
      ["ART29-ISOLATED"],
    );
    // ART29-RESTRICTED-PATHS (0.0.0.0/0, all protocols), ART49-FIREWALL (ingress from anywhere)
    const mynumberSg = this.breaks(
      new SecurityGroup(this, "MynumberOpen", {
        name: "demo-mynumber-open",
        description: "DEMO: everything open",
        vpcId: mynumberVpc.id,
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        tags: z("mynumber"),
      }),
      "mynumber_open",
      ["ART29-RESTRICTED-PATHS", "ART49-FIREWALL"],
    );
    const mynumberNacl = this.named(
      new NetworkAcl(this, "MynumberNacl", { vpcId: mynumberVpc.id, subnetIds: [mynumberSubnet.id], tags: z("mynumber") }),
      "mynumber",
    );
    // ART29-RESTRICTED-PATHS: NACL allows all protocols from anywhere
    this.breaks(
      new NetworkAclRule(this, "MynumberNaclAny", {
        networkAclId: mynumberNacl.id,
        ruleNumber: 100,
        egress: false,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 0,
        toPort: 0,
      }),
      "mynumber_any",
      ["ART29-RESTRICTED-PATHS"],
    );

    // ART29-DEDICATED-LINE: the MyNumber zone reaches the premises by site-to-site VPN over the internet
    const cgw = this.named(
      new CustomerGateway(this, "CityHallCgw", { bgpAsn: "65000", ipAddress: "203.0.113.10", type: "ipsec.1", tags: z("mynumber") }),
      "city_hall",
    );
    const mynumberVgw = this.named(
      new VpnGateway(this, "MynumberVgw", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
      "mynumber",
    );
    this.breaks(
      new VpnConnection(this, "MynumberVpn", {
        customerGatewayId: cgw.id,
        vpnGatewayId: mynumberVgw.id,
        type: "ipsec.1",
        staticRoutesOnly: true,
        tags: z("mynumber"),
      }),
      "mynumber_internet_vpn",
      ["ART29-DEDICATED-LINE"],
    );

    // ART30-SEPARATED (internet gateway on an LGWAN VPC), ART47-LOGS-KEPT (no flow logs)
    const lgwanVpc = this.breaks(
      new Vpc(this, "LgwanVpc", { cidrBlock: "10.120.0.0/16", tags: z("lgwan") }),
      "lgwan",
      ["ART30-SEPARATED", "ART47-LOGS-KEPT"],
    );
    const lgwanSubnets = ["a", "b"].map((az, i) =>
      this.named(
        new Subnet(this, `LgwanSubnet${i}`, {
          vpcId: lgwanVpc.id,
          cidrBlock: `10.120.${i}.0/24`,
          availabilityZone: `us-east-1${az}`,
          tags: z("lgwan"),
        }),
        `lgwan_${az}`,
      ),
    );
    // ART30-SEPARATED: internet path from an LGWAN VPC
    this.breaks(new InternetGateway(this, "LgwanIgw", { vpcId: lgwanVpc.id, tags: z("lgwan") }), "lgwan", [
      "ART30-SEPARATED",
    ]);

    // ART31-MONITORED, ART47-LOGS-KEPT: internet VPC without flow logs
    const internetVpc = this.breaks(
      new Vpc(this, "InternetVpc", { cidrBlock: "10.130.0.0/16", tags: z("internet") }),
      "internet",
      ["ART31-MONITORED", "ART47-LOGS-KEPT"],
    );
    const internetSubnets = ["a", "b"].map((az, i) =>
      this.named(
        new Subnet(this, `InternetSubnet${i}`, {
          vpcId: internetVpc.id,
          cidrBlock: `10.130.${i}.0/24`,
          availabilityZone: `us-east-1${az}`,
          tags: z("internet"),
        }),
        `internet_${az}`,
      ),
    );
    this.named(new InternetGateway(this, "InternetIgw", { vpcId: internetVpc.id, tags: z("internet") }), "internet");

    // ART29-ISOLATED: MyNumber VPC peered with an internet VPC
    this.breaks(
      new VpcPeeringConnection(this, "MynumberToInternet", {
        vpcId: mynumberVpc.id,
        peerVpcId: internetVpc.id,
        autoAccept: true,
        tags: z("mynumber"),
      }),
      "mynumber_to_internet",
      ["ART29-ISOLATED"],
    );
    // ART30-SEPARATED: LGWAN VPC peered with an internet VPC
    this.breaks(
      new VpcPeeringConnection(this, "LgwanToInternet", {
        vpcId: lgwanVpc.id,
        peerVpcId: internetVpc.id,
        autoAccept: true,
        tags: z("lgwan"),
      }),
      "lgwan_to_internet",
      ["ART30-SEPARATED"],
    );
    // ART30-SEPARATED: one transit gateway joining the LGWAN and internet VPCs
    const tgw = this.named(new Ec2TransitGateway(this, "SharedTgw", { description: "DEMO shared hub" }), "shared");
    this.breaks(
      new Ec2TransitGatewayVpcAttachment(this, "LgwanTgwAttachment", {
        transitGatewayId: tgw.id,
        vpcId: lgwanVpc.id,
        subnetIds: lgwanSubnets.map((s) => s.id),
        tags: z("lgwan"),
      }),
      "lgwan",
      ["ART30-SEPARATED"],
    );
    this.breaks(
      new Ec2TransitGatewayVpcAttachment(this, "InternetTgwAttachment", {
        transitGatewayId: tgw.id,
        vpcId: internetVpc.id,
        subnetIds: internetSubnets.map((s) => s.id),
        tags: z("internet"),
      }),
      "internet",
      ["ART30-SEPARATED"],
    );

    // ART34-LINE-REDUNDANT: the LGWAN dedicated line has a single virtual interface at one location
    const lgwanVgw = this.named(new VpnGateway(this, "LgwanVgw", { vpcId: lgwanVpc.id, tags: z("lgwan") }), "lgwan");
    const dxgw = this.named(new DxGateway(this, "LgwanDxgw", { name: "demo-lgwan", amazonSideAsn: "64600" }), "lgwan");
    this.named(
      new DxGatewayAssociation(this, "LgwanDxgwAssociation", {
        dxGatewayId: dxgw.id,
        associatedGatewayId: lgwanVgw.id,
        allowedPrefixes: ["10.120.0.0/16"],
      }),
      "lgwan",
    );
    this.breaks(
      new DxPrivateVirtualInterface(this, "LgwanSingleVif", {
        name: "demo-lgwan-single",
        connectionId: "dxcon-demo0001",
        dxGatewayId: dxgw.id,
        vlan: 300,
        bgpAsn: 65300,
        addressFamily: "ipv4",
        tags: z("lgwan", { [TAG.dxLocation]: "EqTY2" }),
      }),
      "lgwan_single",
      ["ART34-LINE-REDUNDANT"],
    );
    return { mynumberSubnet, lgwanSubnets, internetVpc, internetSubnets, mynumberSg };
  }

  /** Security groups, load balancers, WAF and VPN: ART49, ART50, ART51, ART66, ART29-STRONG-CRYPTO (listeners). */
  private firewallsAndEdges({ mynumberSubnet, lgwanSubnets, internetVpc, internetSubnets }: Networks): void {
    // ---------------------------------------------------------------- firewalls and edges
    // ART49-FIREWALL (wide port range from anywhere), ART66-REMOTE-ACCESS (SSH and RDP from anywhere)
    const internetSg = this.breaks(
      new SecurityGroup(this, "InternetRemote", {
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
    const internetLb = this.breaks(
      new Lb(this, "InternetLb", {
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
    const tg = this.named(
      new LbTargetGroup(this, "InternetTg", {
        name: "demo-internet-http",
        port: 80,
        protocol: "HTTP",
        vpcId: internetVpc.id,
        tags: z("internet"),
      }),
      "internet_http",
    );
    // ART24-TLS-ONLY: plain HTTP listener forwarding to the application
    this.breaks(
      new LbListener(this, "InternetHttpForward", {
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
    this.breaks(
      new LbListener(this, "InternetHttpsWeak", {
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
    this.breaks(
      new LbListener(this, "InternetHttpsDefaultPolicy", {
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
    this.breaks(
      new Lb(this, "LgwanPublicLb", {
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
    this.breaks(
      new Lb(this, "MynumberPublicLb", {
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
    this.breaks(
      new Ec2ClientVpnEndpoint(this, "ClientVpn", {
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

  /** GuardDuty, Config, Security Hub: ART31-MONITORED, ART90-MONITORED. */
  private monitoring(): void {
    // ---------------------------------------------------------------- monitoring
    // ART31-MONITORED, ART90-MONITORED: GuardDuty detector disabled
    this.breaks(new GuarddutyDetector(this, "GuardDuty", { enable: false }), "disabled", [
      "ART31-MONITORED",
      "ART90-MONITORED",
    ]);
    // ART90-MONITORED: Config recorder without a delivery channel (and no Security Hub at all)
    const configRole = this.named(
      new IamRole(this, "ConfigRole", {
        name: "demo-config",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      }),
      "config",
    );
    this.breaks(
      new ConfigConfigurationRecorder(this, "ConfigRecorder", { name: "demo", roleArn: configRole.arn }),
      "no_channel",
      ["ART90-MONITORED"],
    );
  }

  /** Buckets, keys, databases, caches, logs, secrets: ART17-ART29, ART43, ART47, ART64 (key policy), ART65, ART69, ART87, ART99. */
  private dataStores({ mynumberSg }: Networks): void {
    // ---------------------------------------------------------------- data stores
    // ART17-CLASSIFIED, ART18-OWNER: no classification, no owner; ART43-BACKUP cannot select it either
    this.breaks(new S3Bucket(this, "Unclassified", { bucket: "demo-unclassified", tags: z("lgwan") }), "unclassified", [
      "ART17-CLASSIFIED",
      "ART18-OWNER",
    ]);
    // ART22-CLASS-I-ZONE: class I data in the internet zone; ART43-BACKUP: no backup selection
    this.breaks(
      new S3Bucket(this, "ClassOneInInternet", { bucket: "demo-class1-in-internet", tags: store("internet", "I") }),
      "class1_in_internet",
      ["ART22-CLASS-I-ZONE", "ART43-BACKUP", "ART27-CLASS-I-ACCESS-LOG"],
    );
    // ART23-NOT-PUBLIC, ART24-TLS-ONLY: class II bucket made public, no TLS-only policy
    const publicBucket = this.breaks(
      new S3Bucket(this, "PublicClassTwo", { bucket: "demo-public-class2", tags: store("internet", "II") }),
      "public_class2",
      ["ART23-NOT-PUBLIC", "ART24-TLS-ONLY", "ART43-BACKUP"],
    );
    this.breaks(
      new S3BucketPublicAccessBlock(this, "PublicClassTwoPab", {
        bucket: publicBucket.id,
        blockPublicAcls: false,
        blockPublicPolicy: false,
        ignorePublicAcls: false,
        restrictPublicBuckets: false,
      }),
      "public_class2",
      ["ART23-NOT-PUBLIC"],
    );
    const ownership = this.named(
      new S3BucketOwnershipControls(this, "PublicClassTwoOwnership", {
        bucket: publicBucket.id,
        rule: { objectOwnership: "BucketOwnerPreferred" },
      }),
      "public_class2",
    );
    this.breaks(
      new S3BucketAcl(this, "PublicClassTwoAcl", { bucket: publicBucket.id, acl: "public-read", dependsOn: [ownership] }),
      "public_class2",
      ["ART23-NOT-PUBLIC"],
    );
    this.breaks(
      new S3BucketPolicy(this, "PublicClassTwoPolicy", {
        bucket: publicBucket.id,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${publicBucket.arn}/*` },
          ],
        }),
      }),
      "public_class2",
      ["ART23-NOT-PUBLIC", "ART24-TLS-ONLY"],
    );
    // ART25-PUBLIC-INTEGRITY: class IV content without versioning, notification or Object Lock
    const notices = this.breaks(
      new S3Bucket(this, "PublicNotices", { bucket: "demo-public-notices", tags: store("internet", "IV") }),
      "public_notices",
      ["ART25-PUBLIC-INTEGRITY"],
    );
    this.breaks(
      new S3BucketVersioningA(this, "PublicNoticesVersioning", {
        bucket: notices.id,
        versioningConfiguration: { status: "Suspended" },
      }),
      "public_notices",
      ["ART25-PUBLIC-INTEGRITY"],
    );
    // ART29-CMK: MyNumber class I bucket with SSE-S3; ART27-CLASS-I-ACCESS-LOG: no access logging
    const mynumberBucket = this.breaks(
      new S3Bucket(this, "MynumberSseS3", { bucket: "demo-mynumber-sse-s3", tags: store("mynumber", "I") }),
      "mynumber_sse_s3",
      ["ART29-CMK", "ART27-CLASS-I-ACCESS-LOG", "ART43-BACKUP"],
    );
    this.breaks(
      new S3BucketServerSideEncryptionConfigurationA(this, "MynumberSseS3Encryption", {
        bucket: mynumberBucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      }),
      "mynumber_sse_s3",
      ["ART29-CMK"],
    );
    // ART29-CMK: no rotation, 7-day deletion window
    this.breaks(
      new KmsKey(this, "WeakKey", {
        description: "DEMO weak key",
        enableKeyRotation: false,
        deletionWindowInDays: 7,
        tags: z("mynumber"),
      }),
      "weak",
      ["ART29-CMK"],
    );
    // ART64-KEY-NOT-PUBLIC: a key policy that lets anyone decrypt
    this.breaks(
      new KmsKey(this, "OpenKey", {
        description: "DEMO key usable by anyone",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Sid: "Anyone", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" }],
        }),
        tags: z("mynumber"),
      }),
      "open",
      ["ART64-KEY-NOT-PUBLIC"],
    );
    // ART29-STRONG-CRYPTO: asymmetric RSA key spec instead of AES-256
    this.breaks(
      new KmsKey(this, "RsaKey", {
        description: "DEMO RSA key",
        customerMasterKeySpec: "RSA_2048",
        keyUsage: "ENCRYPT_DECRYPT",
        deletionWindowInDays: 30,
        tags: z("mynumber"),
      }),
      "rsa",
      ["ART29-STRONG-CRYPTO"],
    );
    // ART22-ENCRYPTED-AT-REST, ART23-NOT-PUBLIC, ART24-TLS-ONLY (no forced TLS), ART27-CLASS-I-ACCESS-LOG
    // (no log exports), ART29-CMK, ART32-REDUNDANT (single AZ), ART43-BACKUP, ART65-PRIVILEGED-IDS
    // (user "admin"), ART69-NO-PLAINTEXT-SECRETS (literal password), ART87-PATCHED
    this.breaks(
      new DbInstance(this, "MynumberDb", {
        identifier: "demo-mynumber",
        engine: "postgres",
        engineVersion: "16.4",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        username: "admin",
        password: "P@ssw0rd1234",
        storageEncrypted: false,
        publiclyAccessible: true,
        multiAz: false,
        autoMinorVersionUpgrade: false,
        skipFinalSnapshot: true,
        vpcSecurityGroupIds: [mynumberSg.id],
        tags: store("mynumber", "I"),
      }),
      "mynumber_db",
      [
        "ART22-ENCRYPTED-AT-REST",
        "ART23-NOT-PUBLIC",
        "ART24-TLS-ONLY",
        "ART27-CLASS-I-ACCESS-LOG",
        "ART29-CMK",
        "ART32-REDUNDANT",
        "ART43-BACKUP",
        "ART65-PRIVILEGED-IDS",
        "ART69-NO-PLAINTEXT-SECRETS",
        "ART87-PATCHED",
      ],
    );
    // ART22-ENCRYPTED-AT-REST, ART43-BACKUP: unencrypted class II volume
    this.breaks(
      new EbsVolume(this, "Unencrypted", {
        availabilityZone: "us-east-1a",
        size: 10,
        encrypted: false,
        tags: store("lgwan", "II"),
      }),
      "unencrypted",
      ["ART22-ENCRYPTED-AT-REST", "ART43-BACKUP"],
    );
    // ART54-TRANSIT-ENCRYPTION, ART24-TLS-ONLY, ART22-ENCRYPTED-AT-REST: cache of class II sessions in clear text
    this.breaks(
      new ElasticacheReplicationGroup(this, "Sessions", {
        replicationGroupId: "demo-sessions",
        description: "DEMO sessions",
        engine: "redis",
        nodeType: "cache.t4g.micro",
        numCacheClusters: 1,
        transitEncryptionEnabled: false,
        atRestEncryptionEnabled: "false",
        autoMinorVersionUpgrade: "false",
        tags: store("internet", "II"),
      }),
      "sessions",
      ["ART54-TRANSIT-ENCRYPTION", "ART24-TLS-ONLY", "ART22-ENCRYPTED-AT-REST", "ART87-PATCHED"],
    );
    // ART43-BACKUP: vault with the AWS-managed key
    this.breaks(new BackupVault(this, "NoCmkVault", { name: "demo-no-cmk", tags: store("lgwan", "II") }), "no_cmk", [
      "ART43-BACKUP",
    ]);
    // ART47-LOGS-PROTECTED: log bucket without versioning, Object Lock, encryption or public access block
    const trailBucket = this.breaks(
      new S3Bucket(this, "TrailLogs", { bucket: "demo-trail-logs", tags: store("lgwan", "II") }),
      "trail_logs",
      ["ART47-LOGS-PROTECTED", "ART43-BACKUP"],
    );
    // ART45-CHANGE-TRAIL: single-region trail without log file validation or CMK
    this.breaks(
      new Cloudtrail(this, "WeakTrail", {
        name: "demo-weak",
        s3BucketName: trailBucket.id,
        isMultiRegionTrail: false,
        enableLogFileValidation: false,
        includeGlobalServiceEvents: false,
        tags: z("lgwan"),
      }),
      "weak",
      ["ART45-CHANGE-TRAIL"],
    );
    // ART47-LOGS-KEPT: 30-day retention, not encrypted
    this.breaks(
      new CloudwatchLogGroup(this, "ShortLogs", {
        name: "/demo/short",
        retentionInDays: 30,
        tags: store("lgwan", "II"),
      }),
      "short",
      ["ART47-LOGS-KEPT"],
    );
    const secret = this.named(
      new SecretsmanagerSecret(this, "DbSecret", { name: "demo/db", tags: store("lgwan", "II") }),
      "db",
    );
    // ART69-NO-PLAINTEXT-SECRETS: the secret value is a literal in the configuration
    this.breaks(
      new SecretsmanagerSecretVersion(this, "DbSecretValue", {
        secretId: secret.id,
        secretString: JSON.stringify({ username: "app", password: "hunter2-demo" }),
      }),
      "db",
      ["ART69-NO-PLAINTEXT-SECRETS"],
    );
  }

  /** IAM users, roles and policies: ART29-MFA, ART64, ART65, ART69, ART70. */
  private identities(): void {
    // ---------------------------------------------------------------- identities
    // ART29-MFA: an IAM user with a console password in the MyNumber zone
    const user = this.breaks(
      new IamUser(this, "Operator", { name: "demo-operator", tags: z("mynumber") }),
      "operator",
      ["ART29-MFA"],
    );
    this.breaks(new IamUserLoginProfile(this, "OperatorLogin", { user: user.name }), "operator", ["ART29-MFA"]);
    // ART65-PRIVILEGED-IDS: AdministratorAccess on a user
    this.breaks(
      new IamUserPolicyAttachment(this, "OperatorAdmin", {
        user: user.name,
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
      "operator_admin",
      ["ART65-PRIVILEGED-IDS"],
    );
    // ART69-NO-PLAINTEXT-SECRETS: long-lived access key
    this.breaks(new IamAccessKey(this, "OperatorKey", { user: user.name }), "operator", ["ART69-NO-PLAINTEXT-SECRETS"]);
    // ART29-MFA (no MFA condition), ART70-PRIVILEGED-SESSION (12-hour admin sessions)
    const role = this.breaks(
      new IamRole(this, "MynumberAdmin", {
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
    this.named(
      new IamRolePolicyAttachment(this, "MynumberAdminPolicy", {
        role: role.name,
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
      "mynumber_no_mfa_admin",
    );
    // ART64-LEAST-PRIVILEGE: "*" on "*", and iam:* / kms:* on "*"
    this.breaks(
      new IamPolicy(this, "Star", {
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

  /** AppStream desktops and EC2 instances: ART29-NO-EXPORT, ART73, ART78, ART87. */
  private desktopsAndMachines({ mynumberSubnet, mynumberSg }: Networks): void {
    // ---------------------------------------------------------------- desktops and machines
    // ART29-NO-EXPORT: copy-out, download, printing and home-folder redirection allowed in the MyNumber zone
    this.breaks(
      new AppstreamStack(this, "MynumberDesktop", {
        name: "demo-mynumber-desktop",
        userSettings: [
          { action: "CLIPBOARD_COPY_TO_LOCAL_DEVICE", permission: "ENABLED" },
          { action: "CLIPBOARD_COPY_FROM_LOCAL_DEVICE", permission: "ENABLED" },
          { action: "FILE_DOWNLOAD", permission: "ENABLED" },
          { action: "FILE_UPLOAD", permission: "ENABLED" },
          { action: "PRINTING_TO_LOCAL_DEVICE", permission: "ENABLED" },
        ],
        storageConnectors: [{ connectorType: "HOMEFOLDERS" }],
        tags: z("mynumber"),
      }),
      "mynumber_desktop",
      ["ART29-NO-EXPORT"],
    );
    // ART78-VM-HARDENED (IMDSv1, unencrypted root volume), ART29-NO-PUBLIC-ENDPOINT (public IP),
    // ART73-ENV-SEPARATED (production instance beside a development one in the same VPC)
    this.breaks(
      new Instance(this, "LegacyProd", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        subnetId: mynumberSubnet.id,
        associatePublicIpAddress: true,
        vpcSecurityGroupIds: [mynumberSg.id],
        metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled" },
        rootBlockDevice: { encrypted: false, volumeSize: 8 },
        tags: z("mynumber", { [TAG.environment]: "production" }),
      }),
      "legacy_prod",
      ["ART78-VM-HARDENED", "ART29-NO-PUBLIC-ENDPOINT", "ART73-ENV-SEPARATED"],
    );
    this.breaks(
      new Instance(this, "DevBox", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        subnetId: mynumberSubnet.id,
        metadataOptions: { httpTokens: "optional" },
        tags: z("mynumber", { [TAG.environment]: "development" }),
      }),
      "dev_box",
      ["ART73-ENV-SEPARATED", "ART78-VM-HARDENED"],
    );
    // ART78-VM-HARDENED: launch template without IMDSv2 and with an unencrypted volume
    this.breaks(
      new LaunchTemplate(this, "LegacyTemplate", {
        name: "demo-legacy",
        imageId: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        metadataOptions: { httpTokens: "optional" },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 8 } }],
        tags: z("internet"),
      }),
      "legacy",
      ["ART78-VM-HARDENED"],
    );

    // ART99-REGION: a resource pinned to eu-west-1 (provider v6 per-resource region)
    this.breaks(
      new S3Bucket(this, "OtherRegion", {
        bucket: "demo-other-region",
        region: "eu-west-1",
        tags: store("lgwan", "III"),
      }),
      "other_region",
      ["ART99-REGION"],
    );
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
