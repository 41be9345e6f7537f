# 第27条 情報資産の利用状況等の記録: access to class I data is recorded.
package sanso.articles.art27

import rego.v1

import data.sanso.lib
import data.sanso.lib.s3

# METADATA
# title: 重要性分類Ⅰのデータへのアクセスを記録する
# description: >-
#   重要性分類Ⅰの電磁的記録の利用状況を確認できるよう、アクセス状況を記録して保存する。S3 はサーバアクセスログか
#   CloudTrail データイベント、データベースは監査・ログのエクスポート、DynamoDB は CloudTrail データイベント。
#   Object Lock 付きのログアーカイブ自身にはアクセスログを求めない(書き込むのはログ配信サービス)。
# custom:
#   id: ART27-CLASS-I-ACCESS-LOG
#   title_en: Access to class I data stores is recorded
#   article: 第27条第4項
#   article_text: |-
#     【第27条第4項】情報システム・セキュリティ管理者は、重要性分類の区分Ⅰに該当する情報資産のうち電磁的記録の利用状況等を確認するために、当該アクセス状況等を記録し、一定期間保存しなければならない。
#   severity: high
#   remediation: >-
#     重要性分類Ⅰのデータストアのアクセスを記録してください: S3 はサーバアクセスログ (aws_s3_bucket_logging) か CloudTrail のデータイベント、RDS/Aurora は enabled_cloudwatch_logs_exports、DynamoDB は CloudTrail のデータイベント、OpenSearch は監査ログ。
#   remediation_en: >-
#     Record access to class I data stores: S3 server access logs (aws_s3_bucket_logging) or CloudTrail data events; RDS/Aurora enabled_cloudwatch_logs_exports; DynamoDB CloudTrail data events; OpenSearch audit logs.
#   zones: [mynumber, lgwan, internet]
#   classes: [I]
#   rationale_en: >-
#     Access to class I records is logged and kept: S3 server access logs or CloudTrail data events,
#     database audit/log exports, DynamoDB data events, OpenSearch audit logs. Object Lock log archives
#     are written by the logging services and need no access log of their own here.
access_log := rego.metadata.rule().custom

logged_types := {
	"aws_s3_bucket", "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster",
	"aws_dynamodb_table", "aws_opensearch_domain", "aws_elasticsearch_domain", "aws_redshift_cluster",
}

scope contains a if {
	some t in logged_types
	some a in lib.live(t)
	lib.classification(a) == "I"
}

violation contains lib.violation(a, sprintf("重要性分類Ⅰの %s へのアクセスが記録されていません (%s)。", [a, need_ja[lib.type_of(a)]]), sprintf("Access to class I %s is not recorded (%s).", [a, need_en[lib.type_of(a)]])) if {
	some a in scope
	not recorded(a)
	not exports_open(a)
}

open_scope contains a if {
	some a in scope
	not recorded(a)
	exports_open(a)
}

need_ja := {
	"aws_s3_bucket": "サーバアクセスログも CloudTrail データイベントもありません",
	"aws_db_instance": "ログのエクスポートがありません",
	"aws_rds_cluster": "ログのエクスポートがありません",
	"aws_docdb_cluster": "監査ログのエクスポートがありません",
	"aws_neptune_cluster": "監査ログのエクスポートがありません",
	"aws_dynamodb_table": "CloudTrail データイベントがありません",
	"aws_opensearch_domain": "監査ログの出力がありません",
	"aws_elasticsearch_domain": "監査ログの出力がありません",
	"aws_redshift_cluster": "監査ログがありません",
}

need_en := {
	"aws_s3_bucket": "no server access logging and no CloudTrail data events",
	"aws_db_instance": "no log exports",
	"aws_rds_cluster": "no log exports",
	"aws_docdb_cluster": "no audit log export",
	"aws_neptune_cluster": "no audit log export",
	"aws_dynamodb_table": "no CloudTrail data events",
	"aws_opensearch_domain": "no audit log publishing",
	"aws_elasticsearch_domain": "no audit log publishing",
	"aws_redshift_cluster": "no audit logging",
}

recorded(a) if {
	lib.type_of(a) == "aws_s3_bucket"
	s3.access_logging(a)
}

recorded(a) if {
	lib.type_of(a) == "aws_s3_bucket"
	s3_data_events(a)
}

# A log archive with Object Lock cannot send access logs into itself and needs no access log of
# its own demanded here: its writers are the logging services (CloudTrail, flow logs, ...).
recorded(a) if {
	lib.type_of(a) == "aws_s3_bucket"
	s3.object_lock(a)
	a in s3.log_buckets
}

recorded(a) if {
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}
	count(lib.as_list(lib.get(a, "enabled_cloudwatch_logs_exports"))) > 0
}

# Log exports the configuration sets from something only known after apply: neither recorded
# nor unrecorded until then.
exports_open(a) if {
	lib.type_of(a) in {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}
	lib.unknown(a, "enabled_cloudwatch_logs_exports")
}

recorded(a) if {
	lib.type_of(a) == "aws_dynamodb_table"
	some t in active_trails
	some sel in lib.blocks(lib.get(t, "advanced_event_selector"))
	selects_type(sel, "AWS::DynamoDB::Table")
	covers_resource(t, sel, a)
}

recorded(a) if {
	lib.type_of(a) in {"aws_opensearch_domain", "aws_elasticsearch_domain"}
	some o in lib.blocks(lib.get(a, "log_publishing_options"))
	object.get(o, "log_type", "") == "AUDIT_LOGS"
	not lib.is_false(object.get(o, "enabled", true))
}

recorded(a) if {
	lib.type_of(a) == "aws_redshift_cluster"
	some l in lib.blocks(lib.get(a, "logging"))
	lib.is_true(object.get(l, "enable", false))
}

recorded(a) if {
	lib.type_of(a) == "aws_redshift_cluster"
	some l in lib.related(a, "aws_redshift_logging")
	lib.refers(l, "cluster_identifier", a)
}

# ---------------------------------------------------------------- CloudTrail data events

active_trails := [t | some t in lib.live("aws_cloudtrail"); not lib.is_false(lib.get(t, "enable_logging"))]

s3_data_events(b) if {
	some t in active_trails
	some sel in lib.blocks(lib.get(t, "event_selector"))
	some i, dr in lib.blocks(object.get(sel, "data_resource", null))
	object.get(dr, "type", "") == "AWS::S3::Object"
	some v in lib.as_list(object.get(dr, "values", null))
	all_s3(v)
}

s3_data_events(b) if {
	some t in active_trails
	b in lib.refs_under(t, "event_selector")
}

s3_data_events(b) if {
	some t in active_trails
	some sel in lib.blocks(lib.get(t, "advanced_event_selector"))
	selects_type(sel, "AWS::S3::Object")
	covers_resource(t, sel, b)
}

s3_data_events(b) if {
	n := s3.name(b)
	some t in active_trails
	some sel in lib.blocks(lib.get(t, "event_selector"))
	some dr in lib.blocks(object.get(sel, "data_resource", null))
	some v in lib.as_list(object.get(dr, "values", null))
	startswith(v, concat("", ["arn:aws:s3:::", n, "/"]))
}

all_s3(v) if v in {"arn:aws:s3", "arn:aws:s3:::", "arn:aws:s3:::*"}

selects_type(sel, type) if {
	some fs in lib.blocks(object.get(sel, "field_selector", null))
	object.get(fs, "field", "") == "resources.type"
	type in lib.as_list(object.get(fs, "equals", null))
}

# An advanced selector without an ARN filter covers every resource of its type; with one, the
# resource must be named (by reference) in it.
covers_resource(_, sel, _) if {
	not arn_filtered(sel)
}

covers_resource(t, _, a) if a in lib.refs_under(t, "advanced_event_selector")

arn_filtered(sel) if {
	some fs in lib.blocks(object.get(sel, "field_selector", null))
	object.get(fs, "field", "") == "resources.ARN"
}

findings contains lib.finding(access_log, v) if some v in violation

checked[access_log.id] := sort(scope)

unverified[access_log.id] := sort(open_scope)
