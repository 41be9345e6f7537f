# Helpers every article package uses: resource lookups on the normalized input
# (src/input/README.md), values and their unknown-ness, references, tags, zones and
# classification, KMS key kinds, the stack's platform, and the finding shape.
#
# Everything here is a lookup through `by_type`, `resources`, `refs` and `related`: no helper
# scans all resources inside a scan of all resources.
package sanso.lib

import rego.v1

import data.sanso.lib.config

# ---------------------------------------------------------------- resources

# Addresses of the managed resources (or `data.<type>` sources) of a type, except deletions.
live(t) := [a | some a in object.get(input.by_type, t, []); not deleted(a)]

deleted(a) if input.resources[a].action == "delete"

# The resources of several types.
live_all(ts) := [a | some t in ts; some a in live(t)]

type_of(a) := input.resources[a].type

is_managed(a) if input.resources[a].mode == "managed"

is_data(a) if input.resources[a].mode == "data"

# A data source of a type (`aws_iam_policy_document` for data.aws_iam_policy_document.x).
is_data_of(a, t) if {
	input.resources[a].mode == "data"
	input.resources[a].type == t
}

# Resources of type `t` that refer to, or are referred to by, `a`.
related(a, t) := [x | some x in object.get(input.related, [a, t], []); not deleted(x)]

# Resources `a` refers to at the attribute dot path `d`.
refs(a, d) := object.get(input.resources[a].refs, d, [])

# Resources `a` refers to at `d` or below it (`d.0.x`).
refs_under(a, d) := [x |
	some k, l in input.resources[a].refs
	under(k, d)
	some x in l
]

under(k, d) if k == d

under(k, d) if startswith(k, concat("", [d, "."]))

# `a` refers to `b` at `d`.
refers(a, d, b) if b in refs(a, d)

# ---------------------------------------------------------------- values

# "rule.0.x" -> ["rule", 0, "x"]
path(d) := [seg(s) | some s in split(d, ".")]

seg(s) := to_number(s) if {
	s != ""
	trim(s, "0123456789") == ""
} else := s

# The value at a dot path; null when absent, null or unknown.
get(a, d) := object.get(input.resources[a].values, path(d), null)

# The value at a dot path of an object (a block); null when absent.
at(o, d) := object.get(o, path(d), null)

# Unknown until apply (plan `after_unknown`), at the path or above it.
unknown(a, d) if {
	p := path(d)
	some i in numbers.range(1, count(p))
	object.get(input.resources[a].unknown, array.slice(p, 0, i), false) == true
}

# Set in the configuration: a value, a reference, or a value only known after apply.
present(a, d) if get(a, d) != null

present(a, d) if unknown(a, d)

present(a, d) if count(refs(a, d)) > 0

# A string written as is in the configuration (no interpolation, no reference).
literal_string(a, d) := v if {
	v := get(a, d)
	is_string(v)
	v != ""
	not contains(v, "${")
	count(refs(a, d)) == 0
}

is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# A nested block as a list (plans write blocks as arrays; some cdktf blocks stay objects).
blocks(x) := x if is_array(x)

blocks(x) := [x] if is_object(x)

blocks(x) := [] if {
	not is_array(x)
	not is_object(x)
}

# A policy field (string or list) as a list.
as_list(x) := x if is_array(x)

as_list(x) := [y | some y in x] if is_set(x)

as_list(x) := [x] if {
	not is_array(x)
	not is_set(x)
	x != null
}

as_list(null) := []

# null -> default
nn(x, d) := d if x == null

nn(x, _) := x if x != null

num(x) := x if is_number(x)

num(x) := n if {
	is_string(x)
	x != ""
	trim(x, "0123456789") == ""
	n := to_number(x)
}

str(x) := x if is_string(x)

str(x) := format_int(x, 10) if is_number(x)

str(x) := "null" if x == null

str(x) := "true" if x == true

str(x) := "false" if x == false

# ---------------------------------------------------------------- tags, zones, classification

tag(a, k) := object.get(input.resources[a].tags, k, null)

zone(a) := input.resources[a].zone

classification(a) := input.resources[a].classification

class_in(a, cs) if input.resources[a].classification in cs

# Class I or II (重要性分類Ⅱ以上).
class_ii_plus(a) if class_in(a, {"I", "II"})

# The tag keys the constructs write: tag_keys.log_role is "sanso:log-role" (data.sanso.vocabulary,
# generated from src/vocabulary.ts, which the TypeScript reads).
tag_keys := data.sanso.vocabulary.tags

# The zone's name in the policy (data.sanso.vocabulary).
zone_label(z) := data.sanso.vocabulary.zone_labels[z]

zone_label(z) := "(区分なし)" if z == null

zone_name(z) := z if z != null

zone_name(null) := "(no zone)"

class_label(c) := c if c != null

class_label(null) := "(none)"

# ---------------------------------------------------------------- data stores (ARTICLES.md)

data_store_types := {
	"aws_s3_bucket",
	"aws_ebs_volume",
	"aws_db_instance",
	"aws_rds_cluster",
	"aws_docdb_cluster",
	"aws_neptune_cluster",
	"aws_dynamodb_table",
	"aws_efs_file_system",
	"aws_elasticache_replication_group",
	"aws_elasticache_cluster",
	"aws_elasticache_serverless_cache",
	"aws_memorydb_cluster",
	"aws_opensearch_domain",
	"aws_elasticsearch_domain",
	"aws_redshift_cluster",
	"aws_backup_vault",
	"aws_cloudwatch_log_group",
	"aws_sns_topic",
	"aws_sqs_queue",
	"aws_secretsmanager_secret",
	"aws_kinesis_stream",
}

data_stores contains a if {
	some t in data_store_types
	some a in live(t)
	not cache_member(a)
}

# A cache cluster that belongs to a replication group is judged as part of the group.
cache_member(a) if {
	input.resources[a].type == "aws_elasticache_cluster"
	present(a, "replication_group_id")
}

# ---------------------------------------------------------------- KMS keys

customer_key_types := {"aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key", "aws_kms_alias"}

# What encrypts `a` at `d`: "cmk" (a customer managed key), "aws" (an AWS managed key
# alias/aws/*), "none" (nothing set) or "unknown" (only known after apply, from nothing the
# configuration shows). References decide before values: a plan's unknown key ARN that refers
# to an aws_kms_key is a CMK.
key_kind(a, d) := k if {
	rs := refs(a, d)
	count(rs) > 0
	k := ref_key_kind(rs)
} else := k if {
	v := get(a, d)
	is_string(v)
	v != ""
	not contains(v, "${")
	k := literal_key_kind(v)
} else := "unknown" if {
	unknown(a, d)
} else := "unknown" if {
	v := get(a, d)
	is_string(v)
	contains(v, "${")
} else := "none"

ref_key_kind(rs) := "cmk" if {
	some x in rs
	is_managed(x)
	input.resources[x].type in customer_key_types
} else := "aws" if {
	some x in rs
	is_data(x)
	some f in ["name", "key_id", "target_key_id", "id"]
	n := get(x, f)
	is_string(n)
	contains(n, "alias/aws/")
} else := "cmk" if {
	some x in rs
	is_data(x)
	input.resources[x].type in {"aws_kms_key", "aws_kms_alias"}
} else := "unknown"

literal_key_kind(v) := "aws" if contains(v, "alias/aws/")

literal_key_kind(v) := "cmk" if not contains(v, "alias/aws/")

# ---------------------------------------------------------------- the stack

# Managed AWS resources of the stack (stack-level rules apply when there is at least one).
aws_resources := [a |
	some a, r in input.resources
	r.mode == "managed"
	startswith(r.type, "aws_")
	not deleted(a)
]

aws_provider_keys := sort([k | some k, p in input.providers; p.name == "aws"])

# The address used for findings about the stack (account) as a whole.
stack_subject := "provider.aws" if {
	count(aws_provider_keys) == 0
} else := "provider.aws" if {
	"aws" in aws_provider_keys
} else := concat("", ["provider.", aws_provider_keys[0]])

# Values a stack declares in its AWS provider default tags.
declared(k) := {v |
	some p in input.providers
	p.name == "aws"
	v := object.get(p, ["default_tags", k], null)
	is_string(v)
	v != ""
}

declared_platforms := {lower(v) | some v in declared(tag_keys.platform)}

# gcas | standalone: the stack's own declaration (sanso:platform), else the configuration.
platform := p if {
	count(declared_platforms) == 1
	some p in declared_platforms
	p in {"gcas", "standalone"}
} else := "gcas" if {
	"gcas" in declared_platforms
} else := config.params.platform

# An account baseline component ("trail", "guardduty", "securityhub", "config") this stack does
# not create but another input of the run provides, or the configuration declares provided
# elsewhere (account_baseline): sanso check puts what it found at data.sanso.run.account_baseline
# (src/check/baseline.ts) and prints it in every report.
baseline_elsewhere(c) if data.sanso.run.account_baseline[input.stack][c]

# ---------------------------------------------------------------- findings

construct(a) := c if {
	c := input.resources[a].source.construct
} else := null

# The finding object of the sanso.main contract. `m` is the rule's METADATA `custom` object
# (`<name> := rego.metadata.rule().custom`: id, article, severity, remediation, remediation_en); `v` is {resource, ja, en} and, when the
# violation has a root cause shared with others, `cause` (see caused_violation).
finding(m, v) := {
	"rule": m.id,
	"article": m.article,
	"severity": m.severity,
	"resource": v.resource,
	"message_ja": v.ja,
	"message_en": v.en,
	"construct": construct(v.resource),
	"remediation": m.remediation,
	"remediation_en": m.remediation_en,
	"cause": object.get(v, "cause", null),
}

# A violation: the resource and the two messages.
violation(a, ja, en) := {"resource": a, "ja": ja, "en": en}

# A violation with a root cause that many resources share: the address of the provider or
# resource at fault (`provider.aws`, `aws_security_group.web`), or `missing:<what>` for something
# the stack lacks (`missing:aws_backup_selection`). Reports group the findings of one stack, rule
# and cause into one finding listing the resources (src/report/SCHEMA.md); the message should say
# what is wrong with the cause.
caused_violation(a, ja, en, cause) := {"resource": a, "ja": ja, "en": en, "cause": cause}

# Case conversions that never fail: "" for what is not a string.
up(x) := upper(x) if {
	is_string(x)
} else := ""

low(x) := lower(x) if {
	is_string(x)
} else := ""

# A boolean argument: "true" | "false" | "unknown" (set from something only known after apply) |
# "unset". Rules fail "false"/"unset" (or "true") and list "unknown" as unverified. A plan's
# unknown that the configuration does not set is the provider's default: "unset" (src/input
# moves it out of `unknown`).
flag(a, d) := "true" if {
	is_true(get(a, d))
} else := "false" if {
	is_false(get(a, d))
} else := "unknown" if {
	count(refs(a, d)) > 0
} else := "unknown" if {
	unknown(a, d)
} else := "unknown" if {
	v := get(a, d)
	is_string(v)
	contains(v, "${")
} else := "unset"
