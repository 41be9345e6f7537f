package sanso.articles_test.art22

import rego.v1

import data.sanso.lib.testing as t

tags := {"sanso:owner": "市民課"}

test_class_i_zone_fires_outside_mynumber if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "internet", "classification": "I", "tags": tags})
	fs := data.sanso.main.findings with input as t.doc([b])
	t.fired(fs, "ART22-CLASS-I-ZONE", "aws_s3_bucket.b")
}

test_class_i_zone_quiet_in_mynumber if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "mynumber", "classification": "I", "tags": tags})
	inp := t.doc([b])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART22-CLASS-I-ZONE")
	cs := data.sanso.main.checked with input as inp
	cs["ART22-CLASS-I-ZONE"] == ["aws_s3_bucket.b"]
}

test_class_i_zone_ignores_class_ii if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "internet", "classification": "II", "tags": tags})
	cs := data.sanso.main.checked with input as t.doc([b])
	cs["ART22-CLASS-I-ZONE"] == []
}

test_encrypted_fires_on_unencrypted_rds if {
	db := t.res("aws_db_instance", "db", {"storage_encrypted": false}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART22-ENCRYPTED-AT-REST", "aws_db_instance.db")
}

test_encrypted_quiet_on_encrypted_rds if {
	db := t.res("aws_db_instance", "db", {"storage_encrypted": true}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
}

test_encrypted_reads_the_split_s3_resource if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "lgwan", "classification": "II"})
	sse := t.res("aws_s3_bucket_server_side_encryption_configuration", "b", {"bucket": "${aws_s3_bucket.b.id}", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}, {"refs": {"bucket": ["aws_s3_bucket.b"]}})
	fs := data.sanso.main.findings with input as t.doc([b, sse])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
	fs2 := data.sanso.main.findings with input as t.doc([b])
	t.fired(fs2, "ART22-ENCRYPTED-AT-REST", "aws_s3_bucket.b")
}

test_encrypted_reads_the_inline_s3_block if {
	b := t.res("aws_s3_bucket", "b", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}]}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([b])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
}

test_encrypted_joins_split_resources_by_literal_bucket_name if {
	b := t.res("aws_s3_bucket", "b", {"bucket": "city-docs"}, {"zone": "lgwan", "classification": "II"})
	sse := t.res("aws_s3_bucket_server_side_encryption_configuration", "b", {"bucket": "city-docs", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}, {})
	fs := data.sanso.main.findings with input as t.doc([b, sse])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
}

test_encrypted_always_for_dynamodb if {
	d := t.res("aws_dynamodb_table", "d", {}, {"zone": "lgwan", "classification": "I"})
	fs := data.sanso.main.findings with input as t.doc([d])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
}

test_encrypted_unknown_flag_is_unverified if {
	v := t.res("aws_ebs_volume", "v", {}, {"zone": "lgwan", "classification": "II", "unknown": {"encrypted": true}})
	inp := t.doc([v])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
	u := data.sanso.main.unverified with input as inp
	u["ART22-ENCRYPTED-AT-REST"] == ["aws_ebs_volume.v"]
}

test_encrypted_ebs_by_account_default if {
	v := t.res("aws_ebs_volume", "v", {}, {"zone": "lgwan", "classification": "II"})
	d := t.res("aws_ebs_encryption_by_default", "on", {"enabled": true}, {})
	fs := data.sanso.main.findings with input as t.doc([v, d])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
}

test_encrypted_ignores_deleted_resources if {
	db := t.res("aws_db_instance", "db", {"storage_encrypted": false}, {"zone": "lgwan", "classification": "II", "action": "delete"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.not_fired(fs, "ART22-ENCRYPTED-AT-REST")
}
