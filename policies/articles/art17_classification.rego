# 第3章 情報資産の分類と管理方法: classification and ownership of data stores.
package sanso.articles.art17

import rego.v1

import data.sanso.lib
import data.sanso.lib.config

# ---------------------------------------------------------------- ART17-CLASSIFIED

# METADATA
# title: データストアに重要性分類がある
# description: >-
#   情報資産は重要性分類 I〜IV に従って区分し、クラウドに保存する資産も同じ分類で管理する。
#   分類のない S3 バケット、データベース、ボリューム、ロググループ等は、暗号化・公開・バックアップの
#   どの規則を当てはめるべきか判断できない。
# custom:
#   id: ART17-CLASSIFIED
#   title_en: Every data store carries a classification (I-IV)
#   article: 第17条, 第18条第3項
#   article_text: |-
#     【第17条】本市が保有する情報資産は、その重要度に応じ、次表に従って区分し、区分に応じた情報セキュリティ対策を行うものとする。
#     【第18条第3項】情報セキュリティ管理者は、クラウドサービスの環境に保存される情報資産についても、前条の分類に基づき管理しなければならない。
#   severity: medium
#   remediation: >-
#     データストアに重要性分類のタグ sanso:classification (I〜IV) を付けてください(sanso のコンストラクトは classification プロパティで付けます)。
#   remediation_en: >-
#     Tag the data store with its classification, sanso:classification = I..IV (sanso constructs set it from their classification property).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Information assets are managed by importance class I-IV, including those stored in the cloud.
#     A data store without a class cannot be held to the class-specific rules (encryption, exposure, backup).
classified := rego.metadata.rule().custom

classified_scope contains a if some a in lib.data_stores

classified_violation contains lib.violation(a, sprintf("データストア %s に重要性分類 (sanso:classification) のタグがありません%s。", [a, inherited_ja(a)]), sprintf("Data store %s carries no classification tag (sanso:classification)%s.", [a, inherited_en(a)])) if {
	some a in classified_scope
	input.resources[a].classification_source != "tag"
}

inherited_ja(a) := sprintf(" (参照関係から %s を推定していますが、資産自身には付いていません)", [lib.classification(a)]) if {
	lib.classification(a) != null
} else := ""

inherited_en(a) := sprintf(" (class %s is only inferred from related resources)", [lib.classification(a)]) if {
	lib.classification(a) != null
} else := ""

findings contains lib.finding(classified, v) if some v in classified_violation

checked[classified.id] := sort(classified_scope)

# ---------------------------------------------------------------- ART18-OWNER

# METADATA
# title: データストアに所管課がある
# description: >-
#   情報セキュリティ管理者は所管する情報資産について管理責任を有する。
#   データストアごとに責任を負う課をタグで示す。
# custom:
#   id: ART18-OWNER
#   title_en: Every data store names its responsible section
#   article: 第18条第1項
#   article_text: |-
#     【第18条第1項】情報セキュリティ管理者は、その所管する情報資産について管理責任を有する。
#   severity: low
#   remediation: >-
#     データストアに所管課を示すタグ sanso:owner を付けてください(例: 市民課)。
#   remediation_en: >-
#     Tag the data store with its responsible section, sanso:owner (e.g. 市民課).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The information security manager of a section is responsible for the assets it owns; each
#     data store names that section so that responsibility can be traced.
owner := rego.metadata.rule().custom

owner_scope contains a if some a in lib.data_stores

owner_violation contains lib.violation(a, sprintf("データストア %s に所管課 (%s) のタグがありません。", [a, concat(", ", config.params.owner_tag_keys)]), sprintf("Data store %s names no responsible section (%s).", [a, concat(", ", config.params.owner_tag_keys)])) if {
	some a in owner_scope
	not has_owner(a)
}

has_owner(a) if {
	some k in config.params.owner_tag_keys
	v := lib.tag(a, k)
	is_string(v)
	trim_space(v) != ""
}

findings contains lib.finding(owner, v) if some v in owner_violation

checked[owner.id] := sort(owner_scope)
