package sanso.articles_test.art90

import rego.v1

import data.sanso.lib.testing as t

queue := t.res("aws_sqs_queue", "q", {}, {})

baseline := [
	t.res("aws_guardduty_detector", "gd", {"enable": true}, {}),
	t.res("aws_securityhub_account", "sh", {}, {}),
	t.res("aws_config_configuration_recorder", "rec", {"name": "default"}, {}),
	t.res("aws_config_delivery_channel", "ch", {"name": "default", "s3_bucket_name": "logs"}, {}),
	t.res("aws_config_configuration_recorder_status", "st", {"is_enabled": true}, {"refs": {"name": ["aws_config_configuration_recorder.rec"]}}),
]

test_monitored_fires_on_standalone_stack_without_services if {
	fs := data.sanso.main.findings with input as t.doc_standalone([queue])
	t.fired(fs, "ART90-MONITORED", "provider.aws")
}

test_monitored_quiet_on_standalone_stack_with_baseline if {
	fs := data.sanso.main.findings with input as t.doc_standalone(array.concat([queue], baseline))
	t.not_fired(fs, "ART90-MONITORED")
}

test_monitored_fires_on_recorder_without_channel if {
	rec := t.res("aws_config_configuration_recorder", "rec", {"name": "default"}, {})
	fs := data.sanso.main.findings with input as t.doc_standalone([queue, rec])
	t.fired(fs, "ART90-MONITORED", "aws_config_configuration_recorder.rec")
}

test_monitored_gcas_stacks_leave_the_services_to_the_platform if {
	fs := data.sanso.main.findings with input as t.doc([queue])
	t.not_fired(fs, "ART90-MONITORED")
	fs2 := data.sanso.main.findings with input as t.doc(array.concat([queue], baseline))
	t.fired(fs2, "ART90-MONITORED", "aws_guardduty_detector.gd")
}

# Without a declaration in the stack, the configuration decides (default standalone).
test_monitored_platform_from_configuration if {
	inp := t.doc_with([queue], {"aws": {"name": "aws", "alias": null, "region": "ap-northeast-1", "default_tags": {"sanso:environment": "production"}}})
	fs := data.sanso.main.findings with input as inp
	t.fired(fs, "ART90-MONITORED", "provider.aws")
	fs2 := data.sanso.main.findings with input as inp with data.sanso.config as {"platform": "gcas"}
	t.not_fired(fs2, "ART90-MONITORED")
}

test_region_fires_on_another_region if {
	b := t.res("aws_s3_bucket", "b", {}, {"region": "us-east-1"})
	fs := data.sanso.main.findings with input as t.doc([b])
	t.fired(fs, "ART99-REGION", "aws_s3_bucket.b")
}

test_region_checks_the_resource_region_argument if {
	b := t.res("aws_s3_bucket", "b", {"region": "eu-west-1"}, {"region": "eu-west-1"})
	ok := t.res("aws_s3_bucket", "ok", {}, {"region": "ap-northeast-3"})
	fs := data.sanso.main.findings with input as t.doc([b, ok])
	t.fired(fs, "ART99-REGION", "aws_s3_bucket.b")
	not t.fired(fs, "ART99-REGION", "aws_s3_bucket.ok")
}

test_region_ignores_global_services if {
	r := t.res("aws_iam_role", "r", {}, {"region": "us-east-1"})
	fs := data.sanso.main.findings with input as t.doc([r])
	t.not_fired(fs, "ART99-REGION")
}

test_region_allows_cloudfront_waf_in_us_east_1 if {
	acl := t.res("aws_wafv2_web_acl", "cf", {"scope": "CLOUDFRONT"}, {"region": "us-east-1"})
	fs := data.sanso.main.findings with input as t.doc([acl])
	t.not_fired(fs, "ART99-REGION")
}

test_region_unknown_is_unverified if {
	b := t.res("aws_s3_bucket", "b", {}, {"region": null})
	u := data.sanso.main.unverified with input as t.doc([b])
	u["ART99-REGION"] == ["aws_s3_bucket.b"]
}

test_region_allow_list_is_configurable if {
	b := t.res("aws_s3_bucket", "b", {}, {"region": "ap-northeast-3"})
	fs := data.sanso.main.findings with input as t.doc([b]) with data.sanso.config as {"allowed_regions": ["ap-northeast-1"]}
	t.fired(fs, "ART99-REGION", "aws_s3_bucket.b")
}

# The account baseline another input of the run provides (sanso check sets data.sanso.run).
test_monitored_quiet_when_the_run_provides_the_baseline if {
	d := t.doc_standalone([queue])
	run := {"account_baseline": {d.stack: {"guardduty": {"by": "baseline", "kind": "stack"}, "securityhub": {"by": "baseline", "kind": "stack"}, "config": {"by": "baseline", "kind": "stack"}}}}
	fs := data.sanso.main.findings with input as d with data.sanso.run as run
	t.not_fired(fs, "ART90-MONITORED")
	only_gd := {"account_baseline": {d.stack: {"guardduty": {"by": "baseline", "kind": "stack"}}}}
	fs2 := data.sanso.main.findings with input as d with data.sanso.run as only_gd
	t.fired(fs2, "ART90-MONITORED", "provider.aws")
	# the baseline given for another stack does not cover this one
	other := {"account_baseline": {"other-stack": {"guardduty": {"by": "baseline", "kind": "stack"}, "securityhub": {"by": "baseline", "kind": "stack"}, "config": {"by": "baseline", "kind": "stack"}}}}
	fs3 := data.sanso.main.findings with input as d with data.sanso.run as other
	t.fired(fs3, "ART90-MONITORED", "provider.aws")
}

# ---------------------------------------------------------------- causes (one cause, one finding)

# The cause of each finding of a rule on a resource.
causes(fs, id, addr) := {object.get(f, "cause", null) | some f in fs; f.rule == id; f.resource == addr}

test_region_names_the_provider_as_cause if {
	us := {"aws": {"name": "aws", "alias": null, "region": "us-east-1", "default_tags": {"sanso:environment": "production", "sanso:platform": "gcas"}}}
	b := t.res("aws_s3_bucket", "b", {}, {"region": "us-east-1"})
	q := t.res("aws_sqs_queue", "q", {}, {"region": "us-east-1"})
	own := t.res("aws_s3_bucket", "own", {"region": "eu-west-1"}, {"region": "eu-west-1"})
	fs := data.sanso.main.findings with input as t.doc_with([b, q, own], us)
	causes(fs, "ART99-REGION", "aws_s3_bucket.b") == {"provider.aws"}
	causes(fs, "ART99-REGION", "aws_sqs_queue.q") == {"provider.aws"}
	# one message for the cause, the same for every resource it places
	{f.message_en | some f in fs; f.rule == "ART99-REGION"; f.cause == "provider.aws"} == {"Provider provider.aws is configured for region us-east-1 (allowed: ap-northeast-1, ap-northeast-3): every resource it creates is placed there."}
	# a resource with its own region argument is its own cause
	causes(fs, "ART99-REGION", "aws_s3_bucket.own") == {null}
}

test_monitored_missing_services_share_the_baseline_cause if {
	fs := data.sanso.main.findings with input as t.doc_standalone([queue])
	count([f | some f in fs; f.rule == "ART90-MONITORED"]) == 3
	causes(fs, "ART90-MONITORED", "provider.aws") == {"missing:account_baseline"}
	rec := t.res("aws_config_configuration_recorder", "rec", {"name": "default"}, {})
	fs2 := data.sanso.main.findings with input as t.doc_standalone([queue, rec])
	causes(fs2, "ART90-MONITORED", "aws_config_configuration_recorder.rec") == {null}
}
