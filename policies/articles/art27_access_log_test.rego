package sanso.articles_test.art27

import rego.v1

import data.sanso.lib.testing as t

bucket := t.res("aws_s3_bucket", "b", {"bucket": "jumin"}, {"zone": "mynumber", "classification": "I"})

test_access_log_fires_on_class_i_bucket_without_logs if {
	fs := data.sanso.main.findings with input as t.doc([bucket])
	t.fired(fs, "ART27-CLASS-I-ACCESS-LOG", "aws_s3_bucket.b")
}

test_access_log_quiet_with_server_access_logging if {
	logs := t.res("aws_s3_bucket", "logs", {}, {"zone": "mynumber", "classification": "II"})
	l := t.res("aws_s3_bucket_logging", "b", {"bucket": "${aws_s3_bucket.b.id}", "target_bucket": "${aws_s3_bucket.logs.id}"}, {"refs": {"bucket": ["aws_s3_bucket.b"], "target_bucket": ["aws_s3_bucket.logs"]}})
	fs := data.sanso.main.findings with input as t.doc([bucket, logs, l])
	t.not_fired(fs, "ART27-CLASS-I-ACCESS-LOG")
}

test_access_log_quiet_with_cloudtrail_data_events if {
	trail := t.res("aws_cloudtrail", "trail", {"event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": ["${aws_s3_bucket.b.arn}/"]}]}]}, {"refs": {"event_selector.0.data_resource.0.values": ["aws_s3_bucket.b"]}})
	fs := data.sanso.main.findings with input as t.doc([bucket, trail])
	t.not_fired(fs, "ART27-CLASS-I-ACCESS-LOG")
}

test_access_log_quiet_with_all_bucket_data_events if {
	trail := t.res("aws_cloudtrail", "trail", {"event_selector": [{"data_resource": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}]}, {})
	fs := data.sanso.main.findings with input as t.doc([bucket, trail])
	t.not_fired(fs, "ART27-CLASS-I-ACCESS-LOG")
}

test_access_log_needs_no_access_log_on_an_object_lock_log_archive if {
	archive := t.res("aws_s3_bucket", "archive", {"object_lock_enabled": true}, {"zone": "mynumber", "classification": "I"})
	trail := t.res("aws_cloudtrail", "trail", {"s3_bucket_name": "${aws_s3_bucket.archive.id}"}, {"refs": {"s3_bucket_name": ["aws_s3_bucket.archive"]}})
	fs := data.sanso.main.findings with input as t.doc([archive, trail])
	t.not_fired(fs, "ART27-CLASS-I-ACCESS-LOG")
}

test_access_log_fires_on_database_without_exports if {
	db := t.res("aws_db_instance", "db", {}, {"zone": "mynumber", "classification": "I"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART27-CLASS-I-ACCESS-LOG", "aws_db_instance.db")
	db2 := t.res("aws_db_instance", "db", {"enabled_cloudwatch_logs_exports": ["postgresql"]}, {"zone": "mynumber", "classification": "I"})
	fs2 := data.sanso.main.findings with input as t.doc([db2])
	t.not_fired(fs2, "ART27-CLASS-I-ACCESS-LOG")
}

test_access_log_ignores_class_ii if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "lgwan", "classification": "II"})
	cs := data.sanso.main.checked with input as t.doc([b])
	cs["ART27-CLASS-I-ACCESS-LOG"] == []
}
