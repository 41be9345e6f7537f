# 第32条 サーバ等の管理, 第34条第8項: redundancy of class I-II services and of dedicated lines.
package sanso.articles.art32

import rego.v1

import data.sanso.lib
import data.sanso.lib.net

# ---------------------------------------------------------------- ART32-REDUNDANT

# METADATA
# title: 重要性分類Ⅰ・Ⅱのサーバを二重化する
# description: >-
#   重要情報を格納するサーバや住民サービスのサーバは二重化し、障害時はセカンダリで速やかに運用を続ける。
#   クラウドでは2つ以上のアベイラビリティゾーンに配置する (RDS multi_az、2台以上のクラスタ、マルチ AZ の
#   ElastiCache、2 AZ 以上のサブネットと Auto Scaling グループ)。
# custom:
#   id: ART32-REDUNDANT
#   title_en: Class I-II databases and services run in at least two availability zones
#   article: 第32条第2項・第3項
#   article_text: |-
#     【第32条第2項】情報システム・セキュリティ管理者は、重要情報を格納しているサーバ、セキュリティサーバ、住民サービスに関するサーバ及びその他の基幹サーバが安全に稼働できるよう、必要に応じてサーバの二重化等の措置を講じなければならない。
#     【第32条第3項】情報システム・セキュリティ管理者は、メインサーバに障害が発生した場合に、速やかにセカンダリサーバを起動し、システムの運用停止時間を最小限にしなければならない。
#   severity: medium
#   remediation: >-
#     重要性分類Ⅰ・Ⅱのサービスは2つ以上のアベイラビリティゾーンで動かしてください: RDS は multi_az、Aurora 等のクラスタは2台以上のインスタンス、ElastiCache は自動フェイルオーバー/マルチ AZ、サブネットと Auto Scaling グループは2つ以上の AZ。
#   remediation_en: >-
#     Run class I-II services in at least two availability zones: RDS multi_az, clusters with two or more instances, ElastiCache automatic failover / multi-AZ, subnets and Auto Scaling groups across two or more AZs.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II]
#   rationale_en: >-
#     Servers holding important information or serving residents are duplicated and fail over quickly:
#     class I-II services run in two or more availability zones (RDS multi_az, clusters of two or more
#     instances, multi-AZ ElastiCache, subnets and Auto Scaling groups across AZs).
redundant := rego.metadata.rule().custom

redundant_types := {
	"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster",
	"aws_elasticache_replication_group", "aws_efs_file_system", "aws_autoscaling_group", "aws_vpc",
}

redundant_scope contains a if {
	some t in redundant_types
	some a in lib.live(t)
	lib.class_ii_plus(a)
	not replica(a)
	not subnetless_vpc(a)
}

replica(a) if {
	lib.type_of(a) == "aws_db_instance"
	lib.present(a, "replicate_source_db")
}

subnetless_vpc(a) if {
	lib.type_of(a) == "aws_vpc"
	count(net.subnets(a)) == 0
}

redundant_violation contains lib.violation(a, sprintf("重要性分類%sの DB インスタンス %s がシングル AZ です (multi_az = %s)。", [lib.classification(a), a, lib.str(lib.get(a, "multi_az"))]), sprintf("Class %s DB instance %s runs in a single AZ (multi_az = %s).", [lib.classification(a), a, lib.str(lib.get(a, "multi_az"))])) if {
	some a in redundant_scope
	lib.type_of(a) == "aws_db_instance"
	not lib.is_true(lib.get(a, "multi_az"))
	not lib.unknown(a, "multi_az")
}

cluster_instance_types := {
	"aws_rds_cluster": "aws_rds_cluster_instance",
	"aws_docdb_cluster": "aws_docdb_cluster_instance",
	"aws_neptune_cluster": "aws_neptune_cluster_instance",
}

redundant_violation contains lib.violation(a, sprintf("重要性分類%sのクラスタ %s のインスタンスが %d 台です (2台以上を別の AZ に)。", [lib.classification(a), a, n]), sprintf("Class %s cluster %s has %d instance(s) (two or more, in different AZs).", [lib.classification(a), a, n])) if {
	some a in redundant_scope
	it := cluster_instance_types[lib.type_of(a)]
	not lib.get(a, "engine_mode") == "serverless"
	not lib.present(a, "db_cluster_instance_class")
	n := count([i | some i in lib.related(a, it); lib.refers(i, "cluster_identifier", a)])
	n < 2
}

redundant_violation contains lib.violation(a, sprintf("重要性分類%sの ElastiCache %s に自動フェイルオーバー/マルチ AZ がありません。", [lib.classification(a), a]), sprintf("Class %s ElastiCache %s has no automatic failover / multi-AZ.", [lib.classification(a), a])) if {
	some a in redundant_scope
	lib.type_of(a) == "aws_elasticache_replication_group"
	lib.flag(a, "multi_az_enabled") in {"false", "unset"}
	lib.flag(a, "automatic_failover_enabled") in {"false", "unset"}
}

redundant_violation contains lib.violation(a, sprintf("重要性分類%sの EFS %s は1つの AZ だけに保存する One Zone です (%s)。", [lib.classification(a), a, lib.str(lib.get(a, "availability_zone_name"))]), sprintf("Class %s EFS %s is One Zone storage (%s).", [lib.classification(a), a, lib.str(lib.get(a, "availability_zone_name"))])) if {
	some a in redundant_scope
	lib.type_of(a) == "aws_efs_file_system"
	lib.present(a, "availability_zone_name")
}

redundant_violation contains lib.violation(v, sprintf("重要性分類%sの VPC %s のサブネットが %s の1つの AZ にしかありません。", [lib.classification(v), v, concat(", ", azs)]), sprintf("The subnets of class %s VPC %s are in one AZ only (%s).", [lib.classification(v), v, concat(", ", azs)])) if {
	some v in redundant_scope
	lib.type_of(v) == "aws_vpc"
	azs := vpc_azs(v)
	count(azs) < 2
	not vpc_az_unknown(v)
	count(vpc_az_unset(v)) == 0
}

# A subnet that names no AZ gets one AWS picks: nothing in the configuration puts the subnets in two.
redundant_violation contains lib.violation(v, sprintf("重要性分類%sの VPC %s のサブネット %s は AZ を指定していないため、AWS が選ぶ AZ に置かれ、2つ以上の AZ に分かれる保証がありません (指定済み: %s)。", [lib.classification(v), v, concat(", ", sort(unset)), concat(", ", azs)]), sprintf("Subnets %s of class %s VPC %s name no availability zone, so AWS picks one and nothing ensures two or more AZs (named: %s).", [concat(", ", sort(unset)), lib.classification(v), v, concat(", ", azs)])) if {
	some v in redundant_scope
	lib.type_of(v) == "aws_vpc"
	azs := vpc_azs(v)
	count(azs) < 2
	not vpc_az_unknown(v)
	unset := vpc_az_unset(v)
	count(unset) > 0
}

redundant_violation contains lib.violation(g, sprintf("重要性分類%sの Auto Scaling グループ %s が1つの AZ (またはサブネット) にしか配置されません。", [lib.classification(g), g]), sprintf("Class %s Auto Scaling group %s spans one AZ (or subnet) only.", [lib.classification(g), g])) if {
	some g in redundant_scope
	lib.type_of(g) == "aws_autoscaling_group"
	asg_spread(g) < 2
}

redundant_unverified contains a if {
	some a in redundant_scope
	lib.type_of(a) == "aws_elasticache_replication_group"
	some f in ["multi_az_enabled", "automatic_failover_enabled"]
	lib.flag(a, f) == "unknown"
	not lib.flag(a, "multi_az_enabled") == "true"
	not lib.flag(a, "automatic_failover_enabled") == "true"
}

redundant_unverified contains a if {
	some a in redundant_scope
	lib.type_of(a) == "aws_db_instance"
	lib.unknown(a, "multi_az")
}

redundant_unverified contains v if {
	some v in redundant_scope
	lib.type_of(v) == "aws_vpc"
	count(vpc_azs(v)) < 2
	vpc_az_unknown(v)
}

az(s) := z if {
	some f in ["availability_zone", "availability_zone_id"]
	z := lib.get(s, f)
	is_string(z)
	not contains(z, "${")
}

vpc_azs(v) := {z | some s in net.subnets(v); z := az(s)}

# A subnet whose AZ the configuration sets from something only known after apply.
vpc_az_unknown(v) if {
	subnets := net.subnets(v)
	count(subnets) > 1
	some s in subnets
	not az(s)
	az_open(s)
}

az_fields := ["availability_zone", "availability_zone_id"]

az_open(s) if {
	some f in az_fields
	lib.unknown(s, f)
}

az_open(s) if {
	some f in az_fields
	count(lib.refs(s, f)) > 0
}

az_open(s) if {
	some f in az_fields
	v := lib.get(s, f)
	is_string(v)
	contains(v, "${")
}

# Subnets that name no AZ at all (AWS picks one).
vpc_az_unset(v) := {s |
	some s in net.subnets(v)
	not az(s)
	not az_open(s)
}

asg_spread(g) := n if {
	subnets := lib.refs(g, "vpc_zone_identifier")
	count(subnets) > 0
	n := count({z | some s in subnets; z := az(s)} | {s | some s in subnets; not az(s)})
} else := n if {
	n := count(lib.as_list(lib.get(g, "vpc_zone_identifier")))
	n > 0
} else := count(lib.as_list(lib.get(g, "availability_zones")))

findings contains lib.finding(redundant, v) if some v in redundant_violation

checked[redundant.id] := sort(redundant_scope)

unverified[redundant.id] := sort(redundant_unverified)

# ---------------------------------------------------------------- ART34-LINE-REDUNDANT

# METADATA
# title: 専用回線を冗長化する
# description: >-
#   重要性分類Ⅱ以上の情報を扱うシステムの回線は継続的な運用ができるものを選び、必要に応じて冗長構成にする。
#   マイナンバー利用事務系・LGWAN 接続系の専用回線 (Direct Connect) は、別々の接続・ロケーションに2本以上の
#   仮想インターフェースを持つ。
# custom:
#   id: ART34-LINE-REDUNDANT
#   title_en: A zone's dedicated line is redundant (two virtual interfaces on separate connections)
#   article: 第34条第8項
#   article_text: |-
#     【第34条第8項】情報システム・セキュリティ管理者又は、情報セキュリティ管理者は、重要性分類の区分Ⅱ以上の情報を取り扱う情報システムが接続される通信回線について、継続的な運用を可能とする回線を選択しなければならない。また、必要に応じ、回線を冗長構成にする等の措置を講じなければならない。
#   severity: medium
#   remediation: >-
#     専用回線は別々の Direct Connect 接続・ロケーションに2つ以上の仮想インターフェースを持たせてください (DedicatedLine の connections に2拠点)。
#   remediation_en: >-
#     Give the dedicated line two or more virtual interfaces on separate Direct Connect connections and locations (two entries in DedicatedLine connections).
#   zones: [mynumber, lgwan]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Lines serving class II+ systems support continuous operation and are made redundant: a zone's
#     Direct Connect line has two or more virtual interfaces on separate connections and locations.
line := rego.metadata.rule().custom

vif_types := [
	"aws_dx_private_virtual_interface",
	"aws_dx_transit_virtual_interface",
	"aws_dx_hosted_private_virtual_interface_accepter",
	"aws_dx_hosted_transit_virtual_interface_accepter",
]

# Dedicated lines: Direct Connect gateways, and virtual private gateways with virtual
# interfaces attached directly, of the mynumber and lgwan zones.
line_scope contains g if {
	some g in lib.live_all(["aws_dx_gateway", "aws_vpn_gateway"])
	lib.zone(g) in {"mynumber", "lgwan"}
	count(vifs(g)) > 0
}

vifs(g) := {x |
	some t in vif_types
	some x in lib.related(g, t)
	some f in ["dx_gateway_id", "vpn_gateway_id"]
	lib.refers(x, f, g)
}

connection(x) := c if {
	some c in lib.refs(x, "connection_id")
} else := c if {
	c := lib.literal_string(x, "connection_id")
} else := x

location(x) := l if {
	l := lib.tag(x, lib.tag_keys.dx_location)
	is_string(l)
} else := l if {
	some c in lib.refs(x, "connection_id")
	l := lib.get(c, "location")
	is_string(l)
}

line_violation contains lib.violation(g, sprintf("%s の専用回線 %s に冗長性がありません (仮想インターフェース %d 本、接続 %d 本、ロケーション %d か所)。", [lib.zone_label(lib.zone(g)), g, count(vs), count(conns), count(locs)]), sprintf("The dedicated line %s of the %s zone has no redundancy (%d virtual interface(s), %d connection(s), %d location(s)).", [g, lib.zone(g), count(vs), count(conns), count(locs)])) if {
	some g in line_scope
	vs := vifs(g)
	conns := {connection(x) | some x in vs}
	locs := {location(x) | some x in vs}
	not redundant_line(vs, conns, locs)
}

redundant_line(vs, conns, locs) if {
	count(vs) >= 2
	count(conns) >= 2
	not one_known_location(vs, locs)
}

# Every virtual interface names its location, and they all name the same one.
one_known_location(vs, locs) if {
	count(locs) == 1
	every x in vs {
		location(x)
	}
}

findings contains lib.finding(line, v) if some v in line_violation

checked[line.id] := sort(line_scope)
