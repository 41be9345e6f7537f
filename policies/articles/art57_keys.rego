# 第57条: the keys that encryption uses are managed — customer managed KMS keys of the LGWAN and
# internet zones rotate at least yearly (the mynumber zone's keys: ART29-CMK).
package sanso.articles.art57

import rego.v1

import data.sanso.lib

# ---------------------------------------------------------------- ART57-KEY-ROTATION

# METADATA
# title: 暗号鍵は自動で年1回以上ローテーションする
# description: >-
#   暗号化に使う鍵は CISO が定めた方法で管理する。LGWAN接続系・インターネット接続系のカスタマー管理 KMS キー
#   (対称鍵) は自動ローテーションを有効にし、ローテーション周期を365日以内にする。マイナンバー利用事務系の
#   キーは ART29-CMK が同じことを求める。
# custom:
#   id: ART57-KEY-ROTATION
#   title_en: Customer managed KMS keys rotate automatically, at least yearly
#   article: 第57条第2項
#   article_text: |-
#     【第57条第2項】職員等は、暗号化を行う場合に CISO が定める以外の方法を用いてはならない。また、CISO が定めた方法で暗号化を行うための鍵を管理しなければならない。
#   severity: medium
#   remediation: >-
#     KMS キーの自動ローテーションを有効にし (enable_key_rotation = true)、rotation_period_in_days を365日以内にしてください (ZoneKey は90〜365日で常に有効にします)。
#   remediation_en: >-
#     Turn on automatic rotation of the KMS key (enable_key_rotation = true) with rotation_period_in_days of at most 365 (ZoneKey always rotates, every 90-365 days).
#   zones: [lgwan, internet]
#   classes: [I, II, III, IV]
#   rationale_en: >-
#     The keys that encrypt the municipality's data are managed: a customer managed symmetric key that
#     never rotates keeps the same key material for years. Keys of the mynumber zone are held to the
#     same by ART29-CMK.
rotation := rego.metadata.rule().custom

# AWS rotates yearly when rotation_period_in_days is unset.
max_rotation_days := 365

rotation_scope contains k if {
	some k in lib.live("aws_kms_key")
	lib.zone(k) != "mynumber"
	lib.nn(lib.get(k, "customer_master_key_spec"), "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	lib.nn(lib.get(k, "key_spec"), "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
}

rotation_violation contains lib.violation(k, sprintf("KMS キー %s の自動ローテーションが有効ではありません (enable_key_rotation)。", [k]), sprintf("KMS key %s does not rotate automatically (enable_key_rotation).", [k])) if {
	some k in rotation_scope
	lib.flag(k, "enable_key_rotation") in {"false", "unset"}
}

rotation_violation contains lib.violation(k, sprintf("KMS キー %s のローテーション周期が %s 日です (%s 日以内)。", [k, lib.str(d), lib.str(max_rotation_days)]), sprintf("KMS key %s rotates every %s days (at most %s).", [k, lib.str(d), lib.str(max_rotation_days)])) if {
	some k in rotation_scope
	lib.flag(k, "enable_key_rotation") == "true"
	d := lib.get(k, "rotation_period_in_days")
	is_number(d)
	d > max_rotation_days
}

rotation_unverified contains k if {
	some k in rotation_scope
	lib.flag(k, "enable_key_rotation") == "unknown"
}

findings contains lib.finding(rotation, v) if some v in rotation_violation

checked[rotation.id] := sort(rotation_scope)

unverified[rotation.id] := sort(rotation_unverified)
