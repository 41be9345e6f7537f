# A municipality's own rule, added to the built-in library with
#   sanso check cdktf.out --policies examples/local-policies
# Local rules live in packages under sanso.local and expose the same three names as the built-in
# article packages (findings, checked, unverified); see policies/README.md, "Your own rules".
package sanso.local.cost_center

import rego.v1

import data.sanso.lib

# The rule's id, article, severity and remediations are written once, in its METADATA; the rule
# reads them back with rego.metadata.rule().

# METADATA
# title: データストアに予算管理タグを付ける
# description: >-
#   情報資産の管理者を明確にするため、データストアには所管課の予算コードを city:cost-center タグで付ける
#   (この市独自の運用ルールの例)。
# custom:
#   id: LOCAL-COST-CENTER
#   title_en: Data stores carry the owning section's budget code (city:cost-center)
#   article: 第18条第1項
#   article_text: |-
#     【第18条第1項】情報セキュリティ管理者は、その所管する情報資産について管理責任を有する。
#   severity: low
#   remediation: >-
#     データストアに予算管理用のタグ city:cost-center (所管課の予算コード) を付けてください。
#   remediation_en: >-
#     Tag the data store with city:cost-center (the owning section's budget code).
#   rationale_en: >-
#     An example of a municipality's own rule: every data store names the section that pays for it, so
#     that the owner of each information asset is clear.
rule := rego.metadata.rule().custom

# The data stores whose running cost the finance section charges to a section.
charged_types := {"aws_s3_bucket", "aws_db_instance", "aws_rds_cluster", "aws_efs_file_system"}

scope contains a if {
	some t in charged_types
	some a in lib.live(t)
}

findings contains lib.finding(rule, v) if {
	some a in scope
	not is_string(lib.tag(a, "city:cost-center"))
	v := lib.violation(
		a,
		sprintf("%s に予算管理タグ city:cost-center がありません。", [a]),
		sprintf("%s has no city:cost-center tag.", [a]),
	)
}

checked[rule.id] := sort(scope)

unverified[rule.id] := []
