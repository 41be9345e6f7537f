package sanso.articles_test.art29

import rego.v1

import data.sanso.lib.testing as t

vpc := t.res("aws_vpc", "v", {"cidr_block": "10.10.0.0/16"}, {"zone": "mynumber"})

vref := {"vpc_id": ["aws_vpc.v"]}

# ---------------------------------------------------------------- ISOLATED

test_isolated_fires_on_internet_gateway if {
	igw := t.res("aws_internet_gateway", "igw", {"vpc_id": "${aws_vpc.v.id}"}, {"zone": "mynumber", "refs": vref})
	fs := data.sanso.main.findings with input as t.doc([vpc, igw])
	t.fired(fs, "ART29-ISOLATED", "aws_internet_gateway.igw")
}

test_isolated_fires_on_nat_gateway_in_a_subnet if {
	s := t.res("aws_subnet", "s", {"vpc_id": "${aws_vpc.v.id}"}, {"zone": "mynumber", "refs": vref})
	n := t.res("aws_nat_gateway", "n", {"subnet_id": "${aws_subnet.s.id}"}, {"zone": "mynumber", "refs": {"subnet_id": ["aws_subnet.s"]}})
	fs := data.sanso.main.findings with input as t.doc([vpc, s, n])
	t.fired(fs, "ART29-ISOLATED", "aws_nat_gateway.n")
}

test_isolated_quiet_on_a_closed_vpc if {
	inp := t.doc([vpc])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART29-ISOLATED")
	cs := data.sanso.main.checked with input as inp
	cs["ART29-ISOLATED"] == ["aws_vpc.v"]
}

other(zone) := t.res("aws_vpc", "o", {}, {"zone": zone})

peering := t.res("aws_vpc_peering_connection", "p", {"vpc_id": "${aws_vpc.v.id}", "peer_vpc_id": "${aws_vpc.o.id}"}, {"zone": "mynumber", "refs": {"vpc_id": ["aws_vpc.v"], "peer_vpc_id": ["aws_vpc.o"]}})

test_isolated_fires_on_peering_with_another_zone if {
	fs := data.sanso.main.findings with input as t.doc([vpc, other("internet"), peering])
	t.fired(fs, "ART29-ISOLATED", "aws_vpc_peering_connection.p")
}

test_isolated_accepts_peering_within_the_zone if {
	fs := data.sanso.main.findings with input as t.doc([vpc, other("mynumber"), peering])
	t.not_fired(fs, "ART29-ISOLATED")
}

test_isolated_fires_on_a_literal_internet_gateway_route if {
	rt := t.res("aws_route_table", "rt", {"vpc_id": "${aws_vpc.v.id}"}, {"zone": "mynumber", "refs": vref})
	r := t.res("aws_route", "r", {"route_table_id": "${aws_route_table.rt.id}", "destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-0123456789"}, {"refs": {"route_table_id": ["aws_route_table.rt"]}})
	fs := data.sanso.main.findings with input as t.doc([vpc, rt, r])
	t.fired(fs, "ART29-ISOLATED", "aws_route.r")
}

# ---------------------------------------------------------------- RESTRICTED-PATHS

sg := t.res("aws_security_group", "sg", {"vpc_id": "${aws_vpc.v.id}"}, {"zone": "mynumber", "refs": vref})

rule(values) := t.res("aws_vpc_security_group_ingress_rule", "in", object.union({"security_group_id": "${aws_security_group.sg.id}"}, values), {"zone": "mynumber", "refs": {"security_group_id": ["aws_security_group.sg"]}})

test_restricted_fires_on_any_cidr if {
	fs := data.sanso.main.findings with input as t.doc([vpc, sg, rule({"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 443, "to_port": 443})])
	t.fired(fs, "ART29-RESTRICTED-PATHS", "aws_vpc_security_group_ingress_rule.in")
}

test_restricted_fires_on_all_protocols if {
	fs := data.sanso.main.findings with input as t.doc([vpc, sg, rule({"cidr_ipv4": "172.16.0.0/20", "ip_protocol": "-1"})])
	t.fired(fs, "ART29-RESTRICTED-PATHS", "aws_vpc_security_group_ingress_rule.in")
}

test_restricted_quiet_on_a_named_cidr_and_port if {
	fs := data.sanso.main.findings with input as t.doc([vpc, sg, rule({"cidr_ipv4": "172.16.0.0/20", "ip_protocol": "tcp", "from_port": 5432, "to_port": 5432})])
	t.not_fired(fs, "ART29-RESTRICTED-PATHS")
}

test_restricted_fires_on_inline_nacl_rule if {
	nacl := t.res("aws_network_acl", "n", {"vpc_id": "${aws_vpc.v.id}", "ingress": [{"action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0, "rule_no": 100}]}, {"zone": "mynumber", "refs": vref})
	fs := data.sanso.main.findings with input as t.doc([vpc, nacl])
	t.fired(fs, "ART29-RESTRICTED-PATHS", "aws_network_acl.n")
}

test_restricted_only_in_mynumber if {
	s := t.res("aws_security_group", "sg", {"ingress": [{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0}]}, {"zone": "internet"})
	fs := data.sanso.main.findings with input as t.doc([s])
	t.not_fired(fs, "ART29-RESTRICTED-PATHS")
}

# ---------------------------------------------------------------- NO-PUBLIC-ENDPOINT

test_no_public_fires_on_public_subnet if {
	s := t.res("aws_subnet", "s", {"map_public_ip_on_launch": true}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([s])
	t.fired(fs, "ART29-NO-PUBLIC-ENDPOINT", "aws_subnet.s")
}

test_no_public_quiet_on_private_subnet if {
	s := t.res("aws_subnet", "s", {"map_public_ip_on_launch": false}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([s])
	t.not_fired(fs, "ART29-NO-PUBLIC-ENDPOINT")
}

# Without `internal`, AWS creates an internet-facing load balancer.
test_no_public_fires_on_a_load_balancer_without_internal if {
	lb := t.res("aws_lb", "lb", {"load_balancer_type": "network"}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([lb])
	t.fired(fs, "ART29-NO-PUBLIC-ENDPOINT", "aws_lb.lb")
	lb2 := t.res("aws_lb", "lb", {"load_balancer_type": "network", "internal": true}, {"zone": "mynumber"})
	fs2 := data.sanso.main.findings with input as t.doc([lb2])
	t.not_fired(fs2, "ART29-NO-PUBLIC-ENDPOINT")
}

# ---------------------------------------------------------------- MFA

role(trust, extra) := t.res("aws_iam_role", "r", {"assume_role_policy": json.marshal({"Version": "2012-10-17", "Statement": [trust]}), "max_session_duration": 3600}, object.union({"zone": "mynumber"}, extra))

people := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}

test_mfa_fires_on_role_without_mfa_condition if {
	fs := data.sanso.main.findings with input as t.doc([role(people, {})])
	t.fired(fs, "ART29-MFA", "aws_iam_role.r")
}

test_mfa_quiet_with_mfa_condition if {
	trust := object.union(people, {"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})
	fs := data.sanso.main.findings with input as t.doc([role(trust, {})])
	t.not_fired(fs, "ART29-MFA")
}

test_mfa_ignores_service_roles if {
	svc := {"Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"}
	inp := t.doc([role(svc, {})])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART29-MFA")
	cs := data.sanso.main.checked with input as inp
	cs["ART29-MFA"] == []
}

test_mfa_ignores_roles_outside_mynumber if {
	fs := data.sanso.main.findings with input as t.doc([role(people, {"zone": "lgwan"})])
	t.not_fired(fs, "ART29-MFA")
}

test_mfa_fires_on_console_password_in_mynumber if {
	u := t.res("aws_iam_user", "u", {"name": "op"}, {"zone": "mynumber"})
	p := t.res("aws_iam_user_login_profile", "u", {"user": "${aws_iam_user.u.name}"}, {"zone": "mynumber", "refs": {"user": ["aws_iam_user.u"]}})
	fs := data.sanso.main.findings with input as t.doc_standalone([u, p])
	t.fired(fs, "ART29-MFA", "aws_iam_user_login_profile.u")
}

test_mfa_forbids_iam_users_on_gcas_only if {
	u := t.res("aws_iam_user", "u", {"name": "ci"}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([u])
	t.fired(fs, "ART29-MFA", "aws_iam_user.u")
	fs2 := data.sanso.main.findings with input as t.doc_standalone([u])
	t.not_fired(fs2, "ART29-MFA")
}

# ---------------------------------------------------------------- NO-EXPORT

all_disabled := [{"action": a, "permission": "DISABLED"} | some a in ["CLIPBOARD_COPY_TO_LOCAL_DEVICE", "CLIPBOARD_COPY_FROM_LOCAL_DEVICE", "FILE_DOWNLOAD", "FILE_UPLOAD", "PRINTING_TO_LOCAL_DEVICE"]]

test_no_export_fires_on_default_settings if {
	s := t.res("aws_appstream_stack", "s", {"name": "desk"}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([s])
	t.fired(fs, "ART29-NO-EXPORT", "aws_appstream_stack.s")
}

test_no_export_quiet_when_everything_is_disabled if {
	s := t.res("aws_appstream_stack", "s", {"name": "desk", "user_settings": all_disabled}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([s])
	t.not_fired(fs, "ART29-NO-EXPORT")
}

test_no_export_fires_on_storage_connectors if {
	s := t.res("aws_appstream_stack", "s", {"name": "desk", "user_settings": all_disabled, "storage_connectors": [{"connector_type": "HOMEFOLDERS"}]}, {"zone": "mynumber"})
	fs := data.sanso.main.findings with input as t.doc([s])
	t.fired(fs, "ART29-NO-EXPORT", "aws_appstream_stack.s")
}

# ---------------------------------------------------------------- DEDICATED-LINE

test_dedicated_line_fires_on_internet_vpn if {
	v := t.res("aws_vpn_connection", "vpn", {"type": "ipsec.1"}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([v])
	t.fired(fs, "ART29-DEDICATED-LINE", "aws_vpn_connection.vpn")
}

test_dedicated_line_accepts_private_ip_vpn_over_direct_connect if {
	v := t.res("aws_vpn_connection", "vpn", {"type": "ipsec.1", "outside_ip_address_type": "PrivateIpv4"}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([v])
	t.not_fired(fs, "ART29-DEDICATED-LINE")
}

test_dedicated_line_ignores_internet_zone if {
	v := t.res("aws_vpn_connection", "vpn", {"type": "ipsec.1"}, {"zone": "internet"})
	fs := data.sanso.main.findings with input as t.doc([v])
	t.not_fired(fs, "ART29-DEDICATED-LINE")
}

test_restricted_rules_of_one_group_share_the_group_as_cause if {
	out := t.res("aws_vpc_security_group_egress_rule", "out", {"security_group_id": "${aws_security_group.sg.id}", "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1"}, {"zone": "mynumber", "refs": {"security_group_id": ["aws_security_group.sg"]}})
	fs := data.sanso.main.findings with input as t.doc([vpc, sg, out, rule({"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 443, "to_port": 443})])
	{[f.resource, f.cause] | some f in fs; f.rule == "ART29-RESTRICTED-PATHS"} == {
		["aws_vpc_security_group_ingress_rule.in", "aws_security_group.sg"],
		["aws_vpc_security_group_egress_rule.out", "aws_security_group.sg"],
	}
}
