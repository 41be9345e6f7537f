# Configuration of the sanso policies: documented defaults, overridden by the policy data document
# (`data.sanso.config`, e.g. loaded from sanso.config.yaml). See policies/README.md.
#
# The package is sanso.lib.config (not sanso.config) so that reading the user's document at
# data.sanso.config never refers back to these rules.
package sanso.lib.config

import rego.v1

# The defaults, one data document that the constructs read too (constructs/core.ts), so that what
# the constructs accept is what the rules pass: policies/sanso/defaults/data.json. Its keys are
# documented in policies/README.md ("Configuration"):
#   platform (ART90, ART29-MFA), log_retention_days (ART47), allowed_regions (ART99),
#   allowed_tls_policies, allowed_cloudfront_protocols, allowed_kms_key_specs (ART29-STRONG-CRYPTO),
#   max_port_range (ART49), min_kms_deletion_window_days (ART29-CMK),
#   max_privileged_session_seconds (ART70), default_db_usernames (ART65, case-insensitive),
#   owner_tag_keys (ART18), environment_tag_keys (ART73), default_zone (applied by the input side).
defaults := data.sanso.defaults

default overrides := {}

overrides := o if {
	o := data.sanso.config
	is_object(o)
}

# The effective configuration.
params := object.union(defaults, overrides)
