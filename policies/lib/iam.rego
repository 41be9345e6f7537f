# Policy documents: JSON policy strings (cdktf JSON.stringify, plan jsonencode) and
# data.aws_iam_policy_document sources, normalized to IAM JSON statements.
package sanso.lib.iam

import rego.v1

import data.sanso.lib

# The statements of the policy at attribute `d` of `a`:
# {"known": false} when the policy is only known after apply and the configuration does not
# show it (a jsonencode() with unknown ARNs in a plan).
doc(a, d) := {"known": true, "statements": statements_of(json.unmarshal(v))} if {
	v := lib.get(a, d)
	is_string(v)
	json.is_valid(v)
} else := {"known": true, "statements": data_docs_statements(ds)} if {
	ds := [x | some x in lib.refs(a, d); lib.is_data_of(x, "aws_iam_policy_document")]
	count(ds) > 0
} else := {"known": false, "statements": []} if {
	lib.unknown(a, d)
} else := {"known": false, "statements": []} if {
	v := lib.get(a, d)
	is_string(v)
	v != ""
} else := {"known": true, "statements": []}

statements_of(o) := [s | some s in lib.blocks(object.get(o, "Statement", []))] if is_object(o)

statements_of(o) := [] if not is_object(o)

data_docs_statements(ds) := [s | some x in ds; some s in data_doc_statements(x)]

# A data.aws_iam_policy_document as JSON statements: its statement blocks, plus the JSON of
# source_policy_documents / override_policy_documents.
data_doc_statements(x) := array.concat(
	[norm_statement(st) | some st in lib.blocks(lib.get(x, "statement"))],
	[s |
		some f in ["source_policy_documents", "override_policy_documents"]
		some j in lib.as_list(lib.get(x, f))
		is_string(j)
		json.is_valid(j)
		some s in statements_of(json.unmarshal(j))
	],
)

norm_statement(st) := {
	"Effect": lib.nn(object.get(st, "effect", null), "Allow"),
	"Action": lib.nn(object.get(st, "actions", null), []),
	"NotAction": lib.nn(object.get(st, "not_actions", null), []),
	"Resource": lib.nn(object.get(st, "resources", null), []),
	"NotResource": lib.nn(object.get(st, "not_resources", null), []),
	"Principal": principals(lib.blocks(object.get(st, "principals", null))),
	"NotPrincipal": principals(lib.blocks(object.get(st, "not_principals", null))),
	"Condition": conditions_obj(lib.blocks(object.get(st, "condition", null))),
}

principals(bs) := {t: ids |
	some b in bs
	t := b.type
	ids := [i | some b2 in bs; b2.type == t; some i in lib.as_list(object.get(b2, "identifiers", null))]
}

conditions_obj(bs) := {op: keys |
	some b in bs
	op := b.test
	keys := {k: vs |
		some b2 in bs
		b2.test == op
		k := b2.variable
		vs := [v | some b3 in bs; b3.test == op; b3.variable == k; some v in lib.as_list(object.get(b3, "values", null))]
	}
}

# ---------------------------------------------------------------- statement facts

effect(s) := lower(e) if {
	e := object.get(s, "Effect", "")
	is_string(e)
} else := ""

allows(s) if effect(s) == "allow"

denies(s) if effect(s) == "deny"

actions(s) := [lower(x) | some x in lib.as_list(object.get(s, "Action", null)); is_string(x)]

not_actions(s) := [lower(x) | some x in lib.as_list(object.get(s, "NotAction", null)); is_string(x)]

resources(s) := [x | some x in lib.as_list(object.get(s, "Resource", null))]

has_not_resource(s) if count(lib.as_list(object.get(s, "NotResource", null))) > 0

# Principal "*" or {"AWS": "*"}.
anyone(s) if object.get(s, "Principal", null) == "*"

anyone(s) if {
	p := object.get(s, "Principal", null)
	is_object(p)
	some k, v in p
	k in {"AWS", "*"}
	"*" in lib.as_list(v)
}

# AWS principals (accounts, roles, users), not services or federated identities.
aws_principals(s) := [x | some x in lib.as_list(object.get(s, "Principal", null)); x == "*"] if {
	is_string(object.get(s, "Principal", null))
} else := [x |
	p := object.get(s, "Principal", {})
	is_object(p)
	some x in lib.as_list(object.get(p, "AWS", null))
]

# Conditions as {op, key (lower case), values}.
conditions(s) := [{"op": op, "key": lower(k), "values": lib.as_list(v)} |
	c := object.get(s, "Condition", null)
	is_object(c)
	some op, kv in c
	is_object(kv)
	some k, v in kv
]

# Condition keys that limit who or where (a policy with one of them is not open to anyone).
limiting_keys := {
	"aws:sourcevpce", "aws:sourcevpc", "aws:principalorgid", "aws:principalorgpaths",
	"aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner",
	"aws:principalarn", "aws:userid", "aws:username", "aws:sourceip", "aws:vpcsourceip",
	"aws:sourceorgid", "aws:sourceorgpaths", "aws:principalservicename", "kms:calleraccount",
	"kms:viaservice", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast",
}

# A condition that only holds for requests whose key matches one of its values. IAM's traps:
# an operator ending in "IfExists" also holds when the key is absent (aws:SourceIp is absent on
# requests through a VPC endpoint or an AWS service); "Null" tests only whether the key is
# present; "ForAllValues:" holds when the key is absent; a negated operator ("StringNotEquals",
# "NotIpAddress", "ArnNotLike") holds for every other value. None of them limits an Allow.
positive_match(c) if {
	not endswith(c.op, "IfExists")
	c.op != "Null"
	not startswith(c.op, "ForAllValues:")
	not contains(c.op, "Not")
}

limited(s) if {
	some c in conditions(s)
	c.key in limiting_keys
	positive_match(c)
	not opens_everything(c)
}

opens_everything(c) if {
	some v in c.values
	v in {"*", "0.0.0.0/0", "::/0"}
}

# An Allow to anyone that no condition limits.
public_allow(s) if {
	allows(s)
	anyone(s)
	not limited(s)
}

# A condition `key` compared with `value` (booleans may be written as strings), any operator.
condition_is(s, key, value) if {
	some c in conditions(s)
	c.key == lower(key)
	some v in c.values
	lower(lib.str(v)) == lower(value)
}

# Every value of the condition is the boolean `b` ("true"/"false", strings or booleans).
all_values(c, b) if {
	count(c.values) > 0
	every v in c.values {
		lower(lib.str(v)) == b
	}
}

# An Allow statement that only applies to requests authenticated with MFA: `Bool`
# aws:MultiFactorAuthPresent true (false when the key is absent), or an MFA age limit
# (aws:MultiFactorAuthAge exists only with MFA). `BoolIfExists` true lets long-term keys through
# (the key is absent for them); `Null` tests only presence.
requires_mfa(s) if {
	some c in conditions(s)
	c.key == "aws:multifactorauthpresent"
	c.op == "Bool"
	all_values(c, "true")
}

requires_mfa(s) if {
	some c in conditions(s)
	c.key == "aws:multifactorauthage"
	c.op in {"NumericLessThan", "NumericLessThanEquals"}
}

# A Deny statement, with no other condition, that refuses every request without MFA: the key
# false or absent (`BoolIfExists` false), or no MFA age (`Null` aws:MultiFactorAuthAge true).
denies_without_mfa(s) if {
	denies(s)
	count(conditions(s)) == 1
	some c in conditions(s)
	c.key == "aws:multifactorauthpresent"
	c.op == "BoolIfExists"
	all_values(c, "false")
}

denies_without_mfa(s) if {
	denies(s)
	count(conditions(s)) == 1
	some c in conditions(s)
	c.key == "aws:multifactorauthage"
	c.op == "Null"
	all_values(c, "true")
}

# A Deny statement that applies to every request made without TLS: to anyone, `Bool` or
# `BoolIfExists` aws:SecureTransport false (`Null` tests only whether the key is present), and no
# other condition (which would narrow the deny: plaintext through a VPC endpoint, ...).
denies_plaintext(s) if {
	denies(s)
	anyone(s)
	every c in conditions(s) {
		c.key == "aws:securetransport"
	}
	some c in conditions(s)
	c.key == "aws:securetransport"
	c.op in {"Bool", "BoolIfExists"}
	some v in c.values
	lower(lib.str(v)) == "false"
}

action_matches(s, pattern) if {
	some a in actions(s)
	a == pattern
}
