// The demo's networks of the deliberately non-compliant demo stack (stacks/demo-noncompliant.ts): one
// section of its build, each resource registered with the rules it breaks.
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
import { TAG } from "../../constructs/index.js";
import { type Demo, type Networks, z } from "./context.js";

/** VPCs, subnets, routes and lines: ART29-ISOLATED, -RESTRICTED-PATHS, -DEDICATED-LINE, ART30, ART32/34, ART47 (flow logs), ART73. */
export function networks(demo: Demo): Networks {
  // ---------------------------------------------------------------- networks
  const mynumber = mynumberNetwork(demo);
  mynumberVpn(demo, mynumber.vpc);
  const lgwan = lgwanNetwork(demo);
  const internet = internetNetwork(demo);
  zonesJoined(demo, mynumber.vpc, lgwan, internet);
  lgwanDedicatedLine(demo, lgwan.vpc);
  return {
    mynumberSubnet: mynumber.subnet,
    lgwanSubnets: lgwan.subnets,
    internetVpc: internet.vpc,
    internetSubnets: internet.subnets,
    mynumberSg: mynumber.sg,
  };
}

/** A VPC and its subnets. */
interface ZoneNetwork {
  vpc: Vpc;
  subnets: Subnet[];
}

/** The MyNumber zone, open to the internet: ART29, ART32, ART47, ART49, ART73. */
function mynumberNetwork(demo: Demo): { vpc: Vpc; subnet: Subnet; sg: SecurityGroup } {
  // ART29-ISOLATED, ART47-LOGS-KEPT (no flow logs), ART73-ENV-SEPARATED (prod and dev instances share it)
  const mynumberVpc = demo.breaks(
    new Vpc(demo, "MynumberVpc", { cidrBlock: "10.110.0.0/16", tags: z("mynumber") }),
    "mynumber",
    ["ART29-ISOLATED", "ART47-LOGS-KEPT", "ART73-ENV-SEPARATED"],
  );
  // ART29-NO-PUBLIC-ENDPOINT (public IPs on launch), ART32-REDUNDANT (one AZ only)
  const mynumberSubnet = demo.breaks(
    new Subnet(demo, "MynumberSubnet", {
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
  const mynumberIgw = demo.breaks(
    new InternetGateway(demo, "MynumberIgw", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
    "mynumber",
    ["ART29-ISOLATED"],
  );
  const mynumberRt = demo.named(
    new RouteTable(demo, "MynumberRt", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
    "mynumber",
  );
  // ART29-ISOLATED: default route to the internet
  demo.breaks(
    new Route(demo, "MynumberDefaultRoute", {
      routeTableId: mynumberRt.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: mynumberIgw.id,
    }),
    "mynumber_default",
    ["ART29-ISOLATED"],
  );
  const natIp = demo.named(new Eip(demo, "MynumberNatIp", { domain: "vpc", tags: z("mynumber") }), "mynumber_nat");
  // ART29-ISOLATED: NAT gateway
  demo.breaks(
    new NatGateway(demo, "MynumberNat", { allocationId: natIp.id, subnetId: mynumberSubnet.id, tags: z("mynumber") }),
    "mynumber",
    ["ART29-ISOLATED"],
  );
  // ART29-ISOLATED: egress-only internet gateway
  demo.breaks(
    new EgressOnlyInternetGateway(demo, "MynumberEigw", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
    "mynumber",
    ["ART29-ISOLATED"],
  );
  // ART29-RESTRICTED-PATHS (0.0.0.0/0, all protocols), ART49-FIREWALL (ingress from anywhere)
  const mynumberSg = demo.breaks(
    new SecurityGroup(demo, "MynumberOpen", {
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
  const mynumberNacl = demo.named(
    new NetworkAcl(demo, "MynumberNacl", { vpcId: mynumberVpc.id, subnetIds: [mynumberSubnet.id], tags: z("mynumber") }),
    "mynumber",
  );
  // ART29-RESTRICTED-PATHS: NACL allows all protocols from anywhere
  demo.breaks(
    new NetworkAclRule(demo, "MynumberNaclAny", {
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
  return { vpc: mynumberVpc, subnet: mynumberSubnet, sg: mynumberSg };
}

/** The MyNumber zone reaches the premises over the internet: ART29-DEDICATED-LINE. */
function mynumberVpn(demo: Demo, mynumberVpc: Vpc): void {
  // ART29-DEDICATED-LINE: the MyNumber zone reaches the premises by site-to-site VPN over the internet
  const cgw = demo.named(
    new CustomerGateway(demo, "CityHallCgw", { bgpAsn: "65000", ipAddress: "203.0.113.10", type: "ipsec.1", tags: z("mynumber") }),
    "city_hall",
  );
  const mynumberVgw = demo.named(
    new VpnGateway(demo, "MynumberVgw", { vpcId: mynumberVpc.id, tags: z("mynumber") }),
    "mynumber",
  );
  demo.breaks(
    new VpnConnection(demo, "MynumberVpn", {
      customerGatewayId: cgw.id,
      vpnGatewayId: mynumberVgw.id,
      type: "ipsec.1",
      staticRoutesOnly: true,
      tags: z("mynumber"),
    }),
    "mynumber_internet_vpn",
    ["ART29-DEDICATED-LINE"],
  );
}

/** The LGWAN zone with an internet gateway: ART30-SEPARATED, ART47-LOGS-KEPT. */
function lgwanNetwork(demo: Demo): ZoneNetwork {
  // ART30-SEPARATED (internet gateway on an LGWAN VPC), ART47-LOGS-KEPT (no flow logs)
  const lgwanVpc = demo.breaks(
    new Vpc(demo, "LgwanVpc", { cidrBlock: "10.120.0.0/16", tags: z("lgwan") }),
    "lgwan",
    ["ART30-SEPARATED", "ART47-LOGS-KEPT"],
  );
  const lgwanSubnets = ["a", "b"].map((az, i) =>
    demo.named(
      new Subnet(demo, `LgwanSubnet${i}`, {
        vpcId: lgwanVpc.id,
        cidrBlock: `10.120.${i}.0/24`,
        availabilityZone: `us-east-1${az}`,
        tags: z("lgwan"),
      }),
      `lgwan_${az}`,
    ),
  );
  // ART30-SEPARATED: internet path from an LGWAN VPC
  demo.breaks(new InternetGateway(demo, "LgwanIgw", { vpcId: lgwanVpc.id, tags: z("lgwan") }), "lgwan", [
    "ART30-SEPARATED",
  ]);
  return { vpc: lgwanVpc, subnets: lgwanSubnets };
}

/** The internet zone without flow logs: ART31-MONITORED, ART47-LOGS-KEPT. */
function internetNetwork(demo: Demo): ZoneNetwork {
  // ART31-MONITORED, ART47-LOGS-KEPT: internet VPC without flow logs
  const internetVpc = demo.breaks(
    new Vpc(demo, "InternetVpc", { cidrBlock: "10.130.0.0/16", tags: z("internet") }),
    "internet",
    ["ART31-MONITORED", "ART47-LOGS-KEPT"],
  );
  const internetSubnets = ["a", "b"].map((az, i) =>
    demo.named(
      new Subnet(demo, `InternetSubnet${i}`, {
        vpcId: internetVpc.id,
        cidrBlock: `10.130.${i}.0/24`,
        availabilityZone: `us-east-1${az}`,
        tags: z("internet"),
      }),
      `internet_${az}`,
    ),
  );
  demo.named(new InternetGateway(demo, "InternetIgw", { vpcId: internetVpc.id, tags: z("internet") }), "internet");
  return { vpc: internetVpc, subnets: internetSubnets };
}

/** Peering and a transit gateway between the zones: ART29-ISOLATED, ART30-SEPARATED. */
function zonesJoined(demo: Demo, mynumberVpc: Vpc, lgwan: ZoneNetwork, internet: ZoneNetwork): void {
  const { vpc: lgwanVpc, subnets: lgwanSubnets } = lgwan;
  const { vpc: internetVpc, subnets: internetSubnets } = internet;
  // ART29-ISOLATED: MyNumber VPC peered with an internet VPC
  demo.breaks(
    new VpcPeeringConnection(demo, "MynumberToInternet", {
      vpcId: mynumberVpc.id,
      peerVpcId: internetVpc.id,
      autoAccept: true,
      tags: z("mynumber"),
    }),
    "mynumber_to_internet",
    ["ART29-ISOLATED"],
  );
  // ART30-SEPARATED: LGWAN VPC peered with an internet VPC
  demo.breaks(
    new VpcPeeringConnection(demo, "LgwanToInternet", {
      vpcId: lgwanVpc.id,
      peerVpcId: internetVpc.id,
      autoAccept: true,
      tags: z("lgwan"),
    }),
    "lgwan_to_internet",
    ["ART30-SEPARATED"],
  );
  // ART30-SEPARATED: one transit gateway joining the LGWAN and internet VPCs
  const tgw = demo.named(new Ec2TransitGateway(demo, "SharedTgw", { description: "DEMO shared hub" }), "shared");
  demo.breaks(
    new Ec2TransitGatewayVpcAttachment(demo, "LgwanTgwAttachment", {
      transitGatewayId: tgw.id,
      vpcId: lgwanVpc.id,
      subnetIds: lgwanSubnets.map((s) => s.id),
      tags: z("lgwan"),
    }),
    "lgwan",
    ["ART30-SEPARATED"],
  );
  demo.breaks(
    new Ec2TransitGatewayVpcAttachment(demo, "InternetTgwAttachment", {
      transitGatewayId: tgw.id,
      vpcId: internetVpc.id,
      subnetIds: internetSubnets.map((s) => s.id),
      tags: z("internet"),
    }),
    "internet",
    ["ART30-SEPARATED"],
  );
}

/** The LGWAN dedicated line at one location: ART34-LINE-REDUNDANT. */
function lgwanDedicatedLine(demo: Demo, lgwanVpc: Vpc): void {
  // ART34-LINE-REDUNDANT: the LGWAN dedicated line has a single virtual interface at one location
  const lgwanVgw = demo.named(new VpnGateway(demo, "LgwanVgw", { vpcId: lgwanVpc.id, tags: z("lgwan") }), "lgwan");
  const dxgw = demo.named(new DxGateway(demo, "LgwanDxgw", { name: "demo-lgwan", amazonSideAsn: "64600" }), "lgwan");
  demo.named(
    new DxGatewayAssociation(demo, "LgwanDxgwAssociation", {
      dxGatewayId: dxgw.id,
      associatedGatewayId: lgwanVgw.id,
      allowedPrefixes: ["10.120.0.0/16"],
    }),
    "lgwan",
  );
  demo.breaks(
    new DxPrivateVirtualInterface(demo, "LgwanSingleVif", {
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
}
