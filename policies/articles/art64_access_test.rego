package sanso.articles_test.art64

import rego.v1

import data.sanso.lib.testing as t

policy(statements) := t.res("aws_iam_policy", "p", {"policy": json.marshal({"Version": "2012-10-17", "Statement": statements})}, {})

test_least_privilege_fires_on_star_star if {
	fs := data.sanso.main.findings with input as t.doc([policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}])])
	t.fired(fs, "ART64-LEAST-PRIVILEGE", "aws_iam_policy.p")
}

test_least_privilege_fires_on_iam_star if {
	fs := data.sanso.main.findings with input as t.doc([policy([{"Effect": "Allow", "Action": ["iam:*"], "Resource": ["*"]}])])
	t.fired(fs, "ART64-LEAST-PRIVILEGE", "aws_iam_policy.p")
}

test_least_privilege_quiet_on_named_actions if {
	fs := data.sanso.main.findings with input as t.doc([policy([{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::docs/*"]}, {"Effect": "Deny", "Action": "*", "Resource": "*"}])])
	t.not_fired(fs, "ART64-LEAST-PRIVILEGE")
}

test_least_privilege_reads_policy_documents if {
	d := t.data_res("aws_iam_policy_document", "d", {"statement": [{"actions": ["kms:*"], "resources": ["*"]}]}, {})
	p := t.res("aws_iam_role_policy", "p", {"policy": "${data.aws_iam_policy_document.d.json}"}, {"refs": {"policy": ["data.aws_iam_policy_document.d"]}})
	fs := data.sanso.main.findings with input as t.doc([d, p])
	t.fired(fs, "ART64-LEAST-PRIVILEGE", "aws_iam_role_policy.p")
}

test_privileged_fires_on_administrator_access_for_a_user if {
	a := t.res("aws_iam_user_policy_attachment", "a", {"user": "ops", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, {})
	fs := data.sanso.main.findings with input as t.doc([a])
	t.fired(fs, "ART65-PRIVILEGED-IDS", "aws_iam_user_policy_attachment.a")
}

test_privileged_accepts_administrator_access_on_a_role if {
	a := t.res("aws_iam_role_policy_attachment", "a", {"role": "ops", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, {})
	fs := data.sanso.main.findings with input as t.doc([a])
	t.not_fired(fs, "ART65-PRIVILEGED-IDS")
}

test_privileged_fires_on_default_master_user if {
	db := t.res("aws_db_instance", "db", {"username": "postgres", "manage_master_user_password": true}, {})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART65-PRIVILEGED-IDS", "aws_db_instance.db")
	db2 := t.res("aws_db_instance", "db", {"username": "jumin_owner", "manage_master_user_password": true}, {})
	fs2 := data.sanso.main.findings with input as t.doc([db2])
	t.not_fired(fs2, "ART65-PRIVILEGED-IDS")
}

sg_rule(port) := t.res("aws_security_group", "sg", {"ingress": [{"protocol": "tcp", "from_port": port, "to_port": port, "cidr_blocks": ["0.0.0.0/0"]}]}, {})

test_remote_access_fires_on_ssh_and_rdp_from_anywhere if {
	fs := data.sanso.main.findings with input as t.doc([sg_rule(22)])
	t.fired(fs, "ART66-REMOTE-ACCESS", "aws_security_group.sg")
	fs2 := data.sanso.main.findings with input as t.doc([sg_rule(3389)])
	t.fired(fs2, "ART66-REMOTE-ACCESS", "aws_security_group.sg")
}

test_remote_access_quiet_on_https if {
	fs := data.sanso.main.findings with input as t.doc([sg_rule(443)])
	t.not_fired(fs, "ART66-REMOTE-ACCESS")
}

test_remote_access_client_vpn if {
	bad := t.res("aws_ec2_client_vpn_endpoint", "vpn", {"authentication_options": [{"type": "directory-service-authentication"}], "connection_log_options": [{"enabled": false}]}, {})
	fs := data.sanso.main.findings with input as t.doc([bad])
	t.fired(fs, "ART66-REMOTE-ACCESS", "aws_ec2_client_vpn_endpoint.vpn")
	good := t.res("aws_ec2_client_vpn_endpoint", "vpn", {"authentication_options": [{"type": "federated-authentication", "saml_provider_arn": "arn:x"}], "connection_log_options": [{"enabled": true, "cloudwatch_log_group": "vpn"}]}, {})
	fs2 := data.sanso.main.findings with input as t.doc([good])
	t.not_fired(fs2, "ART66-REMOTE-ACCESS")
}

test_secrets_fire_on_literal_password if {
	db := t.res("aws_db_instance", "db", {"username": "app_owner", "password": "P@ssw0rd"}, {})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART69-NO-PLAINTEXT-SECRETS", "aws_db_instance.db")
}

test_secrets_accept_managed_and_write_only_passwords if {
	db := t.res("aws_db_instance", "db", {"username": "app_owner", "manage_master_user_password": true}, {})
	db2 := t.res("aws_db_instance", "db2", {"username": "app_owner", "password_wo": "from-ephemeral", "password_wo_version": 1}, {})
	sv := t.res("aws_secretsmanager_secret_version", "sv", {"secret_id": "x", "secret_string_wo": "from-ephemeral"}, {})
	p := t.res("aws_ssm_parameter", "p", {"type": "SecureString", "value_wo": "x"}, {})
	fs := data.sanso.main.findings with input as t.doc([db, db2, sv, p])
	t.not_fired(fs, "ART69-NO-PLAINTEXT-SECRETS")
}

test_secrets_accept_references if {
	r := t.res("random_password", "pw", {"length": 32}, {})
	db := t.res("aws_db_instance", "db", {"username": "app_owner", "password": "${random_password.pw.result}"}, {"refs": {"password": ["random_password.pw"]}})
	fs := data.sanso.main.findings with input as t.doc([r, db])
	t.not_fired(fs, "ART69-NO-PLAINTEXT-SECRETS")
}

test_secrets_accept_plan_variables if {
	db := t.res("aws_db_instance", "db", {"username": "app_owner", "password": "from-tfvars"}, {})
	inp := object.union(t.doc([db]), {"format": "plan", "variables": {"db_password": "from-tfvars"}})
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART69-NO-PLAINTEXT-SECRETS")
}

test_secrets_fire_on_access_keys_and_secret_environment if {
	k := t.res("aws_iam_access_key", "k", {"user": "ci"}, {})
	f := t.res("aws_lambda_function", "f", {"environment": [{"variables": {"DB_PASSWORD": "hunter2", "STAGE": "prod"}}]}, {})
	fs := data.sanso.main.findings with input as t.doc([k, f])
	t.fired(fs, "ART69-NO-PLAINTEXT-SECRETS", "aws_iam_access_key.k")
	t.fired(fs, "ART69-NO-PLAINTEXT-SECRETS", "aws_lambda_function.f")
}

role(duration) := t.res("aws_iam_role", "admin", {"max_session_duration": duration}, {})

admin_attachment := t.res("aws_iam_role_policy_attachment", "admin", {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}, {"refs": {"role": ["aws_iam_role.admin"]}})

test_session_fires_on_long_admin_sessions if {
	fs := data.sanso.main.findings with input as t.doc([role(43200), admin_attachment])
	t.fired(fs, "ART70-PRIVILEGED-SESSION", "aws_iam_role.admin")
}

test_session_quiet_on_one_hour if {
	fs := data.sanso.main.findings with input as t.doc([role(3600), admin_attachment])
	t.not_fired(fs, "ART70-PRIVILEGED-SESSION")
}

test_session_ignores_non_admin_roles if {
	fs := data.sanso.main.findings with input as t.doc([role(43200)])
	t.not_fired(fs, "ART70-PRIVILEGED-SESSION")
}

key(statements) := t.res("aws_kms_key", "k", {"policy": json.marshal({"Version": "2012-10-17", "Statement": statements})}, {"zone": "mynumber"})

test_key_not_public_fires_on_anyone_without_condition if {
	fs := data.sanso.main.findings with input as t.doc([key([{"Sid": "Open", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}])])
	t.fired(fs, "ART64-KEY-NOT-PUBLIC", "aws_kms_key.k")
}

test_key_not_public_fires_on_a_separate_key_policy if {
	p := t.res("aws_kms_key_policy", "p", {"key_id": "k", "policy": json.marshal({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}]})}, {})
	fs := data.sanso.main.findings with input as t.doc([p])
	t.fired(fs, "ART64-KEY-NOT-PUBLIC", "aws_kms_key_policy.p")
}

test_key_not_public_quiet_on_the_account_or_a_limiting_condition if {
	k := key([
		{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
		{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}},
	])
	fs := data.sanso.main.findings with input as t.doc([k])
	t.not_fired(fs, "ART64-KEY-NOT-PUBLIC")
	data.sanso.main.checked["ART64-KEY-NOT-PUBLIC"] == ["aws_kms_key.k"] with input as t.doc([k])
}

test_key_not_public_quiet_without_a_policy if {
	fs := data.sanso.main.findings with input as t.doc([t.res("aws_kms_key", "k", {}, {})])
	t.not_fired(fs, "ART64-KEY-NOT-PUBLIC")
}

test_remote_access_open_rules_of_one_group_share_the_group_as_cause if {
	both := t.res("aws_security_group", "sg", {"ingress": [
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
		{"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_blocks": ["0.0.0.0/0"]},
	]}, {})
	fs := data.sanso.main.findings with input as t.doc([both])
	count([f | some f in fs; f.rule == "ART66-REMOTE-ACCESS"]) == 2
	{f.cause | some f in fs; f.rule == "ART66-REMOTE-ACCESS"} == {"aws_security_group.sg"}
	bad := t.res("aws_ec2_client_vpn_endpoint", "vpn", {"authentication_options": [{"type": "directory-service-authentication"}], "connection_log_options": [{"enabled": false}]}, {})
	fs2 := data.sanso.main.findings with input as t.doc([bad])
	{f.cause | some f in fs2; f.rule == "ART66-REMOTE-ACCESS"} == {null}
}
