# 第73条 情報システムの導入, 第78条 不正プログラム対策, 第87条 セキュリティホール:
# environments kept apart, hardened virtual machines, managed engines kept patched.
package sanso.articles.art73

import rego.v1

import data.sanso.lib
import data.sanso.lib.config
import data.sanso.lib.net

# ---------------------------------------------------------------- ART73-ENV-SEPARATED

# METADATA
# title: 開発・テスト環境と運用環境を分離する
# description: >-
#   システム開発・保守・テスト環境とシステム運用環境を分離する。スタックは環境を宣言し、本番と本番以外のリソースを
#   同じ VPC に置かない。
# custom:
#   id: ART73-ENV-SEPARATED
#   title_en: Every stack declares its environment; production and development never share a VPC
#   article: 第73条第1項
#   article_text: |-
#     【第73条第1項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、システム開発、保守及びテスト環境とシステム運用環境を分離しなければならない。
#   severity: medium
#   remediation: >-
#     スタックの環境を宣言し (SansoStack の environment がプロバイダの default_tags に sanso:environment を付けます)、本番と開発・テストのリソースを同じ VPC に置かないでください。
#   remediation_en: >-
#     Declare the stack's environment (SansoStack's environment sets sanso:environment in the provider default_tags) and never put production and development/test resources in the same VPC.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Development, maintenance and test environments are separated from operations: every stack declares
#     its environment and production and non-production resources never share a VPC.
env := rego.metadata.rule().custom

env_scope contains lib.stack_subject if count(lib.aws_resources) > 0

env_scope contains v if some v in net.vpcs

env_violation contains lib.violation(lib.stack_subject, sprintf("スタック %s が環境 (%s) を宣言していません (プロバイダの default_tags)。", [input.stack, concat(", ", config.params.environment_tag_keys)]), sprintf("Stack %s declares no environment (%s in the provider default_tags).", [input.stack, concat(", ", config.params.environment_tag_keys)])) if {
	lib.stack_subject in env_scope
	not declares_environment
}

declares_environment if {
	some k in config.params.environment_tag_keys
	count(lib.declared(k)) > 0
}

env_violation contains lib.violation(v, sprintf("VPC %s に本番 (%s) と本番以外 (%s) のリソースが同居しています。", [v, concat(", ", sort(prod)), concat(", ", sort(other))]), sprintf("VPC %s holds both production (%s) and non-production (%s) resources.", [v, concat(", ", sort(prod)), concat(", ", sort(other))])) if {
	some v in net.vpcs
	ms := members(v)
	prod := {x | some x in ms; environment_of(x) in production_values}
	other := {x | some x in ms; e := environment_of(x); not e in production_values}
	count(prod) > 0
	count(other) > 0
}

production_values := {"production", "prod", "prd", "本番"}

# Resources in the VPC: those related to it and those related to its subnets (not the VPC's own
# plumbing: subnets, route tables, gateways, ACLs).
members(v) := {x |
	some t, xs in object.get(input.related, v, {})
	not t in plumbing
	some x in xs
	lib.is_managed(x)
} | {x |
	some s in net.subnets(v)
	some t, xs in object.get(input.related, s, {})
	not t in plumbing
	some x in xs
	lib.is_managed(x)
}

plumbing := {
	"aws_vpc", "aws_subnet", "aws_route_table", "aws_route_table_association", "aws_default_route_table",
	"aws_network_acl", "aws_default_network_acl", "aws_default_security_group", "aws_internet_gateway",
	"aws_egress_only_internet_gateway", "aws_vpn_gateway", "aws_flow_log", "aws_vpc_endpoint",
	"aws_vpc_dhcp_options_association", "aws_nat_gateway",
}

environment_of(x) := lower(trim_space(e)) if {
	some k in config.params.environment_tag_keys
	e := lib.tag(x, k)
	is_string(e)
	trim_space(e) != ""
}

findings contains lib.finding(env, v) if some v in env_violation

checked[env.id] := sort(env_scope)

# ---------------------------------------------------------------- ART78-VM-HARDENED

# METADATA
# title: 仮想マシンを堅牢に設定する
# description: >-
#   仮想マシンを設定する際は必要なポート・プロトコル・サービスだけを有効にし、マルウェア対策やログ取得を確実に行う。
#   インスタンスと起動テンプレートは IMDSv2 を必須とし、ボリュームを暗号化する。開くポートは ART49-FIREWALL が見る。
# custom:
#   id: ART78-VM-HARDENED
#   title_en: Instances and launch templates require IMDSv2 and encrypt their volumes
#   article: 第78条第1項(9)
#   article_text: |-
#     【第78条第1項(9)】仮想マシンを設定する際に不正プログラムへの対策（必要なポート、プロトコル及びサービスだけを有効とすることやマルウェア対策及びログ取得等の実施）を確実に実施しなければならない。
#   severity: medium
#   remediation: >-
#     インスタンス・起動テンプレートは IMDSv2 を必須 (metadata_options.http_tokens = "required") にし、ルート・追加ボリュームを暗号化してください (または aws_ebs_encryption_by_default を有効に)。
#   remediation_en: >-
#     Require IMDSv2 on instances and launch templates (metadata_options.http_tokens = "required") and encrypt root and additional volumes (or enable aws_ebs_encryption_by_default).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Virtual machines are set up with only the needed services and with malware countermeasures: instances
#     and launch templates require IMDSv2 and encrypt their volumes (open ports are ART49-FIREWALL's).
hardened := rego.metadata.rule().custom

vm_types := ["aws_instance", "aws_launch_template", "aws_launch_configuration"]

vm_scope contains a if some a in lib.live_all(vm_types)

vm_violation contains lib.violation(a, sprintf("%s の仮想マシン設定が不十分です: %s。", [a, concat("、", [g.ja | some g in gaps])]), sprintf("%s is not hardened: %s.", [a, concat(", ", [g.en | some g in gaps])])) if {
	some a in vm_scope
	gaps := [g | some g in vm_needs; not vm_has(a, g.id)]
	count(gaps) > 0
}

vm_needs := [
	{"id": "imdsv2", "ja": "IMDSv2 が必須ではない (metadata_options.http_tokens)", "en": "IMDSv2 not required (metadata_options.http_tokens)"},
	{"id": "encrypted", "ja": "暗号化されていないボリュームがある", "en": "unencrypted volumes"},
]

vm_has(a, "imdsv2") if lib.get(a, "metadata_options.0.http_tokens") == "required"

vm_has(a, "imdsv2") if lib.get(a, "metadata_options.0.http_endpoint") == "disabled"

vm_has(a, "encrypted") if {
	ebs_default_encryption
	not explicitly_unencrypted(a)
}

vm_has(a, "encrypted") if {
	lib.type_of(a) in {"aws_instance", "aws_launch_configuration"}
	lib.is_true(lib.get(a, "root_block_device.0.encrypted"))
	every d in lib.blocks(lib.get(a, "ebs_block_device")) {
		lib.is_true(object.get(d, "encrypted", false))
	}
}

vm_has(a, "encrypted") if {
	lib.type_of(a) == "aws_launch_template"
	mappings := [m | some m in lib.blocks(lib.get(a, "block_device_mappings")); count(lib.blocks(object.get(m, "ebs", null))) > 0]
	count(mappings) > 0
	every m in mappings {
		some e in lib.blocks(object.get(m, "ebs", null))
		lib.is_true(object.get(e, "encrypted", false))
	}
}

explicitly_unencrypted(a) if lib.is_false(lib.get(a, "root_block_device.0.encrypted"))

explicitly_unencrypted(a) if {
	some d in lib.blocks(lib.get(a, "ebs_block_device"))
	lib.is_false(object.get(d, "encrypted", null))
}

explicitly_unencrypted(a) if {
	some m in lib.blocks(lib.get(a, "block_device_mappings"))
	some e in lib.blocks(object.get(m, "ebs", null))
	lib.is_false(object.get(e, "encrypted", null))
}

ebs_default_encryption if {
	some e in lib.live("aws_ebs_encryption_by_default")
	not lib.is_false(lib.get(e, "enabled"))
}

findings contains lib.finding(hardened, v) if some v in vm_violation

checked[hardened.id] := sort(vm_scope)

# ---------------------------------------------------------------- ART87-PATCHED

# METADATA
# title: セキュリティホールに応じてソフトウェアを更新する
# description: >-
#   セキュリティホールの緊急度に応じてソフトウェア更新等の対策を実施する。マネージドなエンジン (RDS、ElastiCache、
#   MQ、OpenSearch 等) はマイナーバージョンの自動更新を有効にする。
# custom:
#   id: ART87-PATCHED
#   title_en: Managed engines take minor updates automatically
#   article: 第87条
#   article_text: |-
#     【第87条第1項】また、当該セキュリティホールの緊急度に応じて、ソフトウェア更新等の対策を実施しなければならない。
#   severity: low
#   remediation: >-
#     マネージドなデータベース・キャッシュ・ブローカー等はマイナーバージョンの自動更新 (auto_minor_version_upgrade 等) を有効にしてください。
#   remediation_en: >-
#     Let managed databases, caches, brokers and similar engines take minor updates automatically (auto_minor_version_upgrade and similar).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Software is updated according to the urgency of security holes: managed engines (RDS, ElastiCache, MQ,
#     OpenSearch, ...) take minor version updates automatically.
patched := rego.metadata.rule().custom

# type -> [attribute, default when unset]
upgrade_attrs := {
	"aws_db_instance": ["auto_minor_version_upgrade", true],
	"aws_rds_cluster": ["auto_minor_version_upgrade", true],
	"aws_rds_cluster_instance": ["auto_minor_version_upgrade", true],
	"aws_docdb_cluster_instance": ["auto_minor_version_upgrade", true],
	"aws_neptune_cluster_instance": ["auto_minor_version_upgrade", true],
	"aws_elasticache_replication_group": ["auto_minor_version_upgrade", true],
	"aws_elasticache_cluster": ["auto_minor_version_upgrade", true],
	"aws_memorydb_cluster": ["auto_minor_version_upgrade", true],
	"aws_dms_replication_instance": ["auto_minor_version_upgrade", true],
	"aws_redshift_cluster": ["allow_version_upgrade", true],
	"aws_mq_broker": ["auto_minor_version_upgrade", false],
	"aws_opensearch_domain": ["software_update_options.0.auto_software_update_enabled", false],
}

patch_scope contains a if {
	some t, _ in upgrade_attrs
	some a in lib.live(t)
	not lib.cache_member(a)
}

patch_violation contains lib.violation(a, sprintf("%s はマイナーバージョンを自動で更新しません (%s = %s)。", [a, f, lib.str(v)]), sprintf("%s does not take minor updates automatically (%s = %s).", [a, f, lib.str(v)])) if {
	some a in patch_scope
	[f, dflt] := upgrade_attrs[lib.type_of(a)]
	lib.flag(a, f) in {"false", "unset"}
	v := lib.nn(lib.get(a, f), dflt)
	not lib.is_true(v)
}

# Set from something only known after apply: neither passed nor failed.
patch_unverified contains a if {
	some a in patch_scope
	[f, _] := upgrade_attrs[lib.type_of(a)]
	lib.flag(a, f) == "unknown"
}

findings contains lib.finding(patched, v) if some v in patch_violation

checked[patched.id] := sort(patch_scope)

unverified[patched.id] := sort(patch_unverified)
