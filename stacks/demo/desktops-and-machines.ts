// Desktops and machines of the deliberately non-compliant demo stack (stacks/demo-noncompliant.ts): one
// section of its build, each resource registered with the rules it breaks.
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { AppstreamStack } from "@cdktf/provider-aws/lib/appstream-stack/index.js";
import { Instance } from "@cdktf/provider-aws/lib/instance/index.js";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template/index.js";
import { TAG } from "../../constructs/index.js";
import { type Demo, type Networks, z, store } from "./context.js";

/** AppStream desktops and EC2 instances: ART29-NO-EXPORT, ART73, ART78, ART87. */
export function desktopsAndMachines(demo: Demo, { mynumberSubnet, mynumberSg }: Networks): void {
  // ---------------------------------------------------------------- desktops and machines
  // ART29-NO-EXPORT: copy-out, download, printing and home-folder redirection allowed in the MyNumber zone
  demo.breaks(
    new AppstreamStack(demo, "MynumberDesktop", {
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
  demo.breaks(
    new Instance(demo, "LegacyProd", {
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
  demo.breaks(
    new Instance(demo, "DevBox", {
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
  demo.breaks(
    new LaunchTemplate(demo, "LegacyTemplate", {
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
  demo.breaks(
    new S3Bucket(demo, "OtherRegion", {
      bucket: "demo-other-region",
      region: "eu-west-1",
      tags: store("lgwan", "III"),
    }),
    "other_region",
    ["ART99-REGION"],
  );
}
