import { Construct } from "constructs";
import { VpnGateway } from "@cdktf/provider-aws/lib/vpn-gateway/index.js";
import { VpnGatewayRoutePropagation } from "@cdktf/provider-aws/lib/vpn-gateway-route-propagation/index.js";
import { DxGateway } from "@cdktf/provider-aws/lib/dx-gateway/index.js";
import { DxGatewayAssociation } from "@cdktf/provider-aws/lib/dx-gateway-association/index.js";
import { DxPrivateVirtualInterface } from "@cdktf/provider-aws/lib/dx-private-virtual-interface/index.js";
import {
  assertExceptionId,
  exceptionTag,
  ExceptionId,
  isAnywhere,
  parseCidr,
  physicalName,
  SansoConstructError,
  TAG,
} from "./core.js";
import { requireZone } from "./zone-context.js";

/** One Direct Connect connection (dedicated or hosted) the line uses. */
export interface DirectConnectAttachment {
  /** Id of the Direct Connect connection, e.g. `dxcon-ffabc123`. */
  readonly connectionId: string;
  /** Direct Connect location code of the connection, e.g. `EqTY5` or `AT1OS`. */
  readonly location: string;
  /** VLAN of the private virtual interface. */
  readonly vlan: number;
  /** BGP ASN of the municipality's (or carrier's) router. */
  readonly bgpAsn: number;
  /** MTU; 1500 (default) or 9001. */
  readonly mtu?: 1500 | 9001;
}

/** Options of a {@link DedicatedLine} (what a zone's `dedicatedLine` prop takes). */
export interface DedicatedLineOptions {
  /**
   * Connections at two or more distinct Direct Connect locations (第34条第8項 redundancy).
   */
  readonly connections: DirectConnectAttachment[];
  /** Amazon-side BGP ASN of the Direct Connect gateway (64512-65534 or 4200000000-4294967294). */
  readonly amazonSideAsn: number;
  /** Premises prefixes this zone may talk to (第29条第2項); never 0.0.0.0/0. */
  readonly premisesPrefixes: string[];
  /** Prefixes advertised to the premises. Default: the VPC CIDR block only. */
  readonly allowedPrefixes?: string[];
  /**
   * Approved exception (第93条) allowing a single Direct Connect location. Without it, fewer than
   * two distinct locations throws.
   */
  readonly singleLocationException?: ExceptionId;
}

/** Properties of a {@link DedicatedLine}. */
export type DedicatedLineProps = DedicatedLineOptions;

/**
 * The only path between a MyNumber or LGWAN zone and the premises (第29条第5項, 第30条第3項):
 * a virtual private gateway attached to the zone VPC, a Direct Connect gateway associated with it
 * (advertising only the allowed prefixes), and private virtual interfaces on connections at two
 * or more Direct Connect locations (第34条第8項). Routes to the premises are learnt by BGP and
 * propagated into the zone's private route tables. No site-to-site VPN is created.
 */
export class DedicatedLine extends Construct {
  /** The virtual private gateway attached to the VPC. */
  readonly vpnGateway: VpnGateway;
  /** The Direct Connect gateway. */
  readonly dxGateway: DxGateway;
  /** The association between both. */
  readonly association: DxGatewayAssociation;
  /** One private virtual interface per connection. */
  readonly virtualInterfaces: DxPrivateVirtualInterface[];
  /** Premises prefixes. */
  readonly premisesPrefixes: readonly string[];

  constructor(scope: Construct, id: string, props: DedicatedLineProps) {
    super(scope, id);
    const zone = requireZone(this, "DedicatedLine");
    if (zone.zoneName === "internet") {
      throw new SansoConstructError(
        this,
        "a DedicatedLine belongs to a MyNumberZone or LgwanZone (第29条第5項, 第30条第3項), not to the internet zone",
      );
    }
    const connections = props.connections ?? [];
    if (connections.length === 0) throw new SansoConstructError(this, "at least one connection is required");
    const locations = new Set(connections.map((c) => c.location));
    if (props.singleLocationException !== undefined) {
      assertExceptionId(this, props.singleLocationException, "singleLocationException");
    } else if (connections.length < 2 || locations.size < 2) {
      throw new SansoConstructError(
        this,
        `a dedicated line needs connections at two or more Direct Connect locations (第34条第8項); ` +
          `got ${[...locations].join(", ")}. Pass singleLocationException with an approved exception id otherwise`,
      );
    }
    const asn = props.amazonSideAsn;
    if (!((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))) {
      throw new SansoConstructError(this, `amazonSideAsn ${asn} is not a private ASN`);
    }
    for (const p of [...props.premisesPrefixes, ...(props.allowedPrefixes ?? [])]) {
      parseCidr(p);
      if (isAnywhere(p)) {
        throw new SansoConstructError(this, `prefix ${p} would open the zone to everything (第29条第2項)`);
      }
    }
    if (props.premisesPrefixes.length === 0) {
      throw new SansoConstructError(this, "premisesPrefixes must name the premises networks (第29条第2項)");
    }
    this.premisesPrefixes = [...props.premisesPrefixes];
    const extags = exceptionTag([props.singleLocationException]);

    this.vpnGateway = new VpnGateway(this, "VirtualPrivateGateway", {
      vpcId: zone.vpc.id,
      tags: { Name: physicalName(this, 255), ...extags },
    });
    zone.privateRouteTables.forEach((rt, i) => {
      new VpnGatewayRoutePropagation(this, `Propagation${i}`, {
        routeTableId: rt.id,
        vpnGatewayId: this.vpnGateway.id,
      });
    });
    this.dxGateway = new DxGateway(this, "DirectConnectGateway", {
      name: physicalName(this, 100),
      amazonSideAsn: String(asn),
    });
    this.association = new DxGatewayAssociation(this, "Association", {
      dxGatewayId: this.dxGateway.id,
      associatedGatewayId: this.vpnGateway.id,
      allowedPrefixes: props.allowedPrefixes?.length ? props.allowedPrefixes : [zone.cidrBlock],
    });
    this.virtualInterfaces = connections.map(
      (c, i) =>
        new DxPrivateVirtualInterface(this, `VirtualInterface${i}`, {
          name: `${physicalName(this, 90)}-${c.location}-${i}`,
          connectionId: c.connectionId,
          dxGatewayId: this.dxGateway.id,
          vlan: c.vlan,
          bgpAsn: c.bgpAsn,
          addressFamily: "ipv4",
          mtu: c.mtu ?? 1500,
          tags: { [TAG.dxLocation]: c.location, ...extags },
        }),
    );
    zone.addPremisesPrefixes(this.premisesPrefixes);
  }
}
