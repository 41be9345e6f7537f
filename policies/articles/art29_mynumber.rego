# 第29条 マイナンバー利用事務系: isolation, restricted paths, no public endpoints, MFA, no export,
# dedicated lines. Encryption (第29条第6項) is in art29_crypto.rego, same package.
package sanso.articles.art29

import rego.v1

import data.sanso.lib
import data.sanso.lib.iam
import data.sanso.lib.net

# ---------------------------------------------------------------- ART29-ISOLATED

# METADATA
# title: マイナンバー利用事務系を他の領域と通信できないようにする
# description: >-
#   マイナンバー利用事務系の VPC はインターネットへの経路(インターネット・NAT・Egress-only ゲートウェイ)を持たず、
#   他の区分の VPC とピアリング・Transit Gateway・エンドポイントサービスでつながらない。
# custom:
#   id: ART29-ISOLATED
#   title_en: MyNumber VPCs have no path to the internet or to other zones
#   article: 第29条第1項
#   article_text: |-
#     【第29条第1項】情報システム・セキュリティ管理者は、マイナンバー利用事務系と他の領域を通信できないようにしなければならない。
#   severity: critical
#   remediation: >-
#     マイナンバー利用事務系の VPC からインターネットゲートウェイ・NAT ゲートウェイ・Egress-only ゲートウェイを外し、他の区分の VPC とのピアリング・Transit Gateway・エンドポイントサービスの共有をやめてください (MyNumberZone はこれらを作りません)。
#   remediation_en: >-
#     Remove internet, NAT and egress-only gateways from mynumber VPCs and stop peering, transit gateway attachments and endpoint services shared with VPCs of other zones (MyNumberZone creates none of them).
#   zones: [mynumber]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The mynumber zone cannot communicate with other areas: its VPCs have no internet, NAT or egress-only
#     gateway and share no peering, transit gateway or endpoint service with VPCs of other zones.
isolated := rego.metadata.rule().custom

isolated_scope contains v if {
	some v in net.vpcs
	lib.zone(v) == "mynumber"
}

isolated_scope contains es if {
	some es in lib.live("aws_vpc_endpoint_service")
	lib.zone(es) == "mynumber"
}

isolated_violation contains b if {
	some v in isolated_scope
	lib.type_of(v) == "aws_vpc"
	some b in net.breaches(v, "mynumber")
}

isolated_violation contains b if some b in net.endpoint_service_breaches("mynumber")

findings contains lib.finding(isolated, v) if some v in isolated_violation

checked[isolated.id] := sort(isolated_scope)

# ---------------------------------------------------------------- ART29-RESTRICTED-PATHS

# METADATA
# title: マイナンバー利用事務系の通信経路とポートを限定する
# description: >-
#   マイナンバー利用事務系と外部との通信は、通信経路(IP アドレス)とアプリケーションプロトコル(ポート番号)の
#   レベルで限定する。セキュリティグループ・ネットワーク ACL の許可ルールは 0.0.0.0/0・::/0、全プロトコル、
#   全ポートを使わない。MAC アドレスによる限定は IaC では表せない。
# custom:
#   id: ART29-RESTRICTED-PATHS
#   title_en: MyNumber security groups and NACLs name specific CIDRs and ports
#   article: 第29条第2項
#   article_text: |-
#     【第29条第2項】情報システム・セキュリティ管理者は、マイナンバー利用事務系と外部との通信をする必要がある場合は、通信経路の限定（MAC アドレス、IP アドレス）及びアプリケーションプロトコル（ポート番号）のレベルでの限定を行わなければならない。
#   severity: high
#   remediation: >-
#     マイナンバー利用事務系のセキュリティグループ・ネットワーク ACL のルールは、通信先を特定の CIDR またはセキュリティグループに、プロトコルを TCP/UDP と必要なポートに限ってください (RestrictedSecurityGroup を使ってください)。
#   remediation_en: >-
#     Limit every security group and network ACL rule of the mynumber zone to specific CIDRs or security groups and to TCP/UDP on the needed ports (use RestrictedSecurityGroup).
#   zones: [mynumber]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Communication of the mynumber zone is limited by path (IP address) and application protocol (port):
#     no allow rule uses 0.0.0.0/0 or ::/0, all protocols or all ports. MAC address limits are outside IaC.
restricted := rego.metadata.rule().custom

restricted_scope contains a if {
	some r in net.sg_rules
	rule_zone(r) == "mynumber"
	some a in {r.resource, net.owner(r)}
}

restricted_scope contains a if {
	some r in net.nacl_rules
	nacl_zone(r) == "mynumber"
	some a in {r.resource, nacl_owner(r)}
}

restricted_scope contains a if {
	some t in ["aws_security_group", "aws_network_acl", "aws_default_network_acl", "aws_default_security_group"]
	some a in lib.live(t)
	lib.zone(a) == "mynumber"
}

# The rules of one security group (network ACL) share a cause: the group (the ACL).
restricted_violation contains lib.caused_violation(r.resource, sprintf("マイナンバー利用事務系の%s %s の %s ルール (%s %s, %s) が通信経路を限定していません: %s。", [kind_ja(r), net.owner(r), r.direction, r.protocol, net.ports_label(r), concat(" ", r.cidrs), concat("、", [p.ja | some p in problems(r)])]), sprintf("The %s rule (%s %s, %s) of %s %s in the mynumber zone does not restrict the path: %s.", [r.direction, r.protocol, net.ports_label(r), concat(" ", r.cidrs), kind_en(r), net.owner(r), concat(", ", [p.en | some p in problems(r)])]), net.owner(r)) if {
	some r in net.sg_rules
	rule_zone(r) == "mynumber"
	count(problems(r)) > 0
}

restricted_violation contains lib.caused_violation(r.resource, sprintf("マイナンバー利用事務系のネットワーク ACL %s の %s 許可ルール (%s %s, %s) が通信経路を限定していません: %s。", [nacl_owner(r), r.direction, r.protocol, net.ports_label(r), concat(" ", r.cidrs), concat("、", [p.ja | some p in problems(r)])]), sprintf("The %s allow rule (%s %s, %s) of network ACL %s in the mynumber zone does not restrict the path: %s.", [r.direction, r.protocol, net.ports_label(r), concat(" ", r.cidrs), nacl_owner(r), concat(", ", [p.en | some p in problems(r)])]), nacl_owner(r)) if {
	some r in net.nacl_rules
	nacl_zone(r) == "mynumber"
	count(problems(r)) > 0
}

problems(r) := [p |
	some p in [
		{"id": "open", "ja": "0.0.0.0/0 または ::/0 を許可", "en": "allows 0.0.0.0/0 or ::/0"},
		{"id": "all-protocols", "ja": "全プロトコルを許可", "en": "allows all protocols"},
		{"id": "all-ports", "ja": "全ポートを許可", "en": "allows all ports"},
	]
	has_problem(r, p.id)
]

has_problem(r, "open") if net.open(r)

has_problem(r, "all-protocols") if r.protocol == "all"

has_problem(r, "all-ports") if {
	r.protocol != "all"
	net.all_ports(r)
}

rule_zone(r) := lib.zone(net.owner(r))

nacl_owner(r) := r.nacl if r.nacl != null

nacl_owner(r) := r.resource if r.nacl == null

nacl_zone(r) := lib.zone(nacl_owner(r))

kind_ja(r) := "セキュリティグループ" if r.sg != null

kind_ja(r) := "セキュリティグループルール" if r.sg == null

kind_en(r) := "security group" if r.sg != null

kind_en(r) := "security group rule" if r.sg == null

findings contains lib.finding(restricted, v) if some v in restricted_violation

checked[restricted.id] := sort(restricted_scope)

# ---------------------------------------------------------------- ART29-NO-PUBLIC-ENDPOINT

# METADATA
# title: マイナンバー利用事務系にパブリックな到達点を作らない
# description: >-
#   マイナンバー利用事務系は他の領域・インターネットと通信できないようにする。パブリック IP を持つサブネット・
#   インスタンス・Elastic IP、インターネット向けロードバランサ、公開 DB、インターネットに出られる AppStream を作らない。
# custom:
#   id: ART29-NO-PUBLIC-ENDPOINT
#   title_en: Nothing in the mynumber zone gets a public IP or an internet-facing load balancer
#   article: 第29条第1項・第2項
#   article_text: |-
#     【第29条第1項】情報システム・セキュリティ管理者は、マイナンバー利用事務系と他の領域を通信できないようにしなければならない。
#     【第29条第2項】情報システム・セキュリティ管理者は、マイナンバー利用事務系と外部との通信をする必要がある場合は、通信経路の限定（MAC アドレス、IP アドレス）及びアプリケーションプロトコル（ポート番号）のレベルでの限定を行わなければならない。
#   severity: critical
#   remediation: >-
#     マイナンバー利用事務系ではパブリック IP (associate_public_ip_address、map_public_ip_on_launch、Elastic IP)、インターネット向けロードバランサ、公開 DB、インターネットに出られる AppStream フリートを使わないでください。
#   remediation_en: >-
#     Give nothing in the mynumber zone a public IP (associate_public_ip_address, map_public_ip_on_launch, Elastic IPs), an internet-facing load balancer, a publicly accessible database or an AppStream fleet with default internet access.
#   zones: [mynumber]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The mynumber zone is unreachable from other areas and the internet: no public IPs on subnets,
#     instances or Elastic IPs, no internet-facing load balancers, no publicly accessible databases, no
#     AppStream fleets with default internet access.
no_public := rego.metadata.rule().custom

public_checks := {
	"aws_subnet": ["map_public_ip_on_launch"],
	"aws_default_subnet": ["map_public_ip_on_launch"],
	"aws_instance": ["associate_public_ip_address"],
	"aws_db_instance": ["publicly_accessible"],
	"aws_rds_cluster_instance": ["publicly_accessible"],
	"aws_appstream_fleet": ["enable_default_internet_access"],
	"aws_appstream_image_builder": ["enable_default_internet_access"],
	"aws_redshift_cluster": ["publicly_accessible"],
	"aws_dms_replication_instance": ["publicly_accessible"],
}

no_public_scope contains a if {
	some t, _ in public_checks
	some a in lib.live(t)
	lib.zone(a) == "mynumber"
}

no_public_scope contains a if {
	some t in ["aws_launch_template", "aws_eip", "aws_lb", "aws_alb", "aws_elb"]
	some a in lib.live(t)
	lib.zone(a) == "mynumber"
}

no_public_violation contains lib.violation(a, sprintf("マイナンバー利用事務系の %s がパブリックに到達可能です (%s = true)。", [a, f]), sprintf("%s in the mynumber zone is publicly reachable (%s = true).", [a, f])) if {
	some a in no_public_scope
	some f in public_checks[lib.type_of(a)]
	lib.flag(a, f) == "true"
}

no_public_unverified contains a if {
	some a in no_public_scope
	some f in public_checks[lib.type_of(a)]
	lib.flag(a, f) == "unknown"
}

no_public_violation contains lib.violation(a, sprintf("マイナンバー利用事務系の起動テンプレート %s がパブリック IP を割り当てます (network_interfaces.associate_public_ip_address)。", [a]), sprintf("Launch template %s in the mynumber zone assigns public IPs (network_interfaces.associate_public_ip_address).", [a])) if {
	some a in no_public_scope
	lib.type_of(a) == "aws_launch_template"
	some ni in lib.blocks(lib.get(a, "network_interfaces"))
	lib.is_true(object.get(ni, "associate_public_ip_address", null))
}

no_public_violation contains lib.violation(a, sprintf("マイナンバー利用事務系に Elastic IP (パブリック IP) %s があります。", [a]), sprintf("Elastic IP (a public IP) %s is in the mynumber zone.", [a])) if {
	some a in no_public_scope
	lib.type_of(a) == "aws_eip"
}

no_public_violation contains lib.violation(a, sprintf("マイナンバー利用事務系のロードバランサ %s がインターネット向け (internal = false) です。", [a]), sprintf("Load balancer %s in the mynumber zone is internet-facing (internal = false).", [a])) if {
	some a in no_public_scope
	a in net.public_lbs
}

no_public_unverified contains a if {
	some a in no_public_scope
	lib.type_of(a) in net.lb_types
	net.scheme(a) == "unknown"
}

findings contains lib.finding(no_public, v) if some v in no_public_violation

checked[no_public.id] := sort(no_public_scope)

unverified[no_public.id] := sort(no_public_unverified)

# ---------------------------------------------------------------- ART29-MFA

# METADATA
# title: マイナンバー利用事務系の利用者は多要素認証を使う
# description: >-
#   マイナンバー利用事務系では二つ以上の認証手段を併用する(多要素認証)。人が引き受けるロールは信頼ポリシーで
#   MFA を必須とし、コンソールパスワードを持つ IAM ユーザーは作らない。ガバメントクラウドでは IAM ユーザーを使わない。
# custom:
#   id: ART29-MFA
#   title_en: Roles people assume in the mynumber zone require MFA; no IAM users with console passwords
#   article: 第29条第3項, 第66条第7項
#   article_text: |-
#     【第29条第3項】情報システム・セキュリティ管理者は、情報システムが正規の利用者かどうかを判断する認証手段のうち、二つ以上を併用する認証（多要素認証）を用いなければならない。
#     【第66条第7項】情報システム・セキュリティ管理者は、内部のネットワーク又は情報システムに対するインターネットを介した外部からのアクセスを原則として禁止しなければならない。
#   severity: critical
#   remediation: >-
#     人が引き受けるロールの信頼ポリシーに Condition Bool aws:MultiFactorAuthPresent = true を入れてください (OperatorRole が入れます)。マイナンバー利用事務系ではコンソールパスワードを持つ IAM ユーザーを作らず、ガバメントクラウドでは IAM ユーザー自体を作らないでください。
#   remediation_en: >-
#     Require Bool aws:MultiFactorAuthPresent = true in the trust policy of roles people assume (OperatorRole does). Create no IAM users with console passwords in the mynumber zone, and no IAM users at all on Government Cloud.
#   zones: [mynumber]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Multi-factor authentication is required: roles people assume in the mynumber zone demand
#     aws:MultiFactorAuthPresent, there are no IAM users with console passwords, and on Government Cloud
#     (platform gcas) no IAM users at all.
mfa := rego.metadata.rule().custom

mfa_scope contains r if some r in human_roles

mfa_scope contains p if {
	some p in lib.live("aws_iam_user_login_profile")
	lib.zone(p) == "mynumber"
}

mfa_scope contains u if {
	lib.platform == "gcas"
	some u in lib.live("aws_iam_user")
}

# Roles of the mynumber zone that AWS principals (people) assume; a role tagged
# sanso:principal with another value than "human" is a workload role.
human_roles contains r if {
	some r in lib.live("aws_iam_role")
	lib.zone(r) == "mynumber"
	not workload_role(r)
	trusts_aws_principals(r)
}

workload_role(r) if {
	v := lib.tag(r, lib.tag_keys.principal_kind)
	is_string(v)
	lower(v) != "human"
}

trusts_aws_principals(r) if {
	some s in iam.doc(r, "assume_role_policy").statements
	assume_statement(s)
}

trusts_aws_principals(r) if not iam.doc(r, "assume_role_policy").known

assume_statement(s) if {
	iam.allows(s)
	count(iam.aws_principals(s)) > 0
	some a in iam.actions(s)
	a in {"sts:assumerole", "sts:*", "*", "sts:assumerole*"}
}

mfa_violation contains lib.violation(r, sprintf("マイナンバー利用事務系のロール %s は多要素認証なしで引き受けられます (信頼ポリシーに Bool aws:MultiFactorAuthPresent = true の条件がありません。BoolIfExists や Null は長期のアクセスキーを通します)。", [r]), sprintf("Role %s of the mynumber zone can be assumed without MFA (its trust policy does not require Bool aws:MultiFactorAuthPresent = true; BoolIfExists and Null let long-term access keys through).", [r])) if {
	some r in human_roles
	statements := iam.doc(r, "assume_role_policy").statements
	some s in statements
	assume_statement(s)
	not iam.requires_mfa(s)
	not mfa_denied_without(statements)
}

# A Deny in the trust policy that refuses sts:AssumeRole to every request without MFA.
mfa_denied_without(statements) if {
	some d in statements
	iam.denies_without_mfa(d)
	iam.anyone(d)
	some a in iam.actions(d)
	a in {"sts:assumerole", "sts:*", "*", "sts:assumerole*"}
}

mfa_violation contains lib.violation(p, sprintf("マイナンバー利用事務系に IAM ユーザーのコンソールパスワード %s があります。", [p]), sprintf("IAM user console password %s is in the mynumber zone.", [p])) if {
	some p in mfa_scope
	lib.type_of(p) == "aws_iam_user_login_profile"
}

mfa_violation contains lib.violation(u, sprintf("ガバメントクラウド (platform: gcas) で IAM ユーザー %s を作っています。利用者は多要素認証付きのロールで操作してください。", [u]), sprintf("IAM user %s is created on Government Cloud (platform: gcas); people use MFA-protected roles there.", [u])) if {
	some u in mfa_scope
	lib.type_of(u) == "aws_iam_user"
}

mfa_unverified contains r if {
	some r in human_roles
	not iam.doc(r, "assume_role_policy").known
}

findings contains lib.finding(mfa, v) if some v in mfa_violation

checked[mfa.id] := sort(mfa_scope)

unverified[mfa.id] := sort(mfa_unverified)

# ---------------------------------------------------------------- ART29-NO-EXPORT

# METADATA
# title: マイナンバー利用事務系の端末から情報を持ち出せないようにする
# description: >-
#   USB メモリ等の電磁的記録媒体による情報の持ち出しができないように設定し、記録媒体を使用しない。仮想デスクトップ
#   (AppStream、WorkSpaces Secure Browser) はクリップボード、ダウンロード・アップロード、ローカル印刷を無効にし、
#   ストレージコネクタを持たない。USB リダイレクトはイメージ側の設定で IaC では表せない。
# custom:
#   id: ART29-NO-EXPORT
#   title_en: MyNumber virtual desktops forbid copy-out, download, upload, printing and storage redirection
#   article: 第29条第4項, 第35条第2項
#   article_text: |-
#     【第29条第4項】情報システム・セキュリティ管理者は、USB メモリ等の電磁的記録媒体による端末からの情報持ち出しができないように設定しなければならない。
#     【第35条第2項】なお、管理台帳に記載されている記録媒体であっても、マイナンバー利用事務系のコンピュータ及び LGWAN 接続系のコンピュータでは使用してはならない。
#   severity: high
#   remediation: >-
#     マイナンバー利用事務系の仮想デスクトップでは、クリップボード (両方向)、ファイルのダウンロード・アップロード、ローカル印刷を DISABLED にし、ストレージコネクタを付けないでください (SecureDesktop)。
#   remediation_en: >-
#     On mynumber virtual desktops set clipboard (both directions), file download and upload and local printing to DISABLED and attach no storage connectors (SecureDesktop).
#   zones: [mynumber]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Terminals of the mynumber zone cannot take data out: virtual desktops disable clipboard, file
#     transfer and local printing and have no storage connectors. USB redirection is an image setting,
#     outside IaC.
no_export := rego.metadata.rule().custom

export_actions := [
	"CLIPBOARD_COPY_TO_LOCAL_DEVICE",
	"CLIPBOARD_COPY_FROM_LOCAL_DEVICE",
	"FILE_DOWNLOAD",
	"FILE_UPLOAD",
	"PRINTING_TO_LOCAL_DEVICE",
]

web_settings := ["copy_allowed", "paste_allowed", "download_allowed", "upload_allowed", "print_allowed"]

no_export_scope contains a if {
	some t in ["aws_appstream_stack", "aws_workspacesweb_user_settings"]
	some a in lib.live(t)
	lib.zone(a) == "mynumber"
}

no_export_violation contains lib.violation(s, sprintf("マイナンバー利用事務系の AppStream スタック %s で持ち出しが可能です: %s が DISABLED になっていません (未指定は ENABLED)。", [s, concat(", ", open)]), sprintf("AppStream stack %s in the mynumber zone allows data out: %s not DISABLED (unset means ENABLED).", [s, concat(", ", open)])) if {
	some s in no_export_scope
	lib.type_of(s) == "aws_appstream_stack"
	open := [a | some a in export_actions; not disabled(s, a)]
	count(open) > 0
}

no_export_violation contains lib.violation(s, sprintf("マイナンバー利用事務系の AppStream スタック %s にストレージコネクタ (%s) があります。", [s, concat(", ", kinds)]), sprintf("AppStream stack %s in the mynumber zone has storage connectors (%s).", [s, concat(", ", kinds)])) if {
	some s in no_export_scope
	lib.type_of(s) == "aws_appstream_stack"
	kinds := [lib.str(object.get(c, "connector_type", null)) | some c in lib.blocks(lib.get(s, "storage_connectors"))]
	count(kinds) > 0
}

no_export_violation contains lib.violation(s, sprintf("マイナンバー利用事務系の WorkSpaces Secure Browser 設定 %s で %s が Disabled になっていません。", [s, concat(", ", open)]), sprintf("WorkSpaces Secure Browser settings %s in the mynumber zone do not disable %s.", [s, concat(", ", open)])) if {
	some s in no_export_scope
	lib.type_of(s) == "aws_workspacesweb_user_settings"
	open := [k | some k in web_settings; lib.get(s, k) != "Disabled"]
	count(open) > 0
}

disabled(s, action) if {
	some u in lib.blocks(lib.get(s, "user_settings"))
	object.get(u, "action", "") == action
	object.get(u, "permission", "") == "DISABLED"
}

findings contains lib.finding(no_export, v) if some v in no_export_violation

checked[no_export.id] := sort(no_export_scope)

# ---------------------------------------------------------------- ART29-DEDICATED-LINE

# METADATA
# title: マイナンバー利用事務系・LGWAN 接続系は専用回線で接続する
# description: >-
#   ガバメントクラウド上のマイナンバー利用事務系の領域は専用回線で接続し、クラウド上の LGWAN 接続系も専用回線を
#   用いる。インターネットを経由するサイト間 VPN や Client VPN は専用回線ではない。
# custom:
#   id: ART29-DEDICATED-LINE
#   title_en: MyNumber and LGWAN VPCs reach the premises only by dedicated line
#   article: 第29条第5項, 第30条第3項
#   article_text: |-
#     【第29条第5項】情報システム・セキュリティ管理者は、マイナンバー利用事務系の端末・サーバ等と専用回線により接続されるガバメントクラウド上の情報システムの領域については、マイナンバー利用事務系として扱い、本市の他の領域とはネットワークを分離しなければならない。
#     【第30条第3項】情報システム・セキュリティ管理者は、LGWAN 接続系の情報システムをクラウドサービス上へ配置する場合は、その領域を LGWAN 接続系として扱い、マイナンバー利用事務系とネットワークを分離し、専用回線を用いて接続しなければならない。
#   severity: critical
#   remediation: >-
#     マイナンバー利用事務系・LGWAN 接続系は Direct Connect (DedicatedLine) だけで庁舎とつないでください。インターネット経由のサイト間 VPN や Client VPN は使わないでください (Direct Connect 上のプライベート IP VPN は可)。
#   remediation_en: >-
#     Connect mynumber and lgwan zones to the premises only by Direct Connect (DedicatedLine); no site-to-site VPN over the internet and no Client VPN (a private-IP VPN over Direct Connect is fine).
#   zones: [mynumber, lgwan]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The Government Cloud part of the mynumber zone and cloud-hosted LGWAN systems connect by dedicated
#     line; a site-to-site VPN over the internet or a Client VPN is not one.
dedicated := rego.metadata.rule().custom

line_zones := {"mynumber", "lgwan"}

dedicated_scope contains a if {
	some t in ["aws_vpc", "aws_vpn_connection", "aws_ec2_client_vpn_endpoint"]
	some a in lib.live(t)
	lib.zone(a) in line_zones
}

dedicated_violation contains lib.violation(a, sprintf("%s の %s はインターネット経由のサイト間 VPN です。専用回線 (Direct Connect) ではありません。", [lib.zone_label(lib.zone(a)), a]), sprintf("%s in the %s zone is a site-to-site VPN over the internet, not a dedicated line (Direct Connect).", [a, lib.zone(a)])) if {
	some a in dedicated_scope
	lib.type_of(a) == "aws_vpn_connection"
	lib.get(a, "outside_ip_address_type") != "PrivateIpv4"
}

dedicated_violation contains lib.violation(a, sprintf("%s に Client VPN エンドポイント %s があります: インターネット経由の接続です。", [lib.zone_label(lib.zone(a)), a]), sprintf("Client VPN endpoint %s in the %s zone is a connection over the internet.", [a, lib.zone(a)])) if {
	some a in dedicated_scope
	lib.type_of(a) == "aws_ec2_client_vpn_endpoint"
}

findings contains lib.finding(dedicated, v) if some v in dedicated_violation

checked[dedicated.id] := sort(dedicated_scope)
