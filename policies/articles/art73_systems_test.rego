package sanso.articles_test.art73

import rego.v1

import data.sanso.lib.testing as t

queue := t.res("aws_sqs_queue", "q", {}, {})

test_env_fires_when_the_stack_declares_no_environment if {
	inp := t.doc_with([queue], {"aws": {"name": "aws", "alias": null, "region": "ap-northeast-1", "default_tags": {}}})
	fs := data.sanso.main.findings with input as inp
	t.fired(fs, "ART73-ENV-SEPARATED", "provider.aws")
}

test_env_quiet_when_declared if {
	fs := data.sanso.main.findings with input as t.doc([queue])
	t.not_fired(fs, "ART73-ENV-SEPARATED")
}

vpc := t.res("aws_vpc", "v", {}, {})

subnet := t.res("aws_subnet", "s", {}, {"refs": {"vpc_id": ["aws_vpc.v"]}})

instance(name, env) := t.res("aws_instance", name, {"metadata_options": [{"http_tokens": "required"}], "root_block_device": [{"encrypted": true}]}, {"tags": {"sanso:environment": env}, "refs": {"subnet_id": ["aws_subnet.s"]}})

test_env_fires_on_production_and_development_in_one_vpc if {
	fs := data.sanso.main.findings with input as t.doc([vpc, subnet, instance("prod", "production"), instance("dev", "development")])
	t.fired(fs, "ART73-ENV-SEPARATED", "aws_vpc.v")
}

test_env_quiet_on_one_environment_per_vpc if {
	fs := data.sanso.main.findings with input as t.doc([vpc, subnet, instance("a", "production"), instance("b", "production")])
	t.not_fired(fs, "ART73-ENV-SEPARATED")
}

test_vm_fires_on_imdsv1 if {
	i := t.res("aws_instance", "i", {"metadata_options": [{"http_tokens": "optional"}], "root_block_device": [{"encrypted": true}]}, {})
	fs := data.sanso.main.findings with input as t.doc([i])
	t.fired(fs, "ART78-VM-HARDENED", "aws_instance.i")
}

test_vm_fires_on_unencrypted_root if {
	i := t.res("aws_instance", "i", {"metadata_options": [{"http_tokens": "required"}]}, {})
	fs := data.sanso.main.findings with input as t.doc([i])
	t.fired(fs, "ART78-VM-HARDENED", "aws_instance.i")
}

test_vm_quiet_when_hardened if {
	i := t.res("aws_instance", "i", {"metadata_options": [{"http_tokens": "required"}], "root_block_device": [{"encrypted": true}]}, {})
	lt := t.res("aws_launch_template", "lt", {"metadata_options": [{"http_tokens": "required"}], "block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true"}]}]}, {})
	fs := data.sanso.main.findings with input as t.doc([i, lt])
	t.not_fired(fs, "ART78-VM-HARDENED")
}

test_vm_accepts_account_default_encryption if {
	i := t.res("aws_instance", "i", {"metadata_options": [{"http_tokens": "required"}]}, {})
	d := t.res("aws_ebs_encryption_by_default", "d", {"enabled": true}, {})
	fs := data.sanso.main.findings with input as t.doc([i, d])
	t.not_fired(fs, "ART78-VM-HARDENED")
}

test_patched_fires_when_minor_upgrades_are_off if {
	db := t.res("aws_db_instance", "db", {"auto_minor_version_upgrade": false}, {})
	fs := data.sanso.main.findings with input as t.doc([db])
	t.fired(fs, "ART87-PATCHED", "aws_db_instance.db")
}

test_patched_quiet_on_defaults if {
	db := t.res("aws_db_instance", "db", {}, {})
	c := t.res("aws_elasticache_replication_group", "c", {"auto_minor_version_upgrade": "true"}, {})
	fs := data.sanso.main.findings with input as t.doc([db, c])
	t.not_fired(fs, "ART87-PATCHED")
}

test_patched_mq_defaults_to_off if {
	mq := t.res("aws_mq_broker", "mq", {}, {})
	fs := data.sanso.main.findings with input as t.doc([mq])
	t.fired(fs, "ART87-PATCHED", "aws_mq_broker.mq")
}
