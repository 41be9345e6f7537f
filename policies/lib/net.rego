# Networks: VPCs and their subnets, security group and network ACL rules in one shape,
# load balancer schemes, and the paths that break a zone's isolation.
package sanso.lib.net

import rego.v1

import data.sanso.lib

vpcs := lib.live("aws_vpc")

# Subnets of a VPC.
subnets(v) := [s | some s in lib.related(v, "aws_subnet"); lib.refers(s, "vpc_id", v)]

# VPCs a resource refers to at `d` (directly or through subnets named there).
vpcs_at(a, d) := {v | some v in lib.refs(a, d); lib.type_of(v) == "aws_vpc"} | {v |
	some s in lib.refs(a, d)
	lib.type_of(s) == "aws_subnet"
	some v in lib.refs(s, "vpc_id")
}

open_cidrs := {"0.0.0.0/0", "::/0"}

# ---------------------------------------------------------------- protocol and ports

proto(p) := "all" if lib.str(p) in {"-1", "all", "ALL"}

proto(p) := "tcp" if lower(lib.str(p)) in {"tcp", "6"}

proto(p) := "udp" if lower(lib.str(p)) in {"udp", "17"}

proto(p) := "icmp" if lower(lib.str(p)) in {"icmp", "1"}

proto(p) := "icmpv6" if lower(lib.str(p)) in {"icmpv6", "58"}

proto(p) := lower(lib.str(p)) if not lib.str(p) in {"-1", "all", "ALL", "tcp", "TCP", "6", "udp", "UDP", "17", "icmp", "ICMP", "1", "icmpv6", "58"}

port(x) := n if n := lib.num(x)

port(x) := null if not lib.num(x)

# The rule lets every port through (all protocols, or TCP/UDP 0-65535).
all_ports(r) if r.protocol == "all"

all_ports(r) if {
	r.protocol in {"tcp", "udp"}
	r.from != null
	r.to != null
	r.from <= 1
	r.to >= 65535
}

all_ports(r) if {
	r.protocol in {"tcp", "udp"}
	r.from == null
	r.to == null
}

# The rule lets TCP port `p` through.
covers_tcp(r, _) if r.protocol == "all"

covers_tcp(r, p) if {
	r.protocol == "tcp"
	r.from != null
	r.to != null
	r.from <= p
	p <= r.to
}

covers_tcp(r, _) if {
	r.protocol == "tcp"
	r.from == null
}

# Ports opened by a TCP/UDP rule (65536 for all).
width(r) := 65536 if r.protocol == "all"

width(r) := (r.to - r.from) + 1 if {
	r.protocol in {"tcp", "udp"}
	r.from != null
	r.to != null
}

open(r) if {
	some c in r.cidrs
	c in open_cidrs
}

ports_label(r) := "all ports" if all_ports(r)

ports_label(r) := lib.str(r.from) if {
	not all_ports(r)
	r.from == r.to
}

ports_label(r) := concat("-", [lib.str(r.from), lib.str(r.to)]) if {
	not all_ports(r)
	r.from != r.to
}

# ---------------------------------------------------------------- security group rules

# Every security group rule, inline or separate, as
# {resource, sg, direction, protocol, from, to, cidrs, peers}.
sg_rules contains r if {
	some t in ["aws_security_group", "aws_default_security_group"]
	some sg in lib.live(t)
	some dir in ["ingress", "egress"]
	some b in lib.blocks(lib.get(sg, dir))
	r := {
		"resource": sg,
		"sg": sg,
		"direction": dir,
		"protocol": proto(object.get(b, "protocol", "-1")),
		"from": port(object.get(b, "from_port", null)),
		"to": port(object.get(b, "to_port", null)),
		"cidrs": array.concat(lib.as_list(object.get(b, "cidr_blocks", null)), lib.as_list(object.get(b, "ipv6_cidr_blocks", null))),
		"peers": (count(lib.as_list(object.get(b, "security_groups", null))) + count(lib.as_list(object.get(b, "prefix_list_ids", null)))) + self_count(b),
	}
}

sg_rules contains r if {
	some x in lib.live("aws_security_group_rule")
	r := {
		"resource": x,
		"sg": first(lib.refs(x, "security_group_id")),
		"direction": lib.get(x, "type"),
		"protocol": proto(lib.nn(lib.get(x, "protocol"), "-1")),
		"from": port(lib.get(x, "from_port")),
		"to": port(lib.get(x, "to_port")),
		"cidrs": array.concat(lib.as_list(lib.get(x, "cidr_blocks")), lib.as_list(lib.get(x, "ipv6_cidr_blocks"))),
		"peers": count(lib.refs(x, "source_security_group_id")) + count(lib.as_list(lib.get(x, "source_security_group_id"))),
	}
}

sg_rules contains r if {
	some [t, dir] in [["aws_vpc_security_group_ingress_rule", "ingress"], ["aws_vpc_security_group_egress_rule", "egress"]]
	some x in lib.live(t)
	r := {
		"resource": x,
		"sg": first(lib.refs(x, "security_group_id")),
		"direction": dir,
		"protocol": proto(lib.nn(lib.get(x, "ip_protocol"), "-1")),
		"from": port(lib.get(x, "from_port")),
		"to": port(lib.get(x, "to_port")),
		"cidrs": [c | some k in ["cidr_ipv4", "cidr_ipv6"]; c := lib.get(x, k); c != null],
		"peers": count([1 | some k in ["referenced_security_group_id", "prefix_list_id"]; lib.present(x, k)]),
	}
}

self_count(b) := 1 if object.get(b, "self", false) == true

self_count(b) := 0 if object.get(b, "self", false) != true

first(l) := l[0] if count(l) > 0

first(l) := null if count(l) == 0

# The security group (address) a rule belongs to, or the rule resource itself.
owner(r) := r.sg if r.sg != null

owner(r) := r.resource if r.sg == null

# ---------------------------------------------------------------- network ACL rules

# Allow rules of network ACLs: {resource, nacl, direction, protocol, from, to, cidrs}.
nacl_rules contains r if {
	some t in ["aws_network_acl", "aws_default_network_acl"]
	some n in lib.live(t)
	some dir in ["ingress", "egress"]
	some b in lib.blocks(lib.get(n, dir))
	lib.low(lib.nn(object.get(b, "action", null), "allow")) == "allow"
	r := {
		"resource": n,
		"nacl": n,
		"direction": dir,
		"protocol": proto(object.get(b, "protocol", "-1")),
		"from": port(object.get(b, "from_port", null)),
		"to": port(object.get(b, "to_port", null)),
		"cidrs": [c | some k in ["cidr_block", "ipv6_cidr_block"]; c := object.get(b, k, null); c != null; c != ""],
	}
}

nacl_rules contains r if {
	some x in lib.live("aws_network_acl_rule")
	lib.low(lib.nn(lib.get(x, "rule_action"), "allow")) == "allow"
	r := {
		"resource": x,
		"nacl": first(lib.refs(x, "network_acl_id")),
		"direction": direction_of(lib.get(x, "egress")),
		"protocol": proto(lib.nn(lib.get(x, "protocol"), "-1")),
		"from": port(lib.get(x, "from_port")),
		"to": port(lib.get(x, "to_port")),
		"cidrs": [c | some k in ["cidr_block", "ipv6_cidr_block"]; c := lib.get(x, k); c != null; c != ""],
	}
}

direction_of(e) := "egress" if lib.is_true(e)

direction_of(e) := "ingress" if not lib.is_true(e)

# ---------------------------------------------------------------- load balancers

lb_types := ["aws_lb", "aws_alb"]

lbs := lib.live_all(lb_types)

# "internal" | "internet-facing" | "unknown". Without `internal` AWS creates an internet-facing
# load balancer (a plan shows the unset, computed value as unknown with no reference).
scheme(lb) := "internal" if {
	lib.is_true(lib.get(lb, "internal"))
} else := "internet-facing" if {
	lib.is_false(lib.get(lb, "internal"))
} else := "unknown" if {
	count(lib.refs(lb, "internal")) > 0
} else := "unknown" if {
	v := lib.get(lb, "internal")
	is_string(v)
	contains(v, "${")
} else := "internet-facing"

lb_type(lb) := "classic" if lib.type_of(lb) == "aws_elb"

lb_type(lb) := t if {
	lib.type_of(lb) != "aws_elb"
	t := lib.get(lb, "load_balancer_type")
	is_string(t)
}

lb_type(lb) := "application" if {
	lib.type_of(lb) != "aws_elb"
	not is_string(lib.get(lb, "load_balancer_type"))
}

# Internet-facing load balancers (application, network and classic; gateway load balancers
# have no scheme).
public_lbs contains lb if {
	some lb in array.concat(lbs, lib.live("aws_elb"))
	lb_type(lb) != "gateway"
	scheme(lb) == "internet-facing"
}

# Security groups attached to an internet-facing load balancer.
lb_sgs[sg] contains lb if {
	some lb in public_lbs
	some sg in lib.refs(lb, "security_groups")
}

# ---------------------------------------------------------------- API Gateway, CloudFront

# REST APIs reachable from the internet (EDGE or REGIONAL endpoints; EDGE is the default).
public_rest_apis contains a if {
	some a in lib.live("aws_api_gateway_rest_api")
	not private_api(a)
}

private_api(a) if {
	some ec in lib.blocks(lib.get(a, "endpoint_configuration"))
	"PRIVATE" in lib.as_list(object.get(ec, "types", null))
}

# Stages of public REST APIs.
public_stages contains s if {
	some s in lib.live("aws_api_gateway_stage")
	some api in lib.refs(s, "rest_api_id")
	api in public_rest_apis
}

public_stages contains s if {
	some s in lib.live("aws_api_gateway_stage")
	count(lib.refs(s, "rest_api_id")) == 0
}

# ---------------------------------------------------------------- zone isolation

# What connects VPC `v` (of zone `z`) to the internet or to another zone:
# a set of violations {resource, ja, en}.
breaches(v, z) := (((gateways(v) | nat_gateways(v)) | routes(v)) | peerings(v, z)) | transit(v, z)

gateways(v) := {lib.violation(g, sprintf("%s に %s (%s) が接続されています: インターネットへの経路です。", [v, kind_ja[t], g]), sprintf("%s has %s %s attached: a path to the internet.", [v, kind_en[t], g])) |
	some t in ["aws_internet_gateway", "aws_egress_only_internet_gateway", "aws_internet_gateway_attachment"]
	some g in lib.related(v, t)
	lib.refers(g, "vpc_id", v)
}

kind_ja := {
	"aws_internet_gateway": "インターネットゲートウェイ",
	"aws_egress_only_internet_gateway": "Egress-only インターネットゲートウェイ",
	"aws_internet_gateway_attachment": "インターネットゲートウェイのアタッチメント",
	"aws_nat_gateway": "NAT ゲートウェイ",
}

kind_en := {
	"aws_internet_gateway": "an internet gateway",
	"aws_egress_only_internet_gateway": "an egress-only internet gateway",
	"aws_internet_gateway_attachment": "an internet gateway attachment",
	"aws_nat_gateway": "a NAT gateway",
}

nat_gateways(v) := {lib.violation(n, sprintf("%s に公開 NAT ゲートウェイ %s があります: インターネットへの経路です。", [v, n]), sprintf("%s has a public NAT gateway %s: a path to the internet.", [v, n])) |
	some n in nats(v)
	lib.get(n, "connectivity_type") != "private"
}

nats(v) := {n | some s in subnets(v); some n in lib.related(s, "aws_nat_gateway"); lib.refers(n, "subnet_id", s)} | {n |
	some n in lib.related(v, "aws_nat_gateway")
	lib.refers(n, "vpc_id", v)
}

# Routes of the VPC's route tables to gateways the configuration does not create
# (literal igw-/nat-/eigw- ids): the gateways created here are reported themselves.
routes(v) := {lib.violation(x, sprintf("%s のルート %s がインターネット向けゲートウェイ %s を指しています。", [v, x, target]), sprintf("Route %s of %s targets the internet-bound gateway %s.", [x, v, target])) |
	some rt in route_tables(v)
	some x in lib.related(rt, "aws_route")
	lib.refers(x, "route_table_id", rt)
	some f in ["gateway_id", "nat_gateway_id", "egress_only_gateway_id"]
	target := lib.literal_string(x, f)
	internet_gateway_id(target)
} | {lib.violation(rt, sprintf("%s のルートテーブル %s がインターネット向けゲートウェイ %s を指しています。", [v, rt, target]), sprintf("Route table %s of %s routes to the internet-bound gateway %s.", [rt, v, target])) |
	some rt in route_tables(v)
	some i, r in lib.blocks(lib.get(rt, "route"))
	some f in ["gateway_id", "nat_gateway_id", "egress_only_gateway_id"]
	target := lib.literal_string(rt, concat(".", ["route", lib.str(i), f]))
	internet_gateway_id(target)
}

route_tables(v) := {rt |
	some t in ["aws_route_table", "aws_default_route_table"]
	some rt in lib.related(v, t)
	some f in ["vpc_id", "default_route_table_id"]
	lib.refers(rt, f, v)
}

internet_gateway_id(id) if startswith(id, "igw-")

internet_gateway_id(id) if startswith(id, "nat-")

internet_gateway_id(id) if startswith(id, "eigw-")

# Peering with a VPC of another zone, or with a VPC this configuration does not show.
peerings(v, z) := {lib.violation(p, sprintf("%s (%s) が %s とピアリングしています (相手の区分: %s)。", [v, lib.zone_label(z), other_label(p, v), lib.zone_label(other_zone(p, v))]), sprintf("%s (%s) is peered with %s (zone of the peer: %s).", [v, z, other_label_en(p, v), lib.zone_name(other_zone(p, v))])) |
	some p in lib.related(v, "aws_vpc_peering_connection")
	some f in ["vpc_id", "peer_vpc_id"]
	lib.refers(p, f, v)
	not same_zone_peer(p, v, z)
}

peer_vpcs(p, v) := [o | some f in ["vpc_id", "peer_vpc_id"]; some o in lib.refs(p, f); o != v]

other_zone(p, v) := lib.zone(o) if {
	some o in peer_vpcs(p, v)
} else := null

other_label(p, v) := o if {
	some o in peer_vpcs(p, v)
} else := "構成外の VPC"

other_label_en(p, v) := o if {
	some o in peer_vpcs(p, v)
} else := "a VPC outside this configuration"

same_zone_peer(p, v, z) if {
	count(peer_vpcs(p, v)) > 0
	every o in peer_vpcs(p, v) {
		lib.zone(o) == z
	}
}

# Transit gateway attachments that join the VPC to a VPC of another zone on the same
# transit gateway (a transit gateway outside the configuration, such as the Government Cloud
# connection service's, is not judged here).
transit(v, z) := {lib.violation(att, sprintf("%s (%s) が Transit Gateway %s で %s (%s) とつながっています。", [v, lib.zone_label(z), tgw, v2, lib.zone_label(lib.zone(v2))]), sprintf("%s (%s) shares transit gateway %s with %s (%s).", [v, z, tgw, v2, lib.zone_name(lib.zone(v2))])) |
	some att in lib.related(v, "aws_ec2_transit_gateway_vpc_attachment")
	lib.refers(att, "vpc_id", v)
	some tgw in lib.refs(att, "transit_gateway_id")
	some att2 in lib.related(tgw, "aws_ec2_transit_gateway_vpc_attachment")
	att2 != att
	lib.refers(att2, "transit_gateway_id", tgw)
	some v2 in lib.refs(att2, "vpc_id")
	lib.zone(v2) != z
}

# ---------------------------------------------------------------- WAF

# Web ACLs protecting a resource: associations naming it, and CloudFront's web_acl_id.
web_acls(a) := {acl |
	some asc in lib.related(a, "aws_wafv2_web_acl_association")
	lib.refers(asc, "resource_arn", a)
	some acl in lib.refs(asc, "web_acl_arn")
} | {acl | some acl in lib.refs(a, "web_acl_id")}

# A WAF is attached, but by an ARN or id this configuration does not show.
external_waf(a) if {
	some asc in lib.related(a, "aws_wafv2_web_acl_association")
	lib.refers(asc, "resource_arn", a)
	count(lib.refs(asc, "web_acl_arn")) == 0
}

external_waf(a) if {
	lib.type_of(a) == "aws_cloudfront_distribution"
	count(lib.refs(a, "web_acl_id")) == 0
	lib.present(a, "web_acl_id")
}

# The web ACL has a rate-based rule.
rate_based(acl) if {
	some r in lib.blocks(lib.get(acl, "rule"))
	some st in lib.blocks(object.get(r, "statement", null))
	count(lib.blocks(object.get(st, "rate_based_statement", null))) > 0
}

rate_based(acl) if {
	j := lib.get(acl, "rule_json")
	is_string(j)
	contains(j, "RateBasedStatement")
}

# "ok" | "none" | "no-rate" | "unknown" | "unsupported" (network and classic load balancers
# cannot have a WAF web ACL: an internet-facing one has no WAF in front of it).
waf_status(a) := "unsupported" if {
	a in public_lbs
	lb_type(a) != "application"
} else := "ok" if {
	some acl in web_acls(a)
	rate_based(acl)
} else := "no-rate" if {
	count(web_acls(a)) > 0
} else := "unknown" if {
	external_waf(a)
} else := "none"

# Internet-facing endpoints that need a WAF: load balancers (only application load balancers can
# have one), stages of public REST APIs, CloudFront distributions.
waf_endpoints contains a if some a in public_lbs

waf_endpoints contains a if some a in public_stages

waf_endpoints contains a if some a in lib.live("aws_cloudfront_distribution")

# ---------------------------------------------------------------- endpoint services

# Endpoint services of zone `z` offered to anyone or consumed from a VPC endpoint of another zone.
endpoint_service_breaches(z) := {lib.violation(es, sprintf("%s のエンドポイントサービス %s がすべてのプリンシパル (\"*\") に公開されています。", [lib.zone_label(z), es]), sprintf("Endpoint service %s of the %s zone is offered to every principal (\"*\").", [es, z])) |
	some es in lib.live("aws_vpc_endpoint_service")
	lib.zone(es) == z
	open_service(es)
} | {lib.violation(ep, sprintf("%s のエンドポイントサービス %s を別区分 (%s) の VPC エンドポイント %s が利用しています。", [lib.zone_label(z), es, lib.zone_label(lib.zone(ep)), ep]), sprintf("Endpoint service %s of the %s zone is consumed by VPC endpoint %s of the %s zone.", [es, z, ep, lib.zone_name(lib.zone(ep))])) |
	some es in lib.live("aws_vpc_endpoint_service")
	lib.zone(es) == z
	some ep in lib.related(es, "aws_vpc_endpoint")
	lib.refers(ep, "service_name", es)
	lib.zone(ep) != z
}

open_service(es) if "*" in lib.as_list(lib.get(es, "allowed_principals"))

open_service(es) if {
	some p in lib.related(es, "aws_vpc_endpoint_service_allowed_principal")
	lib.get(p, "principal_arn") == "*"
}
