import { Construct } from "constructs";
import {
  AccountBaseline,
  AuditTrail,
  BackupPolicy,
  MyNumberZone,
  OperatorRole,
  SansoStack,
  SecureBucket,
  SecureDesktop,
  ZoneDatabase,
} from "../constructs/index.js";
import { IDENTITY_ACCOUNT_ROOT, PREMISES, twoLocations } from "./common.js";

/** Owner of the resident records (住民記録). */
const OWNER = "市民課";

/**
 * `gcas-jumin`: the resident-records system (住民記録, class I / 特定個人情報) in a Government
 * Cloud account. Everything lives in the MyNumber zone (第29条第5項), reached from the city hall
 * only by dedicated line; GuardDuty, Security Hub and Config belong to the platform.
 */
export function buildGcasJumin(scope: Construct, id = "gcas-jumin"): SansoStack {
  const stack = new SansoStack(scope, id, {
    platform: "gcas",
    environment: "production",
    region: "ap-northeast-1",
    description: "住民記録システム (class I) on Government Cloud: MyNumber zone, dedicated line",
  });
  const zone = new MyNumberZone(stack, "MyNumber", {
    owner: "情報政策課",
    cidrBlock: "10.10.0.0/16",
    dedicatedLine: {
      amazonSideAsn: 64512,
      premisesPrefixes: [...PREMISES.mynumber],
      connections: twoLocations(110),
    },
  });

  const administrator = new OperatorRole(zone, "Administrator", {
    description: "Resident records (jumin) administrators, MFA, 1 hour sessions",
    trustedPrincipalArns: [IDENTITY_ACCOUNT_ROOT],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    administrative: true,
  });
  new OperatorRole(zone, "Operator", {
    description: "Resident records (jumin) operators, read-only, MFA, 1 hour sessions",
    trustedPrincipalArns: [IDENTITY_ACCOUNT_ROOT],
    managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
  });

  const documents = new SecureBucket(zone, "ResidentDocuments", {
    classification: "I",
    owner: OWNER,
    glacierAfterDays: 365,
  });
  new ZoneDatabase(zone, "ResidentDatabase", {
    classification: "I",
    owner: OWNER,
    engine: "postgres",
    engineVersion: "16.4",
    masterUsername: "jumin_owner",
    databaseName: "jumin",
    clientCidrs: [...PREMISES.mynumber],
  });
  new BackupPolicy(zone, "Backup", { classification: "I", owner: OWNER, classes: ["I", "II"] });
  new SecureDesktop(zone, "CounterDesktop", {
    imageName: "jumin-counter-2025-01",
    desiredInstances: 2,
  });
  new AuditTrail(stack, "AuditTrail", { logArchive: zone.logArchive, dataEventBuckets: [documents] });
  // gcas: the platform provides GuardDuty, Security Hub and Config; this creates nothing.
  new AccountBaseline(stack, "AccountBaseline", { logArchive: zone.logArchive });
  void administrator;
  return stack;
}
