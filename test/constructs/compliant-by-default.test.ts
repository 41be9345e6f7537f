/**
 * "Compliant by default" as a tested property (fast-check, fixed seed): construct props drawn
 * across their accepted space — every zone, platform, environment, region, class, engine, and
 * the options that rules care about, valid or not — either synthesize to a stack on which the
 * policies find nothing, or are refused at construction with a SansoConstructError naming the
 * article they would break. Never a stack that the policies then reject.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AccountBaseline,
  AuditTrail,
  BackupPolicy,
  DEFAULT_MASTER_USERNAMES,
  InternetZone,
  LgwanZone,
  MyNumberZone,
  OperatorRole,
  SansoConstructError,
  SansoStack,
  SecureBucket,
  SecureLogGroup,
  ZoneDatabase,
  type Classification,
} from "../../constructs/index.js";
import { loadPolicySet, type PolicySet } from "../../src/check/policy.js";
import { runCheck } from "../../src/check/run.js";

let policies: PolicySet;
beforeAll(async () => {
  policies = await loadPolicySet();
});

const classes = fc.constantFrom<Classification>("I", "II", "III", "IV");
/** Database user names: ordinary ones, and the reserved ones of the policy's defaults in any case. */
const username = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{2,12}$/) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...DEFAULT_MASTER_USERNAMES), fc.boolean()).map(([n, up]) => (up ? n.toUpperCase() : n)) },
);

/** Mostly values the policy accepts, sometimes one it does not (weights 4 : 1). */
const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });

const props = fc.record({
  zone: fc.constantFrom("mynumber", "lgwan", "internet"),
  platform: fc.constantFrom("gcas", "standalone") as fc.Arbitrary<"gcas" | "standalone">,
  environment: fc.constantFrom("production", "development") as fc.Arbitrary<"production" | "development">,
  region: fc.constantFrom("ap-northeast-1", "ap-northeast-3") as fc.Arbitrary<"ap-northeast-1" | "ap-northeast-3">,
  bucket: fc.record({ classification: classes, glacierAfterDays: fc.option(fc.integer({ min: 30, max: 3650 }), { nil: undefined }) }),
  database: fc.option(
    fc.record({
      classification: classes,
      engine: fc.constantFrom("postgres", "mysql") as fc.Arbitrary<"postgres" | "mysql">,
      masterUsername: username,
      logRetentionDays: fc.option(mostly(fc.constantFrom(365, 400, 731, 3653), fc.constantFrom(90, 180)), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  operator: fc.record({
    administrative: fc.boolean(),
    maxSessionDurationSeconds: fc.option(mostly(fc.integer({ min: 900, max: 3600 }), fc.oneof(fc.integer({ min: 1, max: 899 }), fc.integer({ min: 3601, max: 43200 }))), { nil: undefined }),
  }),
  logRetentionDays: fc.option(mostly(fc.constantFrom(365, 400, 1096, 3653), fc.constantFrom(30, 180)), { nil: undefined }),
});

type Props = typeof props extends fc.Arbitrary<infer T> ? T : never;

const LINE = {
  amazonSideAsn: 64512,
  premisesPrefixes: ["172.16.0.0/20"],
  connections: [
    { connectionId: "dxcon-tokyo0001", location: "EqTY2", vlan: 110, bgpAsn: 65010 },
    { connectionId: "dxcon-osaka0001", location: "EqOS1", vlan: 111, bgpAsn: 65010 },
  ],
};

/** A stack with the zone, its baseline pieces and the drawn data stores. */
function build(p: Props, outdir: string): App {
  const app = new App({ outdir, stackTraces: false });
  const stack = new SansoStack(app, "prop", { platform: p.platform, environment: p.environment, region: p.region });
  const zone =
    p.zone === "mynumber"
      ? new MyNumberZone(stack, "Zone", { owner: "情報政策課", cidrBlock: "10.10.0.0/16", dedicatedLine: LINE })
      : p.zone === "lgwan"
        ? new LgwanZone(stack, "Zone", { owner: "情報政策課", cidrBlock: "10.20.0.0/16", dedicatedLine: LINE })
        : new InternetZone(stack, "Zone", { owner: "情報政策課", cidrBlock: "10.30.0.0/16" });
  const bucket = new SecureBucket(zone, "Data", { classification: p.bucket.classification, owner: "市民課", ...(p.bucket.glacierAfterDays ? { glacierAfterDays: p.bucket.glacierAfterDays } : {}) });
  if (p.database) {
    new ZoneDatabase(zone, "Db", {
      classification: p.database.classification,
      owner: "市民課",
      engine: p.database.engine,
      engineVersion: p.database.engine === "postgres" ? "16.4" : "8.0.39",
      masterUsername: p.database.masterUsername,
      clientCidrs: ["172.16.0.0/20"],
      ...(p.database.logRetentionDays ? { logRetentionDays: p.database.logRetentionDays } : {}),
    });
  }
  new OperatorRole(zone, "Operator", {
    description: "operators",
    trustedPrincipalArns: ["arn:aws:iam::111122223333:root"],
    managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    administrative: p.operator.administrative,
    ...(p.operator.maxSessionDurationSeconds ? { maxSessionDurationSeconds: p.operator.maxSessionDurationSeconds } : {}),
  });
  new SecureLogGroup(zone, "AppLogs", { classification: "II", owner: "市民課", ...(p.logRetentionDays ? { retentionDays: p.logRetentionDays } : {}) });
  // the backup vault of class I data lives in the MyNumber zone; elsewhere class II
  if (p.zone === "mynumber") new BackupPolicy(zone, "Backup", { classification: "I", owner: "市民課", classes: ["I", "II"] });
  else new BackupPolicy(zone, "Backup", { classification: "II", owner: "市民課", classes: ["II"] });
  new AuditTrail(stack, "AuditTrail", { logArchive: zone.logArchive, dataEventBuckets: [bucket] });
  new AccountBaseline(stack, "AccountBaseline", { logArchive: zone.logArchive });
  return app;
}

/** Output directories of the drawn apps, removed after each test. */
const outdirs: string[] = [];
const newOutdir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "sanso-prop-"));
  outdirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of outdirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("compliant by default (property)", () => {
  it("what the constructs accept has no finding; what they refuse names the article", async () => {
    const refused: string[] = [];
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(props, async (p) => {
        const outdir = newOutdir();
        let app: App;
        try {
          app = build(p, outdir);
        } catch (e) {
          expect(e).toBeInstanceOf(SansoConstructError);
          expect((e as Error).message).toMatch(/第\d+条/);
          refused.push((e as Error).message);
          if (process.env.SANSO_PROP_DEBUG) console.log("refused:", (e as Error).message);
          return;
        }
        app.synth();
        accepted++;
        const r = await runCheck({ inputs: [outdir], policySet: policies, config: { file: null, policy: {}, unknownKeys: [] }, asOf: "2026-06-01" });
        const findings = r.report.findings.map((f) => `${f.rule} ${f.resource}: ${f.message_en}`);
        expect(findings, JSON.stringify(p)).toEqual([]);
        expect(r.report.exception_problems).toEqual([]);
      }),
      { numRuns: 60, seed: 20261205 },
    );
    // the draw covers both sides
    expect(accepted).toBeGreaterThan(5);
    expect(refused.length).toBeGreaterThan(2);
  });

  it("every reserved database user name of the policy's defaults is refused, citing 第65条", () => {
    for (const name of DEFAULT_MASTER_USERNAMES) {
      const p: Props = {
        zone: "lgwan",
        platform: "gcas",
        environment: "production",
        region: "ap-northeast-1",
        bucket: { classification: "II", glacierAfterDays: undefined },
        database: { classification: "II", engine: "postgres", masterUsername: name, logRetentionDays: undefined },
        operator: { administrative: false, maxSessionDurationSeconds: undefined },
        logRetentionDays: undefined,
      };
      expect(() => build(p, newOutdir())).toThrow(/第65条/);
    }
  });
});
