# Helpers for the Rego unit tests (a *_test.rego file: never part of the bundle).
#
#   inp := t.doc([t.res("aws_s3_bucket", "b", {"bucket": "x"}, {"zone": "mynumber", "classification": "I"}), ...])
#   fs := data.sanso.main.findings with input as inp
#   t.fired(fs, "ART29-CMK", "aws_s3_bucket.b")
#
# `doc` builds a normalized input document (src/input/README.md): addresses, by_type and both
# directions of `related` from each resource's refs.
package sanso.lib.testing

import rego.v1

# A resource: type, name, values, and extra fields (zone, classification, refs, tags, unknown,
# region, action, mode, source...).
res(type, name, values, extra) := object.union(
	{
		"address": concat(".", [type, name]),
		"type": type,
		"name": name,
		"mode": "managed",
		"module": null,
		"values": values,
		"unknown": {},
		"sensitive": {},
		"refs": {},
		"tags": {},
		"zone": null,
		"zone_source": null,
		"classification": null,
		"classification_source": null,
		"region": "ap-northeast-1",
		"provider": "aws",
		"source": {"construct": concat("/", ["test", name]), "file": "test.tf.json"},
		"action": "create",
	},
	with_sources(extra),
)

# A data source.
data_res(type, name, values, extra) := object.union(
	res(type, name, values, extra),
	{"address": concat(".", ["data", type, name]), "mode": "data", "action": "read"},
)

with_sources(extra) := object.union(extra, {"zone_source": "tag"}) if {
	extra.zone != null
	not extra.zone_source
} else := extra

# Default provider: allowed region, environment declared, platform as given.
provider(platform) := {"aws": {
	"name": "aws",
	"alias": null,
	"region": "ap-northeast-1",
	"default_tags": {"sanso:environment": "production", "sanso:platform": platform},
}}

doc(rs) := doc_with(rs, provider("gcas"))

doc_standalone(rs) := doc_with(rs, provider("standalone"))

doc_with(rs, providers) := {
	"format": "cdktf",
	"stack": "test",
	"source": {"file": "test.tf.json", "format": "cdk.tf.json"},
	"resources": {r.address: with_class_source(r) | some r in rs},
	"by_type": {key: sort([r.address | some r in rs; type_key(r) == key]) | some r0 in rs; key := type_key(r0)},
	"related": related(rs),
	"providers": providers,
	"diagnostics": [],
}

with_class_source(r) := object.union(r, {"classification_source": "tag"}) if {
	r.classification != null
	r.classification_source == null
} else := r

type_key(r) := concat(".", ["data", r.type]) if r.mode == "data"

type_key(r) := r.type if r.mode != "data"

# related[a][type(b)] for every reference a -> b, in both directions.
related(rs) := {a: {k: sort(l) |
	some k in {type_key(by_addr[x]) | some x in neighbours(rs, a)}
	l := {x | some x in neighbours(rs, a); type_key(by_addr[x]) == k}
} |
	some r in rs
	a := r.address
	count(neighbours(rs, a)) > 0
	by_addr := {x.address: x | some x in rs}
}

neighbours(rs, a) := {b |
	some r in rs
	r.address == a
	some _, l in r.refs
	some b in l
	b in {x.address | some x in rs}
} | {b |
	some r in rs
	some _, l in r.refs
	a in l
	b := r.address
}

# ---------------------------------------------------------------- assertions

fired(fs, id, addr) if {
	some f in fs
	f.rule == id
	f.resource == addr
}

fired_any(fs, id) if {
	some f in fs
	f.rule == id
}

not_fired(fs, id) if count({f | some f in fs; f.rule == id}) == 0

# Findings of a rule, as addresses.
of(fs, id) := {f.resource | some f in fs; f.rule == id}
