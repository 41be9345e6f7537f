package sanso.articles_test.art43

import rego.v1

import data.sanso.lib.testing as t

bucket := t.res("aws_s3_bucket", "b", {"bucket": "files"}, {"zone": "lgwan", "classification": "II", "tags": {"sanso:zone": "lgwan", "sanso:classification": "II"}})

by_tags := t.res("aws_backup_selection", "sel", {
	"resources": ["*"],
	"condition": [{"string_equals": [
		{"key": "aws:ResourceTag/sanso:zone", "value": "lgwan"},
		{"key": "aws:ResourceTag/sanso:classification", "value": "II"},
	]}],
}, {})

test_backup_fires_without_selection if {
	fs := data.sanso.main.findings with input as t.doc([bucket])
	t.fired(fs, "ART43-BACKUP", "aws_s3_bucket.b")
}

test_backup_quiet_with_tag_condition_selection if {
	fs := data.sanso.main.findings with input as t.doc([bucket, by_tags])
	t.not_fired(fs, "ART43-BACKUP")
}

test_backup_conditions_must_all_hold if {
	other := t.res("aws_backup_selection", "sel", {"resources": ["*"], "condition": [{"string_equals": [{"key": "aws:ResourceTag/sanso:zone", "value": "mynumber"}]}]}, {})
	fs := data.sanso.main.findings with input as t.doc([bucket, other])
	t.fired(fs, "ART43-BACKUP", "aws_s3_bucket.b")
}

test_backup_quiet_with_selection_by_reference if {
	sel := t.res("aws_backup_selection", "sel", {"resources": ["${aws_s3_bucket.b.arn}"]}, {"refs": {"resources": ["aws_s3_bucket.b"]}})
	fs := data.sanso.main.findings with input as t.doc([bucket, sel])
	t.not_fired(fs, "ART43-BACKUP")
}

test_backup_quiet_with_selection_tag if {
	sel := t.res("aws_backup_selection", "sel", {"selection_tag": [{"type": "STRINGEQUALS", "key": "sanso:classification", "value": "II"}]}, {})
	fs := data.sanso.main.findings with input as t.doc([bucket, sel])
	t.not_fired(fs, "ART43-BACKUP")
}

test_backup_resource_pattern if {
	sel := t.res("aws_backup_selection", "sel", {"resources": ["arn:aws:s3:::*"]}, {})
	fs := data.sanso.main.findings with input as t.doc([bucket, sel])
	t.not_fired(fs, "ART43-BACKUP")
	sel2 := t.res("aws_backup_selection", "sel", {"resources": ["arn:aws:rds:*:*:db:*"]}, {})
	fs2 := data.sanso.main.findings with input as t.doc([bucket, sel2])
	t.fired(fs2, "ART43-BACKUP", "aws_s3_bucket.b")
}

test_backup_ignores_log_groups if {
	g := t.res("aws_cloudwatch_log_group", "g", {}, {"zone": "lgwan", "classification": "II"})
	cs := data.sanso.main.checked with input as t.doc([g])
	cs["ART43-BACKUP"] == []
}

test_backup_vault_needs_a_customer_managed_key if {
	v := t.res("aws_backup_vault", "v", {"name": "v"}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([v])
	t.fired(fs, "ART43-BACKUP", "aws_backup_vault.v")
	k := t.res("aws_kms_key", "k", {"enable_key_rotation": true}, {"zone": "lgwan"})
	v2 := t.res("aws_backup_vault", "v", {"name": "v", "kms_key_arn": "${aws_kms_key.k.arn}"}, {"zone": "lgwan", "classification": "II", "refs": {"kms_key_arn": ["aws_kms_key.k"]}})
	fs2 := data.sanso.main.findings with input as t.doc([k, v2])
	t.not_fired(fs2, "ART43-BACKUP")
}

test_backup_without_any_selection_has_one_cause if {
	ebs := t.res("aws_ebs_volume", "v", {"encrypted": true}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([bucket, ebs])
	{[f.resource, f.cause] | some f in fs; f.rule == "ART43-BACKUP"} == {["aws_s3_bucket.b", "missing:aws_backup_selection"], ["aws_ebs_volume.v", "missing:aws_backup_selection"]}
	# with a selection that leaves a store out, the store is its own cause
	other := t.res("aws_backup_selection", "sel", {"resources": ["*"], "condition": [{"string_equals": [{"key": "aws:ResourceTag/sanso:zone", "value": "mynumber"}]}]}, {})
	fs2 := data.sanso.main.findings with input as t.doc([bucket, other])
	{object.get(f, "cause", null) | some f in fs2; f.rule == "ART43-BACKUP"} == {null}
}
