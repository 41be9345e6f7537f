# 第49条〜第54条 ネットワーク: firewall rules, public endpoints only in the internet zone, WAF on
# public endpoints, encryption in transit.
package sanso.articles.art49

import rego.v1

import data.sanso.lib
import data.sanso.lib.config
import data.sanso.lib.iam
import data.sanso.lib.net

# ---------------------------------------------------------------- ART49-FIREWALL

# METADATA
# title: 不正アクセスを防ぐよう通信を制御し、使わないポートを閉じる
# description: >-
#   ネットワークに適正な制御を施し、使用されていないポートを閉鎖する。セキュリティグループの受信ルールは、
#   インターネット接続系のインターネット向けロードバランサの TCP 80/443 を除き 0.0.0.0/0・::/0 を許可せず、
#   ポート範囲は設定値 (既定100) 以下とする。
# custom:
#   id: ART49-FIREWALL
#   title_en: No ingress from anywhere except 80/443 on internet-facing load balancers; no wide port ranges
#   article: 第49条, 第80条第1項(1)
#   article_text: |-
#     【第49条第2項】情報システム・セキュリティ管理者は、不正アクセスを防止するため、ネットワークに適正な制御を施さなければならない。
#     【第80条第1項(1)】使用されていないポートを閉鎖しなければならない。
#   severity: high
#   remediation: >-
#     0.0.0.0/0・::/0 からの受信は、インターネット接続系のインターネット向けロードバランサの TCP 80/443 だけにしてください。受信ルールのポート範囲は設定値 (既定100) 以下にし、使わないポートを閉じてください。
#   remediation_en: >-
#     Allow ingress from 0.0.0.0/0 or ::/0 only on TCP 80/443 of internet-facing load balancers in the internet zone; keep ingress port ranges within the configured width (100 by default) and close unused ports.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The network is controlled against unauthorised access and unused ports are closed: security groups
#     admit 0.0.0.0/0 or ::/0 only on TCP 80/443 of internet-facing load balancers in the internet zone,
#     and no ingress rule opens more ports than configured (100 by default).
firewall := rego.metadata.rule().custom

ingress_rules contains r if {
	some r in net.sg_rules
	r.direction == "ingress"
	r.protocol != "icmp"
	r.protocol != "icmpv6"
}

firewall_scope contains a if {
	some r in ingress_rules
	some a in {r.resource, net.owner(r)}
}

firewall_scope contains sg if some sg in lib.live_all(["aws_security_group", "aws_default_security_group"])

# The rules of one security group share a cause: the group (inline rules and rule resources alike).
firewall_violation contains lib.caused_violation(r.resource, sprintf("%s の受信ルール (%s %s, %s) が不適切です: %s。", [net.owner(r), r.protocol, net.ports_label(r), concat(" ", r.cidrs), concat("、", [p.ja | some p in problems])]), sprintf("The ingress rule (%s %s, %s) of %s is too open: %s.", [r.protocol, net.ports_label(r), concat(" ", r.cidrs), net.owner(r), concat(", ", [p.en | some p in problems])]), net.owner(r)) if {
	some r in ingress_rules
	problems := [p |
		some p in [
			{"id": "open", "ja": "インターネット全体 (0.0.0.0/0 / ::/0) から受信", "en": "open to the whole internet (0.0.0.0/0 / ::/0)"},
			{"id": "wide", "ja": sprintf("ポート範囲が %d (上限 %d)", [net.width(r), config.params.max_port_range]), "en": sprintf("a range of %d ports (at most %d)", [net.width(r), config.params.max_port_range])},
		]
		firewall_problem(r, p.id)
	]
	count(problems) > 0
}

firewall_problem(r, "open") if {
	net.open(r)
	not public_web_entry(r)
}

firewall_problem(r, "wide") if net.width(r) > config.params.max_port_range

# TCP 80 or 443 on a security group of an internet-facing load balancer of the internet zone.
public_web_entry(r) if {
	r.protocol == "tcp"
	r.from == r.to
	r.from in {80, 443}
	r.sg != null
	some lb in net.lb_sgs[r.sg]
	lib.zone(lb) == "internet"
}

findings contains lib.finding(firewall, v) if some v in firewall_violation

checked[firewall.id] := sort(firewall_scope)

# ---------------------------------------------------------------- ART50-PUBLIC-IN-INTERNET-ZONE

# METADATA
# title: 外部の者が利用するシステムはインターネット接続系に置き他と分離する
# description: >-
#   電子申請の受付システム等、外部の者が利用できるシステムは他のネットワーク・情報システムと分離する。
#   インターネットから到達できるエンドポイントはインターネット接続系にだけ置く。
# custom:
#   id: ART50-PUBLIC-IN-INTERNET-ZONE
#   title_en: Internet-facing endpoints exist only in the internet zone
#   article: 第50条
#   article_text: |-
#     【第50条】情報システム・セキュリティ管理者は、電子申請の汎用受付システム等、外部の者が利用できるシステムについて、必要に応じ他のネットワーク及び情報システムと物理的に分離する等の措置を講じなければならない。
#   severity: high
#   remediation: >-
#     インターネットから到達できるエンドポイント (公開ロードバランサ、API Gateway、CloudFront、パブリック IP 等) はインターネット接続系 (InternetZone の PublicEdge) にだけ置き、LGWAN 接続系・マイナンバー利用事務系とは分離してください。
#   remediation_en: >-
#     Place internet-reachable endpoints (public load balancers, API Gateway, CloudFront, public IPs, ...) only in the internet zone (PublicEdge of an InternetZone), separated from the LGWAN and mynumber zones.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Systems outsiders use (such as online application intake) are separated from other networks:
#     internet-reachable endpoints exist only in the internet zone.
internet_only := rego.metadata.rule().custom

public_flags := {
	"aws_instance": "associate_public_ip_address",
	"aws_subnet": "map_public_ip_on_launch",
	"aws_default_subnet": "map_public_ip_on_launch",
	"aws_db_instance": "publicly_accessible",
	"aws_rds_cluster_instance": "publicly_accessible",
	"aws_redshift_cluster": "publicly_accessible",
}

public_endpoints contains a if some a in net.public_lbs

public_endpoints contains a if some a in net.public_rest_apis

public_endpoints contains a if some a in lib.live_all(["aws_apigatewayv2_api", "aws_cloudfront_distribution", "aws_eip", "aws_lambda_function_url"])

public_endpoints contains a if {
	some t, f in public_flags
	some a in lib.live(t)
	lib.flag(a, f) == "true"
}

public_endpoints contains a if {
	some a in lib.live("aws_launch_template")
	some ni in lib.blocks(lib.get(a, "network_interfaces"))
	lib.is_true(object.get(ni, "associate_public_ip_address", null))
}

internet_only_scope contains a if {
	some a in public_endpoints
	lib.zone(a) != null
}

internet_only_violation contains lib.violation(a, sprintf("インターネットから到達できる %s が %s にあります。公開するシステムはインターネット接続系に置いてください。", [a, lib.zone_label(lib.zone(a))]), sprintf("Internet-reachable %s is in the %s zone; public systems belong in the internet zone.", [a, lib.zone(a)])) if {
	some a in internet_only_scope
	lib.zone(a) != "internet"
}

internet_only_unverified contains a if {
	some t, f in public_flags
	some a in lib.live(t)
	lib.zone(a) in {"mynumber", "lgwan"}
	lib.flag(a, f) == "unknown"
}

internet_only_unverified contains lb if {
	some lb in lib.live_all(net.lb_types)
	net.scheme(lb) == "unknown"
	lib.zone(lb) in {"mynumber", "lgwan"}
}

findings contains lib.finding(internet_only, v) if some v in internet_only_violation

checked[internet_only.id] := sort(internet_only_scope)

unverified[internet_only.id] := sort(internet_only_unverified)

# ---------------------------------------------------------------- ART51-WAF

# METADATA
# title: 公開するウェブサーバの境界に WAF を置き、サービス不能攻撃に備える
# description: >-
#   ウェブサーバ等をインターネットに公開する場合は境界にファイアウォール等を設置し、外部からアクセスできるシステムは
#   サービス不能攻撃に備えて可用性を確保する。インターネット向けのロードバランサ・API ステージ・CloudFront は、
#   レートベースのルールを持つ WAF を関連付ける (WAF を付けられない NLB・Classic LB はインターネットに向けない)。
# custom:
#   id: ART51-WAF
#   title_en: Internet-facing load balancers, API stages and distributions have a WAF with a rate-based rule
#   article: 第51条第4項, 第85条
#   article_text: |-
#     【第51条第4項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、ウェブサーバ等をインターネットに公開する場合、庁内ネットワークへの侵入を防御するために、ファイアウォール等を外部ネットワークとの境界に設置した上で接続しなければならない。
#     【第85条】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、外部からアクセスできる情報システムに対して、第三者からサービス不能攻撃を受け、利用者がサービスを利用することができなくなることを防止するために、情報システムの可用性を確保する対策を講じなければならない。
#   severity: high
#   remediation: >-
#     インターネット向けの ALB・API Gateway ステージ・CloudFront に WAF (aws_wafv2_web_acl) を関連付け、レートベースのルールでサービス不能攻撃を抑えてください (PublicEdge)。NLB・Classic LB は WAF を付けられないため、公開には ALB を使ってください。
#   remediation_en: >-
#     Associate a WAF web ACL (aws_wafv2_web_acl) with internet-facing ALBs, API Gateway stages and CloudFront distributions, with a rate-based rule against denial of service (PublicEdge). Network and classic load balancers cannot have a WAF: publish through an ALB.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Web servers published to the internet sit behind a boundary firewall and stay available under
#     denial-of-service attacks: internet-facing load balancers, API stages and CloudFront distributions
#     have a WAF web ACL with a rate-based rule (network and classic load balancers, which cannot have one,
#     are not made internet-facing).
waf := rego.metadata.rule().custom

waf_scope contains a if some a in net.waf_endpoints

waf_violation contains lib.violation(a, sprintf("インターネット向けの %s に WAF がありません。", [a]), sprintf("Internet-facing %s has no WAF.", [a])) if {
	some a in waf_scope
	net.waf_status(a) == "none"
}

waf_violation contains lib.violation(a, sprintf("インターネット向けの %s の WAF (%s) にレートベースのルールがありません: サービス不能攻撃を抑えられません。", [a, concat(", ", net.web_acls(a))]), sprintf("The WAF (%s) of internet-facing %s has no rate-based rule against denial of service.", [concat(", ", net.web_acls(a)), a])) if {
	some a in waf_scope
	net.waf_status(a) == "no-rate"
}

waf_violation contains lib.violation(a, sprintf("インターネット向けの %s は WAF を関連付けられない種類のロードバランサ (%s) です。公開には WAF 付きの ALB を使ってください。", [a, net.lb_type(a)]), sprintf("Internet-facing %s is a %s load balancer, which cannot have a WAF; publish through an ALB with a WAF.", [a, net.lb_type(a)])) if {
	some a in waf_scope
	net.waf_status(a) == "unsupported"
}

waf_unverified contains a if {
	some a in waf_scope
	net.waf_status(a) == "unknown"
}

findings contains lib.finding(waf, v) if some v in waf_violation

checked[waf.id] := sort(waf_scope)

unverified[waf.id] := sort(waf_unverified)

# ---------------------------------------------------------------- ART54-TRANSIT-ENCRYPTION

# METADATA
# title: 機密性の高い情報を運ぶ通信を暗号化する
# description: >-
#   機密性の高い情報を扱うネットワークは盗聴を防ぐため暗号化する。重要性分類Ⅱ以上のデータを運ぶ ElastiCache・MSK・
#   EFS・Redshift・OpenSearch は通信経路を暗号化する。
# custom:
#   id: ART54-TRANSIT-ENCRYPTION
#   title_en: Services carrying class II+ data encrypt in transit
#   article: 第54条第2項
#   article_text: |-
#     【第54条第2項】統括情報セキュリティ責任者は、機密性の高い情報を取り扱うネットワークについて情報の盗聴等を防ぐため、暗号化等の措置を講じなければならない。
#   severity: high
#   remediation: >-
#     重要性分類Ⅱ以上のデータを運ぶサービスは通信を暗号化してください: ElastiCache は transit_encryption_enabled、MSK は TLS、EFS はファイルシステムポリシーで aws:SecureTransport = false を拒否、Redshift は require_ssl、OpenSearch はノード間暗号化。
#   remediation_en: >-
#     Encrypt in transit the services carrying class II+ data: ElastiCache transit_encryption_enabled, MSK TLS, an EFS file system policy denying aws:SecureTransport = false, Redshift require_ssl, OpenSearch node-to-node encryption.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II]
#   rationale_en: >-
#     Networks carrying highly confidential information are encrypted against eavesdropping: ElastiCache,
#     MSK, EFS, Redshift and OpenSearch holding class II+ data encrypt in transit.
transit := rego.metadata.rule().custom

transit_types := {
	"aws_elasticache_replication_group", "aws_elasticache_cluster", "aws_msk_cluster", "aws_efs_file_system",
	"aws_redshift_cluster", "aws_opensearch_domain", "aws_elasticsearch_domain",
}

transit_scope contains a if {
	some t in transit_types
	some a in lib.live(t)
	lib.class_ii_plus(a)
	not lib.cache_member(a)
}

transit_violation contains lib.violation(a, sprintf("重要性分類%sの %s は通信を暗号化していません (%s)。", [lib.classification(a), a, gap.ja]), sprintf("Class %s %s does not encrypt in transit (%s).", [lib.classification(a), a, gap.en])) if {
	some a in transit_scope
	some gap in transit_gaps(a)
}

transit_unverified contains a if {
	some a in transit_scope
	some [t, f] in [["aws_elasticache_replication_group", "transit_encryption_enabled"], ["aws_elasticache_cluster", "transit_encryption_enabled"], ["aws_opensearch_domain", "node_to_node_encryption.0.enabled"], ["aws_elasticsearch_domain", "node_to_node_encryption.0.enabled"]]
	lib.type_of(a) == t
	lib.flag(a, f) == "unknown"
}

transit_unverified contains a if {
	some a in transit_scope
	lib.type_of(a) == "aws_efs_file_system"
	not efs_denies_plaintext(a)
	some p in efs_policies(a)
	not iam.doc(p, "policy").known
}

transit_gaps(a) := [{"ja": "transit_encryption_enabled が true ではありません", "en": "transit_encryption_enabled is not true"}] if {
	lib.type_of(a) in {"aws_elasticache_replication_group", "aws_elasticache_cluster"}
	lib.flag(a, "transit_encryption_enabled") in {"false", "unset"}
} else := [{"ja": sprintf("クライアントとブローカー間が %s です", [cb]), "en": sprintf("client-broker traffic is %s", [cb])}] if {
	lib.type_of(a) == "aws_msk_cluster"
	cb := lib.get(a, "encryption_info.0.encryption_in_transit.0.client_broker")
	is_string(cb)
	cb != "TLS"
} else := [{"ja": "クラスタ内通信が暗号化されていません (in_cluster = false)", "en": "in-cluster traffic is not encrypted (in_cluster = false)"}] if {
	lib.type_of(a) == "aws_msk_cluster"
	lib.is_false(lib.get(a, "encryption_info.0.encryption_in_transit.0.in_cluster"))
} else := [{"ja": "TLS なしのアクセスを拒否するファイルシステムポリシーがありません", "en": "no file system policy denies access without TLS"}] if {
	lib.type_of(a) == "aws_efs_file_system"
	not efs_denies_plaintext(a)
	every p in efs_policies(a) {
		iam.doc(p, "policy").known
	}
} else := [{"ja": "パラメータグループで require_ssl = true にしていません", "en": "the parameter group does not set require_ssl = true"}] if {
	lib.type_of(a) == "aws_redshift_cluster"
	not redshift_requires_ssl(a)
} else := [{"ja": "ノード間暗号化が有効ではありません", "en": "node-to-node encryption is off"}] if {
	lib.type_of(a) in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	lib.flag(a, "node_to_node_encryption.0.enabled") in {"false", "unset"}
} else := []

efs_policies(a) := [p | some p in lib.related(a, "aws_efs_file_system_policy"); lib.refers(p, "file_system_id", a)]

efs_denies_plaintext(a) if {
	some p in efs_policies(a)
	some s in iam.doc(p, "policy").statements
	iam.denies_plaintext(s)
}

redshift_requires_ssl(a) if {
	some g in lib.refs(a, "cluster_parameter_group_name")
	some p in lib.blocks(lib.get(g, "parameter"))
	p.name == "require_ssl"
	lib.is_true(p.value)
}

findings contains lib.finding(transit, v) if some v in transit_violation

checked[transit.id] := sort(transit_scope)

unverified[transit.id] := sort(transit_unverified)
