// The Rego builtins sanso-built modules support, for the compiler: arity, and how each is served.
// GENERATED from node_modules/@open-policy-agent/opa-wasm/capabilities.json (every entry), the
// runtime's `bi_*` exports and src/rego/bundle/builtins/ by
// test/rego/runtime/gen-builtin-table.ts; do not edit by hand (builtin-table.test.ts checks it).
//
//  - native: the runtime export implementing it (`bi_<name with . as _>`): call it directly with
//    one value pointer per argument; it returns a value pointer, or 0 for undefined.
//  - otherwise: import it through the OPA ABI's `opa_builtinN` under its own name; sanso's
//    loader (src/rego/bundle/load.ts) serves it from src/rego/bundle/builtins/ (any other OPA
//    SDK needs those as custom builtins).
//  - fallback: the native function covers the common cases; for the others it sets the runtime's
//    `rt_fallback` and returns 0, and the call goes through `opa_builtinN` to JavaScript (sprintf).
//  - relation: the builtin enumerates values (`walk(x, [path, value])`); the native function
//    returns an array of all of them, to be iterated.
//  - extra: not in the capabilities list (newer or deprecated OPA builtins sanso also supports).
//  - eq and assign have no implementation: the compiler handles them (unification).

export interface BuiltinInfo {
  arity: number;
  native?: string;
  fallback?: boolean;
  relation?: boolean;
  extra?: boolean;
}

export const BUILTINS: ReadonlyMap<string, BuiltinInfo> = new Map<string, BuiltinInfo>([
  ["abs", { arity: 1, native: "bi_abs" }], // native
  ["all", { arity: 1, native: "bi_all" }], // native
  ["and", { arity: 2, native: "bi_and" }], // native
  ["any", { arity: 1, native: "bi_any" }], // native
  ["array.concat", { arity: 2, native: "bi_array_concat" }], // native
  ["array.slice", { arity: 3, native: "bi_array_slice" }], // native
  ["assign", { arity: 2 }], // compiler
  ["base64.decode", { arity: 1 }], // js
  ["base64.encode", { arity: 1 }], // js
  ["base64.is_valid", { arity: 1 }], // js
  ["base64url.decode", { arity: 1 }], // js
  ["base64url.encode", { arity: 1 }], // js
  ["bits.and", { arity: 2, native: "bi_bits_and" }], // native
  ["bits.lsh", { arity: 2, native: "bi_bits_lsh" }], // native
  ["bits.negate", { arity: 1, native: "bi_bits_negate" }], // native
  ["bits.or", { arity: 2, native: "bi_bits_or" }], // native
  ["bits.rsh", { arity: 2, native: "bi_bits_rsh" }], // native
  ["bits.xor", { arity: 2, native: "bi_bits_xor" }], // native
  ["ceil", { arity: 1, native: "bi_ceil" }], // native
  ["concat", { arity: 2, native: "bi_concat" }], // native
  ["contains", { arity: 2, native: "bi_contains" }], // native
  ["count", { arity: 1, native: "bi_count" }], // native
  ["div", { arity: 2, native: "bi_div" }], // native
  ["endswith", { arity: 2, native: "bi_endswith" }], // native
  ["eq", { arity: 2 }], // compiler
  ["equal", { arity: 2, native: "bi_equal" }], // native
  ["floor", { arity: 1, native: "bi_floor" }], // native
  ["format_int", { arity: 2, native: "bi_format_int" }], // native
  ["glob.match", { arity: 3 }], // js
  ["graph.reachable", { arity: 2, native: "bi_graph_reachable" }], // native
  ["gt", { arity: 2, native: "bi_gt" }], // native
  ["gte", { arity: 2, native: "bi_gte" }], // native
  ["indexof", { arity: 2, native: "bi_indexof" }], // native
  ["internal.member_2", { arity: 2, native: "bi_internal_member_2" }], // native
  ["internal.member_3", { arity: 3, native: "bi_internal_member_3" }], // native
  ["intersection", { arity: 1, native: "bi_intersection" }], // native
  ["is_array", { arity: 1, native: "bi_is_array" }], // native
  ["is_boolean", { arity: 1, native: "bi_is_boolean" }], // native
  ["is_null", { arity: 1, native: "bi_is_null" }], // native
  ["is_number", { arity: 1, native: "bi_is_number" }], // native
  ["is_object", { arity: 1, native: "bi_is_object" }], // native
  ["is_set", { arity: 1, native: "bi_is_set" }], // native
  ["is_string", { arity: 1, native: "bi_is_string" }], // native
  ["json.filter", { arity: 2, native: "bi_json_filter" }], // native
  ["json.is_valid", { arity: 1 }], // js
  ["json.marshal", { arity: 1 }], // js
  ["json.remove", { arity: 2, native: "bi_json_remove" }], // native
  ["json.unmarshal", { arity: 1 }], // js
  ["lower", { arity: 1, native: "bi_lower" }], // native
  ["lt", { arity: 2, native: "bi_lt" }], // native
  ["lte", { arity: 2, native: "bi_lte" }], // native
  ["max", { arity: 1, native: "bi_max" }], // native
  ["min", { arity: 1, native: "bi_min" }], // native
  ["minus", { arity: 2, native: "bi_minus" }], // native
  ["mul", { arity: 2, native: "bi_mul" }], // native
  ["neq", { arity: 2, native: "bi_neq" }], // native
  ["net.cidr_contains", { arity: 2 }], // js
  ["net.cidr_intersects", { arity: 2 }], // js
  ["numbers.range", { arity: 2, native: "bi_numbers_range" }], // native
  ["object.filter", { arity: 2, native: "bi_object_filter" }], // native
  ["object.get", { arity: 3, native: "bi_object_get" }], // native
  ["object.remove", { arity: 2, native: "bi_object_remove" }], // native
  ["object.union", { arity: 2, native: "bi_object_union" }], // native
  ["or", { arity: 2, native: "bi_or" }], // native
  ["plus", { arity: 2, native: "bi_plus" }], // native
  ["product", { arity: 1, native: "bi_product" }], // native
  ["rand.intn", { arity: 2 }], // js
  ["re_match", { arity: 2 }], // js
  ["regex.find_all_string_submatch_n", { arity: 3 }], // js
  ["regex.is_valid", { arity: 1 }], // js
  ["regex.match", { arity: 2 }], // js
  ["rem", { arity: 2, native: "bi_rem" }], // native
  ["replace", { arity: 3, native: "bi_replace" }], // native
  ["round", { arity: 1, native: "bi_round" }], // native
  ["set_diff", { arity: 2, native: "bi_set_diff" }], // native
  ["sort", { arity: 1, native: "bi_sort" }], // native
  ["split", { arity: 2, native: "bi_split" }], // native
  ["sprintf", { arity: 2, native: "bi_sprintf", fallback: true }], // native, js fallback
  ["startswith", { arity: 2, native: "bi_startswith" }], // native
  ["strings.replace_n", { arity: 2, native: "bi_strings_replace_n" }], // native
  ["substring", { arity: 3, native: "bi_substring" }], // native
  ["sum", { arity: 1, native: "bi_sum" }], // native
  ["time.diff", { arity: 2 }], // js
  ["to_number", { arity: 1, native: "bi_to_number" }], // native
  ["trim", { arity: 2, native: "bi_trim" }], // native
  ["trim_left", { arity: 2, native: "bi_trim_left" }], // native
  ["trim_prefix", { arity: 2, native: "bi_trim_prefix" }], // native
  ["trim_right", { arity: 2, native: "bi_trim_right" }], // native
  ["trim_space", { arity: 1, native: "bi_trim_space" }], // native
  ["trim_suffix", { arity: 2, native: "bi_trim_suffix" }], // native
  ["type_name", { arity: 1, native: "bi_type_name" }], // native
  ["union", { arity: 1, native: "bi_union" }], // native
  ["upper", { arity: 1, native: "bi_upper" }], // native
  ["walk", { arity: 1, native: "bi_walk", relation: true }], // native
  ["yaml.is_valid", { arity: 1 }], // js
  ["yaml.marshal", { arity: 1 }], // js
  ["yaml.unmarshal", { arity: 1 }], // js
  ["numbers.range_step", { arity: 3, native: "bi_numbers_range_step", extra: true }], // native
  ["cast_array", { arity: 1, native: "bi_cast_array", extra: true }], // native
  ["cast_set", { arity: 1, native: "bi_cast_set", extra: true }], // native
  ["cast_string", { arity: 1, native: "bi_cast_string", extra: true }], // native
  ["cast_boolean", { arity: 1, native: "bi_cast_boolean", extra: true }], // native
  ["cast_null", { arity: 1, native: "bi_cast_null", extra: true }], // native
  ["cast_object", { arity: 1, native: "bi_cast_object", extra: true }], // native
  ["array.reverse", { arity: 1, native: "bi_array_reverse", extra: true }], // native
  ["object.union_n", { arity: 1, native: "bi_object_union_n", extra: true }], // native
  ["object.keys", { arity: 1, native: "bi_object_keys", extra: true }], // native
  ["indexof_n", { arity: 2, native: "bi_indexof_n", extra: true }], // native
  ["strings.count", { arity: 2, native: "bi_strings_count", extra: true }], // native
  ["strings.reverse", { arity: 1, native: "bi_strings_reverse", extra: true }], // native
  ["strings.any_prefix_match", { arity: 2, native: "bi_strings_any_prefix_match", extra: true }], // native
  ["strings.any_suffix_match", { arity: 2, native: "bi_strings_any_suffix_match", extra: true }], // native
  ["base64url.encode_no_pad", { arity: 1, extra: true }], // js
  ["hex.encode", { arity: 1, extra: true }], // js
  ["hex.decode", { arity: 1, extra: true }], // js
  ["glob.quote_meta", { arity: 1, extra: true }], // js
  ["regex.find_n", { arity: 3, extra: true }], // js
  ["regex.split", { arity: 2, extra: true }], // js
  ["regex.replace", { arity: 3, extra: true }], // js
  ["net.cidr_is_valid", { arity: 1, extra: true }], // js
  ["time.now_ns", { arity: 0, extra: true }], // js
  ["time.parse_rfc3339_ns", { arity: 1, extra: true }], // js
  ["time.parse_duration_ns", { arity: 1, extra: true }], // js
  ["time.date", { arity: 1, extra: true }], // js
  ["time.clock", { arity: 1, extra: true }], // js
  ["time.weekday", { arity: 1, extra: true }], // js
  ["time.add_date", { arity: 4, extra: true }], // js
  ["units.parse_bytes", { arity: 1, extra: true }], // js
  ["semver.is_valid", { arity: 1, extra: true }], // js
  ["semver.compare", { arity: 2, extra: true }], // js
  ["crypto.md5", { arity: 1, extra: true }], // js
  ["crypto.sha1", { arity: 1, extra: true }], // js
  ["crypto.sha256", { arity: 1, extra: true }], // js
  ["crypto.hmac.md5", { arity: 2, extra: true }], // js
  ["crypto.hmac.sha1", { arity: 2, extra: true }], // js
  ["crypto.hmac.sha256", { arity: 2, extra: true }], // js
  ["crypto.hmac.sha512", { arity: 2, extra: true }], // js
  ["uuid.rfc4122", { arity: 1, extra: true }], // js
  ["urlquery.encode", { arity: 1, extra: true }], // js
  ["urlquery.decode", { arity: 1, extra: true }], // js
  ["object.subset", { arity: 2, extra: true }], // js
  ["net.cidr_merge", { arity: 1, extra: true }], // js
  ["net.cidr_expand", { arity: 1, extra: true }], // js
  ["net.cidr_contains_matches", { arity: 2, extra: true }], // js
  ["units.parse", { arity: 1, extra: true }], // js
  ["uuid.parse", { arity: 1, extra: true }], // js
  ["regex.template_match", { arity: 4, extra: true }], // js
  ["regex.globs_match", { arity: 2, extra: true }], // js
  ["trace", { arity: 1, extra: true }], // js
  ["internal.print", { arity: 1, extra: true }], // js
  ["internal.template_string", { arity: 1, extra: true }], // js
  ["rego.parse_module", { arity: 2, extra: true }], // js
  ["time.format", { arity: 1, extra: true }], // js
  ["time.parse_ns", { arity: 2, extra: true }], // js
  ["json.patch", { arity: 2, extra: true }], // js
  ["strings.render_template", { arity: 2, extra: true }], // js
  ["io.jwt.decode", { arity: 1, extra: true }], // js
  ["io.jwt.verify_hs256", { arity: 2, extra: true }], // js
  ["io.jwt.verify_hs384", { arity: 2, extra: true }], // js
  ["io.jwt.verify_hs512", { arity: 2, extra: true }], // js
  ["io.jwt.verify_rs256", { arity: 2, extra: true }], // js
  ["io.jwt.verify_rs384", { arity: 2, extra: true }], // js
  ["io.jwt.verify_rs512", { arity: 2, extra: true }], // js
  ["io.jwt.verify_ps256", { arity: 2, extra: true }], // js
  ["io.jwt.verify_ps384", { arity: 2, extra: true }], // js
  ["io.jwt.verify_ps512", { arity: 2, extra: true }], // js
  ["io.jwt.verify_es256", { arity: 2, extra: true }], // js
  ["io.jwt.verify_es384", { arity: 2, extra: true }], // js
  ["io.jwt.verify_es512", { arity: 2, extra: true }], // js
  ["io.jwt.decode_verify", { arity: 2, extra: true }], // js
  ["io.jwt.encode_sign", { arity: 3, extra: true }], // js
  ["io.jwt.encode_sign_raw", { arity: 3, extra: true }], // js
  ["crypto.hmac.equal", { arity: 2, extra: true }], // js
  ["urlquery.encode_object", { arity: 1, extra: true }], // js
  ["urlquery.decode_object", { arity: 1, extra: true }], // js
  ["json.marshal_with_options", { arity: 2, extra: true }], // js
  ["graph.reachable_paths", { arity: 2, extra: true }], // js
  ["json.verify_schema", { arity: 1, extra: true }], // js
  ["json.match_schema", { arity: 2, extra: true }], // js
  ["crypto.x509.parse_certificates", { arity: 1, extra: true }], // js
  ["crypto.x509.parse_and_verify_certificates", { arity: 1, extra: true }], // js
  ["crypto.x509.parse_and_verify_certificates_with_options", { arity: 2, extra: true }], // js
  ["crypto.x509.parse_certificate_request", { arity: 1, extra: true }], // js
  ["crypto.x509.parse_keypair", { arity: 2, extra: true }], // js
  ["crypto.x509.parse_rsa_private_key", { arity: 1, extra: true }], // js
  ["crypto.parse_private_keys", { arity: 1, extra: true }], // js
  ["io.jwt.verify_eddsa", { arity: 2, extra: true }], // js
  ["net.cidr_overlap", { arity: 2, extra: true }], // js
  ["providers.aws.sign_req", { arity: 3, extra: true }], // js
  ["uri.parse", { arity: 1, extra: true }], // js
  ["uri.is_valid", { arity: 1, extra: true }], // js
  ["array.flatten", { arity: 1, extra: true }], // js
  ["strings.split_n", { arity: 3, extra: true }], // js
  ["graphql.is_valid", { arity: 2, extra: true }], // js
  ["graphql.parse", { arity: 2, extra: true }], // js
  ["graphql.parse_and_verify", { arity: 2, extra: true }], // js
  ["graphql.parse_query", { arity: 1, extra: true }], // js
  ["graphql.parse_schema", { arity: 1, extra: true }], // js
  ["graphql.schema_is_valid", { arity: 1, extra: true }], // js
  ["http.send", { arity: 1, extra: true }], // js
  ["net.lookup_ip_addr", { arity: 1, extra: true }], // js
]);

export function isKnownBuiltin(name: string): boolean {
  return BUILTINS.has(name);
}
