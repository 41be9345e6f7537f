// Type declarations of the builtins beyond the OPA Wasm SDK's capabilities.json, in OPA's
// capabilities format (`sanso capabilities`). Written in a short notation:
//   s n b a null        string, number, boolean, any, null
//   A<t>  S<t>  O<k,v>  array, set and object of t (keys k, values v)
//   [t, u]              array of fixed length (OPA's "static")
//   t|u                 any of
// A declaration is "args -> result"; no arguments is "()".

export type TypeDecl =
  | { type: "string" | "number" | "boolean" | "any" | "null" }
  | { type: "any"; of: TypeDecl[] }
  | { type: "array"; dynamic?: TypeDecl; static?: TypeDecl[] }
  | { type: "set"; of: TypeDecl }
  | { type: "object"; dynamic: { key: TypeDecl; value: TypeDecl } };

export interface FunctionDecl {
  type: "function";
  /** absent for a variadic function (print) */
  args?: TypeDecl[];
  variadic?: TypeDecl;
  result?: TypeDecl;
}

const TIME = "n|[n,s]";
const TIME_FORMAT = "n|[n,s]|[n,s,s]";
const STRINGS = "s|A<s>|S<s>";
const CIDRS = "s|A<s|A<a>>|S<s|A<a>>|O<s,s|A<a>>";

export const EXTRA_DECLS: Record<string, string> = {
  "numbers.range_step": "n, n, n -> A<n>",
  cast_array: "a -> A<a>",
  cast_set: "a -> S<a>",
  cast_string: "a -> s",
  cast_boolean: "a -> b",
  cast_null: "a -> null",
  cast_object: "a -> O<a,a>",
  "array.reverse": "A<a> -> A<a>",
  "object.union_n": "A<O<a,a>> -> O<a,a>",
  "object.keys": "O<a,a> -> S<a>",
  indexof_n: "s, s -> A<n>",
  "strings.count": "s, s -> n",
  "strings.reverse": "s -> s",
  "strings.any_prefix_match": `${STRINGS}, ${STRINGS} -> b`,
  "strings.any_suffix_match": `${STRINGS}, ${STRINGS} -> b`,
  "base64url.encode_no_pad": "s -> s",
  "hex.encode": "s -> s",
  "hex.decode": "s -> s",
  "glob.quote_meta": "s -> s",
  "regex.find_n": "s, s, n -> A<s>",
  "regex.split": "s, s -> A<s>",
  "regex.replace": "s, s, s -> s",
  "net.cidr_is_valid": "s -> b",
  "time.now_ns": "() -> n",
  "time.parse_rfc3339_ns": "s -> n",
  "time.parse_duration_ns": "s -> n",
  "time.date": `${TIME} -> [n,n,n]`,
  "time.clock": `${TIME} -> [n,n,n]`,
  "time.weekday": `${TIME} -> s`,
  "time.add_date": "n, n, n, n -> n",
  "units.parse_bytes": "s -> n",
  "semver.is_valid": "a -> b",
  "semver.compare": "s, s -> n",
  "crypto.md5": "s -> s",
  "crypto.sha1": "s -> s",
  "crypto.sha256": "s -> s",
  "crypto.hmac.md5": "s, s -> s",
  "crypto.hmac.sha1": "s, s -> s",
  "crypto.hmac.sha256": "s, s -> s",
  "crypto.hmac.sha512": "s, s -> s",
  "uuid.rfc4122": "s -> s",
  "urlquery.encode": "s -> s",
  "urlquery.decode": "s -> s",
  "object.subset": "O<a,a>|A<a>|S<a>, O<a,a>|A<a>|S<a> -> b",
  "net.cidr_merge": "A<s>|S<s> -> S<s>",
  "net.cidr_expand": "s -> S<s>",
  "net.cidr_contains_matches": `${CIDRS}, ${CIDRS} -> S<[a,a]>`,
  "units.parse": "s -> n",
  "uuid.parse": "s -> O<s,a>",
  "regex.template_match": "s, s, s, s -> b",
  "regex.globs_match": "s, s -> b",
  trace: "s -> b",
  "internal.print": "A<S<a>>",
  "internal.template_string": "A<a> -> s",
  "rego.parse_module": "s, s -> O<s,a>",
  "time.format": `${TIME_FORMAT} -> s`,
  "time.parse_ns": "s, s -> n",
  "json.patch": "a, A<O<s,a>> -> a",
  "strings.render_template": "s, O<s,a> -> s",
  "io.jwt.decode": "s -> [O<s,a>, O<s,a>, s]",
  "io.jwt.verify_hs256": "s, s -> b",
  "io.jwt.verify_hs384": "s, s -> b",
  "io.jwt.verify_hs512": "s, s -> b",
  "io.jwt.verify_rs256": "s, s -> b",
  "io.jwt.verify_rs384": "s, s -> b",
  "io.jwt.verify_rs512": "s, s -> b",
  "io.jwt.verify_ps256": "s, s -> b",
  "io.jwt.verify_ps384": "s, s -> b",
  "io.jwt.verify_ps512": "s, s -> b",
  "io.jwt.verify_es256": "s, s -> b",
  "io.jwt.verify_es384": "s, s -> b",
  "io.jwt.verify_es512": "s, s -> b",
  "io.jwt.decode_verify": "s, O<s,a> -> [b, O<a,a>, O<a,a>]",
  "io.jwt.encode_sign": "O<s,a>, O<s,a>, O<s,a> -> s",
  "io.jwt.encode_sign_raw": "s, s, s -> s",
  "crypto.hmac.equal": "s, s -> b",
  "urlquery.encode_object": "O<s,s|A<s>|S<s>> -> s",
  "urlquery.decode_object": "s -> O<s,A<s>>",
  "json.marshal_with_options": "a, O<s,s|b> -> s",
  "graph.reachable_paths": "O<a,A<a>|S<a>>, A<a>|S<a> -> S<A<a>>",
  "json.verify_schema": "s|O<a,a> -> [b, null|s]",
  "json.match_schema": "s|O<a,a>, s|O<a,a> -> [b, A<O<s,s>>]",
  "crypto.x509.parse_certificates": "s -> A<O<s,a>>",
  "crypto.x509.parse_and_verify_certificates": "s -> [b, A<O<s,a>>]",
  "crypto.x509.parse_and_verify_certificates_with_options": "s, O<s,a> -> [b, A<O<s,a>>]",
  "crypto.x509.parse_certificate_request": "s -> O<s,a>",
  "crypto.x509.parse_keypair": "s, s -> O<s,a>",
  "crypto.x509.parse_rsa_private_key": "s -> O<s,a>",
  "crypto.parse_private_keys": "s -> A<O<s,a>>",
  "io.jwt.verify_eddsa": "s, s -> b",
  "net.cidr_overlap": "s, s -> b",
  "providers.aws.sign_req": "O<s,a>, O<s,a>, n -> O<a,a>",
  "uri.parse": "s -> O<s,s>",
  "uri.is_valid": "s -> b",
  "array.flatten": "A<a> -> A<a>",
  "strings.split_n": "s, s, n -> A<s>",
  "graphql.is_valid": "s|O<a,a>, s|O<a,a> -> b",
  "graphql.parse": "s|O<a,a>, s|O<a,a> -> [O<a,a>, O<a,a>]",
  "graphql.parse_and_verify": "s|O<a,a>, s|O<a,a> -> [b, O<a,a>, O<a,a>]",
  "graphql.parse_query": "s -> O<a,a>",
  "graphql.parse_schema": "s -> O<a,a>",
  "graphql.schema_is_valid": "s|O<a,a> -> b",
  // without network at run time (builtins/http.ts)
  "http.send": "O<s,a> -> O<a,a>",
  "net.lookup_ip_addr": "s -> S<s>",
};

const SCALARS: Record<string, TypeDecl> = {
  s: { type: "string" },
  n: { type: "number" },
  b: { type: "boolean" },
  a: { type: "any" },
  null: { type: "null" },
};

/** Parses the notation above into OPA's type JSON. */
export function parseType(src: string): TypeDecl {
  let i = 0;
  const ws = () => {
    while (src[i] === " ") i++;
  };
  const expect = (c: string) => {
    ws();
    if (src[i] !== c) throw new Error(`decl ${JSON.stringify(src)}: expected ${c} at ${i}`);
    i++;
  };
  const union = (): TypeDecl => {
    const alts = [single()];
    ws();
    while (src[i] === "|") {
      i++;
      alts.push(single());
      ws();
    }
    return alts.length === 1 ? alts[0] : { type: "any", of: alts };
  };
  const single = (): TypeDecl => {
    ws();
    if (src[i] === "[") {
      i++;
      const items = [union()];
      ws();
      while (src[i] === ",") {
        i++;
        items.push(union());
        ws();
      }
      expect("]");
      return { type: "array", static: items };
    }
    const m = /^(null|[snbaASO])/.exec(src.slice(i))!;
    if (!m) throw new Error(`decl ${JSON.stringify(src)}: bad type at ${i}`);
    i += m[0].length;
    if (m[0] === "A" || m[0] === "S") {
      expect("<");
      const t = union();
      expect(">");
      return m[0] === "A" ? { type: "array", dynamic: t } : { type: "set", of: t };
    }
    if (m[0] === "O") {
      expect("<");
      const key = union();
      expect(",");
      const value = union();
      expect(">");
      return { type: "object", dynamic: { key, value } };
    }
    return SCALARS[m[0]];
  };
  const t = union();
  ws();
  if (i !== src.length) throw new Error(`decl ${JSON.stringify(src)}: trailing text at ${i}`);
  return t;
}

/** Parses "args -> result" (result optional). */
export function parseDecl(src: string): FunctionDecl {
  const [argText, resultText] = src.split("->").map((x) => x.trim());
  const args: TypeDecl[] = [];
  if (argText !== "()") {
    // split on top-level commas
    let depth = 0;
    let start = 0;
    for (let i = 0; i <= argText.length; i++) {
      const c = argText[i];
      if (c === "<" || c === "[") depth++;
      else if (c === ">" || c === "]") depth--;
      else if ((c === "," && depth === 0) || i === argText.length) {
        args.push(parseType(argText.slice(start, i).trim()));
        start = i + 1;
      }
    }
  }
  return resultText ? { type: "function", args, result: parseType(resultText) } : { type: "function", args };
}
