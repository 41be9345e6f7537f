package sanso.main_test

import rego.v1

import data.sanso.lib.testing as t

# The rule ids, as the article packages declare them (every package under sanso.articles
# registers itself; test/policies/metadata.test.ts checks them against the rules' METADATA).
rule_ids := ids if {
	ids := {id | some p in data.sanso.articles; some id, _ in p.checked} with input as t.doc([])
}

test_checked_names_every_rule_even_when_nothing_is_in_scope if {
	count(rule_ids) > 30
	every id in rule_ids {
		regex.match(`^ART[0-9]+-[A-Z0-9-]+$`, id)
	}
	cs := data.sanso.main.checked with input as t.doc([])
	{id | some id, _ in cs} == rule_ids
	every _, l in cs {
		l == []
	}
	fs := data.sanso.main.findings with input as t.doc([])
	count(fs) == 0
}

fields := {"rule", "article", "severity", "resource", "message_ja", "message_en", "construct", "remediation", "remediation_en", "cause"}

test_findings_have_the_contract_shape if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "internet", "classification": "I", "region": "us-east-1"})
	fs := data.sanso.main.findings with input as t.doc_standalone([b])
	count(fs) > 5
	every f in fs {
		{k | some k, _ in f} == fields
		f.rule in rule_ids
		f.severity in {"critical", "high", "medium", "low"}
		startswith(f.article, "第")
	}
}

test_finding_construct_comes_from_the_input if {
	b := t.res("aws_s3_bucket", "b", {}, {"zone": "lgwan"})
	fs := data.sanso.main.findings with input as t.doc([b])
	some f in fs
	f.rule == "ART17-CLASSIFIED"
	f.construct == "test/b"
}

test_stack_findings_have_a_null_construct if {
	fs := data.sanso.main.findings with input as t.doc_standalone([t.res("aws_sqs_queue", "q", {}, {})])
	some f in fs
	f.resource == "provider.aws"
	f.construct == null
}

test_unverified_lists_only_rules_with_entries if {
	u := data.sanso.main.unverified with input as t.doc([])
	u == {}
}
