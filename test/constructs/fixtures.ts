import { App, Testing } from "cdktf";
import {
  InternetZone,
  LgwanZone,
  MyNumberZone,
  Platform,
  SansoStack,
} from "../../constructs/index.js";
import { tempDir } from "../tmp.js";

/**
 * A test app (`Testing.app()`) whose outdir is removed after the test file: without one, cdktf makes
 * a `cdktf.outdir.*` under the system's temporary directory for every app.
 */
export function testApp(): App {
  return Testing.app({ outdir: tempDir("cdktf.outdir.") });
}

/** A fresh stack in a test app. */
export function newStack(platform: Platform = "standalone", id = "test"): SansoStack {
  return new SansoStack(testApp(), id, { platform, environment: "development" });
}

/** Dedicated-line options with two locations. */
export const LINE = {
  amazonSideAsn: 64512,
  premisesPrefixes: ["172.16.0.0/20"],
  connections: [
    { connectionId: "dxcon-aaaa0001", location: "EqTY2", vlan: 100, bgpAsn: 65001 },
    { connectionId: "dxcon-bbbb0001", location: "EqOS1", vlan: 101, bgpAsn: 65001 },
  ],
};

/** A MyNumber zone with a dedicated line. */
export function mynumber(stack: SansoStack): MyNumberZone {
  return new MyNumberZone(stack, "MyNumber", { owner: "市民課", cidrBlock: "10.10.0.0/16", dedicatedLine: LINE });
}

/** An LGWAN zone with a dedicated line. */
export function lgwan(stack: SansoStack): LgwanZone {
  return new LgwanZone(stack, "Lgwan", { owner: "総務課", cidrBlock: "10.20.0.0/16", dedicatedLine: LINE });
}

/** An internet zone. */
export function internet(stack: SansoStack): InternetZone {
  return new InternetZone(stack, "Internet", { owner: "広報課", cidrBlock: "10.30.0.0/16" });
}

/** A placeholder ACM certificate. */
export const CERT = "arn:aws:acm:ap-northeast-1:444455556666:certificate/test";
