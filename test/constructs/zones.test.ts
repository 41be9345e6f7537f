import { describe, expect, it } from "vitest";
import { TerraformResource } from "cdktf";
import {
  DedicatedLine,
  InternetZone,
  LgwanZone,
  MyNumberZone,
  PublicEdge,
  RestrictedSecurityGroup,
  SansoStack,
  SecureBucket,
  TAG,
} from "../../constructs/index.js";
import { CERT, internet, lgwan, LINE, mynumber, newStack, testApp } from "./fixtures.js";
import { resourcesUnder, Tf } from "./tf.js";

const FORBIDDEN_GATEWAYS = [
  "aws_internet_gateway",
  "aws_nat_gateway",
  "aws_egress_only_internet_gateway",
  "aws_vpc_peering_connection",
  "aws_ec2_transit_gateway_vpc_attachment",
  "aws_vpn_connection",
  "aws_customer_gateway",
  "aws_eip",
];

/**
 * Every resource created inside `zone` carries `sanso:zone` itself, or (when its type has no
 * tags) references a resource of the same zone.
 */
function expectZoneEverywhere(tf: Tf, zone: { node: any }, name: string): number {
  const resources = resourcesUnder(zone as never);
  expect(resources.length).toBeGreaterThan(10);
  for (const r of resources) {
    const address = `${r.terraformResourceType}.${r.friendlyUniqueId}`;
    const synthesized = tf.byAddress.get(address);
    expect(synthesized, address).toBeDefined();
    if ("tagsInput" in r) {
      expect((r as TerraformResource & { tagsInput?: Record<string, string> }).tagsInput?.[TAG.zone], address).toBe(name);
      expect(synthesized!.values.tags[TAG.zone], address).toBe(name);
    } else {
      expect(tf.zoneOf(synthesized!), `${address} (untaggable) must reference a ${name} resource`).toBe(name);
    }
  }
  return resources.length;
}

describe.each([
  ["mynumber", mynumber],
  ["lgwan", lgwan],
] as const)("%s zone", (name, make) => {
  const stack = newStack();
  const zone = make(stack);
  const tf = Tf.synth(stack);

  it("has no internet gateway, NAT, egress-only gateway, peering, transit attachment, VPN or EIP", () => {
    for (const type of FORBIDDEN_GATEWAYS) expect(tf.ofType(type), type).toHaveLength(0);
    for (const route of tf.ofType("aws_route")) {
      expect(route.values.destination_cidr_block).not.toBe("0.0.0.0/0");
    }
    for (const rt of tf.ofType("aws_route_table")) expect(rt.values.route ?? []).toHaveLength(0);
  });

  it("has private subnets in at least two availability zones and no public IPs", () => {
    const subnets = tf.ofType("aws_subnet");
    expect(new Set(subnets.map((s) => s.values.availability_zone)).size).toBeGreaterThanOrEqual(2);
    for (const s of subnets) expect(s.values.map_public_ip_on_launch).toBe(false);
  });

  it("reaches AWS services through VPC endpoints", () => {
    const endpoints = tf.ofType("aws_vpc_endpoint");
    const s3 = endpoints.find((e) => e.values.vpc_endpoint_type === "Gateway");
    expect(s3?.values.service_name).toBe("com.amazonaws.ap-northeast-1.s3");
    expect(endpoints.filter((e) => e.values.vpc_endpoint_type === "Interface").length).toBeGreaterThanOrEqual(3);
  });

  it("reaches the premises only by a dedicated line at two locations", () => {
    expect(zone.dedicatedLine).toBeInstanceOf(DedicatedLine);
    const vifs = tf.ofType("aws_dx_private_virtual_interface");
    expect(new Set(vifs.map((v) => v.values.tags[TAG.dxLocation])).size).toBeGreaterThanOrEqual(2);
    const [assoc] = tf.ofType("aws_dx_gateway_association");
    expect(assoc.values.allowed_prefixes).toEqual(["10." + (name === "mynumber" ? "10" : "20") + ".0.0/16"]);
    const [vgw] = tf.ofType("aws_vpn_gateway");
    expect(tf.refs(assoc)).toContain(vgw.address);
    const [vpc] = tf.ofType("aws_vpc");
    expect(tf.refs(vgw)).toContain(vpc.address);
  });

  it("replaces the default NACL and empties the default security group", () => {
    const [nacl] = tf.ofType("aws_default_network_acl");
    for (const rule of [...nacl.values.ingress, ...nacl.values.egress]) {
      expect(rule.cidr_block).not.toBe("0.0.0.0/0");
      expect(rule.protocol).toBe("tcp");
    }
    expect(nacl.values.ingress.map((r: any) => r.cidr_block)).toContain("172.16.0.0/20");
    const [sg] = tf.ofType("aws_default_security_group");
    expect(sg.values.ingress).toEqual([]);
    expect(sg.values.egress).toEqual([]);
  });

  it("records flow logs of its VPC into the Object Lock log archive", () => {
    const [vpc] = tf.ofType("aws_vpc");
    const flows = tf.referencing(vpc, "aws_flow_log");
    expect(flows).toHaveLength(1);
    expect(flows[0].values.traffic_type).toBe("ALL");
    const locked = tf.ofType("aws_s3_bucket").find((b) => b.values.object_lock_enabled === true)!;
    expect(tf.refs(flows[0])).toContain(locked.address);
  });

  it(`tags every resource it creates with sanso:zone = ${name}`, () => {
    expectZoneEverywhere(tf, zone, name);
  });
});

describe("internet zone", () => {
  it("has no internet gateway until a PublicEdge is added, then exactly one public route", () => {
    const bare = newStack();
    internet(bare);
    expect(Tf.synth(bare).ofType("aws_internet_gateway")).toHaveLength(0);

    const stack = newStack();
    const zone = internet(stack);
    new PublicEdge(zone, "Edge", { certificateArn: CERT });
    const tf = Tf.synth(stack);
    const [igw] = tf.ofType("aws_internet_gateway");
    expect(igw).toBeDefined();
    const routes = tf.ofType("aws_route");
    expect(routes).toHaveLength(1);
    expect(routes[0].values.destination_cidr_block).toBe("0.0.0.0/0");
    const publicRt = tf.byAddress.get(tf.refs(routes[0]).find((a) => a.startsWith("aws_route_table."))!)!;
    for (const assoc of tf.referencing(publicRt, "aws_route_table_association")) {
      const subnet = tf.byAddress.get(tf.refs(assoc).find((a) => a.startsWith("aws_subnet."))!)!;
      expect(subnet.values.tags.Name).toMatch(/public/);
    }
    for (const type of ["aws_nat_gateway", "aws_egress_only_internet_gateway", "aws_eip"]) {
      expect(tf.ofType(type)).toHaveLength(0);
    }
    expectZoneEverywhere(tf, zone, "internet");
  });

  it("does not accept a dedicated line", () => {
    const stack = newStack();
    const zone = internet(stack);
    expect(() => new DedicatedLine(zone, "Line", LINE)).toThrow(/MyNumberZone or LgwanZone/);
  });
});

describe("zone validation", () => {
  it("rejects a single availability zone", () => {
    const stack = newStack();
    expect(
      () =>
        new MyNumberZone(stack, "Z", {
          owner: "市民課",
          cidrBlock: "10.0.0.0/16",
          availabilityZones: ["ap-northeast-1a", "ap-northeast-1a"],
        }),
    ).toThrow(/two availability zones/);
  });

  it("rejects regions outside the allowed list", () => {
    expect(
      () =>
        new SansoStack(testApp(), "s", {
          platform: "standalone",
          environment: "production",
          region: "us-east-1" as never,
        }),
    ).toThrow(/not allowed/);
  });

  it("requires an owner", () => {
    const stack = newStack();
    expect(() => new LgwanZone(stack, "Z", { owner: "", cidrBlock: "10.0.0.0/16" })).toThrow(/owner/);
  });
});

describe("dedicated line", () => {
  it("needs two distinct locations unless an approved exception is given", () => {
    const stack = newStack();
    const one = { ...LINE, connections: [LINE.connections[0], { ...LINE.connections[1], location: "EqTY2" }] };
    expect(() => new LgwanZone(stack, "A", { owner: "総務課", cidrBlock: "10.1.0.0/16", dedicatedLine: one })).toThrow(
      /two or more Direct Connect locations/,
    );
    const zone = new LgwanZone(stack, "B", {
      owner: "総務課",
      cidrBlock: "10.2.0.0/16",
      dedicatedLine: { ...one, singleLocationException: "EXC-2025-001" },
    });
    const tf = Tf.synth(stack);
    for (const vif of tf.ofType("aws_dx_private_virtual_interface")) {
      expect(vif.values.tags[TAG.exception]).toBe("EXC-2025-001");
    }
    expect(zone.dedicatedLine).toBeDefined();
  });

  it("rejects 0.0.0.0/0 as a premises prefix", () => {
    const stack = newStack();
    expect(
      () =>
        new MyNumberZone(stack, "Z", {
          owner: "市民課",
          cidrBlock: "10.0.0.0/16",
          dedicatedLine: { ...LINE, premisesPrefixes: ["0.0.0.0/0"] },
        }),
    ).toThrow(/open the zone/);
  });
});

describe("security groups", () => {
  it("reject ingress from anywhere and name peers", () => {
    const stack = newStack();
    const zone = mynumber(stack);
    expect(
      () =>
        new RestrictedSecurityGroup(zone, "Open", {
          vpcId: zone.vpc.id,
          description: "x",
          ingress: [{ cidr: "0.0.0.0/0", fromPort: 443 }],
        }),
    ).toThrow(/not allowed/);
    expect(
      () =>
        new RestrictedSecurityGroup(zone, "AllProto", {
          vpcId: zone.vpc.id,
          description: "x",
          ingress: [{ cidr: "10.0.0.0/8", fromPort: 0, toPort: 65535, protocol: "-1" as never }],
        }),
    ).toThrow(/all-protocol/);
  });

  it("only the PublicEdge load balancer is open to 0.0.0.0/0, on 80 and 443", () => {
    const stack = newStack();
    const zone = internet(stack);
    new PublicEdge(zone, "Edge", { certificateArn: CERT });
    new SecureBucket(zone, "Data", { classification: "III", owner: "広報課" });
    const tf = Tf.synth(stack);
    const open = tf
      .ofType("aws_vpc_security_group_ingress_rule")
      .filter((r) => r.values.cidr_ipv4 === "0.0.0.0/0");
    expect(open.map((r) => r.values.from_port).sort()).toEqual([443, 80]);
    const [lb] = tf.ofType("aws_lb");
    for (const rule of open) {
      const sg = tf.refs(rule).find((a) => a.startsWith("aws_security_group."))!;
      expect(tf.refs(lb)).toContain(sg);
    }
    for (const sg of tf.ofType("aws_security_group")) {
      expect(sg.values.ingress ?? []).toHaveLength(0);
    }
  });
});
