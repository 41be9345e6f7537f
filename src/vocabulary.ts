/**
 * The words sanso's parts share: the zones of the three-layer model, the classes of 第17条, the
 * platforms, the severities of findings and the tag keys the constructs write and the input,
 * checks and policies read. Every module takes them from here; the policies read the same lists
 * from policies/sanso/vocabulary/data.json (data.sanso.vocabulary), which a test keeps equal to
 * this module.
 */

/** Zones of the three-layer model (三層の対策), strictest first. */
export const ZONES = ["mynumber", "lgwan", "internet"] as const;
export type Zone = (typeof ZONES)[number];

/** 重要性分類 (第17条), strictest first. I: 特定個人情報, II: 個人情報・非公開情報, III: 非公開, IV: 公開. */
export const CLASSIFICATIONS = ["I", "II", "III", "IV"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * `gcas`: a Government Cloud (ガバメントクラウド) account, whose account-level services the
 * Digital Agency owns; `standalone`: an account the municipality runs itself.
 */
export const PLATFORMS = ["gcas", "standalone"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Severities of findings, most severe first. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Tag keys written by the constructs and read by the input, the checks and the policies. */
export const TAG = {
  /** Zone of the three-layer model: `mynumber`, `lgwan`, `internet`. */
  zone: "sanso:zone",
  /** 重要性分類 (第17条): `I`, `II`, `III`, `IV`. */
  classification: "sanso:classification",
  /** Responsible section (情報セキュリティ管理者の所管課, 第18条第1項). */
  owner: "sanso:owner",
  /** `production` or `development` (第73条第1項). */
  environment: "sanso:environment",
  /** `gcas` or `standalone`. */
  platform: "sanso:platform",
  /** Name of the stack that created the resource. */
  stack: "sanso:stack",
  /** Ids of approved exceptions (例外措置, 第93条), space separated. */
  exception: "sanso:exception",
  /** Role of a bucket or log group in the logging design (for example `log-archive`). */
  logRole: "sanso:log-role",
  /** How a log bucket that cannot use Object Lock is protected. */
  logProtection: "sanso:log-protection",
  /** Direct Connect location of a virtual interface. */
  dxLocation: "sanso:dx-location",
  /** Marks the deliberately non-compliant demo. */
  demo: "sanso:demo",
  /** Marks a role that people assume (as opposed to a service role). */
  principalKind: "sanso:principal",
  /** Marks a role with administrative permissions (第70条). */
  privileged: "sanso:privileged",
  /** Zone that may read a transfer bucket (第30条第2項). */
  transferTo: "sanso:transfer-to",
} as const;

/** The zones' names in the policy (第3条). */
export const ZONE_LABELS: Readonly<Record<Zone, string>> = {
  mynumber: "マイナンバー利用事務系",
  lgwan: "LGWAN接続系",
  internet: "インターネット接続系",
};
