package sanso.articles_test.art31

import rego.v1

import data.sanso.lib.testing as t

vpc := t.res("aws_vpc", "net", {}, {"zone": "internet"})

flow_log := t.res("aws_flow_log", "net", {"vpc_id": "${aws_vpc.net.id}", "traffic_type": "ALL"}, {"zone": "internet", "refs": {"vpc_id": ["aws_vpc.net"]}})

test_monitored_fires_on_vpc_without_flow_logs if {
	fs := data.sanso.main.findings with input as t.doc([vpc])
	t.fired(fs, "ART31-MONITORED", "aws_vpc.net")
}

test_monitored_quiet_with_flow_logs if {
	fs := data.sanso.main.findings with input as t.doc([vpc, flow_log])
	t.not_fired(fs, "ART31-MONITORED")
}

alb := t.res("aws_lb", "alb", {"internal": false, "load_balancer_type": "application"}, {"zone": "internet"})

acl := t.res("aws_wafv2_web_acl", "acl", {"rule": [{"name": "rate", "statement": [{"rate_based_statement": [{"limit": 1000, "aggregate_key_type": "IP"}]}]}]}, {"zone": "internet"})

assoc := t.res("aws_wafv2_web_acl_association", "a", {}, {"refs": {"resource_arn": ["aws_lb.alb"], "web_acl_arn": ["aws_wafv2_web_acl.acl"]}})

test_monitored_fires_on_public_alb_without_waf if {
	fs := data.sanso.main.findings with input as t.doc([vpc, flow_log, alb])
	t.fired(fs, "ART31-MONITORED", "aws_lb.alb")
}

test_monitored_quiet_with_waf if {
	fs := data.sanso.main.findings with input as t.doc([vpc, flow_log, alb, acl, assoc])
	t.not_fired(fs, "ART31-MONITORED")
}

test_monitored_fires_on_disabled_detector_with_an_internet_zone if {
	d := t.res("aws_guardduty_detector", "d", {"enable": false}, {})
	fs := data.sanso.main.findings with input as t.doc_standalone([vpc, flow_log, d])
	t.fired(fs, "ART31-MONITORED", "aws_guardduty_detector.d")
}

test_monitored_not_applicable_without_internet_zone if {
	cs := data.sanso.main.checked with input as t.doc([t.res("aws_vpc", "v", {}, {"zone": "lgwan"})])
	cs["ART31-MONITORED"] == []
}
