# 第43条 バックアップの実施: class I-II data stores are backed up by AWS Backup into vaults
# encrypted with customer managed keys.
package sanso.articles.art43

import rego.v1

import data.sanso.lib
import data.sanso.lib.s3

# METADATA
# title: 重要性分類Ⅰ・Ⅱのデータをバックアップする
# description: >-
#   データベースやファイルサーバの情報は定期的にバックアップし、クラウド事業者の機能を使わない場合は自らバックアップ
#   機能を設ける。重要性分類Ⅰ・Ⅱのデータストア (AWS Backup が対応する種類) はバックアップ選択の対象とし、
#   ボールトはカスタマー管理キーで暗号化する。
# custom:
#   id: ART43-BACKUP
#   title_en: Class I-II data stores are covered by an AWS Backup selection; vaults use customer managed keys
#   article: 第43条第1項・第2項, 第90条第6項
#   article_text: |-
#     【第43条第1項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、所管する業務システムのデータベースやファイルサーバ及び庁内 LAN に接続されている記録媒体等に記録された情報について、サーバの冗長化対策に関わらず、必要に応じて定期的にバックアップを実施しなければならない。
#     【第43条第2項】クラウドサービス事業者からバックアップ機能を提供されない場合やバックアップ機能を利用しない場合は、自らバックアップ機能の導入に関する責任を負い、バックアップに関する機能を設け、情報資産のバックアップを行わなければならない。
#     【第90条第6項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、クラウドサービス利用における重大なインシデントに繋がるおそれのある以下の重要な操作に関して、手順化し、確認しなければならない。
#   severity: high
#   remediation: >-
#     重要性分類Ⅰ・Ⅱのデータストアを AWS Backup のバックアップ選択 (aws_backup_selection) の対象にし (BackupPolicy はゾーンと分類のタグで選択します)、バックアップボールトはカスタマー管理 KMS キーで暗号化してください。
#   remediation_en: >-
#     Cover class I-II data stores with an AWS Backup selection (aws_backup_selection; BackupPolicy selects by zone and classification tags) and encrypt the backup vault with a customer managed KMS key.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II]
#   rationale_en: >-
#     Databases and file stores are backed up regularly, with the municipality's own backup function when
#     the provider's is not used: class I-II data stores of types AWS Backup supports are covered by a
#     backup selection, and vaults are encrypted with customer managed keys.
backup := rego.metadata.rule().custom

# Types AWS Backup can protect (CloudWatch Logs, SNS, SQS, secrets, caches cannot be backed up).
backup_types := {
	"aws_s3_bucket", "aws_ebs_volume", "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster",
	"aws_neptune_cluster", "aws_dynamodb_table", "aws_efs_file_system", "aws_redshift_cluster",
}

# A representative ARN per type, for resource patterns in selections.
arn_pattern := {
	"aws_s3_bucket": "arn:aws:s3:::%s",
	"aws_ebs_volume": "arn:aws:ec2:%s:000000000000:volume/%s",
	"aws_db_instance": "arn:aws:rds:%s:000000000000:db:%s",
	"aws_rds_cluster": "arn:aws:rds:%s:000000000000:cluster:%s",
	"aws_docdb_cluster": "arn:aws:rds:%s:000000000000:cluster:%s",
	"aws_neptune_cluster": "arn:aws:rds:%s:000000000000:cluster:%s",
	"aws_dynamodb_table": "arn:aws:dynamodb:%s:000000000000:table/%s",
	"aws_efs_file_system": "arn:aws:elasticfilesystem:%s:000000000000:file-system/%s",
	"aws_redshift_cluster": "arn:aws:redshift:%s:000000000000:cluster:%s",
}

scope contains a if {
	some t in backup_types
	some a in lib.live(t)
	lib.class_ii_plus(a)
	not read_replica(a)
}

scope contains v if some v in lib.live("aws_backup_vault")

read_replica(a) if {
	lib.type_of(a) == "aws_db_instance"
	lib.present(a, "replicate_source_db")
}

selections := lib.live("aws_backup_selection")

violation contains lib.violation(a, sprintf("重要性分類%sの %s はどの AWS Backup の選択 (aws_backup_selection) の対象にもなっていません。", [lib.classification(a), a]), sprintf("Class %s %s is not covered by any AWS Backup selection (aws_backup_selection).", [lib.classification(a), a])) if {
	count(selections) > 0
	some a in scope
	lib.type_of(a) in backup_types
	not covered(a)
}

# A stack with no backup selection at all: one cause (the missing backup plan) for every data store.
violation contains lib.caused_violation(a, "このスタックには AWS Backup の選択 (aws_backup_selection) が一つもなく、重要性分類II以上のデータストアがバックアップされていません。", "The stack has no AWS Backup selection (aws_backup_selection): its class II+ data stores are not backed up.", "missing:aws_backup_selection") if {
	count(selections) == 0
	some a in scope
	lib.type_of(a) in backup_types
}

violation contains lib.violation(v, sprintf("バックアップボールト %s がカスタマー管理キーで暗号化されていません (kms_key_arn: %s)。", [v, kind]), sprintf("Backup vault %s is not encrypted with a customer managed key (kms_key_arn: %s).", [v, kind])) if {
	some v in scope
	lib.type_of(v) == "aws_backup_vault"
	kind := lib.key_kind(v, "kms_key_arn")
	not kind in {"cmk", "unknown"}
}

unknown_vault contains v if {
	some v in scope
	lib.type_of(v) == "aws_backup_vault"
	lib.key_kind(v, "kms_key_arn") == "unknown"
}

covered(a) if {
	some sel in selections
	selected(sel, a)
	conditions_hold(sel, a)
	not excluded(sel, a)
}

# Named by reference in `resources`, by a matching resource pattern, or by a selection tag.
selected(sel, a) if lib.refers(sel, "resources", a)

selected(sel, a) if {
	some p in lib.as_list(lib.get(sel, "resources"))
	is_string(p)
	not contains(p, "${")
	contains(p, "*")
	glob.match(p, [], sample_arn(a))
}

selected(sel, a) if {
	some st in lib.blocks(lib.get(sel, "selection_tag"))
	lib.up(object.get(st, "type", "")) == "STRINGEQUALS"
	lib.tag(a, object.get(st, "key", "")) == object.get(st, "value", null)
}

excluded(sel, a) if lib.refers(sel, "not_resources", a)

# Every `condition` of the selection holds for the resource's tags.
conditions_hold(sel, a) if {
	every c in lib.blocks(lib.get(sel, "condition")) {
		every op in ["string_equals", "string_like", "string_not_equals", "string_not_like"] {
			every kv in lib.blocks(object.get(c, op, null)) {
				condition_holds(op, tag_value(a, kv.key), kv.value)
			}
		}
	}
}

tag_value(a, key) := lib.tag(a, trim_prefix(key, "aws:ResourceTag/"))

condition_holds("string_equals", actual, want) if actual == want

condition_holds("string_like", actual, want) if {
	is_string(actual)
	is_string(want)
	glob.match(want, [], actual)
}

condition_holds("string_not_equals", actual, want) if actual != want

condition_holds("string_not_like", actual, want) if not like(actual, want)

like(actual, want) if {
	is_string(actual)
	is_string(want)
	glob.match(want, [], actual)
}

sample_arn(a) := sprintf(arn_pattern[lib.type_of(a)], [name_of(a)]) if {
	lib.type_of(a) == "aws_s3_bucket"
} else := sprintf(arn_pattern[lib.type_of(a)], [lib.nn(input.resources[a].region, "ap-northeast-1"), name_of(a)])

name_of(a) := n if {
	lib.type_of(a) == "aws_s3_bucket"
	n := s3.name(a)
} else := n if {
	some f in ["identifier", "cluster_identifier", "name", "creation_token"]
	n := lib.literal_string(a, f)
} else := "unnamed-resource"

findings contains lib.finding(backup, v) if some v in violation

checked[backup.id] := sort(scope)

unverified[backup.id] := sort(unknown_vault)
