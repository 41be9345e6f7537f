// Monitoring of the deliberately non-compliant demo stack (stacks/demo-noncompliant.ts): one
// section of its build, each resource registered with the rules it breaks.
import { IamRole } from "@cdktf/provider-aws/lib/iam-role/index.js";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector/index.js";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder/index.js";
import type { Demo } from "./context.js";

/** GuardDuty, Config, Security Hub: ART31-MONITORED, ART90-MONITORED. */
export function monitoring(demo: Demo): void {
  // ---------------------------------------------------------------- monitoring
  // ART31-MONITORED, ART90-MONITORED: GuardDuty detector disabled
  demo.breaks(new GuarddutyDetector(demo, "GuardDuty", { enable: false }), "disabled", [
    "ART31-MONITORED",
    "ART90-MONITORED",
  ]);
  // ART90-MONITORED: Config recorder without a delivery channel (and no Security Hub at all)
  const configRole = demo.named(
    new IamRole(demo, "ConfigRole", {
      name: "demo-config",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }),
    "config",
  );
  demo.breaks(
    new ConfigConfigurationRecorder(demo, "ConfigRecorder", { name: "demo", roleArn: configRole.arn }),
    "no_channel",
    ["ART90-MONITORED"],
  );
}
