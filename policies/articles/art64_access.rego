# 第64条〜第70条 アクセス制御: least privilege, privileged IDs, remote access, credentials,
# privileged sessions.
package sanso.articles.art64

import rego.v1

import data.sanso.lib
import data.sanso.lib.config
import data.sanso.lib.iam
import data.sanso.lib.net

# ---------------------------------------------------------------- ART64-LEAST-PRIVILEGE

# METADATA
# title: IAM ポリシーは必要最小限の権限にする
# description: >-
#   アクセスする権限のない職員等がアクセスできないようシステム上制限する。IAM ポリシーは "*" のアクションを "*" の
#   リソースに、iam:* や kms:* を "*" に許可しない。
# custom:
#   id: ART64-LEAST-PRIVILEGE
#   title_en: No IAM policy statement allows "*" on "*", nor iam:* / kms:* on "*"
#   article: 第64条第1項
#   article_text: |-
#     【第64条第1項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、所管するネットワーク又は情報システムごとにアクセスする権限のない職員等がアクセスできないようにシステム上制限しなければならない。
#   severity: high
#   remediation: >-
#     IAM ポリシーでは "*" のアクションを "*" のリソースに、また iam:* / kms:* を "*" に許可せず、必要なアクションと対象リソースに限ってください。
#   remediation_en: >-
#     Do not allow "*" actions on "*" resources, nor iam:* / kms:* on "*", in IAM policies; name the actions and resources needed.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Access is technically limited to those entitled to it: no identity policy allows every action on
#     every resource, nor iam:* or kms:* on every resource.
least := rego.metadata.rule().custom

# Identity policy documents: [type, attribute].
policy_attrs := [
	["aws_iam_policy", "policy"],
	["aws_iam_role_policy", "policy"],
	["aws_iam_user_policy", "policy"],
	["aws_iam_group_policy", "policy"],
	["aws_ssoadmin_permission_set_inline_policy", "inline_policy"],
]

policy_sources contains {"res": a, "attr": f} if {
	some [t, f] in policy_attrs
	some a in lib.live(t)
}

policy_sources contains {"res": r, "attr": concat(".", ["inline_policy", lib.str(i), "policy"])} if {
	some r in lib.live("aws_iam_role")
	some i, _ in lib.blocks(lib.get(r, "inline_policy"))
}

least_scope contains s.res if some s in policy_sources

least_violation contains lib.violation(src.res, sprintf("IAM ポリシー %s が %s を \"*\" のリソースに許可しています (%s)。", [src.res, concat(", ", bad), sid(s)]), sprintf("IAM policy %s allows %s on \"*\" resources (%s).", [src.res, concat(", ", bad), sid_en(s)])) if {
	some src in policy_sources
	some s in iam.doc(src.res, src.attr).statements
	bad := too_broad(s)
	count(bad) > 0
}

least_unverified contains src.res if {
	some src in policy_sources
	not iam.doc(src.res, src.attr).known
}

broad_actions := {"*", "*:*", "iam:*", "kms:*"}

# The broad actions a statement allows on every resource.
too_broad(s) := [a |
	iam.allows(s)
	on_everything(s)
	some a in iam.actions(s)
	a in broad_actions
] if {
	count(iam.not_actions(s)) == 0
} else := [concat("", ["NotAction ", concat(",", iam.not_actions(s))])] if {
	iam.allows(s)
	on_everything(s)
} else := []

on_everything(s) if "*" in iam.resources(s)

on_everything(s) if iam.has_not_resource(s)

sid(s) := sprintf("Sid %s", [s.Sid]) if {
	is_string(s.Sid)
	s.Sid != ""
} else := "Sid なし"

sid_en(s) := sprintf("Sid %s", [s.Sid]) if {
	is_string(s.Sid)
	s.Sid != ""
} else := "no Sid"

findings contains lib.finding(least, v) if some v in least_violation

checked[least.id] := sort(least_scope)

unverified[least.id] := sort(least_unverified)

# ---------------------------------------------------------------- ART64-KEY-NOT-PUBLIC

# METADATA
# title: KMS キーは誰にでも使わせない
# description: >-
#   アクセスする権限のない職員等がアクセスできないようシステム上制限する。KMS キーのキーポリシーが Principal "*" に
#   条件なしで許可すると、誰でもそのキーで暗号化されたデータを復号できる。
# custom:
#   id: ART64-KEY-NOT-PUBLIC
#   title_en: No KMS key policy lets anyone (Principal "*") use the key without a limiting condition
#   article: 第64条第1項
#   article_text: |-
#     【第64条第1項】情報システム・セキュリティ管理者及び情報セキュリティ管理者は、所管するネットワーク又は情報システムごとにアクセスする権限のない職員等がアクセスできないようにシステム上制限しなければならない。
#   severity: critical
#   remediation: >-
#     KMS キーのキーポリシーで Principal "*" に条件なしで許可しないでください。許可はアカウント (ZoneKey の既定) や特定のロールに限り、他のアカウントやサービスに使わせる場合は aws:SourceAccount などの条件で限定してください。
#   remediation_en: >-
#     Do not allow Principal "*" without a limiting condition in a KMS key policy; allow the account (ZoneKey's default) or named roles, and limit other accounts or services with conditions such as aws:SourceAccount.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Access is technically limited to those entitled to it: a key policy that allows Principal "*" without a
#     condition limiting who or where lets anyone decrypt what the key protects.
key_public := rego.metadata.rule().custom

# Key policies: the `policy` of each key, and separate aws_kms_key_policy resources.
key_policy_sources contains {"res": k, "attr": "policy"} if {
	some k in lib.live("aws_kms_key")
	lib.present(k, "policy")
}

key_policy_sources contains {"res": p, "attr": "policy"} if some p in lib.live("aws_kms_key_policy")

# Every key is in scope: one without a policy has the default key policy (its own account only).
key_public_scope contains k if some k in lib.live("aws_kms_key")

key_public_scope contains p if some p in lib.live("aws_kms_key_policy")

key_public_violation contains lib.violation(src.res, sprintf("KMS キーのポリシー %s が誰にでも (Principal \"*\") 条件なしで %s を許可しています (%s)。", [src.res, concat(", ", iam.actions(s)), sid(s)]), sprintf("The key policy of %s allows anyone (Principal \"*\") %s without a limiting condition (%s).", [src.res, concat(", ", iam.actions(s)), sid_en(s)])) if {
	some src in key_policy_sources
	some s in iam.doc(src.res, src.attr).statements
	iam.public_allow(s)
}

key_public_unverified contains src.res if {
	some src in key_policy_sources
	not iam.doc(src.res, src.attr).known
}

findings contains lib.finding(key_public, v) if some v in key_public_violation

checked[key_public.id] := sort(key_public_scope)

unverified[key_public.id] := sort(key_public_unverified)

# ---------------------------------------------------------------- ART65-PRIVILEGED-IDS

# METADATA
# title: 特権 ID を最小限にし、初期設定の名前を使わない
# description: >-
#   管理者権限等の特権を付与された ID を利用する者を必要最小限にし、特権 ID を初期設定以外のものに変更する。
#   AdministratorAccess を IAM ユーザーに付与せず、データベースのマスターユーザーに既定の名前を使わない。
# custom:
#   id: ART65-PRIVILEGED-IDS
#   title_en: No AdministratorAccess on IAM users; database master user names are not defaults
#   article: 第65条第1項・第4項
#   article_text: |-
#     【第65条第1項】統括情報セキュリティ責任者及び情報システム・セキュリティ管理者は、管理者権限等の特権を付与された ID 及び認証カードを利用する者を必要最小限にし、当該 ID 及び認証カードのパスワード漏えい等が発生しないよう、当該 ID 及び認証カードのパスワードを厳重に管理しなければならない。
#     【第65条第4項】統括情報セキュリティ責任者及び情報システム・セキュリティ管理者は、特権を付与された ID を初期設定以外のものに変更しなければならない。
#   severity: high
#   remediation: >-
#     AdministratorAccess は IAM ユーザー (やそのグループ) に付けず、MFA 必須の短時間ロール (OperatorRole) に付けてください。データベースのマスターユーザー名は admin・root・postgres などの既定名以外にしてください。
#   remediation_en: >-
#     Attach AdministratorAccess to MFA-protected short-session roles (OperatorRole), never to IAM users or their groups; give databases a master user name other than the defaults (admin, root, postgres, ...).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Privileged IDs are kept to a minimum and renamed from their defaults: AdministratorAccess is never
#     attached to IAM users or groups, and database master users do not keep default names.
privileged := rego.metadata.rule().custom

admin_policy(arn) if {
	is_string(arn)
	endswith(arn, ":policy/AdministratorAccess")
}

user_attachments contains a if some a in lib.live("aws_iam_user_policy_attachment")

user_attachments contains a if some a in lib.live("aws_iam_group_policy_attachment")

user_attachments contains a if {
	some a in lib.live("aws_iam_policy_attachment")
	count(lib.as_list(lib.get(a, "users"))) + count(lib.as_list(lib.get(a, "groups"))) > 0
}

db_user_attrs := {
	"aws_db_instance": "username",
	"aws_rds_cluster": "master_username",
	"aws_docdb_cluster": "master_username",
	"aws_redshift_cluster": "master_username",
}

privileged_scope contains a if some a in user_attachments

privileged_scope contains a if {
	some t, _ in db_user_attrs
	some a in lib.live(t)
	not lib.present(a, "replicate_source_db")
	not lib.present(a, "snapshot_identifier")
}

privileged_violation contains lib.violation(a, sprintf("%s が AdministratorAccess を IAM ユーザー/グループに付与しています。", [a]), sprintf("%s attaches AdministratorAccess to IAM users or groups.", [a])) if {
	some a in user_attachments
	admin_policy(lib.get(a, "policy_arn"))
}

privileged_violation contains lib.violation(a, sprintf("データベース %s のマスターユーザー名 \"%s\" は既定の名前です。", [a, u]), sprintf("Database %s uses the default master user name \"%s\".", [a, u])) if {
	some a in privileged_scope
	f := db_user_attrs[lib.type_of(a)]
	u := lib.get(a, f)
	is_string(u)
	lower(u) in {lib.low(n) | some n in config.params.default_db_usernames}
}

privileged_violation contains lib.violation(a, sprintf("データベース %s のマスターユーザー名がなく、エンジンの既定名になります。", [a]), sprintf("Database %s sets no master user name, so the engine default is used.", [a])) if {
	some a in privileged_scope
	lib.type_of(a) in {"aws_rds_cluster", "aws_docdb_cluster"}
	not lib.present(a, db_user_attrs[lib.type_of(a)])
	not lib.present(a, "global_cluster_identifier")
	not lib.present(a, "replication_source_identifier")
}

privileged_unverified contains a if {
	some a in privileged_scope
	f := db_user_attrs[lib.type_of(a)]
	lib.unknown(a, f)
}

findings contains lib.finding(privileged, v) if some v in privileged_violation

checked[privileged.id] := sort(privileged_scope)

unverified[privileged.id] := sort(privileged_unverified)

# ---------------------------------------------------------------- ART66-REMOTE-ACCESS

# METADATA
# title: 外部からのアクセスは本人確認と暗号化を確保する
# description: >-
#   外部からのアクセスを認める場合は利用者の本人確認と通信の暗号化を確保し、インターネットを介したアクセスは原則
#   禁止する。SSH・RDP をインターネット全体に開けず、Client VPN はフェデレーションか証明書で認証し接続を記録する。
# custom:
#   id: ART66-REMOTE-ACCESS
#   title_en: No SSH/RDP from anywhere; Client VPN uses federated or certificate authentication with logging
#   article: 第66条第3項・第4項・第7項
#   article_text: |-
#     【第66条第3項】情報システム・セキュリティ管理者は、外部からのアクセスを認める場合、システム上利用者の本人確認を行う機能を確保しなければならない。
#     【第66条第4項】情報システム・セキュリティ管理者は、外部からのアクセスを認める場合、通信途上の盗聴を防御するために暗号化等の措置を講じなければならない。
#     【第66条第7項】情報システム・セキュリティ管理者は、内部のネットワーク又は情報システムに対するインターネットを介した外部からのアクセスを原則として禁止しなければならない。
#   severity: critical
#   remediation: >-
#     SSH (22)・RDP (3389) をインターネット全体に開けず、Session Manager 等を使ってください。Client VPN はフェデレーション (SAML) か証明書認証を使い、接続ログを有効にしてください。
#   remediation_en: >-
#     Never open SSH (22) or RDP (3389) to the whole internet (use Session Manager or similar); give Client VPN endpoints federated (SAML) or certificate authentication and connection logging.
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Remote access verifies identity, encrypts traffic and is forbidden over the internet in principle:
#     no SSH or RDP open to the whole internet; Client VPN authenticates by federation or certificate and
#     logs connections.
remote := rego.metadata.rule().custom

remote_ports := {22: "SSH", 3389: "RDP"}

remote_scope contains a if {
	some r in net.sg_rules
	r.direction == "ingress"
	some a in {r.resource, net.owner(r)}
}

remote_scope contains a if some a in lib.live("aws_ec2_client_vpn_endpoint")

# The open rules of one security group share a cause: the group.
remote_violation contains lib.caused_violation(r.resource, sprintf("%s が %s (ポート %d) をインターネット全体 (%s) から受け付けます。", [net.owner(r), name, p, concat(" ", r.cidrs)]), sprintf("%s accepts %s (port %d) from the whole internet (%s).", [net.owner(r), name, p, concat(" ", r.cidrs)]), net.owner(r)) if {
	some r in net.sg_rules
	r.direction == "ingress"
	net.open(r)
	some p, name in remote_ports
	net.covers_tcp(r, p)
}

remote_violation contains lib.violation(e, sprintf("Client VPN エンドポイント %s の認証がフェデレーションでも証明書でもありません (%s)。", [e, concat(", ", types)]), sprintf("Client VPN endpoint %s uses neither federated nor certificate authentication (%s).", [e, concat(", ", types)])) if {
	some e in lib.live("aws_ec2_client_vpn_endpoint")
	types := [lib.str(object.get(o, "type", null)) | some o in lib.blocks(lib.get(e, "authentication_options"))]
	not strong_auth(types)
}

remote_violation contains lib.violation(e, sprintf("Client VPN エンドポイント %s の接続ログが有効ではありません。", [e]), sprintf("Client VPN endpoint %s does not log connections.", [e])) if {
	some e in lib.live("aws_ec2_client_vpn_endpoint")
	lib.flag(e, "connection_log_options.0.enabled") in {"false", "unset"}
}

remote_unverified contains e if {
	some e in lib.live("aws_ec2_client_vpn_endpoint")
	lib.flag(e, "connection_log_options.0.enabled") == "unknown"
}

strong_auth(types) if "federated-authentication" in types

strong_auth(types) if "certificate-authentication" in types

findings contains lib.finding(remote, v) if some v in remote_violation

checked[remote.id] := sort(remote_scope)

unverified[remote.id] := sort(remote_unverified)

# ---------------------------------------------------------------- ART69-NO-PLAINTEXT-SECRETS

# METADATA
# title: 認証情報を構成に平文で書かない
# description: >-
#   認証情報は厳重に管理し、パスワードは他者に知られないようにする。パスワード・鍵・トークンを構成に直接書かず、
#   長期のアクセスキーを作らない。manage_master_user_password や書き込み専用引数 (*_wo)、シークレットへの参照が
#   適合する方法である。
# custom:
#   id: ART69-NO-PLAINTEXT-SECRETS
#   title_en: No literal passwords or keys in the configuration; no long-lived access keys
#   article: 第69条第1項, 第41条
#   article_text: |-
#     【第69条第1項】情報システム・セキュリティ管理者は、職員等の認証情報を厳重に管理しなければならない。
#     【第41条第1項(1)】パスワードは、他者に知られないように管理しなければならない。
#   severity: critical
#   remediation: >-
#     パスワードや鍵を構成に直接書かず、manage_master_user_password、書き込み専用引数 (password_wo、secret_string_wo、value_wo)、Secrets Manager や random_password の参照を使ってください。長期のアクセスキー (aws_iam_access_key) は作らないでください。
#   remediation_en: >-
#     Write no passwords or keys into the configuration: use manage_master_user_password, write-only arguments (password_wo, secret_string_wo, value_wo) or references to Secrets Manager or random_password; create no long-lived access keys (aws_iam_access_key).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Credentials are strictly managed and passwords kept from others: no passwords, keys or tokens are
#     written into the configuration and no long-lived access keys are created. manage_master_user_password,
#     write-only arguments (*_wo) and references to managed secrets are the compliant ways.
secrets := rego.metadata.rule().custom

# Secret arguments: type -> attribute dot paths.
secret_attrs := {
	"aws_db_instance": ["password"],
	"aws_rds_cluster": ["master_password"],
	"aws_docdb_cluster": ["master_password"],
	"aws_docdb_elastic_cluster": ["admin_user_password"],
	"aws_redshift_cluster": ["master_password"],
	"aws_redshiftserverless_namespace": ["admin_user_password"],
	"aws_elasticache_replication_group": ["auth_token"],
	"aws_dms_endpoint": ["password"],
	"aws_directory_service_directory": ["password"],
	"aws_secretsmanager_secret_version": ["secret_string", "secret_binary"],
	"aws_dx_private_virtual_interface": ["bgp_auth_key"],
	"aws_dx_transit_virtual_interface": ["bgp_auth_key"],
	"aws_dx_bgp_peer": ["bgp_auth_key"],
	"aws_vpn_connection": ["tunnel1_preshared_key", "tunnel2_preshared_key"],
	"aws_opensearch_domain": ["advanced_security_options.0.master_user_options.0.master_user_password"],
	"aws_elasticsearch_domain": ["advanced_security_options.0.master_user_options.0.master_user_password"],
	"aws_codebuild_source_credential": ["token"],
	"aws_amplify_app": ["access_token", "basic_auth_credentials", "oauth_token"],
	"aws_lightsail_database": ["master_password"],
	"aws_mq_broker": ["user.0.password", "user.1.password", "user.2.password"],
	"aws_ssm_parameter": ["value"],
}

secret_scope contains a if {
	some t, _ in secret_attrs
	some a in lib.live(t)
}

secret_scope contains a if some a in lib.live_all(["aws_iam_access_key", "aws_lambda_function", "aws_ecs_task_definition", "aws_elasticache_user"])

# Values the plan took from its input variables (a variable is not a literal in the configuration).
variable_values := {v | some _, v in object.get(input, "variables", {}); is_string(v)}

# A secret written as a literal: a non-empty string without interpolation or reference (in a
# plan: also not the value of an input variable). Unknown values are references, never literals.
literal_secret(a, f) if {
	v := lib.literal_string(a, f)
	not v in variable_values
}

secret_violation contains lib.violation(a, sprintf("%s の %s に値が直接書かれています。", [a, f]), sprintf("%s has a literal value in %s.", [a, f])) if {
	some a in secret_scope
	some f in secret_attrs[lib.type_of(a)]
	not plain_parameter(a, f)
	literal_secret(a, f)
}

secret_violation contains lib.violation(a, sprintf("ElastiCache ユーザー %s のパスワードが直接書かれています。", [a]), sprintf("ElastiCache user %s has literal passwords.", [a])) if {
	some a in lib.live("aws_elasticache_user")
	some i, p in lib.as_list(lib.get(a, "passwords"))
	is_string(p)
	not contains(p, "${")
	count(lib.refs(a, "passwords")) == 0
	not p in variable_values
}

secret_violation contains lib.violation(a, sprintf("長期のアクセスキー %s を作っています: シークレットが state に残ります。", [a]), sprintf("Long-lived access key %s is created: its secret ends up in the state.", [a])) if {
	some a in lib.live("aws_iam_access_key")
}

secret_violation contains lib.violation(a, sprintf("Lambda 関数 %s の環境変数 %s に秘密情報らしい値が直接書かれています。", [a, k]), sprintf("Lambda function %s has a secret-looking literal in environment variable %s.", [a, k])) if {
	some a in lib.live("aws_lambda_function")
	count(lib.refs_under(a, "environment")) == 0
	some k, v in lib.get(a, "environment.0.variables")
	secret_name(k)
	literal_value(v)
}

secret_violation contains lib.violation(a, sprintf("ECS タスク定義 %s のコンテナ %s の環境変数 %s に秘密情報らしい値が直接書かれています。", [a, lib.str(object.get(c, "name", null)), object.get(e, "name", "")]), sprintf("ECS task definition %s has a secret-looking literal in environment variable %s of container %s.", [a, object.get(e, "name", ""), lib.str(object.get(c, "name", null))])) if {
	some a in lib.live("aws_ecs_task_definition")
	j := lib.get(a, "container_definitions")
	is_string(j)
	json.is_valid(j)
	some c in lib.as_list(json.unmarshal(j))
	some e in lib.as_list(object.get(c, "environment", null))
	secret_name(object.get(e, "name", ""))
	literal_value(object.get(e, "value", null))
}

# SSM String parameters are configuration, not secrets; SecureString values are.
plain_parameter(a, "value") if {
	lib.type_of(a) == "aws_ssm_parameter"
	lib.get(a, "type") != "SecureString"
}

secret_words := ["password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "credential", "access_key"]

secret_name(k) if {
	is_string(k)
	some w in secret_words
	contains(lower(k), w)
}

literal_value(v) if {
	is_string(v)
	v != ""
	not contains(v, "${")
	not reference_like(v)
	not v in variable_values
}

reference_like(v) if startswith(v, "arn:")

reference_like(v) if startswith(v, "{{resolve:")

reference_like(v) if startswith(v, "/aws/reference/")

reference_like(v) if startswith(v, "ssm:")

findings contains lib.finding(secrets, v) if some v in secret_violation

checked[secrets.id] := sort(secret_scope)

# ---------------------------------------------------------------- ART70-PRIVILEGED-SESSION

# METADATA
# title: 特権による接続時間を最小限にする
# description: >-
#   特権によるネットワーク・情報システムへの接続時間を必要最小限に制限する。管理者権限 (AdministratorAccess、
#   "*" を "*" に許可するポリシー、sanso:privileged) を持つロールの最大セッション時間は設定値 (既定1時間) 以下。
# custom:
#   id: ART70-PRIVILEGED-SESSION
#   title_en: Administrative roles have sessions of at most one hour
#   article: 第70条
#   article_text: |-
#     【第70条】情報システム・セキュリティ管理者は、特権によるネットワーク及び情報システムへの接続時間を必要最小限に制限しなければならない。
#   severity: medium
#   remediation: >-
#     管理者権限を持つロールの max_session_duration を設定値 (既定3600秒) 以下にしてください (OperatorRole は1時間です)。
#   remediation_en: >-
#     Set max_session_duration of administrative roles to at most the configured value (3600 seconds by default; OperatorRole uses one hour).
#   zones: [mynumber, lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     Privileged connection time is kept to the minimum: roles with administrative permissions
#     (AdministratorAccess, "*" on "*", sanso:privileged) have a maximum session duration of at most the
#     configured value (one hour by default).
session := rego.metadata.rule().custom

admin_roles contains r if {
	some r in lib.live("aws_iam_role")
	admin_role(r)
}

admin_role(r) if lib.is_true(lib.tag(r, lib.tag_keys.privileged))

admin_role(r) if {
	some at in lib.related(r, "aws_iam_role_policy_attachment")
	lib.refers(at, "role", r)
	admin_attachment(at)
}

admin_role(r) if {
	some at in lib.related(r, "aws_iam_policy_attachment")
	lib.refers(at, "roles", r)
	admin_attachment(at)
}

admin_role(r) if {
	some arn in lib.as_list(lib.get(r, "managed_policy_arns"))
	admin_policy(arn)
}

admin_role(r) if {
	some p in lib.related(r, "aws_iam_role_policy")
	lib.refers(p, "role", r)
	some s in iam.doc(p, "policy").statements
	"*" in too_broad(s)
}

admin_role(r) if {
	some i, _ in lib.blocks(lib.get(r, "inline_policy"))
	some s in iam.doc(r, concat(".", ["inline_policy", lib.str(i), "policy"])).statements
	"*" in too_broad(s)
}

admin_attachment(at) if admin_policy(lib.get(at, "policy_arn"))

admin_attachment(at) if {
	some p in lib.refs(at, "policy_arn")
	lib.type_of(p) == "aws_iam_policy"
	some s in iam.doc(p, "policy").statements
	"*" in too_broad(s)
}

session_violation contains lib.violation(r, sprintf("管理者権限のロール %s のセッションが最長 %d 秒です (%d 秒以下)。", [r, d, config.params.max_privileged_session_seconds]), sprintf("Administrative role %s allows sessions of up to %d seconds (at most %d).", [r, d, config.params.max_privileged_session_seconds])) if {
	some r in admin_roles
	d := lib.nn(lib.get(r, "max_session_duration"), 3600)
	is_number(d)
	d > config.params.max_privileged_session_seconds
}

findings contains lib.finding(session, v) if some v in session_violation

checked[session.id] := sort(admin_roles)
