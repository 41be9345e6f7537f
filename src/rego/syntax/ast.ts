// The Rego AST shared by the parser (syntax/) and the compiler (compile/).
// Every node carries the location of its first token, so every later error can say file:line:col.

export interface Location {
  file: string;
  line: number; // 1-based
  col: number; // 1-based, in UTF-16 code units of the source line
}

// ---------------------------------------------------------------- terms

export type Term =
  | NullTerm
  | BooleanTerm
  | NumberTerm
  | StringTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm
  | TemplateStringTerm;

export interface NullTerm { type: "null"; loc: Location }
export interface BooleanTerm { type: "boolean"; value: boolean; loc: Location }
/** `raw` keeps the literal's text (for integers beyond 2^53 and for exact printing). */
export interface NumberTerm { type: "number"; value: number; raw: string; loc: Location }
/** Both "quoted" and `raw` strings; `value` is the decoded string. */
export interface StringTerm { type: "string"; value: string; loc: Location }
/**
 * A variable. The wildcard `_` is given a unique name by the parser (`$_0`, `$_1`, ...)
 * with `wildcard: true`, so each occurrence is a distinct variable.
 */
export interface VarTerm { type: "var"; name: string; wildcard?: boolean; loc: Location }
/**
 * A reference: `head` followed by a path. `input.a[x].b` is
 * { head: var input, path: [string "a", var x, string "b"] }.
 * `head` is a var (`input`, `data`, a local, a rule name, an import alias) or, for refs such as
 * `[1,2][i]` / `f(x).y` / `{"a": 1}.a`, a composite, comprehension or call term.
 */
export interface RefTerm { type: "ref"; head: Term; path: Term[]; loc: Location }
export interface ArrayTerm { type: "array"; items: Term[]; loc: Location }
export interface ObjectTerm { type: "object"; entries: Array<[Term, Term]>; loc: Location }
/** `set()` is an empty SetTerm; `{}` is an empty ObjectTerm. */
export interface SetTerm { type: "set"; items: Term[]; loc: Location }
export interface ArrayComprehension { type: "arraycompr"; term: Term; body: Body; loc: Location }
export interface SetComprehension { type: "setcompr"; term: Term; body: Body; loc: Location }
export interface ObjectComprehension { type: "objectcompr"; key: Term; value: Term; body: Body; loc: Location }

/**
 * A call. `op` is the dotted name as written: ["count"], ["time", "now_ns"], ["data", "lib", "f"],
 * ["lib", "f"] (through an import alias), ["f"] (a function of this package).
 * Infix operators are parsed to calls of their builtin names:
 *   `=` eq, `:=` assign, `==` equal, `!=` neq, `<` lt, `<=` lte, `>` gt, `>=` gte,
 *   `+` plus, `-` minus, `*` mul, `/` div, `%` rem, `&` and, `|` or,
 *   `x in xs` internal.member_2, `k, v in xs` internal.member_3.
 * Unary minus on a number literal folds into the literal; on anything else it is minus(0, x).
 */
export interface CallTerm { type: "call"; op: string[]; args: Term[]; loc: Location }

/**
 * A template string (OPA 1.12): `$"text {expr} text"`, or `` $`...` `` (`multiLine`, raw text that
 * may span lines). `parts` in order: the text between expressions (non-empty StringTerms), and
 * for each `{...}` either the literal itself when it is a string, number, boolean or null, or the
 * expression (an Expr, which may carry `with`). The compiler lowers it to a call of
 * `internal.template_string` (compile/rewrite-template.ts) before anything else sees it.
 */
export interface TemplateStringTerm { type: "template"; parts: Array<Term | Expr>; multiLine: boolean; loc: Location }

/** Whether a template string's part is an expression (else a literal term). */
export const isTemplateExpr = (p: Term | Expr): p is Expr => "body" in p;

// ---------------------------------------------------------------- expressions and bodies

export type Body = Expr[];

export interface With {
  /** `input`, `input.a.b`, `data.x.y`, a function or builtin name: a VarTerm or RefTerm. */
  target: Term;
  value: Term;
  loc: Location;
}

export interface Expr {
  loc: Location;
  /** `not <expr>` */
  negated: boolean;
  with: With[];
  body: ExprBody;
}

export type ExprBody =
  /** A term standing alone: usually a CallTerm (`x := 1`, `count(a) > 1`, `f(x)`), or a ref/var/value. */
  | { type: "term"; term: Term }
  /** `some x, y` (declarations only; vars are VarTerms, or RefTerms in old `some x` + `x[_]` use). */
  | { type: "some"; vars: VarTerm[] }
  /**
   * `some x in xs` (key undefined) and `some k, v in xs`. key and value are patterns
   * (vars, or composites containing vars, e.g. `some [a, b] in pairs`).
   */
  | { type: "somein"; key?: Term; value: Term; collection: Term }
  /**
   * `every x in xs { body }` / `every k, v in xs { body }`.
   * `notBody`: written `not { body }` (OPA 1.17's future.keywords.not, also `import
   * future.keywords` and `import rego.v2`), which succeeds when the body has no solution. The
   * parser gives it as the negated `every $nbN in [true] { body }`: the body runs once, sees the
   * variables bound before it, keeps those it binds, and stops at its first solution.
   */
  | { type: "every"; key?: Term; value: VarTerm | Term; domain: Term; body: Body; notBody?: true };

// ---------------------------------------------------------------- rules and modules

export type RuleKind = "complete" | "partial_set" | "function";

export interface RuleHead {
  /**
   * The rule's name as a ref: first element a VarTerm (the name), then StringTerms for `.b` and
   * any term for `[x]`. `p` → [var p]; `a.b[c]` → [var a, string "b", var c].
   * For `p[k] := v` (a single-value rule whose last element is a variable) the ref is [p, k]:
   * the compiler treats it as an object keyed by k (a "partial object").
   */
  ref: Term[];
  kind: RuleKind;
  /** Function arguments (patterns), for kind "function". */
  args?: Term[];
  /** The element of a `contains` rule. */
  key?: Term;
  /**
   * The value after `:=` / `=`; undefined when the head has none (then the value is `true`,
   * as in `p if { ... }` and `f(x) if { ... }`).
   */
  value?: Term;
  /** true when written with `:=` */
  assign: boolean;
  loc: Location;
}

export interface Rule {
  head: RuleHead;
  /** The body; a rule written without one (`p := 1`) gets an empty body (always true). */
  body: Body;
  /** `else [:= value] [if] { ... }` chain; each link's head has the same ref/args as the rule. */
  else?: Rule;
  default: boolean;
  /** METADATA annotations written directly above this rule (scope rule / document). */
  annotations?: Annotation[];
  loc: Location;
}

export interface Import {
  /** The imported path as written: ["data", "lib", "x"], ["input"], ["rego", "v1"], ["future", "keywords", "in"]. */
  path: string[];
  alias?: string;
  loc: Location;
}

export interface Module {
  file: string;
  /** The package path without `data`: `package a.b` → ["a", "b"]. */
  package: string[];
  packageLoc: Location;
  imports: Import[];
  rules: Rule[];
  /** All METADATA blocks of the file, with their scope resolved (package, rule, document, subpackages). */
  annotations: Annotation[];
}

/** One `# METADATA` block (YAML), as OPA defines it. Unknown keys are kept in `custom`. */
export interface Annotation {
  scope: "package" | "rule" | "document" | "subpackages";
  title?: string;
  description?: string;
  /** related_resources, authors, organizations, schemas are kept as written (parsed YAML). */
  related_resources?: unknown[];
  authors?: unknown[];
  organizations?: string[];
  entrypoint?: boolean;
  /** Addition (parser): the `schemas` key, kept as written (parsed YAML list). */
  schemas?: unknown[];
  custom?: Record<string, unknown>;
  /** The path the annotation applies to, e.g. ["data", "sanso", "articles", "art29", "deny"]. */
  path: string[];
  loc: Location;
}

/**
 * Whether a module's imports turn on OPA's improved negation (OPA 1.17's `future.keywords.not`;
 * also `import future.keywords` and `import rego.v2`): `not { body }` parses, and a negated
 * expression keeps everything the compiler expands from it inside the negation, so an undefined
 * sub-expression makes the `not` succeed instead of the body fail.
 */
export function improvedNegation(imports: readonly Import[]): boolean {
  return imports.some((i) => {
    const p = i.path.join(".");
    return p === "future.keywords.not" || p === "future.keywords" || p === "rego.v2";
  });
}

/** A parse or compile error, printed as `file:line:col: message`. */
export class RegoError extends Error {
  constructor(
    public readonly loc: Location,
    public readonly detail: string,
    public readonly code: string = "rego_parse_error",
  ) {
    super(`${loc.file}:${loc.line}:${loc.col}: ${detail}`);
    this.name = "RegoError";
  }
}

/** Several errors at once (the compiler reports all it finds, in file order). */
export class RegoErrors extends Error {
  constructor(public readonly errors: RegoError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "RegoErrors";
  }
}

/**
 * Whether errors are those of pre-1.0 (v0) rules read as v1 — `p { ... }`, `p[x] { ... }` — so a
 * tool can suggest reading the module as v0.
 */
export function looksLikeRegoV0(errors: readonly RegoError[]): boolean {
  return errors.some((e) => e.code === "rego_parse_error" && /`if` keyword is required before rule body|`contains` keyword is required for partial set rules/.test(e.detail));
}
