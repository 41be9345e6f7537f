# S3 buckets and their configuration, in both forms: the split resources
# (aws_s3_bucket_server_side_encryption_configuration, _public_access_block, _versioning,
# _logging, _object_lock_configuration, _policy, _acl, _notification, _lifecycle_configuration)
# joined to their bucket by reference (`bucket = aws_s3_bucket.x.id`) or by a literal bucket
# name, and the deprecated inline blocks on aws_s3_bucket.
package sanso.lib.s3

import rego.v1

import data.sanso.lib
import data.sanso.lib.iam

split_types := [
	"aws_s3_bucket_server_side_encryption_configuration",
	"aws_s3_bucket_public_access_block",
	"aws_s3_bucket_versioning",
	"aws_s3_bucket_logging",
	"aws_s3_bucket_object_lock_configuration",
	"aws_s3_bucket_policy",
	"aws_s3_bucket_acl",
	"aws_s3_bucket_notification",
	"aws_s3_bucket_lifecycle_configuration",
	"aws_s3_bucket_ownership_controls",
]

buckets := lib.live("aws_s3_bucket")

# The bucket name when the configuration writes it.
name(b) := n if {
	n := lib.get(b, "bucket")
	is_string(n)
	n != ""
	not contains(n, "${")
}

# Split resources by the literal bucket name they name: sub_by_name[type][name] = {addresses}.
sub_by_name[t][n] contains p if {
	some t in split_types
	some p in lib.live(t)
	n := lib.get(p, "bucket")
	is_string(n)
	n != ""
	not contains(n, "${")
}

# Buckets by literal name: by_name[name] = {addresses}.
by_name[n] contains b if {
	some b in buckets
	n := name(b)
}

# The split resources of type `t` configuring bucket `b`.
parts(b, t) := {p | some p in lib.related(b, t); lib.refers(p, "bucket", b)} | {p |
	n := name(b)
	some p in object.get(sub_by_name, [t, n], set())
}

# Buckets named (by reference or literal name) at attribute `d` of `a`.
named_buckets(a, d) := {b | some b in lib.refs(a, d); lib.type_of(b) == "aws_s3_bucket"} | {b |
	v := lib.get(a, d)
	is_string(v)
	n := trim_prefix(trim_suffix(v, "/"), "arn:aws:s3:::")
	some b in object.get(by_name, n, set())
}

# ---------------------------------------------------------------- encryption

# Default encryption rules: {res, path (of kms_master_key_id), alg}.
sse_rules(b) := array.concat(
	[{"res": p, "path": concat(".", ["rule", lib.str(i), "apply_server_side_encryption_by_default", lib.str(j), "kms_master_key_id"]), "alg": object.get(d, "sse_algorithm", null)} |
		some p in parts(b, "aws_s3_bucket_server_side_encryption_configuration")
		some i, r in lib.blocks(lib.get(p, "rule"))
		some j, d in lib.blocks(object.get(r, "apply_server_side_encryption_by_default", null))
	],
	[{"res": b, "path": concat(".", ["server_side_encryption_configuration", lib.str(k), "rule", lib.str(i), "apply_server_side_encryption_by_default", lib.str(j), "kms_master_key_id"]), "alg": object.get(d, "sse_algorithm", null)} |
		some k, c in lib.blocks(lib.get(b, "server_side_encryption_configuration"))
		some i, r in lib.blocks(object.get(c, "rule", null))
		some j, d in lib.blocks(object.get(r, "apply_server_side_encryption_by_default", null))
	],
)

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

# Default encryption is configured (any algorithm).
encrypted(b) if count(sse_rules(b)) > 0

# "cmk" | "aws" (aws/s3 key) | "sse-s3" | "none" | "unknown"
encryption_kind(b) := "none" if {
	count(sse_rules(b)) == 0
} else := "cmk" if {
	some r in sse_rules(b)
	r.alg in kms_algorithms
	lib.key_kind(r.res, r.path) == "cmk"
} else := "unknown" if {
	some r in sse_rules(b)
	r.alg in kms_algorithms
	lib.key_kind(r.res, r.path) == "unknown"
} else := "aws" if {
	some r in sse_rules(b)
	r.alg in kms_algorithms
} else := "unknown" if {
	some r in sse_rules(b)
	r.alg == null
} else := "sse-s3"

# ---------------------------------------------------------------- versioning, Object Lock

object_lock(b) if lib.is_true(lib.get(b, "object_lock_enabled"))

object_lock(b) if {
	some o in lib.blocks(lib.get(b, "object_lock_configuration"))
	object.get(o, "object_lock_enabled", null) == "Enabled"
}

object_lock(b) if {
	some p in parts(b, "aws_s3_bucket_object_lock_configuration")
	lib.get(p, "object_lock_enabled") in {"Enabled", null}
}

versioning(b) if {
	some p in parts(b, "aws_s3_bucket_versioning")
	some vc in lib.blocks(lib.get(p, "versioning_configuration"))
	object.get(vc, "status", null) == "Enabled"
}

versioning(b) if {
	some v in lib.blocks(lib.get(b, "versioning"))
	lib.is_true(object.get(v, "enabled", null))
}

versioning(b) if object_lock(b)

# ---------------------------------------------------------------- logging

access_logging(b) if {
	some p in parts(b, "aws_s3_bucket_logging")
	lib.present(p, "target_bucket")
}

access_logging(b) if {
	some i, l in lib.blocks(lib.get(b, "logging"))
	lib.present(b, concat(".", ["logging", lib.str(i), "target_bucket"]))
}

# Buckets that receive other buckets' server access logs.
access_log_targets contains t if {
	some p in lib.live("aws_s3_bucket_logging")
	some t in named_buckets(p, "target_bucket")
}

access_log_targets contains t if {
	some b in buckets
	some i, _ in lib.blocks(lib.get(b, "logging"))
	some t in named_buckets(b, concat(".", ["logging", lib.str(i), "target_bucket"]))
}

# Where log-producing services write: [type, attribute].
log_sources := [
	["aws_cloudtrail", "s3_bucket_name"],
	["aws_flow_log", "log_destination"],
	["aws_lb", "access_logs.0.bucket"],
	["aws_alb", "access_logs.0.bucket"],
	["aws_lb", "connection_logs.0.bucket"],
	["aws_elb", "access_logs.0.bucket"],
	["aws_config_delivery_channel", "s3_bucket_name"],
	["aws_cloudfront_distribution", "logging_config.0.bucket"],
	["aws_wafv2_web_acl_logging_configuration", "log_destination_configs"],
	["aws_networkfirewall_logging_configuration", "logging_configuration"],
	["aws_route53_resolver_query_log_config", "destination_arn"],
]

# Buckets that receive logs: destinations of trails, flow logs, load balancers, Config,
# CloudFront and WAF, server access log targets, and buckets tagged sanso:log-role.
log_buckets contains b if {
	some [t, d] in log_sources
	some x in lib.live(t)
	some b in named_buckets(x, d)
}

log_buckets contains b if {
	some x in lib.live("aws_networkfirewall_logging_configuration")
	some b in lib.refs_under(x, "logging_configuration")
	lib.type_of(b) == "aws_s3_bucket"
}

log_buckets contains b if some b in access_log_targets

log_buckets contains b if {
	some b in buckets
	lib.tag(b, lib.tag_keys.log_role) != null
}

# ---------------------------------------------------------------- public access

pab_keys := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

account_pab contains p if {
	some p in lib.live("aws_s3_account_public_access_block")
	every k in pab_keys {
		lib.get(p, k) == true
	}
}

# All four public access block settings on (for the bucket or the account).
pab_full(b) if {
	some p in parts(b, "aws_s3_bucket_public_access_block")
	every k in pab_keys {
		lib.get(p, k) == true
	}
}

pab_full(_) if count(account_pab) > 0

# Public policies are blocked (block_public_policy and restrict_public_buckets).
pab_blocks_policy(b) if pab_full(b)

pab_blocks_policy(b) if {
	some p in parts(b, "aws_s3_bucket_public_access_block")
	lib.get(p, "block_public_policy") == true
	lib.get(p, "restrict_public_buckets") == true
}

# Public ACLs are blocked (block_public_acls and ignore_public_acls).
pab_blocks_acls(b) if pab_full(b)

pab_blocks_acls(b) if {
	some p in parts(b, "aws_s3_bucket_public_access_block")
	lib.get(p, "block_public_acls") == true
	lib.get(p, "ignore_public_acls") == true
}

public_canned_acls := {"public-read", "public-read-write", "authenticated-read"}

public_grantees := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

# Resources giving the bucket a public ACL (the bucket itself or an aws_s3_bucket_acl).
public_acl_sources(b) := {p | some p in parts(b, "aws_s3_bucket_acl"); acl_resource_public(p)} | {b | inline_acl_public(b)}

acl_resource_public(p) if lib.get(p, "acl") in public_canned_acls

acl_resource_public(p) if {
	some acp in lib.blocks(lib.get(p, "access_control_policy"))
	some g in lib.blocks(object.get(acp, "grant", null))
	some ge in lib.blocks(object.get(g, "grantee", null))
	object.get(ge, "uri", null) in public_grantees
}

inline_acl_public(b) if lib.get(b, "acl") in public_canned_acls

inline_acl_public(b) if {
	some g in lib.blocks(lib.get(b, "grant"))
	object.get(g, "uri", null) in public_grantees
}

# ---------------------------------------------------------------- bucket policies

# The policies of the bucket: [{res, attr}].
policy_sources(b) := array.concat(
	[{"res": p, "attr": "policy"} | some p in parts(b, "aws_s3_bucket_policy")],
	[{"res": b, "attr": "policy"} | lib.present(b, "policy")],
)

# {"known", "statements"} over all policies of the bucket.
policy(b) := {
	"known": every_known(docs),
	"statements": [s | some d in docs; some s in d.statements],
} if {
	docs := [iam.doc(s.res, s.attr) | some s in policy_sources(b)]
}

every_known(docs) if {
	every d in docs {
		d.known
	}
}

# The bucket policy denies requests without TLS (aws:SecureTransport = false).
denies_insecure_transport(b) if {
	some s in policy(b).statements
	iam.denies_plaintext(s)
}

# The bucket policy denies deleting objects or object versions to everyone (the "equivalent" of
# Object Lock for access-log sinks that cannot use it).
denies_delete(b) if {
	some s in policy(b).statements
	iam.denies(s)
	iam.anyone(s)
	count(iam.conditions(s)) == 0
	some a in iam.actions(s)
	a in {"s3:deleteobject", "s3:deleteobjectversion", "s3:delete*", "s3:*", "*"}
}

# ---------------------------------------------------------------- notifications, lifecycle

notifies(b) if {
	some p in parts(b, "aws_s3_bucket_notification")
	lib.is_true(lib.get(p, "eventbridge"))
}

notifies(b) if {
	some p in parts(b, "aws_s3_bucket_notification")
	some k in ["topic", "queue", "lambda_function"]
	count(lib.blocks(lib.get(p, k))) > 0
}

# Enabled lifecycle rules that expire current objects after `days` days: [{res, days}].
expirations(b) := array.concat(
	[{"res": p, "days": d} |
		some p in parts(b, "aws_s3_bucket_lifecycle_configuration")
		some r in lib.blocks(lib.get(p, "rule"))
		object.get(r, "status", "Enabled") == "Enabled"
		some e in lib.blocks(object.get(r, "expiration", null))
		d := object.get(e, "days", null)
		is_number(d)
		d > 0
	],
	[{"res": b, "days": d} |
		some r in lib.blocks(lib.get(b, "lifecycle_rule"))
		lib.is_true(object.get(r, "enabled", true))
		some e in lib.blocks(object.get(r, "expiration", null))
		d := object.get(e, "days", null)
		is_number(d)
		d > 0
	],
)
