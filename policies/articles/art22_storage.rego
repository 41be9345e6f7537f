# 第22条 情報資産の保管: where class I data may be stored, and encryption at rest of class I-II.
package sanso.articles.art22

import rego.v1

import data.sanso.lib
import data.sanso.lib.s3

# ---------------------------------------------------------------- ART22-CLASS-I-ZONE

# METADATA
# title: 重要性分類Ⅰのデータはマイナンバー利用事務系にだけ保存する
# description: >-
#   特定個人情報を含む情報資産は、マイナンバー利用事務系のネットワークに接続した機器以外に保存してはならない。
#   クラウドではマイナンバー利用事務系ゾーン(ガバメントクラウドの当該領域)のデータストアに限る。
# custom:
#   id: ART22-CLASS-I-ZONE
#   title_en: Class I data stores exist only in the mynumber zone
#   article: 第22条第2項
#   article_text: |-
#     【第22条第2項】重要性分類の区分Ⅰに該当する情報資産のうち、電磁的記録については、情報セキュリティ管理者が決定したパスワードの設定を行った上で、管理区域に設置している機器のうちマイナンバー利用事務系のコンピュータで構成するネットワークに接続している機器に保存するものとし、当該機器以外には保存してはならない。
#   severity: critical
#   remediation: >-
#     重要性分類Ⅰ(特定個人情報)のデータはマイナンバー利用事務系 (MyNumberZone) のデータストアにだけ置いてください。
#   remediation_en: >-
#     Keep class I (My Number) data only in data stores of the mynumber zone (MyNumberZone).
#   zones: [mynumber, lgwan, internet]
#   classes: [I]
#   rationale_en: >-
#     Electronic records of class I (My Number data) may only be stored on equipment connected to the
#     mynumber network; in the cloud, only in data stores of the mynumber zone.
class_i_zone := rego.metadata.rule().custom

class_i_zone_scope contains a if {
	some a in lib.data_stores
	lib.classification(a) == "I"
}

class_i_zone_violation contains lib.violation(a, sprintf("重要性分類Ⅰのデータストア %s が %s に置かれています。Ⅰはマイナンバー利用事務系にだけ保存できます。", [a, lib.zone_label(lib.zone(a))]), sprintf("Class I data store %s is in the %s zone; class I data may only be stored in the mynumber zone.", [a, lib.zone_name(lib.zone(a))])) if {
	some a in class_i_zone_scope
	lib.zone(a) != "mynumber"
}

findings contains lib.finding(class_i_zone, v) if some v in class_i_zone_violation

checked[class_i_zone.id] := sort(class_i_zone_scope)

# ---------------------------------------------------------------- ART22-ENCRYPTED-AT-REST

# METADATA
# title: 重要性分類Ⅰ・Ⅱのデータストアは保存時に暗号化する
# description: >-
#   重要性分類Ⅰ・Ⅱの電磁的記録はパスワード(アクセス制御と暗号化)で保護して保存する。
#   クラウドのデータストアでは保存時暗号化を有効にする。サービス側で常に暗号化されるもの
#   (DynamoDB、Backup vault、CloudWatch Logs、Secrets Manager 等)はそのまま適合とする。
# custom:
#   id: ART22-ENCRYPTED-AT-REST
#   title_en: Class I-II data stores are encrypted at rest
#   article: 第22条第2項・第3項
#   article_text: |-
#     【第22条第2項】重要性分類の区分Ⅰに該当する情報資産のうち、電磁的記録については、情報セキュリティ管理者が決定したパスワードの設定を行った上で、管理区域に設置している機器のうちマイナンバー利用事務系のコンピュータで構成するネットワークに接続している機器に保存するものとし、当該機器以外には保存してはならない。
#     【第22条第3項】重要性分類の区分Ⅱに該当する情報資産は、施錠可能な場所に保存及び保管しなければならない。また、電磁的記録については、情報セキュリティ管理者が決定したパスワードの設定を行った上で保存しなければならない。
#   severity: high
#   remediation: >-
#     保存時の暗号化を有効にしてください (S3: 既定の暗号化設定、RDS: storage_encrypted、EBS/EFS: encrypted、ElastiCache: at_rest_encryption_enabled、SNS: kms_master_key_id 等)。sanso の SecureBucket / ZoneDatabase は常に暗号化します。
#   remediation_en: >-
#     Turn on encryption at rest (S3 default encryption, RDS storage_encrypted, EBS/EFS encrypted, ElastiCache at_rest_encryption_enabled, SNS kms_master_key_id, ...). sanso's SecureBucket and ZoneDatabase always encrypt.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II]
#   rationale_en: >-
#     Electronic records of classes I and II must be stored protected; in the cloud, data stores holding
#     them are encrypted at rest. Services that always encrypt (DynamoDB, Backup vaults, CloudWatch Logs,
#     Secrets Manager, ...) comply as they are.
encrypted := rego.metadata.rule().custom

encrypted_scope contains a if {
	some a in lib.data_stores
	lib.class_ii_plus(a)
}

encrypted_violation contains lib.violation(a, sprintf("重要性分類%sのデータストア %s は保存時に暗号化されていません (%s)。", [lib.classification(a), a, how.ja]), sprintf("Class %s data store %s is not encrypted at rest (%s).", [lib.classification(a), a, how.en])) if {
	some a in encrypted_scope
	at_rest(a) == "no"
	how := why(a)
}

encrypted_unverified contains a if {
	some a in encrypted_scope
	at_rest(a) == "unknown"
}

# "yes" | "no" | "unknown"
at_rest(a) := "yes" if {
	lib.type_of(a) == "aws_s3_bucket"
	s3.encrypted(a)
} else := "yes" if {
	lib.type_of(a) in always_encrypted
} else := "yes" if {
	some f in encryption_flags[lib.type_of(a)]
	lib.is_true(lib.get(a, f))
} else := "yes" if {
	lib.type_of(a) == "aws_ebs_volume"
	ebs_default_encryption
} else := "yes" if {
	lib.type_of(a) == "aws_rds_cluster"
	lib.get(a, "engine_mode") == "serverless"
} else := "yes" if {
	lib.type_of(a) == "aws_redshift_cluster"
	not lib.is_false(lib.get(a, "encrypted"))
} else := "yes" if {
	lib.type_of(a) in {"aws_sns_topic", "aws_sqs_queue", "aws_kinesis_stream"}
	lib.present(a, key_attr[lib.type_of(a)])
} else := "yes" if {
	lib.type_of(a) == "aws_kinesis_stream"
	lib.get(a, "encryption_type") == "KMS"
} else := "yes" if {
	# SSE-SQS is on for new queues unless turned off.
	lib.type_of(a) == "aws_sqs_queue"
	not lib.is_false(lib.get(a, "sqs_managed_sse_enabled"))
} else := "unknown" if {
	some f in encryption_flags[lib.type_of(a)]
	lib.unknown(a, f)
} else := "unknown" if {
	lib.type_of(a) == "aws_db_instance"
	lib.present(a, "replicate_source_db")
} else := "no"

# Encrypted at rest by the service, always.
always_encrypted := {
	"aws_dynamodb_table", "aws_backup_vault", "aws_cloudwatch_log_group",
	"aws_secretsmanager_secret", "aws_memorydb_cluster", "aws_elasticache_serverless_cache",
}

encryption_flags := {
	"aws_ebs_volume": ["encrypted"],
	"aws_db_instance": ["storage_encrypted"],
	"aws_rds_cluster": ["storage_encrypted"],
	"aws_docdb_cluster": ["storage_encrypted"],
	"aws_neptune_cluster": ["storage_encrypted"],
	"aws_efs_file_system": ["encrypted"],
	"aws_elasticache_replication_group": ["at_rest_encryption_enabled"],
	"aws_opensearch_domain": ["encrypt_at_rest.0.enabled"],
	"aws_elasticsearch_domain": ["encrypt_at_rest.0.enabled"],
	"aws_redshift_cluster": ["encrypted"],
}

key_attr := {
	"aws_sns_topic": "kms_master_key_id",
	"aws_sqs_queue": "kms_master_key_id",
	"aws_kinesis_stream": "kms_key_id",
}

# The account encrypts new EBS volumes by default (aws_ebs_encryption_by_default).
ebs_default_encryption if {
	some e in lib.live("aws_ebs_encryption_by_default")
	not lib.is_false(lib.get(e, "enabled"))
}

why(a) := {"ja": "既定の暗号化設定がありません", "en": "no default encryption configuration"} if {
	lib.type_of(a) == "aws_s3_bucket"
} else := {"ja": "ElastiCache クラスタ単体は保存時暗号化できません", "en": "a standalone cache cluster cannot encrypt at rest"} if {
	lib.type_of(a) == "aws_elasticache_cluster"
} else := {"ja": flags, "en": flags} if {
	count(encryption_flags[lib.type_of(a)]) > 0
	flags := concat(", ", [sprintf("%s = %s", [f, lib.str(lib.get(a, f))]) | some f in encryption_flags[lib.type_of(a)]])
} else := {"ja": "暗号鍵の指定がありません", "en": "no encryption key"}

findings contains lib.finding(encrypted, v) if some v in encrypted_violation

checked[encrypted.id] := sort(encrypted_scope)

unverified[encrypted.id] := sort(encrypted_unverified)
