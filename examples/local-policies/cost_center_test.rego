# Unit tests of the example local rule, run with the built-in library (whose own tests are left out):
#   sanso test policies examples/local-policies -r '^data\.sanso\.local_test\.'
package sanso.local_test.cost_center

import rego.v1

import data.sanso.lib.testing as t

test_fires_on_a_bucket_without_the_tag if {
	b := t.res("aws_s3_bucket", "files", {"bucket": "city-files"}, {"zone": "lgwan", "tags": {}})
	fs := data.sanso.local.cost_center.findings with input as t.doc([b])
	[f.resource | some f in fs] == ["aws_s3_bucket.files"]
	data.sanso.local.cost_center.checked["LOCAL-COST-CENTER"] == ["aws_s3_bucket.files"] with input as t.doc([b])
}

test_passes_a_tagged_bucket if {
	b := t.res("aws_s3_bucket", "files", {"bucket": "city-files"}, {"zone": "lgwan", "tags": {"city:cost-center": "1234"}})
	count(data.sanso.local.cost_center.findings) == 0 with input as t.doc([b])
}

test_main_collects_the_local_rule if {
	b := t.res("aws_s3_bucket", "files", {"bucket": "city-files"}, {"zone": "lgwan", "tags": {}})
	some f in data.sanso.main.findings with input as t.doc([b])
	f.rule == "LOCAL-COST-CENTER"
}
