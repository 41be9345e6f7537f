package sanso.articles_test.art23

import rego.v1

import data.sanso.lib.testing as t

bucket := t.res("aws_s3_bucket", "b", {"bucket": "docs"}, {"zone": "lgwan", "classification": "II"})

bref := {"bucket": ["aws_s3_bucket.b"]}

pab(on) := t.res("aws_s3_bucket_public_access_block", "b", {
	"bucket": "${aws_s3_bucket.b.id}",
	"block_public_acls": on, "block_public_policy": on, "ignore_public_acls": on, "restrict_public_buckets": on,
}, {"refs": bref})

policy(statements) := t.res("aws_s3_bucket_policy", "b", {
	"bucket": "${aws_s3_bucket.b.id}",
	"policy": json.marshal({"Version": "2012-10-17", "Statement": statements}),
}, {"refs": bref})

deny_plain := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::docs", "arn:aws:s3:::docs/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

test_not_public_fires_without_public_access_block if {
	fs := data.sanso.main.findings with input as t.doc([bucket])
	t.fired(fs, "ART23-NOT-PUBLIC", "aws_s3_bucket.b")
}

test_not_public_quiet_with_full_public_access_block if {
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true), policy([deny_plain])])
	t.not_fired(fs, "ART23-NOT-PUBLIC")
}

test_not_public_fires_on_partial_public_access_block if {
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(false)])
	t.fired(fs, "ART23-NOT-PUBLIC", "aws_s3_bucket.b")
}

test_not_public_fires_on_public_policy if {
	p := policy([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::docs/*"}])
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true), p])
	t.fired(fs, "ART23-NOT-PUBLIC", "aws_s3_bucket_policy.b")
}

test_not_public_accepts_a_policy_limited_to_a_vpc_endpoint if {
	p := policy([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::docs/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-123"}}}])
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true), p])
	t.not_fired(fs, "ART23-NOT-PUBLIC")
}

test_not_public_fires_on_public_acl if {
	acl := t.res("aws_s3_bucket_acl", "b", {"bucket": "${aws_s3_bucket.b.id}", "acl": "public-read"}, {"refs": bref})
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true), acl])
	t.fired(fs, "ART23-NOT-PUBLIC", "aws_s3_bucket_acl.b")
}

test_not_public_fires_on_inline_public_acl if {
	b := t.res("aws_s3_bucket", "b", {"acl": "public-read"}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([b, pab(true)])
	t.fired(fs, "ART23-NOT-PUBLIC", "aws_s3_bucket.b")
}

test_not_public_fires_on_public_rds if {
	db := t.res("aws_db_instance", "db", {"publicly_accessible": true}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART23-NOT-PUBLIC", "aws_db_instance.db")
	fs2 := data.sanso.main.findings with input as t.doc([t.res("aws_db_instance", "db", {"publicly_accessible": false}, {"zone": "lgwan", "classification": "II"})])
	t.not_fired(fs2, "ART23-NOT-PUBLIC")
}

test_not_public_ignores_class_iii if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "internet", "classification": "III"})
	cs := data.sanso.main.checked with input as t.doc([b])
	cs["ART23-NOT-PUBLIC"] == []
}

test_tls_only_fires_without_deny_policy if {
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true)])
	t.fired(fs, "ART24-TLS-ONLY", "aws_s3_bucket.b")
}

test_tls_only_quiet_with_deny_policy if {
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true), policy([deny_plain])])
	t.not_fired(fs, "ART24-TLS-ONLY")
}

test_tls_only_reads_a_policy_document_data_source if {
	d := t.data_res("aws_iam_policy_document", "tls", {"statement": [{"effect": "Deny", "actions": ["s3:*"], "resources": ["*"], "principals": [{"type": "*", "identifiers": ["*"]}], "condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}]}]}, {})
	p := t.res("aws_s3_bucket_policy", "b", {"bucket": "${aws_s3_bucket.b.id}", "policy": "${data.aws_iam_policy_document.tls.json}"}, {"refs": {"bucket": ["aws_s3_bucket.b"], "policy": ["data.aws_iam_policy_document.tls"]}})
	fs := data.sanso.main.findings with input as t.doc([bucket, pab(true), d, p])
	t.not_fired(fs, "ART24-TLS-ONLY")
}

# A plan's jsonencode() policy naming a new bucket's ARN is unknown: neither pass nor fail.
test_tls_only_unknown_policy_is_unverified if {
	p := t.res("aws_s3_bucket_policy", "b", {"bucket": null}, {"refs": {"bucket": ["aws_s3_bucket.b"], "policy": ["aws_s3_bucket.b"]}, "unknown": {"bucket": true, "policy": true}})
	inp := t.doc([bucket, pab(true), p])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART24-TLS-ONLY")
	u := data.sanso.main.unverified with input as inp
	u["ART24-TLS-ONLY"] == ["aws_s3_bucket.b"]
}

lb := t.res("aws_lb", "lb", {"internal": false, "load_balancer_type": "application"}, {"zone": "internet"})

listener(values) := t.res("aws_lb_listener", "l", object.union({"load_balancer_arn": "${aws_lb.lb.arn}"}, values), {"zone": "internet", "refs": {"load_balancer_arn": ["aws_lb.lb"]}})

test_tls_only_fires_on_http_forward if {
	l := listener({"port": 80, "protocol": "HTTP", "default_action": [{"type": "forward", "target_group_arn": "arn:x"}]})
	fs := data.sanso.main.findings with input as t.doc([lb, l])
	t.fired(fs, "ART24-TLS-ONLY", "aws_lb_listener.l")
}

test_tls_only_accepts_http_redirect_to_https if {
	l := listener({"port": 80, "protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}]}]})
	fs := data.sanso.main.findings with input as t.doc([lb, l])
	t.not_fired(fs, "ART24-TLS-ONLY")
}

test_tls_only_treats_a_listener_without_protocol_on_an_alb_as_http if {
	l := listener({"port": 80, "default_action": [{"type": "forward", "target_group_arn": "arn:x"}]})
	fs := data.sanso.main.findings with input as t.doc([lb, l])
	t.fired(fs, "ART24-TLS-ONLY", "aws_lb_listener.l")
}

db(engine, version, extra) := t.res("aws_db_instance", "db", object.union({"engine": engine, "engine_version": version, "storage_encrypted": true}, extra), {"zone": "lgwan", "classification": "II", "refs": object.get(extra, "__refs", {})})

test_tls_only_fires_on_old_postgres_without_force_ssl if {
	fs := data.sanso.main.findings with input as t.doc([db("postgres", "14.10", {})])
	t.fired(fs, "ART24-TLS-ONLY", "aws_db_instance.db")
}

test_tls_only_accepts_postgres_15_defaults if {
	fs := data.sanso.main.findings with input as t.doc([db("postgres", "16.4", {})])
	t.not_fired(fs, "ART24-TLS-ONLY")
}

test_tls_only_reads_the_parameter_group if {
	pg := t.res("aws_db_parameter_group", "pg", {"family": "mysql8.0", "parameter": [{"name": "require_secure_transport", "value": "1"}]}, {})
	d := t.res("aws_db_instance", "db", {"engine": "mysql", "storage_encrypted": true, "parameter_group_name": "${aws_db_parameter_group.pg.name}"}, {"zone": "lgwan", "classification": "II", "refs": {"parameter_group_name": ["aws_db_parameter_group.pg"]}})
	fs := data.sanso.main.findings with input as t.doc([pg, d])
	t.not_fired(fs, "ART24-TLS-ONLY")
	d2 := t.res("aws_db_instance", "db", {"engine": "mysql", "storage_encrypted": true}, {"zone": "lgwan", "classification": "II"})
	fs2 := data.sanso.main.findings with input as t.doc([d2])
	t.fired(fs2, "ART24-TLS-ONLY", "aws_db_instance.db")
}

test_integrity_fires_on_unversioned_public_bucket if {
	b := t.res("aws_s3_bucket", "site", {}, {"zone": "internet", "classification": "IV"})
	fs := data.sanso.main.findings with input as t.doc([b])
	t.fired(fs, "ART25-PUBLIC-INTEGRITY", "aws_s3_bucket.site")
}

test_integrity_quiet_with_versioning_and_notification if {
	b := t.res("aws_s3_bucket", "site", {}, {"zone": "internet", "classification": "IV"})
	r := {"refs": {"bucket": ["aws_s3_bucket.site"]}}
	v := t.res("aws_s3_bucket_versioning", "site", {"bucket": "${aws_s3_bucket.site.id}", "versioning_configuration": [{"status": "Enabled"}]}, r)
	n := t.res("aws_s3_bucket_notification", "site", {"bucket": "${aws_s3_bucket.site.id}", "eventbridge": true}, r)
	fs := data.sanso.main.findings with input as t.doc([b, v, n])
	t.not_fired(fs, "ART25-PUBLIC-INTEGRITY")
	fs2 := data.sanso.main.findings with input as t.doc([b, v])
	t.fired(fs2, "ART25-PUBLIC-INTEGRITY", "aws_s3_bucket.site")
}

test_integrity_quiet_with_object_lock if {
	b := t.res("aws_s3_bucket", "site", {"object_lock_enabled": true}, {"zone": "internet", "classification": "IV"})
	fs := data.sanso.main.findings with input as t.doc([b])
	t.not_fired(fs, "ART25-PUBLIC-INTEGRITY")
}

# A flag set from another resource's attribute is unknown in a plan: neither passed nor failed.
test_not_public_unknown_flag_is_unverified if {
	db := t.res("aws_db_instance", "db", {}, {"zone": "lgwan", "classification": "II", "unknown": {"publicly_accessible": true}, "refs": {"publicly_accessible": ["aws_ssm_parameter.p"]}})
	inp := t.doc([db])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART23-NOT-PUBLIC")
	u := data.sanso.main.unverified with input as inp
	u["ART23-NOT-PUBLIC"] == ["aws_db_instance.db"]
}
