package sanso.main_test

import rego.v1

import data.sanso.lib.testing as t

rule_ids := {
	"ART17-CLASSIFIED", "ART18-OWNER", "ART22-CLASS-I-ZONE", "ART22-ENCRYPTED-AT-REST", "ART23-NOT-PUBLIC",
	"ART24-TLS-ONLY", "ART25-PUBLIC-INTEGRITY", "ART27-CLASS-I-ACCESS-LOG", "ART29-ISOLATED",
	"ART29-RESTRICTED-PATHS", "ART29-NO-PUBLIC-ENDPOINT", "ART29-MFA", "ART29-NO-EXPORT",
	"ART29-DEDICATED-LINE", "ART29-CMK", "ART29-STRONG-CRYPTO", "ART30-SEPARATED", "ART31-MONITORED",
	"ART32-REDUNDANT", "ART34-LINE-REDUNDANT", "ART43-BACKUP", "ART45-CHANGE-TRAIL", "ART47-LOGS-KEPT",
	"ART47-LOGS-PROTECTED", "ART49-FIREWALL", "ART50-PUBLIC-IN-INTERNET-ZONE", "ART51-WAF",
	"ART54-TRANSIT-ENCRYPTION", "ART64-KEY-NOT-PUBLIC", "ART64-LEAST-PRIVILEGE", "ART65-PRIVILEGED-IDS", "ART66-REMOTE-ACCESS",
	"ART69-NO-PLAINTEXT-SECRETS", "ART70-PRIVILEGED-SESSION", "ART73-ENV-SEPARATED", "ART78-VM-HARDENED",
	"ART87-PATCHED", "ART90-MONITORED", "ART99-REGION",
}

test_checked_names_every_rule_even_when_nothing_is_in_scope if {
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
