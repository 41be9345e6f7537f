package sanso.articles_test.art57

import rego.v1

import data.sanso.lib.testing as t

key(values, zone) := t.res("aws_kms_key", "k", values, {"zone": zone})

test_rotation_fires_on_a_key_that_does_not_rotate if {
	fs := data.sanso.main.findings with input as t.doc([key({"enable_key_rotation": false}, "lgwan")])
	t.fired(fs, "ART57-KEY-ROTATION", "aws_kms_key.k")
	fs2 := data.sanso.main.findings with input as t.doc([key({}, "internet")])
	t.fired(fs2, "ART57-KEY-ROTATION", "aws_kms_key.k")
}

test_rotation_fires_on_a_period_over_a_year if {
	fs := data.sanso.main.findings with input as t.doc([key({"enable_key_rotation": true, "rotation_period_in_days": 730}, "lgwan")])
	t.fired(fs, "ART57-KEY-ROTATION", "aws_kms_key.k")
}

test_rotation_quiet_on_a_rotating_key if {
	fs := data.sanso.main.findings with input as t.doc([key({"enable_key_rotation": true}, "lgwan")])
	t.not_fired(fs, "ART57-KEY-ROTATION")
	fs2 := data.sanso.main.findings with input as t.doc([key({"enable_key_rotation": true, "rotation_period_in_days": 90}, "internet")])
	t.not_fired(fs2, "ART57-KEY-ROTATION")
}

# The mynumber zone's keys are ART29-CMK's; asymmetric keys cannot rotate.
test_rotation_leaves_mynumber_and_asymmetric_keys_alone if {
	inp := t.doc([
		key({"enable_key_rotation": false}, "mynumber"),
		t.res("aws_kms_key", "sign", {"customer_master_key_spec": "RSA_2048"}, {"zone": "lgwan"}),
	])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART57-KEY-ROTATION")
	c := data.sanso.main.checked with input as inp
	c["ART57-KEY-ROTATION"] == []
}

test_rotation_unknown_flag_is_unverified if {
	k := object.union(key({}, "lgwan"), {"unknown": {"enable_key_rotation": true}})
	inp2 := t.doc([k])
	fs := data.sanso.main.findings with input as inp2
	t.not_fired(fs, "ART57-KEY-ROTATION")
	u := data.sanso.main.unverified with input as inp2
	u["ART57-KEY-ROTATION"] == ["aws_kms_key.k"]
}
