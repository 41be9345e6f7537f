package sanso.articles_test.art29_crypto

import rego.v1

import data.sanso.lib.testing as t

bucket := t.res("aws_s3_bucket", "b", {}, {"zone": "mynumber", "classification": "I"})

key := t.res("aws_kms_key", "k", {"enable_key_rotation": true, "deletion_window_in_days": 30}, {"zone": "mynumber"})

sse(algorithm, key_id, extra) := t.res("aws_s3_bucket_server_side_encryption_configuration", "b", {
	"bucket": "${aws_s3_bucket.b.id}",
	"rule": [{"apply_server_side_encryption_by_default": [object.union({"sse_algorithm": algorithm}, key_id)]}],
}, object.union({"refs": {"bucket": ["aws_s3_bucket.b"]}}, extra))

test_cmk_fires_on_sse_s3 if {
	fs := data.sanso.main.findings with input as t.doc([bucket, sse("AES256", {}, {})])
	t.fired(fs, "ART29-CMK", "aws_s3_bucket.b")
}

test_cmk_fires_on_aws_managed_key if {
	fs := data.sanso.main.findings with input as t.doc([bucket, sse("aws:kms", {"kms_master_key_id": "alias/aws/s3"}, {})])
	t.fired(fs, "ART29-CMK", "aws_s3_bucket.b")
	fs2 := data.sanso.main.findings with input as t.doc([bucket, sse("aws:kms", {}, {})])
	t.fired(fs2, "ART29-CMK", "aws_s3_bucket.b")
}

test_cmk_quiet_with_zone_key if {
	s := sse("aws:kms", {"kms_master_key_id": "${aws_kms_key.k.arn}"}, {"refs": {"bucket": ["aws_s3_bucket.b"], "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": ["aws_kms_key.k"]}})
	fs := data.sanso.main.findings with input as t.doc([bucket, key, s])
	t.not_fired(fs, "ART29-CMK")
}

# In a plan, a new key's ARN is unknown: the reference decides.
test_cmk_decides_an_unknown_key_from_its_reference if {
	s := sse("aws:kms", {}, {
		"refs": {"bucket": ["aws_s3_bucket.b"], "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id": ["aws_kms_key.k"]},
		"unknown": {"bucket": true, "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": true}]}]},
	})
	inp := t.doc([bucket, key, s])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART29-CMK")
	u := data.sanso.main.unverified with input as inp
	not u["ART29-CMK"]
}

# An unknown key with no reference to follow is neither a pass nor a failure.
test_cmk_unknown_key_without_reference_is_unverified if {
	s := sse("aws:kms", {}, {"unknown": {"rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": true}]}]}})
	inp := t.doc([bucket, s])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART29-CMK")
	u := data.sanso.main.unverified with input as inp
	u["ART29-CMK"] == ["aws_s3_bucket.b"]
}

test_cmk_fires_on_non_rotating_key if {
	k := t.res("aws_kms_key", "k", {"enable_key_rotation": false}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([k])
	t.fired(fs, "ART29-CMK", "aws_kms_key.k")
}

test_cmk_fires_on_short_deletion_window if {
	k := t.res("aws_kms_key", "k", {"enable_key_rotation": true, "deletion_window_in_days": 7}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([k])
	t.fired(fs, "ART29-CMK", "aws_kms_key.k")
	fs2 := data.sanso.main.findings with input as t.doc([key])
	t.not_fired(fs2, "ART29-CMK")
}

test_cmk_log_group_with_and_without_key if {
	g := t.res("aws_cloudwatch_log_group", "g", {"retention_in_days": 365}, {"zone": "mynumber", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([g])
	t.fired(fs, "ART29-CMK", "aws_cloudwatch_log_group.g")
	g2 := t.res("aws_cloudwatch_log_group", "g", {"retention_in_days": 365, "kms_key_id": "${aws_kms_key.k.arn}"}, {"zone": "mynumber", "classification": "II", "refs": {"kms_key_id": ["aws_kms_key.k"]}})
	fs2 := data.sanso.main.findings with input as t.doc([key, g2])
	t.not_fired(fs2, "ART29-CMK")
}

test_cmk_only_in_mynumber if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "lgwan", "classification": "II"})
	cs := data.sanso.main.checked with input as t.doc([b])
	cs["ART29-CMK"] == []
}

listener(values) := t.res("aws_lb_listener", "l", object.union({"port": 443, "protocol": "HTTPS", "certificate_arn": "arn:aws:acm:ap-northeast-1:1:certificate/x"}, values), {"zone": "internet"})

test_strong_crypto_fires_without_ssl_policy if {
	fs := data.sanso.main.findings with input as t.doc([listener({})])
	t.fired(fs, "ART29-STRONG-CRYPTO", "aws_lb_listener.l")
}

test_strong_crypto_fires_on_tls10_policy if {
	fs := data.sanso.main.findings with input as t.doc([listener({"ssl_policy": "ELBSecurityPolicy-2016-08"})])
	t.fired(fs, "ART29-STRONG-CRYPTO", "aws_lb_listener.l")
}

test_strong_crypto_quiet_on_tls13_policy if {
	fs := data.sanso.main.findings with input as t.doc([listener({"ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})])
	t.not_fired(fs, "ART29-STRONG-CRYPTO")
}

test_strong_crypto_allow_list_is_configurable if {
	fs := data.sanso.main.findings with input as t.doc([listener({"ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})]) with data.sanso.config as {"allowed_tls_policies": ["ELBSecurityPolicy-TLS13-1-3-2021-06"]}
	t.fired(fs, "ART29-STRONG-CRYPTO", "aws_lb_listener.l")
}

test_strong_crypto_fires_on_rsa_key if {
	k := t.res("aws_kms_key", "k", {"customer_master_key_spec": "RSA_2048", "key_usage": "ENCRYPT_DECRYPT"}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([k])
	t.fired(fs, "ART29-STRONG-CRYPTO", "aws_kms_key.k")
	fs2 := data.sanso.main.findings with input as t.doc([key])
	t.not_fired(fs2, "ART29-STRONG-CRYPTO")
}

test_strong_crypto_cloudfront_minimum_protocol if {
	d := t.res("aws_cloudfront_distribution", "d", {"viewer_certificate": [{"cloudfront_default_certificate": true}]}, {"zone": "internet"})
	fs := data.sanso.main.findings with input as t.doc([d])
	t.fired(fs, "ART29-STRONG-CRYPTO", "aws_cloudfront_distribution.d")
	d2 := t.res("aws_cloudfront_distribution", "d", {"viewer_certificate": [{"acm_certificate_arn": "arn:x", "minimum_protocol_version": "TLSv1.2_2021"}]}, {"zone": "internet"})
	fs2 := data.sanso.main.findings with input as t.doc([d2])
	t.not_fired(fs2, "ART29-STRONG-CRYPTO")
}

test_cmk_unknown_rotation_is_unverified if {
	k := t.res("aws_kms_key", "k", {"deletion_window_in_days": 30}, {"zone": "mynumber", "unknown": {"enable_key_rotation": true}, "refs": {"enable_key_rotation": ["aws_ssm_parameter.p"]}})
	inp := t.doc([k])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART29-CMK")
	u := data.sanso.main.unverified with input as inp
	u["ART29-CMK"] == ["aws_kms_key.k"]
}
