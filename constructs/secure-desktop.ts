import { Construct } from "constructs";
import { AppstreamStack } from "@cdktf/provider-aws/lib/appstream-stack/index.js";
import { AppstreamFleet } from "@cdktf/provider-aws/lib/appstream-fleet/index.js";
import { AppstreamFleetStackAssociation } from "@cdktf/provider-aws/lib/appstream-fleet-stack-association/index.js";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint/index.js";
import {
  assertExceptionId,
  exceptionTag,
  ExceptionId,
  physicalName,
  SansoConstructError,
} from "./core.js";
import { RestrictedSecurityGroup, SecurityGroupRule } from "./security-group.js";
import { SansoStack } from "./stack.js";
import { requireZone } from "./zone-context.js";

/** Properties of a {@link SecureDesktop}. */
export interface SecureDesktopProps {
  /** AppStream image name (built and hardened by the image builder; USB redirection off there). */
  readonly imageName: string;
  /** Instance type; default `stream.standard.medium`. */
  readonly instanceType?: string;
  /** Number of streaming instances; default 2 (spread over the zone's subnets). */
  readonly desiredInstances?: number;
  /** What the desktops may reach inside the zone (e.g. the application's port). Default: HTTPS to the VPC. */
  readonly egress?: SecurityGroupRule[];
  /** Maximum session length in seconds; default 8 hours. */
  readonly maxUserDurationSeconds?: number;
  /**
   * Approved exception (第93条) allowing printing to the local device, e.g. for 住民票 issuance at
   * the counter. Without it printing is disabled.
   */
  readonly printingException?: ExceptionId;
}

/**
 * A virtual desktop (Amazon AppStream 2.0) from which data cannot be taken out (第29条第4項,
 * 第35条第2項): clipboard copy to the local device, file download, file upload, printing to the
 * local device and smart-card redirection are DISABLED in the stack's user settings; no storage
 * connectors (home folders, Google Drive, OneDrive) and no persistent application settings; the
 * fleet has no default internet access and runs in the zone's private subnets; streaming reaches
 * the premises through an interface endpoint over the dedicated line. USB device redirection is
 * an image setting and must be left off in the image (AppStream has no Terraform argument for it).
 *
 * WorkSpaces is not offered: Terraform cannot express clipboard, printing or drive redirection
 * policies for WorkSpaces (they are Group Policy settings inside the image).
 */
export class SecureDesktop extends Construct {
  /** The `aws_appstream_stack`. */
  readonly stack: AppstreamStack;
  /** The `aws_appstream_fleet`. */
  readonly fleet: AppstreamFleet;

  constructor(scope: Construct, id: string, props: SecureDesktopProps) {
    super(scope, id);
    const zone = requireZone(this, "SecureDesktop");
    if (zone.zoneName === "internet") {
      throw new SansoConstructError(this, "SecureDesktop is meant for the MyNumber and LGWAN zones");
    }
    if (props.printingException !== undefined) {
      assertExceptionId(this, props.printingException, "printingException");
    }
    if (zone.premisesPrefixes.length === 0) {
      throw new SansoConstructError(
        this,
        "SecureDesktop streams to the premises over the zone's dedicated line: configure the DedicatedLine first",
      );
    }
    const region = SansoStack.of(this).region;
    const extags = exceptionTag([props.printingException]);
    const name = physicalName(this, 100);

    const endpointSg = new RestrictedSecurityGroup(this, "StreamingEndpointSecurityGroup", {
      vpcId: zone.vpc.id,
      description: "AppStream streaming from the premises over the dedicated line",
      ingress: zone.premisesPrefixes.flatMap((cidr) => [
        { cidr, fromPort: 443, description: "streaming (HTTPS)" },
        { cidr, fromPort: 1400, toPort: 1499, description: "streaming" },
      ]),
    });
    const streaming = new VpcEndpoint(this, "StreamingEndpoint", {
      vpcId: zone.vpc.id,
      serviceName: `com.amazonaws.${region}.appstream.streaming`,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
      subnetIds: zone.privateSubnets.map((s) => s.id),
      securityGroupIds: [endpointSg.id],
    });
    const fleetSg = new RestrictedSecurityGroup(this, "FleetSecurityGroup", {
      vpcId: zone.vpc.id,
      description: "AppStream streaming instances",
      egress: props.egress ?? [{ cidr: zone.cidrBlock, fromPort: 443, description: "applications in the zone" }],
    });

    this.fleet = new AppstreamFleet(this, "Fleet", {
      name,
      imageName: props.imageName,
      instanceType: props.instanceType ?? "stream.standard.medium",
      fleetType: "ON_DEMAND",
      streamView: "DESKTOP",
      enableDefaultInternetAccess: false,
      computeCapacity: { desiredInstances: props.desiredInstances ?? 2 },
      maxUserDurationInSeconds: props.maxUserDurationSeconds ?? 8 * 3600,
      idleDisconnectTimeoutInSeconds: 900,
      disconnectTimeoutInSeconds: 300,
      vpcConfig: { subnetIds: zone.privateSubnets.map((s) => s.id), securityGroupIds: [fleetSg.id] },
      tags: extags,
    });
    const off = "DISABLED";
    this.stack = new AppstreamStack(this, "Stack", {
      name,
      description: "sanso secure desktop: no copy-out, download, upload or printing",
      userSettings: [
        { action: "CLIPBOARD_COPY_TO_LOCAL_DEVICE", permission: off },
        { action: "CLIPBOARD_COPY_FROM_LOCAL_DEVICE", permission: off },
        { action: "FILE_DOWNLOAD", permission: off },
        { action: "FILE_UPLOAD", permission: off },
        { action: "PRINTING_TO_LOCAL_DEVICE", permission: props.printingException ? "ENABLED" : off },
        { action: "DOMAIN_SMART_CARD_SIGNIN", permission: off },
        { action: "DOMAIN_PASSWORD_SIGNIN", permission: "ENABLED" },
      ],
      applicationSettings: { enabled: false },
      accessEndpoints: [{ endpointType: "STREAMING", vpceId: streaming.id }],
      tags: extags,
    });
    new AppstreamFleetStackAssociation(this, "Association", {
      fleetName: this.fleet.name,
      stackName: this.stack.name,
    });
  }
}
