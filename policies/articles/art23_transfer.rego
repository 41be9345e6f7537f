# 第23条〜第25条 情報の送信・運搬・提供・公表: class II+ data is not exposed and moves over TLS;
# published (class IV) content keeps its integrity.
package sanso.articles.art23

import rego.v1

import data.sanso.lib
import data.sanso.lib.iam
import data.sanso.lib.net
import data.sanso.lib.s3

# ---------------------------------------------------------------- ART23-NOT-PUBLIC

# METADATA
# title: 重要性分類Ⅱ以上のデータストアをインターネットに公開しない
# description: >-
#   重要性分類Ⅱ以上の情報資産はインターネットを通じて送信・提供しない。S3 はパブリックアクセスブロックを
#   すべて有効にし、公開ポリシー・公開 ACL を持たない。RDS・Redshift は publicly_accessible でなく、
#   OpenSearch は VPC 内に置く。
# custom:
#   id: ART23-NOT-PUBLIC
#   title_en: Class II+ data stores are not reachable from the internet
#   article: 第23条, 第25条
#   article_text: |-
#     【第23条】電子メール等により、インターネットを通じて重要性分類の区分Ⅱ以上に該当する情報資産を送信してはならない。
#     【第25条】重要性分類の区分Ⅱ以上の情報資産を外部に提供する者は、必要に応じパスワード等による暗号化を行わなければならない。
#   severity: critical
#   remediation: >-
#     S3 はパブリックアクセスブロックの4項目をすべて有効にし、公開のバケットポリシーや ACL を外してください。RDS・Redshift は publicly_accessible = false、OpenSearch は VPC 内に配置してください。
#   remediation_en: >-
#     Turn on all four S3 public access block settings and remove public bucket policies and ACLs; set publicly_accessible = false on RDS and Redshift; place OpenSearch domains in a VPC.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II]
#   rationale_en: >-
#     Class II+ assets are not sent or provided over the internet: S3 buckets block public access and
#     carry no public policy or ACL, RDS and Redshift are not publicly accessible, OpenSearch sits in a VPC.
not_public := rego.metadata.rule().custom

exposable_types := {"aws_s3_bucket", "aws_db_instance", "aws_rds_cluster_instance", "aws_opensearch_domain", "aws_elasticsearch_domain", "aws_redshift_cluster"}

not_public_scope contains a if {
	some t in exposable_types
	some a in lib.live(t)
	lib.class_ii_plus(a)
}

not_public_violation contains lib.violation(b, sprintf("重要性分類%sのバケット %s のパブリックアクセスブロックが有効になっていません (%s)。", [lib.classification(b), b, pab_state(b).ja]), sprintf("Class %s bucket %s does not have all four public access block settings on (%s).", [lib.classification(b), b, pab_state(b).en])) if {
	some b in not_public_scope
	lib.type_of(b) == "aws_s3_bucket"
	not s3.pab_full(b)
}

not_public_violation contains lib.violation(src.res, sprintf("重要性分類%sのバケット %s のポリシーが誰にでも (Principal \"*\") アクセスを許可しています (%s)。", [lib.classification(b), b, sid(s)]), sprintf("The policy of class %s bucket %s allows access to anyone (Principal \"*\") (%s).", [lib.classification(b), b, sid_en(s)])) if {
	some b in not_public_scope
	lib.type_of(b) == "aws_s3_bucket"
	some src in s3.policy_sources(b)
	some s in iam.doc(src.res, src.attr).statements
	iam.public_allow(s)
}

not_public_violation contains lib.violation(p, sprintf("重要性分類%sのバケット %s に公開 ACL が設定されています。", [lib.classification(b), b]), sprintf("Class %s bucket %s has a public ACL.", [lib.classification(b), b])) if {
	some b in not_public_scope
	lib.type_of(b) == "aws_s3_bucket"
	some p in s3.public_acl_sources(b)
}

not_public_violation contains lib.violation(a, sprintf("重要性分類%sの %s がインターネットから到達可能です (publicly_accessible = true)。", [lib.classification(a), a]), sprintf("Class %s %s is reachable from the internet (publicly_accessible = true).", [lib.classification(a), a])) if {
	some a in not_public_scope
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster"}
	lib.flag(a, "publicly_accessible") == "true"
}

not_public_unverified contains a if {
	some a in not_public_scope
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster"}
	lib.flag(a, "publicly_accessible") == "unknown"
}

not_public_violation contains lib.violation(a, sprintf("重要性分類%sの %s が VPC の外 (公開エンドポイント) にあります。", [lib.classification(a), a]), sprintf("Class %s domain %s has a public endpoint (no vpc_options).", [lib.classification(a), a])) if {
	some a in not_public_scope
	lib.type_of(a) in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	not in_vpc(a)
}

not_public_unverified contains b if {
	some b in not_public_scope
	lib.type_of(b) == "aws_s3_bucket"
	not s3.pab_blocks_policy(b)
	some src in s3.policy_sources(b)
	not iam.doc(src.res, src.attr).known
}

in_vpc(a) if {
	some vo in lib.blocks(lib.get(a, "vpc_options"))
	count(lib.as_list(object.get(vo, "subnet_ids", null))) > 0
}

in_vpc(a) if count(lib.refs_under(a, "vpc_options")) > 0

sid(s) := sprintf("Sid %s", [s.Sid]) if {
	is_string(s.Sid)
	s.Sid != ""
} else := "Sid なし"

sid_en(s) := sprintf("Sid %s", [s.Sid]) if {
	is_string(s.Sid)
	s.Sid != ""
} else := "no Sid"

pab_state(b) := {"ja": "パブリックアクセスブロックなし", "en": "no public access block"} if {
	count(s3.parts(b, "aws_s3_bucket_public_access_block")) == 0
} else := {"ja": off, "en": off} if {
	off := concat(", ", [sprintf("%s = %s", [k, lib.str(lib.get(p, k))]) |
		some p in s3.parts(b, "aws_s3_bucket_public_access_block")
		some k in s3.pab_keys
		lib.get(p, k) != true
	])
}

findings contains lib.finding(not_public, v) if some v in not_public_violation

checked[not_public.id] := sort(not_public_scope)

unverified[not_public.id] := sort(not_public_unverified)

# ---------------------------------------------------------------- ART24-TLS-ONLY

# METADATA
# title: 重要性分類Ⅱ以上のデータは TLS でだけ通信する
# description: >-
#   重要性分類Ⅱ以上の情報を運搬・提供・送受信するときは暗号化する。S3 はバケットポリシーで平文の要求を拒否し、
#   ロードバランサのリスナーは HTTPS/TLS (HTTP は HTTPS へのリダイレクトのみ)、データベースは TLS を強制し、
#   ElastiCache・OpenSearch は通信を暗号化する。
# custom:
#   id: ART24-TLS-ONLY
#   title_en: Class II+ data moves only over TLS
#   article: 第24条, 第25条第1項, 第34条第6項・第7項
#   article_text: |-
#     【第24条】車両等により重要性分類の区分Ⅱ以上の情報資産を運搬する者は、必要に応じ鍵付きのケース等に格納し、パスワード等による暗号化を行う等、情報資産の不正利用を防止するための措置を講じなければならない。
#     【第25条第1項】重要性分類の区分Ⅱ以上の情報資産を外部に提供する者は、必要に応じパスワード等による暗号化を行わなければならない。
#     【第34条第6項】情報システム・セキュリティ管理者は、重要性分類の区分Ⅱ以上の情報資産を取り扱う情報システムに通信回線を接続する場合、必要な情報セキュリティ水準を検討の上、適正な回線を選択しなければならない。また、必要に応じ、送受信される情報の暗号化を行わなければならない。
#     【第34条第7項】情報システム・セキュリティ管理者は、ネットワークに使用する回線について、伝送途上に情報が破壊、盗聴、改ざん、消去等が生じないように十分なセキュリティ対策を講じなければならない。
#   severity: high
#   remediation: >-
#     S3 はバケットポリシーで aws:SecureTransport = false を拒否し、リスナーは HTTPS/TLS (HTTP は HTTPS へのリダイレクトのみ) にしてください。RDS はパラメータグループで rds.force_ssl = 1 / require_secure_transport = ON、ElastiCache は transit_encryption_enabled、OpenSearch は enforce_https を有効にしてください。
#   remediation_en: >-
#     Deny aws:SecureTransport = false in the bucket policy; make listeners HTTPS/TLS (HTTP only redirecting to HTTPS); force TLS on databases (rds.force_ssl = 1 / require_secure_transport = ON); enable ElastiCache transit_encryption_enabled and OpenSearch enforce_https.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II]
#   rationale_en: >-
#     Class II+ information is encrypted whenever it is carried, provided or transmitted: buckets deny
#     requests without TLS, listeners are HTTPS/TLS (HTTP only redirects), databases force TLS, caches and
#     search domains encrypt in transit. Listeners not tagged class III/IV are assumed to carry class II+ data.
tls_only := rego.metadata.rule().custom

tls_scope contains a if {
	some t in {"aws_s3_bucket", "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_elasticache_replication_group", "aws_opensearch_domain", "aws_elasticsearch_domain"}
	some a in lib.live(t)
	lib.class_ii_plus(a)
}

# Listeners carry class II+ data unless the listener or its load balancer is tagged class III or
# IV (a class inferred from related resources, such as the access-log bucket, does not count).
tls_scope contains l if {
	some l in listeners
	not tagged_public(l)
	not some_lb_tagged_public(l)
}

tls_scope contains lb if {
	some lb in lib.live("aws_elb")
	not tagged_public(lb)
}

tagged_public(a) if {
	input.resources[a].classification_source == "tag"
	lib.class_in(a, {"III", "IV"})
}

some_lb_tagged_public(l) if {
	some lb in lib.refs(l, "load_balancer_arn")
	tagged_public(lb)
}

listeners := lib.live_all(["aws_lb_listener", "aws_alb_listener"])

tls_violation contains lib.violation(b, sprintf("重要性分類%sのバケット %s のポリシーが TLS なしの要求 (aws:SecureTransport = false) を拒否していません。", [lib.classification(b), b]), sprintf("The policy of class %s bucket %s does not deny requests without TLS (aws:SecureTransport = false).", [lib.classification(b), b])) if {
	some b in tls_scope
	lib.type_of(b) == "aws_s3_bucket"
	s3.policy(b).known
	not s3.denies_insecure_transport(b)
}

tls_unverified contains b if {
	some b in tls_scope
	lib.type_of(b) == "aws_s3_bucket"
	not s3.policy(b).known
	not s3.denies_insecure_transport(b)
}

tls_violation contains lib.violation(l, sprintf("リスナー %s が暗号化されていない HTTP で転送しています (HTTPS へのリダイレクトだけではありません)。", [l]), sprintf("Listener %s serves plain HTTP (it does not only redirect to HTTPS).", [l])) if {
	some l in tls_scope
	lib.type_of(l) in {"aws_lb_listener", "aws_alb_listener"}
	listener_protocol(l) == "HTTP"
	not redirect_only(l)
}

tls_violation contains lib.violation(lb, sprintf("Classic Load Balancer %s に HTTP リスナー (ポート %s) があります。", [lb, lib.str(object.get(li, "lb_port", null))]), sprintf("Classic load balancer %s has a plain HTTP listener (port %s).", [lb, lib.str(object.get(li, "lb_port", null))])) if {
	some lb in tls_scope
	lib.type_of(lb) == "aws_elb"
	some li in lib.blocks(lib.get(lb, "listener"))
	lib.up(object.get(li, "lb_protocol", "")) == "HTTP"
}

tls_violation contains lib.violation(d, sprintf("重要性分類%sのデータベース %s は TLS を強制していません (%s)。", [lib.classification(d), d, db_tls_reason(d).ja]), sprintf("Class %s database %s does not force TLS (%s).", [lib.classification(d), d, db_tls_reason(d).en])) if {
	some d in tls_scope
	lib.type_of(d) in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster"}
	db_tls(d) == "no"
}

tls_unverified contains d if {
	some d in tls_scope
	lib.type_of(d) in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster"}
	db_tls(d) == "unknown"
}

tls_violation contains lib.violation(a, sprintf("重要性分類%sの ElastiCache %s は通信を暗号化していません (transit_encryption_enabled)。", [lib.classification(a), a]), sprintf("Class %s ElastiCache %s does not encrypt in transit (transit_encryption_enabled).", [lib.classification(a), a])) if {
	some a in tls_scope
	lib.type_of(a) == "aws_elasticache_replication_group"
	lib.flag(a, "transit_encryption_enabled") in {"false", "unset"}
}

tls_violation contains lib.violation(a, sprintf("重要性分類%sの OpenSearch ドメイン %s は HTTPS を強制していません (domain_endpoint_options.enforce_https)。", [lib.classification(a), a]), sprintf("Class %s OpenSearch domain %s does not enforce HTTPS (domain_endpoint_options.enforce_https).", [lib.classification(a), a])) if {
	some a in tls_scope
	lib.type_of(a) in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	lib.flag(a, "domain_endpoint_options.0.enforce_https") in {"false", "unset"}
}

tls_unverified contains a if {
	some a in tls_scope
	some [t, f] in [["aws_elasticache_replication_group", "transit_encryption_enabled"], ["aws_opensearch_domain", "domain_endpoint_options.0.enforce_https"], ["aws_elasticsearch_domain", "domain_endpoint_options.0.enforce_https"]]
	lib.type_of(a) == t
	lib.flag(a, f) == "unknown"
}

# The listener's protocol; ALB listeners default to HTTP, NLB listeners to TCP.
listener_protocol(l) := upper(p) if {
	p := lib.get(l, "protocol")
	is_string(p)
} else := "HTTP" if {
	some lb in lib.refs(l, "load_balancer_arn")
	net.lb_type(lb) == "application"
} else := "UNKNOWN"

# Every action of the listener (and of its rules) redirects to HTTPS.
redirect_only(l) if {
	actions := array.concat(lib.blocks(lib.get(l, "default_action")), [a |
		some r in lib.related(l, "aws_lb_listener_rule")
		lib.refers(r, "listener_arn", l)
		some a in lib.blocks(lib.get(r, "action"))
	])
	count(actions) > 0
	every a in actions {
		object.get(a, "type", "") == "redirect"
		some rd in lib.blocks(object.get(a, "redirect", null))
		lib.up(object.get(rd, "protocol", "")) == "HTTPS"
	}
}

# Parameters of the database's parameter group in the configuration: name -> value.
db_params(d) := {lib.low(p.name): lib.low(lib.str(p.value)) |
	some f in ["parameter_group_name", "db_cluster_parameter_group_name", "db_cluster_parameter_group_name"]
	some g in lib.refs(d, f)
	some p in lib.blocks(lib.get(g, "parameter"))
}

param_group_named(d) if {
	some f in ["parameter_group_name", "db_cluster_parameter_group_name"]
	lib.present(d, f)
}

engine(d) := lower(e) if {
	e := lib.get(d, "engine")
	is_string(e)
} else := "aurora-mysql" if {
	lib.type_of(d) == "aws_rds_cluster"
} else := ""

major_version(d) := n if {
	v := lib.get(d, "engine_version")
	is_string(v)
	n := lib.num(split(v, ".")[0])
}

on_values := {"1", "on", "true", "enabled"}

# "yes" | "no" | "unknown"
db_tls(d) := "yes" if {
	engine(d) in {"postgres", "aurora-postgresql", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"}
	db_params(d)["rds.force_ssl"] in on_values
} else := "yes" if {
	engine(d) in {"mysql", "mariadb", "aurora-mysql", "aurora"}
	db_params(d).require_secure_transport in on_values
} else := "yes" if {
	# RDS for PostgreSQL 15 and later forces SSL by default (rds.force_ssl = 1).
	engine(d) == "postgres"
	not postgres_before_15(d)
	not db_params(d)["rds.force_ssl"]
} else := "yes" if {
	# DocumentDB enables TLS by default (tls = enabled).
	engine(d) in {"docdb", ""}
	lib.type_of(d) == "aws_docdb_cluster"
	not db_params(d).tls in {"disabled"}
} else := "unknown" if {
	startswith(engine(d), "oracle")
} else := "unknown" if {
	param_group_named(d)
	count(db_params(d)) == 0
	some f in ["parameter_group_name", "db_cluster_parameter_group_name"]
	count(lib.refs(d, f)) == 0
	not default_group_name(d)
} else := "no"

postgres_before_15(d) if major_version(d) < 15

default_group_name(d) if {
	some f in ["parameter_group_name", "db_cluster_parameter_group_name"]
	n := lib.get(d, f)
	is_string(n)
	startswith(n, "default.")
}

db_tls_reason(d) := {"ja": "パラメータグループで TLS を強制していません", "en": "the parameter group does not force TLS"} if {
	count(db_params(d)) > 0
} else := {"ja": "既定のパラメータグループです", "en": "the default parameter group is used"}

findings contains lib.finding(tls_only, v) if some v in tls_violation

checked[tls_only.id] := sort(tls_scope)

unverified[tls_only.id] := sort(tls_unverified)

# ---------------------------------------------------------------- ART25-PUBLIC-INTEGRITY

# METADATA
# title: 住民に公開する情報の完全性を確保する
# description: >-
#   住民に公開する情報資産(重要性分類Ⅳ)の完全性を確保し、改ざんを検出して通報する。公開用バケットは
#   バージョニング(変更前の版を残す)とイベント通知(書換えの検出)、または Object Lock を持つ。
# custom:
#   id: ART25-PUBLIC-INTEGRITY
#   title_en: Buckets publishing class IV content keep versions and signal changes
#   article: 第25条第3項, 第80条第1項(3)
#   article_text: |-
#     【第25条第3項】情報セキュリティ管理者は、住民に公開する情報資産について、完全性を確保しなければならない。
#     【第80条第1項(3)】不正アクセスによるウェブページの改ざんを防止するためにデータの書換えを検出し、情報セキュリティ管理者へ通報するよう、設定しなければならない。
#   severity: medium
#   remediation: >-
#     公開用(重要性分類Ⅳ)のバケットはバージョニングを有効にし、変更をイベント通知 (aws_s3_bucket_notification、EventBridge) で知らせるか、Object Lock を設定してください。
#   remediation_en: >-
#     Enable versioning on buckets publishing class IV content and signal changes with an event notification (aws_s3_bucket_notification, EventBridge), or use Object Lock.
#   zones: [mynumber, lgwan, internet]
#   classes: [IV]
#   rationale_en: >-
#     Published content (class IV) keeps its integrity and rewrites are detected: its bucket keeps versions
#     and emits event notifications, or uses Object Lock.
integrity := rego.metadata.rule().custom

integrity_scope contains b if {
	some b in s3.buckets
	lib.classification(b) == "IV"
}

integrity_violation contains lib.violation(b, sprintf("公開用 (重要性分類Ⅳ) のバケット %s は改ざんを検知・復元できません (%s)。", [b, concat("、", [m.ja | some m in missing])]), sprintf("Bucket %s publishing class IV content cannot detect or undo changes (%s).", [b, concat(", ", [m.en | some m in missing])])) if {
	some b in integrity_scope
	not s3.object_lock(b)
	missing := [m | some m in integrity_needs; not integrity_has(b, m.id)]
	count(missing) > 0
}

integrity_needs := [
	{"id": "versioning", "ja": "バージョニングなし", "en": "no versioning"},
	{"id": "notification", "ja": "変更のイベント通知なし", "en": "no event notification"},
]

integrity_has(b, "versioning") if s3.versioning(b)

integrity_has(b, "notification") if s3.notifies(b)

findings contains lib.finding(integrity, v) if some v in integrity_violation

checked[integrity.id] := sort(integrity_scope)
