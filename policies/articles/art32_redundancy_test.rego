package sanso.articles_test.art32

import rego.v1

import data.sanso.lib.testing as t

test_redundant_fires_on_single_az_database if {
	db := t.res("aws_db_instance", "db", {"multi_az": false}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART32-REDUNDANT", "aws_db_instance.db")
}

test_redundant_quiet_on_multi_az_database if {
	db := t.res("aws_db_instance", "db", {"multi_az": true}, {"zone": "lgwan", "classification": "II"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.not_fired(fs, "ART32-REDUNDANT")
}

test_redundant_ignores_class_iii if {
	db := t.res("aws_db_instance", "db", {"multi_az": false}, {"zone": "lgwan", "classification": "III"})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.not_fired(fs, "ART32-REDUNDANT")
}

subnet(name, az) := t.res("aws_subnet", name, {"availability_zone": az}, {"zone": "mynumber", "refs": {"vpc_id": ["aws_vpc.v"]}})

vpc := t.res("aws_vpc", "v", {}, {"zone": "mynumber", "classification": "I", "classification_source": "inherited"})

test_redundant_fires_on_subnets_in_one_az if {
	fs := data.sanso.main.findings with input as t.doc([vpc, subnet("a", "ap-northeast-1a")])
	t.fired(fs, "ART32-REDUNDANT", "aws_vpc.v")
}

test_redundant_quiet_on_subnets_in_two_azs if {
	fs := data.sanso.main.findings with input as t.doc([vpc, subnet("a", "ap-northeast-1a"), subnet("c", "ap-northeast-1c")])
	t.not_fired(fs, "ART32-REDUNDANT")
}

test_redundant_aurora_needs_two_instances if {
	c := t.res("aws_rds_cluster", "c", {"engine": "aurora-postgresql", "storage_encrypted": true}, {"zone": "lgwan", "classification": "II"})
	i1 := t.res("aws_rds_cluster_instance", "i1", {}, {"refs": {"cluster_identifier": ["aws_rds_cluster.c"]}})
	i2 := t.res("aws_rds_cluster_instance", "i2", {}, {"refs": {"cluster_identifier": ["aws_rds_cluster.c"]}})
	fs := data.sanso.main.findings with input as t.doc([c, i1])
	t.fired(fs, "ART32-REDUNDANT", "aws_rds_cluster.c")
	fs2 := data.sanso.main.findings with input as t.doc([c, i1, i2])
	t.not_fired(fs2, "ART32-REDUNDANT")
}

dxgw := t.res("aws_dx_gateway", "gw", {"name": "line"}, {"zone": "lgwan"})

vif(name, conn, loc) := t.res("aws_dx_private_virtual_interface", name, {"connection_id": conn, "dx_gateway_id": "${aws_dx_gateway.gw.id}"}, {"zone": "lgwan", "tags": {"sanso:dx-location": loc}, "refs": {"dx_gateway_id": ["aws_dx_gateway.gw"]}})

test_line_redundant_fires_on_a_single_virtual_interface if {
	fs := data.sanso.main.findings with input as t.doc([dxgw, vif("a", "dxcon-1", "EqTY2")])
	t.fired(fs, "ART34-LINE-REDUNDANT", "aws_dx_gateway.gw")
}

test_line_redundant_fires_on_one_location if {
	fs := data.sanso.main.findings with input as t.doc([dxgw, vif("a", "dxcon-1", "EqTY2"), vif("b", "dxcon-2", "EqTY2")])
	t.fired(fs, "ART34-LINE-REDUNDANT", "aws_dx_gateway.gw")
}

test_line_redundant_quiet_on_two_locations if {
	inp := t.doc([dxgw, vif("a", "dxcon-1", "EqTY2"), vif("b", "dxcon-2", "EqOS1")])
	fs := data.sanso.main.findings with input as inp
	t.not_fired(fs, "ART34-LINE-REDUNDANT")
	cs := data.sanso.main.checked with input as inp
	cs["ART34-LINE-REDUNDANT"] == ["aws_dx_gateway.gw"]
}
