package sanso.articles_test.art17

import rego.v1

import data.sanso.lib.testing as t

owned := {"sanso:owner": "市民課"}

classified_bucket := t.res("aws_s3_bucket", "docs", {"bucket": "docs"}, {"zone": "lgwan", "classification": "II", "tags": owned})

bare_bucket := t.res("aws_s3_bucket", "bare", {"bucket": "bare"}, {"zone": "lgwan"})

test_classified_fires_on_a_bucket_without_classification if {
	fs := data.sanso.main.findings with input as t.doc([bare_bucket])
	t.fired(fs, "ART17-CLASSIFIED", "aws_s3_bucket.bare")
}

test_classified_quiet_on_a_classified_bucket if {
	inp := t.doc([classified_bucket])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART17-CLASSIFIED")
	cs := data.sanso.main.checked with input as inp
	cs["ART17-CLASSIFIED"] == ["aws_s3_bucket.docs"]
}

# A class only inferred from related resources is not the store's own classification.
test_classified_fires_on_an_inherited_classification if {
	q := t.res("aws_sqs_queue", "q", {}, {"zone": "lgwan", "classification": "II", "classification_source": "inherited", "tags": owned})
	fs := data.sanso.main.findings with input as t.doc([q])
	t.fired(fs, "ART17-CLASSIFIED", "aws_sqs_queue.q")
}

test_classified_not_applicable_without_data_stores if {
	cs := data.sanso.main.checked with input as t.doc([t.res("aws_vpc", "v", {}, {"zone": "lgwan"})])
	cs["ART17-CLASSIFIED"] == []
}

test_owner_fires_without_owner_tag if {
	fs := data.sanso.main.findings with input as t.doc([bare_bucket])
	t.fired(fs, "ART18-OWNER", "aws_s3_bucket.bare")
}

test_owner_quiet_with_owner_tag if {
	fs := data.sanso.main.findings with input as t.doc([classified_bucket])
	t.not_fired(fs, "ART18-OWNER")
}

test_owner_tag_keys_are_configurable if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "lgwan", "classification": "II", "tags": {"Owner": "総務課"}})
	fs := data.sanso.main.findings with input as t.doc([b]) with data.sanso.config as {"owner_tag_keys": ["Owner"]}
	t.not_fired(fs, "ART18-OWNER")
}
