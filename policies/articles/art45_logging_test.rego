package sanso.articles_test.art45

import rego.v1

import data.sanso.lib.testing as t

key := t.res("aws_kms_key", "k", {"enable_key_rotation": true}, {})

good_trail := t.res("aws_cloudtrail", "trail", {
	"is_multi_region_trail": true,
	"enable_log_file_validation": true,
	"include_global_service_events": true,
	"kms_key_id": "${aws_kms_key.k.arn}",
}, {"refs": {"kms_key_id": ["aws_kms_key.k"]}})

test_trail_fires_on_a_weak_trail if {
	weak := t.res("aws_cloudtrail", "trail", {"is_multi_region_trail": false, "enable_log_file_validation": false}, {})
	fs := data.sanso.main.findings with input as t.doc([weak])
	t.fired(fs, "ART45-CHANGE-TRAIL", "aws_cloudtrail.trail")
}

test_trail_quiet_on_a_good_trail if {
	fs := data.sanso.main.findings with input as t.doc_standalone([key, good_trail])
	t.not_fired(fs, "ART45-CHANGE-TRAIL")
}

test_trail_fires_when_management_events_are_excluded if {
	t2 := object.union(good_trail, {"values": object.union(good_trail.values, {"advanced_event_selector": [{"name": "data", "field_selector": [{"field": "eventCategory", "equals": ["Data"]}]}]})})
	fs := data.sanso.main.findings with input as t.doc([key, t2])
	t.fired(fs, "ART45-CHANGE-TRAIL", "aws_cloudtrail.trail")
}

test_trail_required_in_standalone_stacks_only if {
	b := t.res("aws_sqs_queue", "q", {}, {})
	fs := data.sanso.main.findings with input as t.doc_standalone([b])
	t.fired(fs, "ART45-CHANGE-TRAIL", "provider.aws")
	fs2 := data.sanso.main.findings with input as t.doc([b])
	t.not_fired(fs2, "ART45-CHANGE-TRAIL")
}

test_logs_kept_fires_on_vpc_without_flow_logs if {
	v := t.res("aws_vpc", "v", {}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([v])
	t.fired(fs, "ART47-LOGS-KEPT", "aws_vpc.v")
	f := t.res("aws_flow_log", "f", {}, {"refs": {"vpc_id": ["aws_vpc.v"]}})
	fs2 := data.sanso.main.findings with input as t.doc([v, f])
	t.not_fired(fs2, "ART47-LOGS-KEPT")
}

group(values) := t.res("aws_cloudwatch_log_group", "g", values, {"refs": {"kms_key_id": ["aws_kms_key.k"]}})

test_logs_kept_fires_on_short_retention if {
	fs := data.sanso.main.findings with input as t.doc([key, group({"retention_in_days": 30, "kms_key_id": "${aws_kms_key.k.arn}"})])
	t.fired(fs, "ART47-LOGS-KEPT", "aws_cloudwatch_log_group.g")
}

test_logs_kept_quiet_on_a_year if {
	fs := data.sanso.main.findings with input as t.doc([key, group({"retention_in_days": 365, "kms_key_id": "${aws_kms_key.k.arn}"})])
	t.not_fired(fs, "ART47-LOGS-KEPT")
}

test_logs_kept_retention_is_configurable if {
	fs := data.sanso.main.findings with input as t.doc([key, group({"retention_in_days": 400, "kms_key_id": "${aws_kms_key.k.arn}"})]) with data.sanso.config as {"log_retention_days": 731}
	t.fired(fs, "ART47-LOGS-KEPT", "aws_cloudwatch_log_group.g")
}

test_logs_kept_fires_on_unencrypted_log_group if {
	g := t.res("aws_cloudwatch_log_group", "g", {"retention_in_days": 365}, {})
	fs := data.sanso.main.findings with input as t.doc([g])
	t.fired(fs, "ART47-LOGS-KEPT", "aws_cloudwatch_log_group.g")
}

test_logs_kept_fires_on_alb_without_access_logs if {
	lb := t.res("aws_lb", "lb", {"internal": true, "load_balancer_type": "application"}, {})
	fs := data.sanso.main.findings with input as t.doc([lb])
	t.fired(fs, "ART47-LOGS-KEPT", "aws_lb.lb")
	lb2 := t.res("aws_lb", "lb", {"internal": true, "access_logs": [{"bucket": "logs", "enabled": true}]}, {})
	fs2 := data.sanso.main.findings with input as t.doc([lb2])
	t.not_fired(fs2, "ART47-LOGS-KEPT")
}

archive := t.res("aws_s3_bucket", "archive", {"object_lock_enabled": true}, {})

aref := {"refs": {"bucket": ["aws_s3_bucket.archive"]}}

trail_into(b) := t.res("aws_cloudtrail", "trail", object.union(good_trail.values, {"s3_bucket_name": concat("", ["${", b, ".id}"])}), {"refs": {"kms_key_id": ["aws_kms_key.k"], "s3_bucket_name": [b]}})

protections(b, name) := [
	t.res("aws_s3_bucket_versioning", name, {"versioning_configuration": [{"status": "Enabled"}]}, {"refs": {"bucket": [b]}}),
	t.res("aws_s3_bucket_server_side_encryption_configuration", name, {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}, {"refs": {"bucket": [b]}}),
	t.res("aws_s3_bucket_public_access_block", name, {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}, {"refs": {"bucket": [b]}}),
]

test_logs_protected_fires_on_a_bare_log_bucket if {
	b := t.res("aws_s3_bucket", "logs", {}, {})
	fs := data.sanso.main.findings with input as t.doc([key, b, trail_into("aws_s3_bucket.logs")])
	t.fired(fs, "ART47-LOGS-PROTECTED", "aws_s3_bucket.logs")
}

test_logs_protected_quiet_on_an_object_lock_archive if {
	fs := data.sanso.main.findings with input as t.doc(array.concat([key, archive, trail_into("aws_s3_bucket.archive")], protections("aws_s3_bucket.archive", "archive")))
	t.not_fired(fs, "ART47-LOGS-PROTECTED")
}

# Object Lock buckets cannot receive server access logs: a deny-delete policy is the equivalent.
test_logs_protected_accepts_a_deny_delete_policy_on_the_access_log_bucket if {
	sink := t.res("aws_s3_bucket", "sink", {}, {})
	logging := t.res("aws_s3_bucket_logging", "archive", {}, {"refs": {"bucket": ["aws_s3_bucket.archive"], "target_bucket": ["aws_s3_bucket.sink"]}})
	policy := t.res("aws_s3_bucket_policy", "sink", {"policy": json.marshal({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": ["s3:DeleteObject", "s3:DeleteObjectVersion"], "Resource": "arn:aws:s3:::sink/*"}]})}, {"refs": {"bucket": ["aws_s3_bucket.sink"]}})
	rs := array.concat(array.concat([key, archive, sink, logging, policy, trail_into("aws_s3_bucket.archive")], protections("aws_s3_bucket.archive", "archive")), protections("aws_s3_bucket.sink", "sink"))
	inp := t.doc(rs)
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART47-LOGS-PROTECTED")
	cs := data.sanso.main.checked with input as inp
	cs["ART47-LOGS-PROTECTED"] == ["aws_s3_bucket.archive", "aws_s3_bucket.sink"]
	rs2 := array.concat(array.concat([key, archive, sink, logging, trail_into("aws_s3_bucket.archive")], protections("aws_s3_bucket.archive", "archive")), protections("aws_s3_bucket.sink", "sink"))
	fs2 := data.sanso.main.findings with input as t.doc(rs2)
	t.fired(fs2, "ART47-LOGS-PROTECTED", "aws_s3_bucket.sink")
}

test_logs_kept_covers_network_load_balancers if {
	nlb := t.res("aws_lb", "nlb", {"internal": true, "load_balancer_type": "network"}, {})
	fs := data.sanso.main.findings with input as t.doc([nlb])
	t.fired(fs, "ART47-LOGS-KEPT", "aws_lb.nlb")
}
