import { Construct } from "constructs";
import { Aspects } from "cdktf";
import { Vpc } from "@cdktf/provider-aws/lib/vpc/index.js";
import { Subnet } from "@cdktf/provider-aws/lib/subnet/index.js";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table/index.js";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association/index.js";
import { Route } from "@cdktf/provider-aws/lib/route/index.js";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint/index.js";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group/index.js";
import { DefaultNetworkAcl, DefaultNetworkAclIngress } from "@cdktf/provider-aws/lib/default-network-acl/index.js";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway/index.js";
import {
  assertClassification,
  assertOwner,
  Classification,
  ForceTags,
  parseCidr,
  physicalName,
  SansoConstructError,
  subCidr,
  TAG,
  ZoneName,
} from "./core.js";
import { DedicatedLine, DedicatedLineOptions } from "./dedicated-line.js";
import { FlowLogs } from "./flow-logs.js";
import { LogArchive, LogArchiveProps } from "./log-archive.js";
import { policyDocument } from "./policy-document.js";
import { RestrictedSecurityGroup } from "./security-group.js";
import { SansoStack } from "./stack.js";
import { IZone, ZONE_MARKER } from "./zone-context.js";
import { ZoneKey, ZoneKeyProps } from "./zone-key.js";

/** Properties shared by all zones. */
export interface ZoneProps {
  /** Responsible section for the zone's own data stores (logs), e.g. "情報政策課". */
  readonly owner: string;
  /** IPv4 CIDR block of the zone VPC, /16 to /24. */
  readonly cidrBlock: string;
  /** Availability zones (two or more; 第32条). Default: two zones of the stack region. */
  readonly availabilityZones?: string[];
  /** Classification of the zone's logs (access logs, flow logs, trails). Default "II". */
  readonly logClassification?: Classification;
  /**
   * Interface endpoints (service short names such as `kms`, `logs`) through which the zone
   * reaches AWS services. S3 always has a gateway endpoint.
   */
  readonly interfaceEndpoints?: string[];
  /** Options of the zone key. */
  readonly key?: ZoneKeyProps;
  /** Options of the zone log archive. */
  readonly logArchive?: Omit<LogArchiveProps, "classification" | "owner" | "key">;
}

/** Properties of the zones without an internet path. */
export interface IsolatedZoneProps extends ZoneProps {
  /** The dedicated line to the premises (the only path out of the zone). */
  readonly dedicatedLine?: DedicatedLineOptions;
}

const DEFAULT_INTERFACE_ENDPOINTS = ["kms", "logs", "sts", "secretsmanager", "ssm", "ssmmessages", "ec2messages"];

/**
 * What every zone has: an `aws_vpc` with private subnets in two or more availability zones,
 * the default security group emptied, an S3 gateway endpoint restricted to the account's
 * principals, interface endpoints, a customer-managed {@link ZoneKey}, a {@link LogArchive},
 * {@link FlowLogs} on the VPC, and the `sanso:zone` tag on every taggable resource created inside
 * it (forced by an aspect, so it cannot be overridden).
 */
export abstract class ZoneBase extends Construct implements IZone {
  readonly zoneName: ZoneName;
  readonly owner: string;
  readonly key: ZoneKey;
  readonly vpc: Vpc;
  readonly cidrBlock: string;
  readonly availabilityZones: string[];
  readonly privateSubnets: Subnet[] = [];
  readonly privateRouteTables: RouteTable[] = [];
  readonly s3Endpoint: VpcEndpoint;
  readonly endpointSecurityGroup: RestrictedSecurityGroup;
  readonly logArchive!: LogArchive;
  readonly flowLogs: FlowLogs;
  readonly stack: SansoStack;
  protected readonly subnetPrefix: number;
  private readonly prefixes: string[] = [];
  private readonly prefixListeners: (() => void)[] = [];

  protected constructor(scope: Construct, id: string, props: ZoneProps, zoneName: ZoneName) {
    super(scope, id);
    Object.defineProperty(this, ZONE_MARKER, { value: true });
    this.zoneName = zoneName;
    this.stack = SansoStack.of(this);
    assertOwner(this, props.owner);
    this.owner = props.owner;
    const logClassification = props.logClassification ?? "II";
    assertClassification(this, logClassification);
    Aspects.of(this).add(new ForceTags({ [TAG.zone]: zoneName }));

    const { prefix } = parseCidr(props.cidrBlock);
    if (prefix < 16 || prefix > 24) {
      throw new SansoConstructError(this, `cidrBlock must be /16 to /24, got ${props.cidrBlock}`);
    }
    this.cidrBlock = props.cidrBlock;
    this.subnetPrefix = prefix + 4;
    this.availabilityZones = props.availabilityZones ?? this.stack.defaultAvailabilityZones;
    if (new Set(this.availabilityZones).size < 2) {
      throw new SansoConstructError(this, "a zone needs subnets in at least two availability zones (第32条)");
    }
    for (const az of this.availabilityZones) {
      if (!az.startsWith(this.stack.region)) {
        throw new SansoConstructError(this, `availability zone ${az} is not in ${this.stack.region}`);
      }
    }

    this.key = new ZoneKey(this, "Key", props.key);
    this.vpc = new Vpc(this, "Vpc", {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: physicalName(this, 255) },
    });
    new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      revokeRulesOnDelete: true,
      tags: { Name: `${physicalName(this, 200)}-default-unused` },
    });
    this.availabilityZones.forEach((az, i) => {
      const subnet = new Subnet(this, `PrivateSubnet${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: subCidr(props.cidrBlock, this.subnetPrefix, i),
        mapPublicIpOnLaunch: false,
        assignIpv6AddressOnCreation: false,
        tags: { Name: `${physicalName(this, 200)}-private-${az}` },
      });
      const rt = new RouteTable(this, `PrivateRouteTable${i}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${physicalName(this, 200)}-private-${az}` },
      });
      new RouteTableAssociation(this, `PrivateRouteTableAssociation${i}`, {
        subnetId: subnet.id,
        routeTableId: rt.id,
      });
      this.privateSubnets.push(subnet);
      this.privateRouteTables.push(rt);
    });

    const region = this.stack.region;
    this.s3Endpoint = new VpcEndpoint(this, "S3Endpoint", {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: this.privateRouteTables.map((rt) => rt.id),
      policy: policyDocument([
        {
          Sid: "OnlyThisAccountsPrincipals",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalAccount": this.stack.accountId } },
        },
      ]),
    });
    this.endpointSecurityGroup = new RestrictedSecurityGroup(this, "EndpointSecurityGroup", {
      vpcId: this.vpc.id,
      description: "HTTPS from the zone VPC to its interface endpoints",
      ingress: [{ cidr: props.cidrBlock, fromPort: 443, description: "zone VPC" }],
    });
    for (const svc of props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS) {
      if (!/^[a-z0-9.-]+$/.test(svc)) throw new SansoConstructError(this, `invalid endpoint service ${svc}`);
      new VpcEndpoint(this, `Endpoint-${svc}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region}.${svc}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.privateSubnets.map((s) => s.id),
        securityGroupIds: [this.endpointSecurityGroup.id],
      });
    }

    (this as { logArchive: LogArchive }).logArchive = new LogArchive(this, "LogArchive", {
      ...(props.logArchive ?? {}),
      classification: logClassification,
      owner: props.owner,
      key: this.key,
    });
    this.flowLogs = new FlowLogs(this, "FlowLogs", {
      vpcId: this.vpc.id,
      destination: { logArchive: this.logArchive },
    });
  }

  /** Ids of the private subnets. */
  get privateSubnetIds(): string[] {
    return this.privateSubnets.map((s) => s.id);
  }

  /** Premises prefixes reached through the zone's dedicated line. */
  get premisesPrefixes(): readonly string[] {
    return [...this.prefixes];
  }

  /** @internal Called by DedicatedLine. */
  addPremisesPrefixes(prefixes: readonly string[]): void {
    for (const p of prefixes) if (!this.prefixes.includes(p)) this.prefixes.push(p);
    this.prefixListeners.forEach((f) => f());
  }

  /** @internal */
  protected onPremisesPrefixesChanged(f: () => void): void {
    this.prefixListeners.push(f);
    f();
  }
}

/**
 * Base of the two zones that must not reach the internet (MyNumber, LGWAN): no internet gateway,
 * NAT gateway, egress-only gateway, public subnet or public IP; AWS services through VPC
 * endpoints; the premises only through a {@link DedicatedLine}; the default network ACL replaced
 * by rules that name the VPC and premises prefixes and TCP ports only.
 */
export abstract class IsolatedZone extends ZoneBase {
  /** The dedicated line, when configured. */
  readonly dedicatedLine?: DedicatedLine;
  /** The default network ACL of the VPC, managed with restricted rules. */
  readonly networkAcl: DefaultNetworkAcl;

  protected constructor(scope: Construct, id: string, props: IsolatedZoneProps, zoneName: ZoneName) {
    super(scope, id, props, zoneName);
    this.networkAcl = new DefaultNetworkAcl(this, "DefaultNetworkAcl", {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      subnetIds: this.privateSubnetIds,
      tags: { Name: `${physicalName(this, 200)}-restricted` },
    });
    this.onPremisesPrefixesChanged(() => {
      const peers = [this.cidrBlock, ...this.premisesPrefixes];
      const rules: DefaultNetworkAclIngress[] = [];
      peers.forEach((cidr, i) => {
        rules.push(
          { ruleNo: 100 + i * 10, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 443, toPort: 443 },
          { ruleNo: 105 + i * 10, action: "allow", protocol: "tcp", cidrBlock: cidr, fromPort: 1024, toPort: 65535 },
        );
      });
      this.networkAcl.putIngress(rules);
      this.networkAcl.putEgress(rules);
    });
    if (props.dedicatedLine) {
      (this as { dedicatedLine?: DedicatedLine }).dedicatedLine = new DedicatedLine(
        this,
        "DedicatedLine",
        props.dedicatedLine,
      );
    }
  }
}

/** Properties of a {@link MyNumberZone}. */
export type MyNumberZoneProps = IsolatedZoneProps;

/**
 * マイナンバー利用事務系 on Government Cloud (第29条, 第29条第5項): the only zone where class I
 * (特定個人情報) data may be stored. Isolated from every other zone and from the internet.
 */
export class MyNumberZone extends IsolatedZone {
  constructor(scope: Construct, id: string, props: MyNumberZoneProps) {
    super(scope, id, props, "mynumber");
  }
}

/** Properties of an {@link LgwanZone}. */
export type LgwanZoneProps = IsolatedZoneProps;

/**
 * LGWAN接続系 placed in the cloud (第30条第3項): separated from the internet and MyNumber zones,
 * connected to the premises by dedicated line.
 */
export class LgwanZone extends IsolatedZone {
  constructor(scope: Construct, id: string, props: LgwanZoneProps) {
    super(scope, id, props, "lgwan");
  }
}

/** Properties of an {@link InternetZone}. */
export type InternetZoneProps = ZoneProps;

/** @internal Used by PublicEdge to obtain the internet gateway. */
export const ATTACH_INTERNET_GATEWAY = Symbol("sanso.attachInternetGateway");

/**
 * インターネット接続系 (第31条): private subnets for the application and public subnets that hold
 * nothing but a {@link PublicEdge} load balancer. The internet gateway and the public route to it
 * exist only once a PublicEdge is created in the zone.
 */
export class InternetZone extends ZoneBase {
  /** Subnets for internet-facing load balancers, one per availability zone. */
  readonly publicSubnets: Subnet[] = [];
  /** Route table of the public subnets. */
  readonly publicRouteTable: RouteTable;
  private igw?: InternetGateway;

  constructor(scope: Construct, id: string, props: InternetZoneProps) {
    super(scope, id, props, "internet");
    this.publicRouteTable = new RouteTable(this, "PublicRouteTable", {
      vpcId: this.vpc.id,
      tags: { Name: `${physicalName(this, 200)}-public` },
    });
    this.availabilityZones.forEach((az, i) => {
      const subnet = new Subnet(this, `PublicSubnet${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: subCidr(props.cidrBlock, this.subnetPrefix, 8 + i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${physicalName(this, 200)}-public-${az}` },
      });
      new RouteTableAssociation(this, `PublicRouteTableAssociation${i}`, {
        subnetId: subnet.id,
        routeTableId: this.publicRouteTable.id,
      });
      this.publicSubnets.push(subnet);
    });
  }

  /** Ids of the public subnets. */
  get publicSubnetIds(): string[] {
    return this.publicSubnets.map((s) => s.id);
  }

  /** @internal */
  [ATTACH_INTERNET_GATEWAY](): InternetGateway {
    if (!this.igw) {
      this.igw = new InternetGateway(this, "InternetGateway", {
        vpcId: this.vpc.id,
        tags: { Name: physicalName(this, 200) },
      });
      new Route(this, "PublicDefaultRoute", {
        routeTableId: this.publicRouteTable.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: this.igw.id,
      });
    }
    return this.igw;
  }
}
