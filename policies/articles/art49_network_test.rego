package sanso.articles_test.art49

import rego.v1

import data.sanso.lib.testing as t

sg(zone) := t.res("aws_security_group", "sg", {}, {"zone": zone})

ingress(cidr, from, to) := t.res("aws_vpc_security_group_ingress_rule", "in", {"cidr_ipv4": cidr, "ip_protocol": "tcp", "from_port": from, "to_port": to}, {"refs": {"security_group_id": ["aws_security_group.sg"]}})

public_alb(zone) := t.res("aws_lb", "alb", {"internal": false, "load_balancer_type": "application", "security_groups": ["${aws_security_group.sg.id}"]}, {"zone": zone, "refs": {"security_groups": ["aws_security_group.sg"]}})

test_firewall_fires_on_ssh_from_anywhere if {
	fs := data.sanso.main.findings with input as t.doc([sg("internet"), ingress("0.0.0.0/0", 22, 22)])
	t.fired(fs, "ART49-FIREWALL", "aws_vpc_security_group_ingress_rule.in")
}

test_firewall_accepts_https_on_a_public_alb_in_the_internet_zone if {
	fs := data.sanso.main.findings with input as t.doc([sg("internet"), public_alb("internet"), ingress("0.0.0.0/0", 443, 443)])
	t.not_fired(fs, "ART49-FIREWALL")
}

test_firewall_fires_on_https_from_anywhere_outside_the_internet_zone if {
	fs := data.sanso.main.findings with input as t.doc([sg("lgwan"), public_alb("lgwan"), ingress("0.0.0.0/0", 443, 443)])
	t.fired(fs, "ART49-FIREWALL", "aws_vpc_security_group_ingress_rule.in")
}

test_firewall_fires_on_a_wide_port_range if {
	fs := data.sanso.main.findings with input as t.doc([sg("lgwan"), ingress("10.0.0.0/16", 1000, 2000)])
	t.fired(fs, "ART49-FIREWALL", "aws_vpc_security_group_ingress_rule.in")
	fs2 := data.sanso.main.findings with input as t.doc([sg("lgwan"), ingress("10.0.0.0/16", 8080, 8090)])
	t.not_fired(fs2, "ART49-FIREWALL")
}

test_firewall_reads_inline_and_legacy_rules if {
	inline := t.res("aws_security_group", "a", {"ingress": [{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"]}]}, {})
	legacy := t.res("aws_security_group_rule", "b", {"type": "ingress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["10.0.0.0/8"]}, {})
	fs := data.sanso.main.findings with input as t.doc([inline, legacy])
	t.fired(fs, "ART49-FIREWALL", "aws_security_group.a")
	t.fired(fs, "ART49-FIREWALL", "aws_security_group_rule.b")
}

test_public_in_internet_zone_fires_on_public_lb_in_lgwan if {
	lb := t.res("aws_lb", "lb", {"internal": false}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([lb])
	t.fired(fs, "ART50-PUBLIC-IN-INTERNET-ZONE", "aws_lb.lb")
}

test_public_in_internet_zone_quiet_on_internal_lb_and_in_internet_zone if {
	lb := t.res("aws_lb", "lb", {"internal": true}, {"zone": "lgwan"})
	lb2 := t.res("aws_lb", "lb2", {"internal": false}, {"zone": "internet"})
	fs := data.sanso.main.findings with input as t.doc([lb, lb2])
	t.not_fired(fs, "ART50-PUBLIC-IN-INTERNET-ZONE")
}

test_public_in_internet_zone_fires_on_public_instance_in_mynumber if {
	i := t.res("aws_instance", "i", {"associate_public_ip_address": true}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([i])
	t.fired(fs, "ART50-PUBLIC-IN-INTERNET-ZONE", "aws_instance.i")
}

waf_acl(rules) := t.res("aws_wafv2_web_acl", "acl", {"rule": rules}, {"zone": "internet"})

waf_assoc := t.res("aws_wafv2_web_acl_association", "a", {}, {"refs": {"resource_arn": ["aws_lb.alb"], "web_acl_arn": ["aws_wafv2_web_acl.acl"]}})

rate_rule := {"name": "rate", "statement": [{"rate_based_statement": [{"limit": 1000}]}]}

managed_rule := {"name": "common", "statement": [{"managed_rule_group_statement": [{"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}]}]}

test_waf_fires_on_public_alb_without_waf if {
	fs := data.sanso.main.findings with input as t.doc([sg("internet"), public_alb("internet")])
	t.fired(fs, "ART51-WAF", "aws_lb.alb")
}

test_waf_fires_without_rate_based_rule if {
	fs := data.sanso.main.findings with input as t.doc([sg("internet"), public_alb("internet"), waf_acl([managed_rule]), waf_assoc])
	t.fired(fs, "ART51-WAF", "aws_lb.alb")
}

test_waf_quiet_with_rate_based_rule if {
	fs := data.sanso.main.findings with input as t.doc([sg("internet"), public_alb("internet"), waf_acl([rate_rule, managed_rule]), waf_assoc])
	t.not_fired(fs, "ART51-WAF")
}

test_waf_ignores_internal_albs if {
	lb := t.res("aws_lb", "alb", {"internal": true}, {"zone": "internet"})
	cs := data.sanso.main.checked with input as t.doc([lb])
	cs["ART51-WAF"] == []
}

test_transit_fires_on_clear_text_cache if {
	c := t.res("aws_elasticache_replication_group", "c", {"transit_encryption_enabled": false}, {"zone": "internet", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([c])
	t.fired(fs, "ART54-TRANSIT-ENCRYPTION", "aws_elasticache_replication_group.c")
}

test_transit_quiet_on_encrypted_cache if {
	c := t.res("aws_elasticache_replication_group", "c", {"transit_encryption_enabled": true}, {"zone": "internet", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([c])
	t.not_fired(fs, "ART54-TRANSIT-ENCRYPTION")
}

test_transit_efs_needs_a_tls_policy if {
	e := t.res("aws_efs_file_system", "e", {"encrypted": true}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([e])
	t.fired(fs, "ART54-TRANSIT-ENCRYPTION", "aws_efs_file_system.e")
	p := t.res("aws_efs_file_system_policy", "e", {"policy": json.marshal({"Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})}, {"refs": {"file_system_id": ["aws_efs_file_system.e"]}})
	fs2 := data.sanso.main.findings with input as t.doc([e, p])
	t.not_fired(fs2, "ART54-TRANSIT-ENCRYPTION")
}

test_waf_fires_on_internet_facing_network_load_balancer if {
	nlb := t.res("aws_lb", "nlb", {"internal": false, "load_balancer_type": "network"}, {"zone": "internet"})
	fs := data.sanso.main.findings with input as t.doc([nlb])
	t.fired(fs, "ART51-WAF", "aws_lb.nlb")
	t.fired(fs, "ART31-MONITORED", "aws_lb.nlb")
}

test_waf_ignores_gateway_load_balancers if {
	gw := t.res("aws_lb", "gw", {"load_balancer_type": "gateway"}, {"zone": "internet"})
	cs := data.sanso.main.checked with input as t.doc([gw])
	cs["ART51-WAF"] == []
}

test_firewall_rules_of_one_group_share_the_group_as_cause if {
	in2 := t.res("aws_vpc_security_group_ingress_rule", "in2", {"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 3389, "to_port": 3389}, {"refs": {"security_group_id": ["aws_security_group.sg"]}})
	inline := t.res("aws_security_group", "a", {"ingress": [{"protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"]}]}, {})
	fs := data.sanso.main.findings with input as t.doc([sg("lgwan"), ingress("0.0.0.0/0", 22, 22), in2, inline])
	{[f.resource, f.cause] | some f in fs; f.rule == "ART49-FIREWALL"} == {
		["aws_vpc_security_group_ingress_rule.in", "aws_security_group.sg"],
		["aws_vpc_security_group_ingress_rule.in2", "aws_security_group.sg"],
		["aws_security_group.a", "aws_security_group.a"],
	}
}
