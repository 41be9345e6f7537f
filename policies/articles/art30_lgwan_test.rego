package sanso.articles_test.art30

import rego.v1

import data.sanso.lib.testing as t

lgwan := t.res("aws_vpc", "lgwan", {}, {"zone": "lgwan"})

test_separated_fires_on_internet_gateway if {
	igw := t.res("aws_internet_gateway", "igw", {"vpc_id": "${aws_vpc.lgwan.id}"}, {"zone": "lgwan", "refs": {"vpc_id": ["aws_vpc.lgwan"]}})
	fs := data.sanso.main.findings with input as t.doc([lgwan, igw])
	t.fired(fs, "ART30-SEPARATED", "aws_internet_gateway.igw")
}

test_separated_fires_on_a_transit_gateway_shared_with_the_internet_zone if {
	net := t.res("aws_vpc", "net", {}, {"zone": "internet"})
	tgw := t.res("aws_ec2_transit_gateway", "hub", {}, {})
	a1 := t.res("aws_ec2_transit_gateway_vpc_attachment", "lgwan", {}, {"zone": "lgwan", "refs": {"vpc_id": ["aws_vpc.lgwan"], "transit_gateway_id": ["aws_ec2_transit_gateway.hub"]}})
	a2 := t.res("aws_ec2_transit_gateway_vpc_attachment", "net", {}, {"zone": "internet", "refs": {"vpc_id": ["aws_vpc.net"], "transit_gateway_id": ["aws_ec2_transit_gateway.hub"]}})
	fs := data.sanso.main.findings with input as t.doc([lgwan, net, tgw, a1, a2])
	t.fired(fs, "ART30-SEPARATED", "aws_ec2_transit_gateway_vpc_attachment.lgwan")
}

test_separated_accepts_a_transit_gateway_outside_the_configuration if {
	a1 := t.res("aws_ec2_transit_gateway_vpc_attachment", "lgwan", {"transit_gateway_id": "tgw-0123"}, {"zone": "lgwan", "refs": {"vpc_id": ["aws_vpc.lgwan"]}})
	fs := data.sanso.main.findings with input as t.doc([lgwan, a1])
	t.not_fired(fs, "ART30-SEPARATED")
}

test_separated_quiet_on_a_closed_vpc if {
	inp := t.doc([lgwan])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART30-SEPARATED")
	cs := data.sanso.main.checked with input as inp
	cs["ART30-SEPARATED"] == ["aws_vpc.lgwan"]
}

test_separated_fires_on_peering_with_mynumber if {
	mn := t.res("aws_vpc", "mn", {}, {"zone": "mynumber"})
	p := t.res("aws_vpc_peering_connection", "p", {}, {"zone": "lgwan", "refs": {"vpc_id": ["aws_vpc.lgwan"], "peer_vpc_id": ["aws_vpc.mn"]}})
	fs := data.sanso.main.findings with input as t.doc([lgwan, mn, p])
	t.fired(fs, "ART30-SEPARATED", "aws_vpc_peering_connection.p")
}
