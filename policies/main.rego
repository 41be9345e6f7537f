# The entry points `sanso check` evaluates. See policies/README.md for the contract.
#
#   findings    set of {rule, article, severity, resource, message_ja, message_en, construct,
#               remediation, remediation_en}
#   checked     rule id -> sorted addresses the rule evaluated ([] when nothing was in scope:
#               "not applicable")
#   unverified  rule id -> sorted addresses in scope whose compliance depends on values known only
#               after apply (neither passed nor failed)
package sanso.main

import rego.v1

# Every article package registers itself by living under sanso.articles: a new rule is its file
# (and its test, in sanso.articles_test), not an entry in a list here.
packages := [p | some p in data.sanso.articles]

# A municipality's own rules (`sanso check --policies DIR`): every package under sanso.local,
# with the same three names as the article packages.
local_packages := [p | some p in data.sanso.local]

all_packages := array.concat(packages, local_packages)

# METADATA
# title: sanso findings
# description: Every finding of every rule (rule, article, severity, resource, messages, construct, remediation).
# entrypoint: true
findings contains f if {
	some p in all_packages
	some f in object.get(p, "findings", set())
}

# METADATA
# title: sanso checked resources
# description: Rule id -> sorted addresses the rule evaluated (empty when nothing was in scope).
# entrypoint: true
checked := object.union_n([object.get(p, "checked", {}) | some p in all_packages])

# METADATA
# title: sanso unverified resources
# description: Rule id -> sorted addresses in scope whose compliance is only known after apply.
# entrypoint: true
unverified := {id: l |
	some p in all_packages
	some id, l in object.get(p, "unverified", {})
	count(l) > 0
}
