# Configuration of the sanso policies: documented defaults, overridden by the policy data document
# (`data.sanso.config`, e.g. loaded from sanso.config.yaml). See policies/README.md.
#
# The package is sanso.lib.config (not sanso.config) so that reading the user's document at
# data.sanso.config never refers back to these rules.
package sanso.lib.config

import rego.v1

defaults := {
	# "standalone": the stack must enable GuardDuty, Security Hub and AWS Config (ART90) and may
	# use IAM users without console passwords in the mynumber zone; "gcas": Government Cloud, the
	# platform owns those services and IAM users are not used (ART29-MFA, ART90).
	# A stack that declares `sanso:platform` in its provider default tags is judged by that.
	"platform": "standalone",
	# ART47-LOGS-KEPT: minimum retention of log groups and log buckets, in days.
	"log_retention_days": 365,
	# ART99-REGION: regions resources may live in.
	"allowed_regions": ["ap-northeast-1", "ap-northeast-3"],
	# ART29-STRONG-CRYPTO: ELB listener policies (TLS 1.2 or later only).
	"allowed_tls_policies": [
		"ELBSecurityPolicy-TLS13-1-2-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
		"ELBSecurityPolicy-TLS13-1-3-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
		"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
		"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
		"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
		"ELBSecurityPolicy-TLS-1-2-2017-01",
		"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
		"ELBSecurityPolicy-FS-1-2-2019-08",
		"ELBSecurityPolicy-FS-1-2-Res-2019-08",
		"ELBSecurityPolicy-FS-1-2-Res-2020-10",
	],
	# ART29-STRONG-CRYPTO: CloudFront viewer minimum protocol versions.
	"allowed_cloudfront_protocols": ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
	# ART29-STRONG-CRYPTO: KMS key specs (SYMMETRIC_DEFAULT is AES-256-GCM).
	"allowed_kms_key_specs": ["SYMMETRIC_DEFAULT"],
	# ART49-FIREWALL: widest ingress port range (to_port - from_port + 1).
	"max_port_range": 100,
	# ART29-CMK: minimum KMS key deletion window.
	"min_kms_deletion_window_days": 30,
	# ART70-PRIVILEGED-SESSION: longest session of an administrative role, in seconds.
	"max_privileged_session_seconds": 3600,
	# ART65-PRIVILEGED-IDS: database master user names that count as defaults (case-insensitive).
	"default_db_usernames": [
		"admin", "administrator", "root", "postgres", "sa", "master", "masteruser", "awsuser",
		"dbadmin", "dba", "mysql", "user", "test", "guest", "oracle", "system", "rdsadmin",
	],
	# ART18-OWNER: tag keys naming the responsible section.
	"owner_tag_keys": ["sanso:owner"],
	# ART73-ENV-SEPARATED: tag keys declaring the environment (provider default tags or resource tags).
	"environment_tag_keys": ["sanso:environment"],
	# Zone of resources without a zone tag; applied by the input side (loadInputs defaultZone).
	"default_zone": null,
}

default overrides := {}

overrides := o if {
	o := data.sanso.config
	is_object(o)
}

# The effective configuration.
params := object.union(defaults, overrides)
