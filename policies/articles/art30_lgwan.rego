# 第30条 LGWAN 接続系: LGWAN VPCs have no internet path and no network path to the internet or
# mynumber zones.
package sanso.articles.art30

import rego.v1

import data.sanso.lib
import data.sanso.lib.net

# METADATA
# title: LGWAN 接続系をインターネット接続系・マイナンバー利用事務系と分離する
# description: >-
#   LGWAN 接続系とインターネット接続系は通信環境を分離し、クラウド上の LGWAN 接続系はマイナンバー利用事務系とも
#   ネットワークを分離する。LGWAN の VPC はインターネットへの経路を持たず、他の区分の VPC とピアリング・
#   Transit Gateway でつながらない。
# custom:
#   id: ART30-SEPARATED
#   title_en: LGWAN VPCs have no internet path and no route to internet or mynumber VPCs
#   article: 第30条第1項・第3項
#   article_text: |-
#     【第30条第1項】情報システム・セキュリティ管理者は、LGWAN 接続系とインターネット接続系は両環境間の通信環境を分離した上で、必要な通信だけを許可できるようにしなければならない。
#     【第30条第3項】情報システム・セキュリティ管理者は、LGWAN 接続系の情報システムをクラウドサービス上へ配置する場合は、その領域を LGWAN 接続系として扱い、マイナンバー利用事務系とネットワークを分離し、専用回線を用いて接続しなければならない。
#   severity: critical
#   remediation: >-
#     LGWAN 接続系の VPC からインターネット・NAT・Egress-only ゲートウェイを外し、インターネット接続系・マイナンバー利用事務系の VPC とのピアリングや Transit Gateway をやめてください。インターネット接続系からの取り込みは ZoneTransfer (無害化を前提とした一方向の受け渡し) で行ってください。
#   remediation_en: >-
#     Remove internet, NAT and egress-only gateways from LGWAN VPCs and stop peering or transit gateways with internet or mynumber VPCs; take data in from the internet zone through ZoneTransfer (a one-way hand-over for sanitised data).
#   zones: [lgwan]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The LGWAN zone is separated from the internet zone and, in the cloud, from the mynumber zone: its
#     VPCs have no internet path and no peering or transit gateway shared with VPCs of other zones.
separated := rego.metadata.rule().custom

scope contains v if {
	some v in net.vpcs
	lib.zone(v) == "lgwan"
}

scope contains es if {
	some es in lib.live("aws_vpc_endpoint_service")
	lib.zone(es) == "lgwan"
}

violation contains b if {
	some v in scope
	lib.type_of(v) == "aws_vpc"
	some b in net.breaches(v, "lgwan")
}

violation contains b if some b in net.endpoint_service_breaches("lgwan")

findings contains lib.finding(separated, v) if some v in violation

checked[separated.id] := sort(scope)
