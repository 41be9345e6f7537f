# 第29条第6項, 第57条: encryption of the mynumber zone with customer managed keys, and strong
# cryptography (TLS policies, key specs) everywhere.
package sanso.articles.art29

import rego.v1

import data.sanso.lib
import data.sanso.lib.config
import data.sanso.lib.s3

# ---------------------------------------------------------------- ART29-CMK

# METADATA
# title: マイナンバー利用事務系はカスタマー管理キーで暗号化する
# description: >-
#   ガバメントクラウドで利用するマイナンバー利用事務系の情報資産は十分な強度の暗号で保護する。データストアは
#   利用者が管理する KMS キー(SSE-S3 や AWS 管理キーでなく)で暗号化し、キーは自動ローテーションと30日以上の
#   削除待機期間を持つ。
# custom:
#   id: ART29-CMK
#   title_en: MyNumber data stores are encrypted with rotating customer managed KMS keys
#   article: 第29条第6項
#   article_text: |-
#     【第29条第6項】情報システム・セキュリティ管理者は、マイナンバー利用事務系の情報システムをガバメントクラウドにおいて利用する場合は、その情報資産の機密性を考慮し、暗号による対策を実施するものとし、その場合の暗号は十分な強度を持たなければならない。
#   severity: critical
#   remediation: >-
#     マイナンバー利用事務系のデータストアはカスタマー管理 KMS キー (ZoneKey) で暗号化し (SSE-S3 や aws/* の AWS 管理キーは不可)、キーは自動ローテーションを有効にして削除待機期間を30日以上にしてください。
#   remediation_en: >-
#     Encrypt mynumber data stores with a customer managed KMS key (ZoneKey) — not SSE-S3 or an aws/* AWS managed key — with automatic rotation and a deletion window of at least 30 days.
#   zones: [mynumber]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Assets of the mynumber zone on Government Cloud are protected by strong encryption under the
#     municipality's control: customer managed KMS keys (not SSE-S3 or AWS managed keys), rotated, with a
#     deletion window of at least 30 days.
cmk := rego.metadata.rule().custom

# The attribute naming the KMS key of each data store type.
key_attrs := {
	"aws_ebs_volume": "kms_key_id",
	"aws_db_instance": "kms_key_id",
	"aws_rds_cluster": "kms_key_id",
	"aws_docdb_cluster": "kms_key_id",
	"aws_neptune_cluster": "kms_key_id",
	"aws_dynamodb_table": "server_side_encryption.0.kms_key_arn",
	"aws_efs_file_system": "kms_key_id",
	"aws_elasticache_replication_group": "kms_key_id",
	"aws_elasticache_serverless_cache": "kms_key_id",
	"aws_memorydb_cluster": "kms_key_arn",
	"aws_opensearch_domain": "encrypt_at_rest.0.kms_key_id",
	"aws_elasticsearch_domain": "encrypt_at_rest.0.kms_key_id",
	"aws_redshift_cluster": "kms_key_id",
	"aws_backup_vault": "kms_key_arn",
	"aws_cloudwatch_log_group": "kms_key_id",
	"aws_sns_topic": "kms_master_key_id",
	"aws_sqs_queue": "kms_master_key_id",
	"aws_secretsmanager_secret": "kms_key_id",
	"aws_kinesis_stream": "kms_key_id",
}

cmk_scope contains a if {
	some a in lib.data_stores
	lib.zone(a) == "mynumber"
}

cmk_scope contains k if {
	some k in lib.live("aws_kms_key")
	lib.zone(k) == "mynumber"
}

# "cmk" | "aws" | "sse-s3" | "none" | "unknown" | "unsupported"
store_key(a) := s3.encryption_kind(a) if {
	lib.type_of(a) == "aws_s3_bucket"
} else := "unsupported" if {
	lib.type_of(a) == "aws_elasticache_cluster"
} else := "none" if {
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}
	lib.is_false(lib.get(a, "storage_encrypted"))
} else := lib.key_kind(a, key_attrs[lib.type_of(a)])

cmk_kind_ja := {
	"aws": "AWS 管理キー (aws/*) で暗号化",
	"sse-s3": "SSE-S3 (AES256) で暗号化",
	"none": "KMS キーの指定なし",
	"unsupported": "KMS で暗号化できない種類",
}

cmk_kind_en := {
	"aws": "encrypted with an AWS managed key (aws/*)",
	"sse-s3": "encrypted with SSE-S3 (AES256)",
	"none": "no KMS key",
	"unsupported": "a type that cannot use KMS",
}

cmk_violation contains lib.violation(a, sprintf("マイナンバー利用事務系のデータストア %s がカスタマー管理キーで暗号化されていません (%s)。", [a, cmk_kind_ja[k]]), sprintf("Data store %s of the mynumber zone is not encrypted with a customer managed key (%s).", [a, cmk_kind_en[k]])) if {
	some a in cmk_scope
	lib.type_of(a) != "aws_kms_key"
	k := store_key(a)
	not k in {"cmk", "unknown"}
}

cmk_violation contains lib.violation(a, sprintf("%s のマスターユーザーのシークレットが AWS 管理キーで暗号化されます (master_user_secret_kms_key_id なし)。", [a]), sprintf("The master user secret of %s is encrypted with the AWS managed key (no master_user_secret_kms_key_id).", [a])) if {
	some a in cmk_scope
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster"}
	lib.is_true(lib.get(a, "manage_master_user_password"))
	lib.key_kind(a, "master_user_secret_kms_key_id") in {"none", "aws"}
}

cmk_violation contains lib.violation(k, sprintf("マイナンバー利用事務系の KMS キー %s の自動ローテーションが有効ではありません (enable_key_rotation)。", [k]), sprintf("KMS key %s of the mynumber zone does not rotate (enable_key_rotation).", [k])) if {
	some k in cmk_scope
	lib.type_of(k) == "aws_kms_key"
	symmetric(k)
	lib.flag(k, "enable_key_rotation") in {"false", "unset"}
}

cmk_unverified contains k if {
	some k in cmk_scope
	lib.type_of(k) == "aws_kms_key"
	lib.flag(k, "enable_key_rotation") == "unknown"
}

# A master user secret whose key the configuration sets from something only known after apply.
cmk_unverified contains a if {
	some a in cmk_scope
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster"}
	lib.is_true(lib.get(a, "manage_master_user_password"))
	lib.key_kind(a, "master_user_secret_kms_key_id") == "unknown"
}

cmk_violation contains lib.violation(k, sprintf("マイナンバー利用事務系の KMS キー %s の削除待機期間が %s 日です (%s 日以上)。", [k, lib.str(w), lib.str(config.params.min_kms_deletion_window_days)]), sprintf("KMS key %s of the mynumber zone has a %s-day deletion window (at least %s days).", [k, lib.str(w), lib.str(config.params.min_kms_deletion_window_days)])) if {
	some k in cmk_scope
	lib.type_of(k) == "aws_kms_key"
	w := lib.get(k, "deletion_window_in_days")
	is_number(w)
	w < config.params.min_kms_deletion_window_days
}

cmk_unverified contains a if {
	some a in cmk_scope
	lib.type_of(a) != "aws_kms_key"
	store_key(a) == "unknown"
}

symmetric(k) if lib.nn(key_spec(k), "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"

key_spec(k) := s if {
	some f in ["key_spec", "customer_master_key_spec"]
	s := lib.get(k, f)
	is_string(s)
} else := null

findings contains lib.finding(cmk, v) if some v in cmk_violation

checked[cmk.id] := sort(cmk_scope)

unverified[cmk.id] := sort(cmk_unverified)

# ---------------------------------------------------------------- ART29-STRONG-CRYPTO

# METADATA
# title: 暗号は十分な強度を持つ (TLS 1.2 以上、AES-256)
# description: >-
#   暗号は十分な強度を持ち、CISO が定めた方法だけを使う。ロードバランサのリスナーは許可リストにある TLS 1.2 以上の
#   ポリシーを明示し(未指定はプロバイダ既定の TLS 1.0 を許すポリシーになる)、CloudFront・OpenSearch も TLS 1.2
#   以上、KMS キーは許可リストのキー仕様 (既定 SYMMETRIC_DEFAULT = AES-256) に限る。
# custom:
#   id: ART29-STRONG-CRYPTO
#   title_en: TLS policies and key specs come from an allow-list (TLS 1.2+, AES-256)
#   article: 第29条第6項, 第57条
#   article_text: |-
#     【第29条第6項】情報システム・セキュリティ管理者は、マイナンバー利用事務系の情報システムをガバメントクラウドにおいて利用する場合は、その情報資産の機密性を考慮し、暗号による対策を実施するものとし、その場合の暗号は十分な強度を持たなければならない。
#     【第57条第2項】職員等は、暗号化を行う場合に CISO が定める以外の方法を用いてはならない。
#   severity: high
#   remediation: >-
#     HTTPS/TLS リスナーには許可リストの TLS 1.2 以上のポリシー (例: ELBSecurityPolicy-TLS13-1-2-2021-06) を明示し、CloudFront は TLSv1.2_2021 以上、OpenSearch は Policy-Min-TLS-1-2 系、KMS キーは SYMMETRIC_DEFAULT (AES-256) にしてください。
#   remediation_en: >-
#     Set an allow-listed TLS 1.2+ policy explicitly on HTTPS/TLS listeners (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06), TLSv1.2_2021 or later on CloudFront, a Policy-Min-TLS-1-2 policy on OpenSearch, and SYMMETRIC_DEFAULT (AES-256) KMS keys.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Cryptography is strong and limited to the methods the CISO sets: listeners name an allow-listed
#     TLS 1.2+ policy (without one the provider default allows TLS 1.0), CloudFront and OpenSearch require
#     TLS 1.2+, KMS keys use allow-listed specs (SYMMETRIC_DEFAULT, AES-256, by default).
strong := rego.metadata.rule().custom

tls_listeners contains l if {
	some l in lib.live_all(["aws_lb_listener", "aws_alb_listener"])
	lib.up(lib.get(l, "protocol")) in {"HTTPS", "TLS"}
}

strong_scope contains a if some a in tls_listeners

strong_scope contains a if {
	some a in lib.live_all(["aws_cloudfront_distribution", "aws_opensearch_domain", "aws_elasticsearch_domain", "aws_kms_key"])
}

strong_scope contains lb if {
	some lb in lib.live("aws_elb")
	some li in lib.blocks(lib.get(lb, "listener"))
	lib.up(object.get(li, "lb_protocol", "")) in {"HTTPS", "SSL"}
}

strong_violation contains lib.violation(l, sprintf("リスナー %s に ssl_policy の指定がなく、TLS 1.0/1.1 を許す既定のポリシー (ELBSecurityPolicy-2016-08) になります。", [l]), sprintf("Listener %s sets no ssl_policy, so the provider default ELBSecurityPolicy-2016-08 (TLS 1.0/1.1) applies.", [l])) if {
	some l in tls_listeners
	lib.get(l, "ssl_policy") == null
	count(lib.refs(l, "ssl_policy")) == 0
}

strong_violation contains lib.violation(l, sprintf("リスナー %s の TLS ポリシー %s は許可リスト (TLS 1.2 以上) にありません。", [l, p]), sprintf("Listener %s uses TLS policy %s, which is not on the allow-list (TLS 1.2+).", [l, p])) if {
	some l in tls_listeners
	p := lib.literal_string(l, "ssl_policy")
	not p in config.params.allowed_tls_policies
}

strong_unverified contains l if {
	some l in tls_listeners
	count(lib.refs(l, "ssl_policy")) > 0
	not lib.get(l, "ssl_policy") in config.params.allowed_tls_policies
}

strong_violation contains lib.violation(lb, sprintf("Classic Load Balancer %s の HTTPS/SSL リスナーが既定の TLS ポリシー (TLS 1.0 を許す) のままです。", [lb]), sprintf("Classic load balancer %s has HTTPS/SSL listeners on the default TLS policy (TLS 1.0 allowed).", [lb])) if {
	some lb in strong_scope
	lib.type_of(lb) == "aws_elb"
	count(lib.related(lb, "aws_load_balancer_listener_policy")) == 0
}

strong_violation contains lib.violation(d, sprintf("CloudFront %s の最小 TLS バージョンが %s です (許可: %s)。", [d, v, concat(", ", config.params.allowed_cloudfront_protocols)]), sprintf("CloudFront distribution %s has minimum protocol version %s (allowed: %s).", [d, v, concat(", ", config.params.allowed_cloudfront_protocols)])) if {
	some d in strong_scope
	lib.type_of(d) == "aws_cloudfront_distribution"
	v := cloudfront_tls(d)
	not v in config.params.allowed_cloudfront_protocols
}

cloudfront_tls(d) := "TLSv1 (cloudfront_default_certificate)" if {
	some vc in lib.blocks(lib.get(d, "viewer_certificate"))
	lib.is_true(object.get(vc, "cloudfront_default_certificate", false))
} else := v if {
	some vc in lib.blocks(lib.get(d, "viewer_certificate"))
	v := object.get(vc, "minimum_protocol_version", null)
	is_string(v)
} else := "TLSv1 (minimum_protocol_version unset)"

strong_violation contains lib.violation(d, sprintf("OpenSearch ドメイン %s の TLS ポリシーが %s です (Policy-Min-TLS-1-2 系にしてください)。", [d, p]), sprintf("OpenSearch domain %s uses TLS policy %s (use a Policy-Min-TLS-1-2 policy).", [d, p])) if {
	some d in strong_scope
	lib.type_of(d) in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	p := lib.nn(lib.get(d, "domain_endpoint_options.0.tls_security_policy"), "(tls_security_policy unset)")
	not contains(p, "TLS-1-2")
}

strong_violation contains lib.violation(k, sprintf("KMS キー %s のキー仕様 %s は許可リスト (%s) にありません。", [k, s, concat(", ", config.params.allowed_kms_key_specs)]), sprintf("KMS key %s has key spec %s, which is not on the allow-list (%s).", [k, s, concat(", ", config.params.allowed_kms_key_specs)])) if {
	some k in strong_scope
	lib.type_of(k) == "aws_kms_key"
	s := key_spec(k)
	s != null
	not s in config.params.allowed_kms_key_specs
}

findings contains lib.finding(strong, v) if some v in strong_violation

checked[strong.id] := sort(strong_scope)

unverified[strong.id] := sort(strong_unverified)
