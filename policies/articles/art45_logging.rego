# 第45条 システム管理記録, 第47条 ログの取得等: change trails, logs kept long enough, logs protected.
package sanso.articles.art45

import rego.v1

import data.sanso.lib
import data.sanso.lib.config
import data.sanso.lib.net
import data.sanso.lib.s3

# ---------------------------------------------------------------- ART45-CHANGE-TRAIL

# METADATA
# title: システム変更の記録を改ざんされないよう取得する (CloudTrail)
# description: >-
#   システム変更等の作業内容は記録を作成し、詐取・改ざんされないよう管理する。クラウドではイベントログを取得する。
#   CloudTrail は全リージョンの管理イベント・グローバルサービスイベントを記録し、ログファイルの検証とカスタマー管理
#   キーによる暗号化を有効にする。自前で運用するアカウント (standalone) のスタックは証跡を持つ。
# custom:
#   id: ART45-CHANGE-TRAIL
#   title_en: A CloudTrail trail records management events in all regions, validated and CMK-encrypted
#   article: 第45条第2項, 第90条第5項
#   article_text: |-
#     【第45条第2項】統括情報セキュリティ責任者及び情報システム・セキュリティ管理者は、所管する情報システムについて、システム変更等の作業を行った場合は、作業内容について記録を作成し、詐取、改ざん等をされないように適正に管理しなければならない。
#     【第90条第5項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、クラウドサービスを利用する場合は、イベントログを取得しなければならない。
#   severity: high
#   remediation: >-
#     CloudTrail は全リージョン (is_multi_region_trail)、グローバルサービスイベントと管理イベントを含め、ログファイルの検証を有効にし、カスタマー管理キーで暗号化してください (AuditTrail)。自前で運用するアカウント (standalone) ではスタックに証跡を作ってください。
#   remediation_en: >-
#     Make CloudTrail multi-region with global service and management events, log file validation and a customer managed key (AuditTrail); standalone accounts create a trail in the stack.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Records of system changes are made and protected from tampering, and cloud event logs are collected:
#     CloudTrail records management and global service events in all regions, with log file validation and
#     a customer managed key. Standalone account stacks have a trail.
trail := rego.metadata.rule().custom

trails := lib.live("aws_cloudtrail")

trail_scope contains t if some t in trails

trail_scope contains lib.stack_subject if {
	lib.platform == "standalone"
	count(lib.aws_resources) > 0
}

trail_violation contains lib.violation(lib.stack_subject, "このスタック (standalone) には CloudTrail の証跡がありません: システム変更の記録が残りません。", "This standalone stack has no CloudTrail trail: changes to the system are not recorded.") if {
	lib.stack_subject in trail_scope
	count(trails) == 0
	not lib.baseline_elsewhere("trail")
}

trail_violation contains lib.violation(t, sprintf("CloudTrail %s が変更記録として不十分です: %s。", [t, concat("、", [p.ja | some p in gaps])]), sprintf("CloudTrail %s is not a sufficient change record: %s.", [t, concat(", ", [p.en | some p in gaps])])) if {
	some t in trails
	gaps := [p | some p in trail_needs; not trail_has(t, p.id)]
	count(gaps) > 0
}

trail_needs := [
	{"id": "multi-region", "ja": "全リージョンではない (is_multi_region_trail)", "en": "not multi-region (is_multi_region_trail)"},
	{"id": "validation", "ja": "ログファイルの検証がない (enable_log_file_validation)", "en": "no log file validation (enable_log_file_validation)"},
	{"id": "cmk", "ja": "カスタマー管理キーで暗号化されていない (kms_key_id)", "en": "not encrypted with a customer managed key (kms_key_id)"},
	{"id": "global", "ja": "グローバルサービスイベントを含まない", "en": "global service events excluded"},
	{"id": "management", "ja": "管理イベントを記録しない", "en": "management events not recorded"},
	{"id": "logging", "ja": "ログ記録が停止している (enable_logging = false)", "en": "logging is off (enable_logging = false)"},
]

trail_has(t, "multi-region") if lib.flag(t, "is_multi_region_trail") in {"true", "unknown"}

trail_has(t, "validation") if lib.flag(t, "enable_log_file_validation") in {"true", "unknown"}

trail_has(t, "cmk") if lib.key_kind(t, "kms_key_id") in {"cmk", "unknown"}

trail_has(t, "global") if not lib.is_false(lib.get(t, "include_global_service_events"))

trail_has(t, "management") if not management_excluded(t)

trail_has(t, "logging") if not lib.is_false(lib.get(t, "enable_logging"))

management_excluded(t) if {
	selectors := lib.blocks(lib.get(t, "event_selector"))
	count(selectors) > 0
	every s in selectors {
		lib.is_false(object.get(s, "include_management_events", true))
	}
}

management_excluded(t) if {
	selectors := lib.blocks(lib.get(t, "advanced_event_selector"))
	count(selectors) > 0
	not some_management_selector(selectors)
}

some_management_selector(selectors) if {
	some s in selectors
	some fs in lib.blocks(object.get(s, "field_selector", null))
	object.get(fs, "field", "") == "eventCategory"
	"Management" in lib.as_list(object.get(fs, "equals", null))
}

trail_unverified contains t if {
	some t in trails
	lib.key_kind(t, "kms_key_id") == "unknown"
}

trail_unverified contains t if {
	some t in trails
	some f in ["is_multi_region_trail", "enable_log_file_validation"]
	lib.flag(t, f) == "unknown"
}

findings contains lib.finding(trail, v) if some v in trail_violation

checked[trail.id] := sort(trail_scope)

unverified[trail.id] := sort(trail_unverified)

# ---------------------------------------------------------------- ART47-LOGS-KEPT

# METADATA
# title: ログを取得し一定期間保存する
# description: >-
#   各種ログを取得して一定の期間保存し、保存期間や取扱いを定めて管理する。VPC フローログ、ロードバランサのアクセス
#   ログを取得し、ロググループは暗号化して設定の日数 (既定365日) 以上保存し、ログバケットもそれより前に削除しない。
# custom:
#   id: ART47-LOGS-KEPT
#   title_en: Flow logs on every VPC, load balancer access logs, log groups kept long enough and encrypted
#   article: 第47条第1項・第2項
#   article_text: |-
#     【第47条第1項】統括情報セキュリティ責任者及び情報システム・セキュリティ管理者は、各種ログ及び情報セキュリティの確保に必要な記録を取得し、一定の期間保存しなければならない。
#     【第47条第2項】情報システム・セキュリティ管理者は、ログとして取得する項目、保存期間、取扱方法及びログが取得できなくなった場合の対処等について定め、適正にログを管理しなければならない。
#   severity: medium
#   remediation: >-
#     すべての VPC にフローログ (FlowLogs) を付け、ロードバランサのアクセスログを有効にし、ロググループは KMS キーで暗号化して保存期間を設定値 (既定365日) 以上にし、ログバケットのライフサイクルで保存期間より前に削除しないでください。
#   remediation_en: >-
#     Give every VPC flow logs (FlowLogs), turn on load balancer access logs, encrypt log groups with a KMS key and keep them at least the configured days (365 by default), and do not expire log buckets earlier.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Logs and security records are collected and kept for a set period: flow logs on every VPC, load
#     balancer access logs, log groups encrypted and retained at least the configured days (365 by
#     default), log buckets not expiring earlier.
kept := rego.metadata.rule().custom

retention := config.params.log_retention_days

kept_scope contains v if some v in net.vpcs

kept_scope contains lb if {
	some lb in array.concat(net.lbs, lib.live("aws_elb"))
	net.lb_type(lb) in {"application", "network", "classic"}
}

kept_scope contains g if some g in lib.live("aws_cloudwatch_log_group")

kept_scope contains b if some b in s3.log_buckets

kept_violation contains lib.violation(v, sprintf("VPC %s にフローログがありません。", [v]), sprintf("VPC %s has no flow logs.", [v])) if {
	some v in net.vpcs
	count([f | some f in lib.related(v, "aws_flow_log"); lib.refers(f, "vpc_id", v)]) == 0
}

kept_violation contains lib.violation(lb, sprintf("ロードバランサ %s のアクセスログが有効ではありません。", [lb]), sprintf("Load balancer %s does not write access logs.", [lb])) if {
	some lb in kept_scope
	lib.type_of(lb) in {"aws_lb", "aws_alb", "aws_elb"}
	not access_logs(lb)
}

kept_violation contains lib.violation(g, sprintf("ロググループ %s の保存期間が %s 日です (%s 日以上)。", [g, lib.str(d), lib.str(retention)]), sprintf("Log group %s keeps logs %s days (at least %s).", [g, lib.str(d), lib.str(retention)])) if {
	some g in kept_scope
	lib.type_of(g) == "aws_cloudwatch_log_group"
	d := lib.get(g, "retention_in_days")
	is_number(d)
	d > 0
	d < retention
}

kept_violation contains lib.violation(g, sprintf("ロググループ %s が KMS キーで暗号化されていません (kms_key_id)。", [g]), sprintf("Log group %s is not encrypted with a KMS key (kms_key_id).", [g])) if {
	some g in kept_scope
	lib.type_of(g) == "aws_cloudwatch_log_group"
	not lib.present(g, "kms_key_id")
}

kept_violation contains lib.violation(e.res, sprintf("ログバケット %s のライフサイクルが %s 日でログを削除します (%s 日以上保存)。", [b, lib.str(e.days), lib.str(retention)]), sprintf("The lifecycle of log bucket %s deletes logs after %s days (keep at least %s).", [b, lib.str(e.days), lib.str(retention)])) if {
	some b in s3.log_buckets
	some e in s3.expirations(b)
	e.days < retention
}

access_logs(lb) if {
	some al in lib.blocks(lib.get(lb, "access_logs"))
	lib.is_true(object.get(al, "enabled", logs_by_default(lb)))
}

# Classic load balancers enable an access_logs block by default; aws_lb does not.
logs_by_default(lb) := true if lib.type_of(lb) == "aws_elb"

logs_by_default(lb) := false if lib.type_of(lb) != "aws_elb"

findings contains lib.finding(kept, v) if some v in kept_violation

checked[kept.id] := sort(kept_scope)

# ---------------------------------------------------------------- ART47-LOGS-PROTECTED

# METADATA
# title: ログを改ざん・削除から保護する
# description: >-
#   取得したログは改ざんの防止等の保護が実施されていることを確認する。ログを受け取るバケット (CloudTrail、
#   フローログ、ロードバランサ、Config、サーバアクセスログの送信先) は、バージョニング、Object Lock、暗号化、
#   パブリックアクセスブロックを持つ。Object Lock のバケットはサーバアクセスログを受け取れないため、アクセスログ用
#   バケットは全員に削除を拒否するポリシーを同等の措置として認める。
# custom:
#   id: ART47-LOGS-PROTECTED
#   title_en: Log buckets have versioning, Object Lock (or an equivalent), encryption and no public access
#   article: 第47条第3項
#   article_text: |-
#     【第47条第3項】なお、クラウドサービス事業者が収集し、保存する記録（ログ等）に関する保護（改ざんの防止等）の対応についても、ログ管理等に関する対策や機能に関する情報を確認し、記録（ログ等）に関する保護が実施されているのか確認しなければならない。
#   severity: high
#   remediation: >-
#     ログを受け取るバケットはバージョニング、Object Lock (Object Lock を使えないアクセスログ用バケットは全員に削除を拒否するバケットポリシー)、既定の暗号化、パブリックアクセスブロックを設定してください (LogArchive)。
#   remediation_en: >-
#     Give log buckets versioning, Object Lock (or, for access-log buckets that cannot use it, a policy denying deletion to everyone), default encryption and a full public access block (LogArchive).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Logs are protected against tampering: buckets receiving logs have versioning, Object Lock, encryption
#     and a full public access block. Object Lock buckets cannot receive server access logs, so an
#     access-log bucket may instead carry a policy denying deletion to everyone.
protected := rego.metadata.rule().custom

protected_scope contains b if some b in s3.log_buckets

protected_violation contains lib.violation(b, sprintf("ログバケット %s のログが改ざん・削除から保護されていません: %s。", [b, concat("、", [p.ja | some p in gaps])]), sprintf("Logs in bucket %s are not protected from tampering or deletion: %s.", [b, concat(", ", [p.en | some p in gaps])])) if {
	some b in protected_scope
	gaps := [p | some p in protect_needs; not protect_has(b, p.id)]
	count(gaps) > 0
	not only_unknown_policy(b, gaps)
}

protected_unverified contains b if {
	some b in protected_scope
	gaps := [p | some p in protect_needs; not protect_has(b, p.id)]
	only_unknown_policy(b, gaps)
}

# The only gap is the deny-delete policy, and the bucket policy is only known after apply.
only_unknown_policy(b, gaps) if {
	[p.id | some p in gaps] == ["immutability"]
	not s3.policy(b).known
}

protect_needs := [
	{"id": "versioning", "ja": "バージョニングなし", "en": "no versioning"},
	{"id": "immutability", "ja": "Object Lock も削除拒否のバケットポリシーもない", "en": "no Object Lock and no policy denying deletion"},
	{"id": "encryption", "ja": "既定の暗号化なし", "en": "no default encryption"},
	{"id": "public-access-block", "ja": "パブリックアクセスブロックが不完全", "en": "public access block not fully on"},
]

protect_has(b, "versioning") if s3.versioning(b)

protect_has(b, "immutability") if s3.object_lock(b)

protect_has(b, "immutability") if s3.denies_delete(b)

protect_has(b, "encryption") if s3.encrypted(b)

protect_has(b, "public-access-block") if s3.pab_full(b)

findings contains lib.finding(protected, v) if some v in protected_violation

checked[protected.id] := sort(protected_scope)

unverified[protected.id] := sort(protected_unverified)
