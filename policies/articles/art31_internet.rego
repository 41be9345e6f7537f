# 第31条 インターネット接続系: monitoring of the internet zone (threat detection, flow logs, WAF).
package sanso.articles.art31

import rego.v1

import data.sanso.lib
import data.sanso.lib.net

# METADATA
# title: インターネット接続系の不正通信を監視する
# description: >-
#   インターネット接続系では通信パケットの監視、ふるまい検知等で不正通信を監視し、外部と常時接続するシステムを常時
#   監視する。GuardDuty を無効にしない、すべての VPC にフローログ、インターネット向けエンドポイントに WAF。
# custom:
#   id: ART31-MONITORED
#   title_en: "Internet zone: GuardDuty enabled, flow logs on every VPC, WAF on every internet-facing endpoint"
#   article: 第31条第1項, 第90条第3項
#   article_text: |-
#     【第31条第1項】情報システム・セキュリティ管理者は、インターネット接続系においては、通信パケットの監視、ふるまい検知等の不正通信の監視機能の強化により、情報セキュリティインシデントの早期発見と対処及び LGWAN への不適切なアクセス等の監視等の情報セキュリティ対策を講じなければならない。
#     【第90条第3項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、外部と常時接続するシステムを常時監視しなければならない。
#   severity: high
#   remediation: >-
#     インターネット接続系では GuardDuty を有効にし、すべての VPC にフローログ (FlowLogs) を付け、インターネット向けのエンドポイントに WAF (PublicEdge) を関連付けてください。
#   remediation_en: >-
#     In the internet zone, enable GuardDuty, give every VPC flow logs (FlowLogs) and associate a WAF with every internet-facing endpoint (PublicEdge).
#   zones: [internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The internet zone watches its traffic for intrusions (packet monitoring, behaviour detection) and
#     systems permanently connected to the outside are monitored: GuardDuty stays enabled, every VPC has
#     flow logs, every internet-facing endpoint has a WAF.
monitored := rego.metadata.rule().custom

internet_zone_present if {
	some a in lib.aws_resources
	lib.zone(a) == "internet"
}

scope contains d if {
	internet_zone_present
	some d in lib.live("aws_guardduty_detector")
}

scope contains v if {
	some v in net.vpcs
	lib.zone(v) == "internet"
}

scope contains e if {
	some e in net.waf_endpoints
	lib.zone(e) == "internet"
}

violation contains lib.violation(d, sprintf("インターネット接続系を含むスタックの GuardDuty ディテクタ %s が無効です (enable = false)。", [d]), sprintf("GuardDuty detector %s of a stack with an internet zone is disabled (enable = false).", [d])) if {
	some d in scope
	lib.type_of(d) == "aws_guardduty_detector"
	lib.is_false(lib.get(d, "enable"))
}

violation contains lib.violation(v, sprintf("インターネット接続系の VPC %s にフローログがありません: 通信を監視できません。", [v]), sprintf("Internet-zone VPC %s has no flow logs: its traffic is not monitored.", [v])) if {
	some v in scope
	lib.type_of(v) == "aws_vpc"
	count([f | some f in lib.related(v, "aws_flow_log"); lib.refers(f, "vpc_id", v)]) == 0
}

violation contains lib.violation(e, sprintf("インターネット接続系のインターネット向けエンドポイント %s に WAF がありません。", [e]), sprintf("Internet-facing endpoint %s of the internet zone has no WAF.", [e])) if {
	some e in scope
	e in net.waf_endpoints
	net.waf_status(e) in {"none", "unsupported"}
}

unknown_waf contains e if {
	some e in scope
	e in net.waf_endpoints
	net.waf_status(e) == "unknown"
}

findings contains lib.finding(monitored, v) if some v in violation

checked[monitored.id] := sort(scope)

unverified[monitored.id] := sort(unknown_waf)
