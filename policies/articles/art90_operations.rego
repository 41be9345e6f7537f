# 第90条 情報システムの監視, 第91条, 第99条 外部サービスの利用基準: account monitoring services
# (by platform) and the regions resources live in.
package sanso.articles.art90

import rego.v1

import data.sanso.lib
import data.sanso.lib.config

# ---------------------------------------------------------------- ART90-MONITORED

# METADATA
# title: 情報システムを常時監視する (GuardDuty・Security Hub・AWS Config)
# description: >-
#   セキュリティに関する事案を検知するため情報システムを常時監視し、システム設定の遵守状況を定期的に確認する。
#   自前で運用するアカウント (standalone) は GuardDuty・Security Hub・AWS Config を有効にする。ガバメントクラウド
#   (gcas) ではデジタル庁のプラットフォームがこれらと組織の証跡を提供するので、スタックは作らない。
# custom:
#   id: ART90-MONITORED
#   title_en: Each account enables GuardDuty, Security Hub and AWS Config (standalone); gcas stacks leave them to the platform
#   article: 第90条第1項, 第91条第3項
#   article_text: |-
#     【第90条第1項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、セキュリティに関する事案を検知するため、情報システムを常時監視しなければならない。
#     【第91条第3項】統括情報セキュリティ責任者及び情報システム・セキュリティ管理者は、ネットワーク及びサーバ等のシステム設定等における情報セキュリティポリシーの遵守状況について、定期的に確認を行い、問題が発生していた場合には適正かつ速やかに対処しなければならない。
#   severity: high
#   remediation: >-
#     自前で運用するアカウント (standalone) では GuardDuty・Security Hub・AWS Config (レコーダー、配信チャネル、記録の開始) を有効にしてください (AccountBaseline)。ガバメントクラウド (gcas) ではこれらと組織の証跡はプラットフォームが提供するため、スタックで作らないでください。
#   remediation_en: >-
#     In accounts the municipality runs (standalone) enable GuardDuty, Security Hub and AWS Config (recorder, delivery channel, recording on) — AccountBaseline does. On Government Cloud (gcas) the platform provides them and the organisation trail: do not create them in the stack.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Systems are monitored continuously and configuration compliance is checked regularly: standalone
#     accounts enable GuardDuty, Security Hub and AWS Config; on Government Cloud (gcas) the platform
#     provides them and the organisation trail, so stacks must not create them.
monitored := rego.metadata.rule().custom

platform_types := [
	"aws_guardduty_detector",
	"aws_securityhub_account",
	"aws_config_configuration_recorder",
	"aws_config_delivery_channel",
	"aws_config_configuration_recorder_status",
	"aws_securityhub_organization_configuration",
	"aws_guardduty_organization_configuration",
]

monitor_scope contains lib.stack_subject if count(lib.aws_resources) > 0

monitor_scope contains a if some a in lib.live_all(platform_types)

monitor_scope contains t if {
	lib.platform == "gcas"
	some t in lib.live("aws_cloudtrail")
	lib.is_true(lib.get(t, "is_organization_trail"))
}

enabled_detectors := [d | some d in lib.live("aws_guardduty_detector"); not lib.is_false(lib.get(d, "enable"))]

# Each missing service is one message; they share one cause, the missing account baseline.
monitor_violation contains lib.caused_violation(lib.stack_subject, sprintf("このスタック (standalone) は %s を有効にしていません。", [s.ja]), sprintf("This standalone stack does not enable %s.", [s.en]), "missing:account_baseline") if {
	lib.platform == "standalone"
	lib.stack_subject in monitor_scope
	some s in standalone_missing
}

standalone_missing contains {"ja": "GuardDuty", "en": "GuardDuty"} if {
	count(enabled_detectors) == 0
	not lib.baseline_elsewhere("guardduty")
}

standalone_missing contains {"ja": "Security Hub", "en": "Security Hub"} if {
	count(lib.live("aws_securityhub_account")) == 0
	not lib.baseline_elsewhere("securityhub")
}

standalone_missing contains {"ja": "AWS Config の構成レコーダー", "en": "an AWS Config configuration recorder"} if {
	count(lib.live("aws_config_configuration_recorder")) == 0
	not lib.baseline_elsewhere("config")
}

monitor_violation contains lib.violation(d, sprintf("GuardDuty ディテクタ %s が無効です (enable = false)。", [d]), sprintf("GuardDuty detector %s is disabled (enable = false).", [d])) if {
	lib.platform == "standalone"
	some d in lib.live("aws_guardduty_detector")
	lib.is_false(lib.get(d, "enable"))
}

monitor_violation contains lib.violation(r, sprintf("AWS Config レコーダー %s に%s。", [r, g.ja]), sprintf("AWS Config recorder %s has %s.", [r, g.en])) if {
	lib.platform == "standalone"
	some r in lib.live("aws_config_configuration_recorder")
	some g in recorder_gaps
}

recorder_gaps contains {"ja": "配信チャネル (aws_config_delivery_channel) がありません", "en": "no delivery channel (aws_config_delivery_channel)"} if {
	count(lib.live("aws_config_delivery_channel")) == 0
}

recorder_gaps contains {"ja": "記録を開始する設定 (aws_config_configuration_recorder_status is_enabled = true) がありません", "en": "no recorder status turning recording on (aws_config_configuration_recorder_status is_enabled = true)"} if {
	count([s | some s in lib.live("aws_config_configuration_recorder_status"); lib.is_true(lib.get(s, "is_enabled"))]) == 0
}

monitor_violation contains lib.violation(a, sprintf("ガバメントクラウド (gcas) のスタックが %s を作っています: プラットフォームが提供するサービスです。", [a]), sprintf("A Government Cloud (gcas) stack creates %s, which the platform provides.", [a])) if {
	lib.platform == "gcas"
	some a in lib.live_all(platform_types)
}

monitor_violation contains lib.violation(t, sprintf("ガバメントクラウド (gcas) のスタックが組織の証跡 %s を作っています: プラットフォームが提供します。", [t]), sprintf("A Government Cloud (gcas) stack creates the organisation trail %s, which the platform provides.", [t])) if {
	lib.platform == "gcas"
	some t in lib.live("aws_cloudtrail")
	lib.is_true(lib.get(t, "is_organization_trail"))
}

findings contains lib.finding(monitored, v) if some v in monitor_violation

checked[monitored.id] := sort(monitor_scope)

# ---------------------------------------------------------------- ART99-REGION

# METADATA
# title: 許可されたリージョンで外部サービスを利用する
# description: >-
#   重要性分類Ⅱ以上の情報を扱う外部サービスの利用基準を定め、クラウドに保存する情報資産も分類に基づき管理する。
#   リソースは許可されたリージョン (既定は東京・大阪) にだけ置く。プロバイダ v6 のリソースごとの region も確認する。
# custom:
#   id: ART99-REGION
#   title_en: Resources live in the configured regions (ap-northeast-1, ap-northeast-3 by default)
#   article: 第18条第3項, 第99条
#   article_text: |-
#     【第18条第3項】情報セキュリティ管理者は、クラウドサービスの環境に保存される情報資産についても、前条の分類に基づき管理しなければならない。
#     【第99条】統括情報セキュリティ責任者は、以下を含む外部サービス(重要性分類の区分Ⅱ以上の情報を取り扱う場合)の利用に関する基準を定めなければならない。
#   severity: high
#   remediation: >-
#     リソースは許可されたリージョン (既定: ap-northeast-1、ap-northeast-3) に置いてください。プロバイダの region と、リソースごとの region 引数の両方を確認してください。
#   remediation_en: >-
#     Keep resources in the allowed regions (ap-northeast-1 and ap-northeast-3 by default); check both the provider's region and each resource's own region argument.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The use of external services holding class II+ information follows set criteria, including where
#     data is kept: resources live only in the allowed regions (Tokyo and Osaka by default), checked on
#     each resource's own region (provider v6) as well as the provider's.
region := rego.metadata.rule().custom

# Global services (no region of their own).
global_prefixes := [
	"aws_iam_", "aws_cloudfront_", "aws_route53_", "aws_organizations_", "aws_shield_",
	"aws_globalaccelerator_", "aws_budgets_", "aws_ce_", "aws_account_", "aws_waf_",
	"aws_route53domains_", "aws_s3control_multi_region_access_point",
]

global_types := {"aws_dx_gateway", "aws_s3_account_public_access_block", "aws_cloudfront_distribution"}

global_resource(a) if lib.type_of(a) in global_types

global_resource(a) if {
	some p in global_prefixes
	startswith(lib.type_of(a), p)
	not startswith(lib.type_of(a), "aws_route53_resolver_")
}

# Must live in us-east-1: CloudFront-scoped WAF and certificates used by CloudFront.
us_east_1_only(a) if {
	lib.type_of(a) == "aws_wafv2_web_acl"
	lib.get(a, "scope") == "CLOUDFRONT"
}

us_east_1_only(a) if {
	lib.type_of(a) == "aws_acm_certificate"
	count(lib.related(a, "aws_cloudfront_distribution")) > 0
}

region_scope contains a if {
	some a in lib.aws_resources
	not global_resource(a)
}

region_violation contains lib.violation(a, sprintf("%s がリージョン %s にあります (許可: %s)。", [a, r, concat(", ", config.params.allowed_regions)]), sprintf("%s is in region %s (allowed: %s).", [a, r, concat(", ", config.params.allowed_regions)])) if {
	some a in region_scope
	r := input.resources[a].region
	is_string(r)
	not r in config.params.allowed_regions
	not cloudfront_exception(a, r)
	not region_provider(a, r)
}

# One cause, one finding: a resource that takes its region from its provider is there because of
# the provider; every such resource is reported under the provider (`cause`), so that reports
# group them into one finding listing the resources.
region_violation contains lib.caused_violation(a, sprintf("プロバイダ %s のリージョン %s は許可されていません (許可: %s)。このプロバイダで作るリソースはすべてそのリージョンに置かれます。", [p, r, concat(", ", config.params.allowed_regions)]), sprintf("Provider %s is configured for region %s (allowed: %s): every resource it creates is placed there.", [p, r, concat(", ", config.params.allowed_regions)]), p) if {
	some a in region_scope
	r := input.resources[a].region
	is_string(r)
	not r in config.params.allowed_regions
	not cloudfront_exception(a, r)
	p := region_provider(a, r)
}

# The provider (`provider.<config key>`) a resource without its own region argument takes region
# `r` from.
region_provider(a, r) := concat("", ["provider.", k]) if {
	lib.get(a, "region") == null
	not lib.unknown(a, "region")
	k := input.resources[a].provider
	is_string(k)
	input.providers[k].region == r
}

cloudfront_exception(a, "us-east-1") if us_east_1_only(a)

region_unverified contains a if {
	some a in region_scope
	not is_string(input.resources[a].region)
}

findings contains lib.finding(region, v) if some v in region_violation

checked[region.id] := sort(region_scope)

unverified[region.id] := sort(region_unverified)
