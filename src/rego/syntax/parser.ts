// Recursive-descent parser for Rego v1, producing the AST of ast.ts.
//
// Operator precedence follows OPA's parser (lowest to highest):
//   `:=` `=`  (once, at the top of an expression)
//   `in`      (`x in xs`; `k, v in xs` at the top of an expression, in parentheses, rule values, ...)
//   `==` `!=` `<` `<=` `>` `>=`
//   `|`
//   `&`
//   `+` `-`
//   `*` `/` `%`
//   unary `-`, then terms with their `.x` / `[x]` / `(args)` suffixes.
// All binary operators are left-associative.
//
// Whitespace rules (as in OPA): a `.`, `[` or `(` continues a reference or call only when written
// directly after the previous token (`a.b[c]`, `f(x)`); an expression in a body ends at `;`, at the
// closing bracket, or at a newline where the expression cannot continue (so a newline after a binary
// operator or a comma, or inside brackets, does not end it).

import {
  isTemplateExpr,
  RegoError,
  RegoErrors,
  type Body,
  type Expr,
  type ExprBody,
  type Import,
  type Location,
  type Module,
  type Rule,
  type RuleHead,
  type RuleKind,
  type Term,
  type VarTerm,
  type With,
} from "./ast.ts";
import { tokenize, type Token } from "./lexer.ts";
import { attachAnnotations, type Statement } from "./annotations.ts";
import { rewriteBottomUp } from "./rewrite.ts";

/** Reserved words of Rego v1. `contains` is also usable as a name in expressions (the builtin). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "if", "contains", "in", "some", "every", "not", "with", "as", "else", "default", "import", "package",
  "true", "false", "null",
]);

const FUTURE_KEYWORDS = ["contains", "every", "if", "in"];

/**
 * What `import future.keywords.<kw>` accepts: the keywords above and `not` (OPA 1.17: improved
 * negation and `not { body }`; `not` itself is a keyword in every version).
 */
const IMPORTABLE_KEYWORDS = [...FUTURE_KEYWORDS, "not"].sort();

/**
 * Reserved words of Rego v0 (pre-1.0): the future keywords `contains`, `every`, `if` and `in` are
 * names until `import future.keywords[.<kw>]` or `import rego.v1` makes them keywords.
 */
const V0_KEYWORDS: ReadonlySet<string> = new Set([...KEYWORDS].filter((k) => !FUTURE_KEYWORDS.includes(k)));

/** 1: Rego v1 (OPA 1.x). 0: pre-1.0 Rego, as OPA 1.x reads it with `--v0-compatible`. */
export type RegoVersion = 0 | 1;

export interface ParseOptions {
  /** The syntax of the module (default 1). A v0 module gives the AST of its v1 form. */
  regoVersion?: RegoVersion;
}

const REL_OPS: Record<string, string> = { "==": "equal", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte" };
const ARITH_OPS: Record<string, string> = { "+": "plus", "-": "minus" };
const FACTOR_OPS: Record<string, string> = { "*": "mul", "/": "div", "%": "rem" };
/** Binary operator levels below membership, loosest first (OPA's precedence). */
const BINARY_LEVELS: Array<Record<string, string>> = [REL_OPS, { "|": "or" }, { "&": "and" }, ARITH_OPS, FACTOR_OPS];

/** Stop collecting errors after this many (the rest is usually noise from the first). */
const MAX_ERRORS = 10;

class Parser {
  private i = 0;
  private wildcards = 0;
  private readonly termCache = new Map<number, { term: Term; end: number; wc0: number; wc1: number }>();
  readonly statements: Statement[] = [];
  /** The reserved words in force (v0: grows with `import future.keywords...` / `import rego.v1`). */
  private readonly kw: Set<string>;
  /** Rule syntax of v1 (`if` before bodies, `contains` for multi-value rules): v1, or v0 after `import rego.v1`. */
  private v1Rules: boolean;
  /** Names of the rules declared with an empty argument list (`f() := 1`). */
  readonly zeroArity = new Set<string>();
  /** `not { body }` is allowed: after `import future.keywords.not`, `future.keywords` or `rego.v2`. */
  private notBodies = false;
  private notBodies0 = 0;

  constructor(
    private readonly toks: Token[],
    private readonly file: string,
    regoVersion: RegoVersion = 1,
  ) {
    this.kw = new Set(regoVersion === 1 ? KEYWORDS : V0_KEYWORDS);
    this.v1Rules = regoVersion === 1;
  }

  // ------------------------------------------------------------------ token helpers

  private get tok(): Token {
    return this.toks[this.i]!;
  }

  private next(): Token {
    const t = this.toks[this.i]!;
    if (t.kind !== "eof") this.i++;
    return t;
  }

  private atEof(): boolean {
    return this.toks[this.i]!.kind === "eof";
  }

  private loc(t: Token): Location {
    return { file: this.file, line: t.line, col: t.col };
  }

  private isOp(v: string, t: Token = this.tok): boolean {
    return t.kind === "op" && t.value === v;
  }

  /** Consumes keyword `kw` if it is next; says whether it was. */
  private acceptKw(kw: string): boolean {
    if (!this.isKw(kw)) return false;
    this.next();
    return true;
  }

  private isKw(v: string, t: Token = this.tok): boolean {
    return t.kind === "ident" && t.value === v && this.kw.has(v);
  }

  private isKeyword(t: Token): boolean {
    return t.kind === "ident" && this.kw.has(t.value);
  }

  /**
   * For an error at `t`: when `t` is one of the future keywords that is a plain name in this v0
   * module, how to make it a keyword.
   */
  private v0KeywordHint(t: Token = this.tok): string {
    if (t.kind !== "ident" || this.kw.has(t.value) || !FUTURE_KEYWORDS.includes(t.value)) return "";
    return ` (in Rego v0, \`${t.value}\` is a keyword only after \`import future.keywords.${t.value}\` or \`import rego.v1\`)`;
  }

  private describe(t: Token): string {
    switch (t.kind) {
      case "eof": return "eof token";
      case "number": return "number token";
      case "string": return "string token";
      case "template": return t.tplStart ? "template string token" : "} token";
      case "op": return `${t.value} token`;
      case "ident": return this.kw.has(t.value) ? `${t.value} keyword` : "ident token";
    }
  }

  private err(loc: Location, msg: string): RegoError {
    return new RegoError(loc, msg, "rego_parse_error");
  }

  /** Throws `unexpected <token>[: note]` at the token. */
  private illegal(note?: string, t: Token = this.tok): never {
    // v0: `every x in xs { ... }` without the import fails at `x`, after the name `every`
    const hint = this.v0KeywordHint(t) || (t === this.tok && this.i > 0 ? this.v0KeywordHint(this.toks[this.i - 1]) : "");
    throw this.err(this.loc(t), `unexpected ${this.describe(t)}${note ? `: ${note}` : ""}${hint}`);
  }

  private expectOp(v: string, note: string = `expected ${v}`): Token {
    if (!this.isOp(v)) this.illegal(note);
    return this.next();
  }

  private save(): [number, number] {
    return [this.i, this.wildcards];
  }

  private restore(s: [number, number]): void {
    this.i = s[0];
    this.wildcards = s[1];
  }

  /** Whether the current token can begin a term. */
  private startsTerm(t: Token = this.tok): boolean {
    switch (t.kind) {
      case "number":
      case "string":
        return true;
      case "template":
        return t.tplStart === true;
      case "ident":
        return !this.kw.has(t.value) || t.value === "true" || t.value === "false" || t.value === "null" ||
          t.value === "contains";
      case "op":
        return t.value === "[" || t.value === "{" || t.value === "(" || t.value === "-";
      default:
        return false;
    }
  }

  // ------------------------------------------------------------------ term constructors

  private varTerm(t: Token): VarTerm {
    if (t.value === "_") {
      return { type: "var", name: `$_${this.wildcards++}`, wildcard: true, loc: this.loc(t) };
    }
    return { type: "var", name: t.value, loc: this.loc(t) };
  }

  private call(op: string[], args: Term[], loc: Location): Term {
    return { type: "call", op, args, loc };
  }

  // ------------------------------------------------------------------ module

  parseModule(): { module: Module; errors: RegoError[] } {
    const errors: RegoError[] = [];
    if (this.atEof()) throw this.err(this.loc(this.tok), "empty module");
    if (!this.isKw("package")) throw this.err(this.loc(this.tok), "package expected");
    const pkgTok = this.next();
    const pkg = this.parsePath("package");
    const packageLoc = this.loc(pkgTok);
    this.statements.push({ kind: "package", line: pkgTok.line, loc: packageLoc });

    const imports: Import[] = [];
    const rules: Rule[] = [];
    while (!this.atEof()) {
      const start = this.i;
      try {
        if (this.isKw("import")) {
          const imp = this.parseImport();
          imports.push(imp);
          this.statements.push({ kind: "import", line: imp.loc.line, loc: imp.loc });
        } else {
          for (const rule of this.parseRule()) {
            rules.push(rule);
            this.statements.push({ kind: "rule", line: rule.loc.line, loc: rule.loc, rule });
          }
        }
      } catch (e) {
        if (!(e instanceof RegoError)) throw e;
        errors.push(e);
        if (errors.length >= MAX_ERRORS) break;
        this.resync(start);
      }
    }
    return { module: { file: this.file, package: pkg, packageLoc, imports, rules, annotations: [] }, errors };
  }

  /**
   * After an error in the statement starting at token `start`, skip to the next token that plausibly
   * starts a statement: on a new line, outside brackets opened by the failed statement, and not
   * indented more than the failed statement.
   */
  private resync(start: number): void {
    const col = this.toks[start]!.col;
    const from = Math.max(start + 1, this.i);
    let depth = 0;
    let j = start;
    for (; j < this.toks.length - 1; j++) {
      const t = this.toks[j]!;
      if (j >= from && t.nl && depth === 0 && t.col <= col) break;
      if (t.kind === "op") {
        if (t.value === "(" || t.value === "[" || t.value === "{") depth++;
        else if ((t.value === ")" || t.value === "]" || t.value === "}") && depth > 0) depth--;
      } else if (t.kind === "template") {
        // a template's expressions are between its segments
        if (!t.tplStart && depth > 0) depth--;
        if (!t.tplEnd) depth++;
      }
    }
    this.i = j;
  }

  /** `a.b.c` / `a["b-c"].d` after `package` or `import`: returns the names. */
  private parsePath(what: string): string[] {
    const first = this.tok;
    if (first.kind !== "ident" || this.isKeyword(first)) this.illegal(`expected ${what} path`);
    this.next();
    const path = [first.value];
    for (;;) {
      const t = this.tok;
      if (t.ws) break;
      if (this.isOp(".")) {
        this.next();
        const name = this.tok;
        if (name.kind !== "ident") this.illegal("expected ident");
        this.next();
        path.push(name.value);
      } else if (this.isOp("[")) {
        this.next();
        const s = this.tok;
        if (s.kind !== "string") this.illegal(`expected string in ${what} path`);
        this.next();
        this.expectOp("]");
        path.push(s.value);
      } else break;
    }
    return path;
  }

  private parseImport(): Import {
    const impTok = this.next();
    const loc = this.loc(impTok);
    const pathTok = this.tok;
    const path = this.parsePath("import");
    let alias: string | undefined;
    let aliasTok: Token | undefined;
    if (this.isKw("as")) {
      this.next();
      aliasTok = this.tok;
      if (aliasTok.kind !== "ident" || this.isKeyword(aliasTok)) this.illegal("expected var");
      this.next();
      alias = aliasTok.value;
    }
    const head = path[0]!;
    const pathLoc = this.loc(pathTok);
    switch (head) {
      case "data":
      case "input":
        break;
      case "future": {
        if (path[1] !== "keywords" || path.length > 3) {
          throw this.err(pathLoc, `invalid import ${path.join(".")}, must be \`future.keywords\` or \`future.keywords.<keyword>\``);
        }
        if (path.length === 3 && !IMPORTABLE_KEYWORDS.includes(path[2]!)) {
          throw this.err(pathLoc, `unexpected keyword, must be one of [${IMPORTABLE_KEYWORDS.join(" ")}]`);
        }
        if (aliasTok) throw this.err(this.loc(aliasTok), "future keyword imports cannot be aliased");
        // v0: from here on the imported words are keywords (in v1 they always are)
        for (const k of path.length === 3 ? [path[2]!] : FUTURE_KEYWORDS) if (k !== "not") this.kw.add(k);
        if (path.length === 2 || path[2] === "not") this.notBodies = true;
        break;
      }
      case "rego":
        if (path.length !== 2 || (path[1] !== "v1" && path[1] !== "v2")) {
          throw this.err(pathLoc, `invalid import \`${path.join(".")}\`, must be \`rego.v1\` or \`rego.v2\``);
        }
        if (aliasTok) throw this.err(this.loc(aliasTok), "`rego` imports cannot be aliased");
        if (path[1] === "v2") {
          // Rego v2 (OPA): the future keywords `not`, `and` and `or`, nothing else; sanso has `not`
          this.notBodies = true;
          break;
        }
        // v0: the module is written in v1 syntax from here on (keywords, `if` and `contains` required)
        for (const k of FUTURE_KEYWORDS) this.kw.add(k);
        this.v1Rules = true;
        break;
      default:
        throw this.err(pathLoc, `unexpected import path, must begin with one of: {data, future, input, rego}, got: ${head}`);
    }
    return alias === undefined ? { path, loc } : { path, alias, loc };
  }

  // ------------------------------------------------------------------ rules

  /** A rule; in v0, a rule with several bodies (`p { a } { b }`) gives one rule per body. */
  private parseRule(): Rule[] {
    const startTok = this.tok;
    const loc = this.loc(startTok);
    const isDefault = this.acceptKw("default");
    const nameTok = this.tok;
    const parsedHead = this.parseHeadRef();
    let ref = parsedHead.ref;
    // As in OPA, a head with no arguments (`f() := 1`) is not a function but the rule `f := 1`,
    // referred to as `f` — or called as `f()` in its module (see callsOfZeroArity)
    const args = parsedHead.args?.length ? parsedHead.args : undefined;
    if (parsedHead.args && !args && ref.length === 1 && ref[0]!.type === "var") this.zeroArity.add(ref[0]!.name);
    const name = refToString(ref);
    let kind: RuleKind = args ? "function" : "complete";
    let key: Term | undefined;
    let value: Term | undefined;
    let assign = false;

    if (this.isKw("contains")) {
      if (args) {
        this.illegal(`the contains keyword can only be used with multi-value rule definitions (e.g., ${name} contains <VALUE> { ... })`);
      }
      if (isDefault) this.illegal("illegal default rule (must have a value)");
      this.next();
      if (!this.startsTerm()) this.illegal(`expected rule key term (e.g., ${name} contains <VALUE> { ... })`);
      key = this.parseIn(true);
      kind = "partial_set";
    } else if (this.isOp(":=") || this.isOp("=")) {
      assign = this.next().value === ":=";
      if (!this.startsTerm()) {
        const eg = args ? `${name}(...)` : ref.length === 2 ? `${name}[...]` : name;
        this.illegal(`expected ${args ? "function" : "rule"} value term (e.g., ${eg} ${assign ? ":=" : "="} <VALUE> { ... })`);
      }
      value = this.parseIn(true);
    }

    const hasIf = this.isKw("if");
    // v0: a two-term head without `if` and `contains` names the rule and its key: `p[x] { ... }`,
    // `p[x]` and `p.q` are partial sets (v1: `p contains x if { ... }`); with a value,
    // `p[k] = v { ... }` is a partial object, whose v1 AST is the same.
    if (!this.v1Rules && !hasIf && !isDefault && kind === "complete" && ref.length === 2 && !value) {
      key = ref[1]!;
      ref = [ref[0]!];
      kind = "partial_set";
    }

    const head: RuleHead = { ref, kind, assign, loc: this.loc(nameTok) };
    if (args) head.args = args;
    if (key) head.key = key;
    if (value) head.value = value;

    if (isDefault) {
      if (!value) this.illegal("illegal default rule (must have a value)");
      this.validateDefault(head);
      return [{ head, body: [], default: true, loc }];
    }

    let body: Body = [];
    let hasBody = true;
    if (hasIf) {
      this.next();
      body = this.parseRuleBody();
    } else if (this.isOp("{")) {
      if (this.v1Rules) throw this.err(this.loc(this.tok), "`if` keyword is required before rule body");
      this.next(); // v0: `p { ... }`
      body = this.parseBody("}");
    } else {
      hasBody = false;
      if (!value && !key) {
        if (ref.length === 1 && !args) throw this.err(this.loc(nameTok), `var cannot be used for rule name${this.v0KeywordHint()}`);
        if (ref.length === 2 && !args) {
          throw this.err(this.loc(nameTok), `\`contains\` keyword is required for partial set rules${this.v0KeywordHint()}`);
        }
        // v0: `a.b.c` alone is the rule `a.b.c = true`; in v0 and v1, a function head alone
        // (`f(null)`) is a function whose value is true for the arguments it matches
        if (this.v1Rules && !args) this.illegal("expected rule value or body");
        head.value = { type: "boolean", value: true, loc: head.loc };
      }
    }

    const rule: Rule = { head, body, default: false, loc };
    if (this.isKw("else")) {
      if (kind === "partial_set") throw this.err(this.loc(this.tok), "else keyword cannot be used on multi-value rules");
      if (!ref.slice(1).every(isGround)) {
        throw this.err(this.loc(this.tok), "else keyword cannot be used on rules with variables in head");
      }
      rule.else = this.parseElse(head);
    }
    const rules = [rule];
    // v0: more bodies for the same head, each an incremental definition of its own
    while (!this.v1Rules && hasBody && this.isOp("{")) {
      if (rule.else) throw this.err(this.loc(this.tok), "expected else keyword");
      const bodyLoc = this.loc(this.next());
      const fresh = () => this.wildcards++;
      const copy: RuleHead = { ref: head.ref.map((t) => cloneTerm(t, fresh)), kind: head.kind, assign: head.assign, loc: bodyLoc };
      if (head.args) copy.args = head.args.map((t) => cloneTerm(t, fresh));
      if (head.key) copy.key = cloneTerm(head.key, fresh);
      if (head.value) copy.value = cloneTerm(head.value, fresh);
      rules.push({ head: copy, body: this.parseBody("}"), default: false, loc: bodyLoc });
    }
    return rules;
  }

  /**
   * After `if`: `{ body }` or a single literal. As in OPA, a rule's `if {` is first tried as a single
   * literal starting with a brace term (`p if {k: v | ...}`, `p if {"a": 1}`, `p if {}`); only when that
   * fails, or yields a set literal (`p if { x }`), is it read as a `{ body }`. After `else ... if`, a
   * brace always opens a body.
   */
  private parseRuleBody(literalFirst = true): Body {
    if (this.isOp("{")) {
      if (literalFirst) {
        const s = this.save();
        try {
          const lit = this.parseLiteral();
          if (!(lit.body.type === "term" && lit.body.term.type === "set")) return [lit];
        } catch (e) {
          if (!(e instanceof RegoError)) throw e;
        }
        this.restore(s);
      }
      this.next();
      return this.parseBody("}");
    }
    return [this.parseLiteral()];
  }

  /** The rule name (`p`, `a.b[c]`, `f`) and, for functions, the arguments. */
  private parseHeadRef(): { ref: Term[]; args?: Term[] } {
    const t = this.tok;
    if (t.kind !== "ident" || this.isKeyword(t)) {
      if (t.kind === "string") throw this.err(this.loc(t), "string cannot be used for rule name");
      if (t.kind === "number") throw this.err(this.loc(t), "number cannot be used for rule name");
      if (this.isKw("true", t) || this.isKw("false", t)) throw this.err(this.loc(t), "boolean cannot be used for rule name");
      if (this.isKw("null", t)) throw this.err(this.loc(t), "null cannot be used for rule name");
      if (this.isOp("[", t)) throw this.err(this.loc(t), "array cannot be used for rule name");
      this.illegal();
    }
    this.next();
    const ref: Term[] = [this.varTerm(t)];
    let first = true; // OPA allows whitespace before the first `[`/`.`/`(` of a rule head
    for (;;) {
      const c = this.tok;
      if (c.ws && !first) break;
      first = false;
      if (this.isOp(".")) {
        this.next();
        const name = this.tok;
        if (name.kind !== "ident") this.illegal("expected ident");
        this.next();
        ref.push({ type: "string", value: name.value, loc: this.loc(name) });
      } else if (this.isOp("[")) {
        this.next();
        const term = this.parseIn(false);
        this.expectOp("]");
        ref.push(term);
      } else if (this.isOp("(")) {
        this.next();
        const args = this.parseTermList(")");
        return { ref, args };
      } else break;
    }
    return { ref };
  }

  private parseElse(head: RuleHead): Rule {
    const elseTok = this.next();
    const loc = this.loc(elseTok);
    let value: Term | undefined;
    let assign = false;
    if (this.isOp(":=") || this.isOp("=")) {
      assign = this.next().value === ":=";
      if (!this.startsTerm()) this.illegal("expected else value term");
      value = this.parseIn(true);
    } else if (!this.isKw("if") && !this.isOp("{")) {
      this.illegal("expected else value term");
    }
    let body: Body = [];
    if (this.isKw("if")) {
      this.next();
      body = this.parseRuleBody(false);
    } else if (this.isOp("{")) {
      if (this.v1Rules) throw this.err(this.loc(this.tok), "`if` keyword is required before rule body");
      this.next(); // v0: `else = v { ... }`, `else { ... }`
      body = this.parseBody("}");
    }
    const linkHead: RuleHead = {
      ref: head.ref.map((t) => cloneTerm(t, () => this.wildcards++)),
      kind: head.kind,
      assign,
      loc,
    };
    if (head.args) linkHead.args = head.args.map((t) => cloneTerm(t, () => this.wildcards++));
    if (value) linkHead.value = value;
    const link: Rule = { head: linkHead, body, default: false, loc };
    if (this.isKw("else")) link.else = this.parseElse(head);
    return link;
  }

  private validateDefault(head: RuleHead): void {
    const bad = findNonConstant(head.value!);
    if (bad) throw this.err(bad.loc, `illegal default rule (value cannot contain ${typeName(bad)})`);
    if (head.args) {
      const seen = new Set<string>();
      for (const a of head.args) {
        if (a.type !== "var") throw this.err(a.loc, `illegal default rule (arguments cannot contain ${typeName(a)})`);
        if (!a.wildcard) {
          if (seen.has(a.name)) throw this.err(a.loc, `illegal default rule (arguments cannot be repeated ${a.name})`);
          seen.add(a.name);
        }
      }
    }
  }

  // ------------------------------------------------------------------ bodies and expressions

  /** Parses expressions up to and including the closing `end` (`}` or `]`); the opening bracket is consumed. */
  parseBody(end: string): Body {
    if (this.isOp(end)) throw this.err(this.loc(this.tok), "found empty body");
    const body: Body = [];
    for (;;) {
      body.push(this.parseLiteral());
      if (this.isOp(";")) {
        this.next();
        continue;
      }
      if (this.isOp(end)) {
        this.next();
        return body;
      }
      if (this.tok.nl) continue;
      this.illegal(`expected \\n or ; or ${end}`);
    }
  }

  /** A top-level query: expressions up to end of input. */
  parseQuery(): Body {
    if (this.atEof()) throw this.err(this.loc(this.tok), "empty query");
    const body: Body = [];
    for (;;) {
      body.push(this.parseLiteral());
      if (this.isOp(";")) {
        this.next();
        continue;
      }
      if (this.atEof()) return body;
      if (this.tok.nl) continue;
      this.illegal("expected \\n or ; or eof");
    }
  }

  /** A single term, up to end of input. */
  parseSingleTerm(): Term {
    const t = this.parseIn(false);
    if (!this.atEof()) this.illegal("expected eof");
    return t;
  }

  private parseLiteral(): Expr {
    const startTok = this.tok;
    const loc = this.loc(startTok);
    const negated = this.acceptKw("not");
    let body: ExprBody;
    if (negated && this.isOp("{")) {
      body = this.parseNotOperand();
    } else if (this.isKw("some")) {
      if (negated) this.illegal("illegal negation of 'some'");
      body = this.parseSome();
    } else if (this.isKw("every")) {
      if (negated) this.illegal("illegal negation of 'every'");
      body = this.parseEvery();
    } else {
      body = { type: "term", term: this.parseExprTerm() };
    }
    const withs: With[] = [];
    while (this.isKw("with")) withs.push(this.parseWith());
    return { loc, negated, with: withs, body };
  }

  /**
   * After `not`, at `{`: with improved negation imported, a body `not { a; b }` (or, when the
   * braces do not hold a body, the term they start: `not {"a": 1}`); else the term, with a hint
   * when it was meant as a body.
   */
  private parseNotOperand(): ExprBody {
    const open = this.tok;
    const s = this.save();
    if (!this.notBodies) {
      try {
        return { type: "term", term: this.parseExprTerm() };
      } catch (e) {
        if (!(e instanceof RegoError)) throw e;
        this.restore(s);
        // `not { a; b }` without the import: say what enables it
        let body = false;
        try {
          this.next();
          this.parseBody("}");
          body = true;
        } catch (e2) {
          if (!(e2 instanceof RegoError)) throw e2;
        }
        if (!body) throw e;
        throw this.err(e.loc, `${e.detail} (\`not { ... }\` needs \`import future.keywords.not\` or \`import rego.v2\`)`);
      }
    }
    // `not { a | b }` could be a negated set comprehension or a body holding a set union: OPA
    // rejects it; parentheses say which
    try {
      const t = this.parseTerm();
      const ends = this.atEof() || this.tok.nl || this.isOp(";") || this.isOp("}") || this.isKw("with");
      if (t.type === "setcompr" && ends) {
        throw this.err(this.loc(open), "ambiguous `not { ... | ... }`: write `not ({ ... | ... })` to negate a set comprehension, or `not { (... | ...) }` for a body");
      }
    } catch (e) {
      if (!(e instanceof RegoError) || e.detail.startsWith("ambiguous")) throw e;
    }
    this.restore(s);
    this.next(); // {
    let body: Body;
    try {
      body = this.parseBody("}");
    } catch (e) {
      if (!(e instanceof RegoError)) throw e;
      // not a body: the term the braces start (`not {"a": 1}`), or the body's error
      this.restore(s);
      try {
        return { type: "term", term: this.parseExprTerm() };
      } catch (e2) {
        if (!(e2 instanceof RegoError)) throw e2;
        throw e;
      }
    }
    const loc = this.loc(open);
    const value: VarTerm = { type: "var", name: `$nb${this.notBodies0++}`, loc };
    return { type: "every", value, domain: { type: "array", items: [{ type: "boolean", value: true, loc }], loc }, body, notBody: true };
  }

  /** `lhs [:= | = rhs]` */
  private parseExprTerm(): Term {
    const lhs = this.parseIn(true);
    if (this.isOp(":=") || this.isOp("=")) {
      const op = this.next().value === ":=" ? "assign" : "eq";
      const rhs = this.parseIn(true);
      return this.call([op], [lhs, rhs], lhs.loc);
    }
    return lhs;
  }

  private parseSome(): ExprBody {
    this.next(); // some
    const s = this.save();
    let term: Term | undefined;
    try {
      term = this.parseIn(true);
    } catch (e) {
      if (!(e instanceof RegoError)) throw e;
    }
    if (term && term.type === "call") {
      const op = term.op.join(".");
      if (op === "internal.member_2" && term.args.length === 2) {
        return { type: "somein", value: term.args[0]!, collection: term.args[1]! };
      }
      if (op === "internal.member_3" && term.args.length === 3) {
        return { type: "somein", key: term.args[0]!, value: term.args[1]!, collection: term.args[2]! };
      }
      this.illegal("expected `x in xs` or `x, y in xs` expression");
    }
    this.restore(s);
    const vars: VarTerm[] = [];
    for (;;) {
      const t = this.tok;
      if (t.kind !== "ident" || this.isKeyword(t)) this.illegal("expected var");
      this.next();
      vars.push(this.varTerm(t));
      if (!this.isOp(",")) break;
      this.next();
    }
    return { type: "some", vars };
  }

  private parseEvery(): ExprBody {
    this.next(); // every
    const term = this.parseIn(true);
    let key: Term | undefined;
    let value: Term;
    let domain: Term;
    const op = term.type === "call" ? term.op.join(".") : "";
    if (term.type === "call" && op === "internal.member_2" && term.args.length === 2) {
      value = term.args[0]!;
      domain = term.args[1]!;
    } else if (term.type === "call" && op === "internal.member_3" && term.args.length === 3) {
      key = term.args[0]!;
      value = term.args[1]!;
      domain = term.args[2]!;
      if (key.type !== "var") throw this.err(key.loc, "expected key to be a variable");
    } else {
      throw this.err(term.loc, "expected `x[, y] in xs { ... }` expression");
    }
    if (value.type !== "var") throw this.err(value.loc, "expected value to be a variable");
    if (!this.isOp("{")) this.illegal("missing body");
    this.next();
    const body = this.parseBody("}");
    return key ? { type: "every", key, value, domain, body } : { type: "every", value, domain, body };
  }

  private parseWith(): With {
    const withTok = this.next();
    const t = this.tok;
    if (t.kind !== "ident" || this.isKeyword(t)) this.illegal("expected ident");
    const target = this.parseTerm();
    if (target.type !== "var" && !(target.type === "ref" && target.head.type === "var")) {
      throw this.err(target.loc, "expected with target path");
    }
    if (!this.isKw("as")) this.illegal("expected as keyword");
    this.next();
    const value = this.parseIn(true);
    return { target, value, loc: this.loc(withTok) };
  }

  // ------------------------------------------------------------------ operators

  /**
   * Membership level: `a in b` (left-associative) and, when `keyVal`, `k, v in xs`.
   * `lhs`, when given, is an already-parsed leftmost operand.
   */
  private parseIn(keyVal: boolean, lhs?: Term): Term {
    let left = this.parseRel(lhs);
    if (keyVal && this.isOp(",")) {
      const s = this.save();
      let done = false;
      try {
        this.next();
        const mhs = this.parseRel();
        if (this.isKw("in")) {
          this.next();
          const rhs = this.parseRel();
          left = this.call(["internal", "member_3"], [left, mhs, rhs], left.loc);
          done = true;
        }
      } catch (e) {
        if (!(e instanceof RegoError)) throw e;
      }
      if (!done) this.restore(s);
    }
    while (this.isKw("in")) {
      this.next();
      const rhs = this.parseRel();
      left = this.call(["internal", "member_2"], [left, rhs], left.loc);
    }
    return left;
  }

  /**
   * Binary operators from `level` (an index into BINARY_LEVELS, loosest first) upwards,
   * left-associative: each level's operands are expressions of the next, tighter level.
   */
  private parseBinary(level: number, lhs?: Term): Term {
    if (level === BINARY_LEVELS.length) return lhs ?? this.parseTerm();
    const ops = BINARY_LEVELS[level];
    let left = this.parseBinary(level + 1, lhs);
    for (;;) {
      const t = this.tok;
      const op = t.kind === "op" ? ops[t.value] : undefined;
      if (!op) return left;
      this.next();
      const rhs = this.parseBinary(level + 1);
      left = this.call([op], [left, rhs], left.loc);
    }
  }

  private parseRel(lhs?: Term): Term {
    return this.parseBinary(0, lhs);
  }

  // ------------------------------------------------------------------ terms

  /** A term with its reference/call suffixes, or a unary minus applied to one. */
  parseTerm(): Term {
    const t = this.tok;
    // Composite terms may be parsed more than once when the parser backtracks (comprehension vs `|`,
    // `k, v in xs` vs a plain term); remembering them keeps parsing linear.
    const cacheable = t.kind === "op" && (t.value === "[" || t.value === "{");
    if (cacheable) {
      const hit = this.termCache.get(this.i);
      if (hit && hit.wc0 === this.wildcards) {
        this.i = hit.end;
        this.wildcards = hit.wc1;
        return hit.term;
      }
      const start = this.i;
      const wc0 = this.wildcards;
      const term = this.parseTermUncached();
      this.termCache.set(start, { term, end: this.i, wc0, wc1: this.wildcards });
      return term;
    }
    return this.parseTermUncached();
  }

  private parseTermUncached(): Term {
    const t = this.tok;
    if (this.isOp("-")) {
      this.next();
      const n = this.tok;
      if (n.kind === "number") {
        this.next();
        const raw = "-" + n.value;
        return this.parsePostfix({ type: "number", value: Number(raw), raw, loc: this.loc(t) });
      }
      if (!this.startsTerm()) this.illegal("expected term");
      const operand = this.parseTerm();
      const loc = this.loc(t);
      return this.call(["minus"], [{ type: "number", value: 0, raw: "0", loc }, operand], loc);
    }
    let term: Term;
    switch (t.kind) {
      case "number":
        this.next();
        term = { type: "number", value: Number(t.value), raw: t.value, loc: this.loc(t) };
        break;
      case "string":
        this.next();
        term = { type: "string", value: t.value, loc: this.loc(t) };
        break;
      case "template":
        if (!t.tplStart) this.illegal();
        term = this.parseTemplate();
        break;
      case "ident":
        switch (t.value) {
          case "true":
          case "false":
            this.next();
            term = { type: "boolean", value: t.value === "true", loc: this.loc(t) };
            break;
          case "null":
            this.next();
            term = { type: "null", loc: this.loc(t) };
            break;
          case "contains": // the builtin; a keyword only in rule heads
            this.next();
            term = this.varTerm(t);
            break;
          default:
            if (this.kw.has(t.value)) this.illegal();
            this.next();
            term = this.varTerm(t);
        }
        break;
      case "op":
        if (t.value === "[") term = this.parseArray();
        else if (t.value === "{") term = this.parseSetOrObject();
        else if (t.value === "(") {
          this.next();
          term = this.parseIn(true);
          if (!this.isOp(")")) throw this.err(this.loc(this.tok), "non-terminated expression");
          this.next();
        } else this.illegal();
        break;
      default:
        this.illegal();
    }
    return this.parsePostfix(term);
  }

  /**
   * A template string, from its first segment: the text segments and, between them, one
   * expression each (as OPA: not negated, no `=`/`:=`, `some` or `every`; a string, number, boolean
   * or null literal is kept as the literal).
   */
  private parseTemplate(): Term {
    const first = this.tok;
    const loc = this.loc(first);
    const parts: Array<Term | Expr> = [];
    let seg = this.next();
    for (;;) {
      if (seg.value.length > 0) parts.push({ type: "string", value: seg.value, loc: this.loc(seg) });
      if (seg.tplEnd) break;
      const expr = this.parseLiteral();
      const b = expr.body;
      const what =
        expr.negated ? "negation ('not')"
        : b.type === "term" && b.term.type === "call" && b.term.op.length === 1 && b.term.op[0] === "eq" ? "unification ('=')"
        : b.type === "term" && b.term.type === "call" && b.term.op.length === 1 && b.term.op[0] === "assign" ? "assignment (':=')"
        : b.type === "every" ? "'every'"
        : b.type === "some" || b.type === "somein" ? "'some'"
        : undefined;
      if (what) throw this.err(expr.loc, `unexpected ${what} in template-string expression`);
      const lit = b.type === "term" && expr.with.length === 0 ? b.term : undefined;
      parts.push(lit && (lit.type === "string" || lit.type === "number" || lit.type === "boolean" || lit.type === "null") ? lit : expr);
      const end = this.tok;
      if (end.kind !== "template" || end.tplStart) throw this.err(this.loc(end), "expected } to end template string expression");
      seg = this.next();
    }
    return { type: "template", parts, multiLine: first.raw === true, loc };
  }

  /** `.name`, `[term]` and `(args)` written directly after a term. */
  private parsePostfix(head: Term): Term {
    let path: Term[] = [];
    for (;;) {
      const t = this.tok;
      if (t.ws || t.kind !== "op") break;
      if (t.value === ".") {
        this.checkRefHead(head, t);
        this.next();
        const name = this.tok;
        if (name.kind !== "ident") this.illegal("expected ident");
        this.next();
        path.push({ type: "string", value: name.value, loc: this.loc(name) });
      } else if (t.value === "[") {
        this.checkRefHead(head, t);
        this.next();
        const idx = this.parseIn(false);
        this.expectOp("]");
        path.push(idx);
      } else if (t.value === "(") {
        const op = callOperator(head, path);
        if (!op) throw this.err(this.loc(t), `illegal call (operator must be a name)`);
        this.next();
        const args = this.parseTermList(")");
        if (args.length === 0 && op.length === 1 && op[0] === "set") {
          head = { type: "set", items: [], loc: head.loc };
        } else {
          head = this.call(op, args, head.loc);
        }
        path = [];
      } else break;
    }
    if (path.length === 0) return head;
    if (head.type === "ref") return { type: "ref", head: head.head, path: [...head.path, ...path], loc: head.loc };
    return { type: "ref", head, path, loc: head.loc };
  }

  private checkRefHead(head: Term, t: Token): void {
    switch (head.type) {
      case "null":
      case "boolean":
      case "number":
      case "string":
      case "template":
        throw this.err(this.loc(t), `illegal ref (head cannot be ${typeName(head)})`);
    }
  }

  /** Comma-separated terms up to and including the closing `end`; the opening bracket is consumed. */
  private parseTermList(end: string, items: Term[] = []): Term[] {
    if (this.isOp(end)) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.parseIn(false));
      if (this.isOp(end)) {
        this.next();
        return items;
      }
      if (this.isOp(",")) {
        this.next();
        if (this.isOp(end)) {
          this.next();
          return items;
        }
        continue;
      }
      this.illegal(`expected "," or "${end}"`);
    }
  }

  /**
   * Tries a comprehension body after `head |` (the `|` is the current token). Comprehensions take
   * priority over the `|` operator; if the body does not parse, falls back to reading `head | ...` as
   * an expression (returning undefined) — and if that fails too, the body's error is reported.
   */
  private tryComprehension(end: string): { body: Body } | { error: RegoError } {
    const s = this.save();
    this.next(); // |
    try {
      return { body: this.parseBody(end) };
    } catch (e) {
      if (!(e instanceof RegoError)) throw e;
      this.restore(s);
      return { error: e };
    }
  }

  private parseArray(): Term {
    const open = this.next();
    const loc = this.loc(open);
    if (this.isOp("]")) {
      this.next();
      return { type: "array", items: [], loc };
    }
    const r = this.itemOrComprehension(this.parseTerm(), "]");
    if ("body" in r) return { type: "arraycompr", term: r.head, body: r.body, loc };
    return { type: "array", items: this.finishList("]", r.item), loc };
  }

  /**
   * After the first term of a collection: either a comprehension (`head | body`) or the first item,
   * an expression that starts with `head` (`[a | b]` is a comprehension when `b` parses as a body,
   * else the expression `a | b`).
   */
  private itemOrComprehension(head: Term, end: string): { head: Term; body: Body } | { item: Term } {
    if (!this.isOp("|")) return { item: this.parseIn(false, head) };
    const r = this.tryComprehension(end);
    if ("body" in r) return { head, body: r.body };
    return { item: this.fallbackItem(head, r.error) };
  }

  /** After the first item of a list: `, item`* `,`? `end`. */
  private finishList(end: string, first: Term): Term[] {
    const items = [first];
    if (this.isOp(end)) {
      this.next();
      return items;
    }
    if (!this.isOp(",")) this.illegal(`expected "," or "${end}"`);
    this.next();
    return this.parseTermList(end, items);
  }

  /** Continues `head | ...` as an expression after a failed comprehension; rethrows `orig` on failure. */
  private fallbackItem(head: Term, orig: RegoError): Term {
    try {
      const item = this.parseIn(false, head);
      if (!this.isOp(",")) throw orig;
      return item;
    } catch (e) {
      if (e instanceof RegoError) throw orig;
      throw e;
    }
  }

  private parseSetOrObject(): Term {
    const open = this.next();
    const loc = this.loc(open);
    if (this.isOp("}")) {
      this.next();
      return { type: "object", entries: [], loc };
    }
    const head = this.parseTerm();
    const r = this.isOp(":") ? { item: head } : this.itemOrComprehension(head, "}");
    if ("body" in r) return { type: "setcompr", term: r.head, body: r.body, loc };
    if (!this.isOp(":")) return { type: "set", items: this.finishList("}", r.item), loc };
    // object (or object comprehension)
    this.next(); // :
    const v = this.itemOrComprehension(this.parseTerm(), "}");
    if ("body" in v) return { type: "objectcompr", key: r.item, value: v.head, body: v.body, loc };
    return { type: "object", entries: this.finishObject([[r.item, v.item]]), loc };
  }

  private finishObject(entries: Array<[Term, Term]>): Array<[Term, Term]> {
    for (;;) {
      if (this.isOp("}")) {
        this.next();
        return entries;
      }
      if (!this.isOp(",")) this.illegal(`expected "," or "}"`);
      this.next();
      if (this.isOp("}")) {
        this.next();
        return entries;
      }
      const k = this.parseIn(false);
      this.expectOp(":", `expected ":"`);
      const v = this.parseIn(false);
      entries.push([k, v]);
    }
  }
}

// ---------------------------------------------------------------- helpers

/** The dotted name of a call operator (`f`, `a.b.c`, `data.lib["f"]`), or undefined if not a name. */
function callOperator(head: Term, path: Term[]): string[] | undefined {
  let base: Term;
  let all: Term[];
  if (head.type === "ref") {
    base = head.head;
    all = [...head.path, ...path];
  } else {
    base = head;
    all = path;
  }
  if (base.type !== "var" || base.wildcard) return undefined;
  const op = [base.name];
  for (const p of all) {
    if (p.type !== "string") return undefined;
    op.push(p.value);
  }
  return op;
}

export function typeName(t: Term): string {
  switch (t.type) {
    case "arraycompr": return "arraycomprehension";
    case "setcompr": return "setcomprehension";
    case "objectcompr": return "objectcomprehension";
    case "template": return "templatestring";
    default: return t.type;
  }
}

/** The first var/ref/call inside a default rule's value (comprehensions are allowed), if any. */
function findNonConstant(t: Term): Term | undefined {
  switch (t.type) {
    case "var":
    case "ref":
    case "call":
      return t;
    case "template":
      // as OPA: the references, variables and calls of its expressions (literals alone are constant)
      for (const p of t.parts) {
        if (!isTemplateExpr(p)) continue;
        const r = p.body.type === "term" ? findNonConstant(p.body.term) : undefined;
        if (r) return r;
      }
      return undefined;
    case "array":
    case "set":
      for (const x of t.items) {
        const r = findNonConstant(x);
        if (r) return r;
      }
      return undefined;
    case "object":
      for (const [k, v] of t.entries) {
        const r = findNonConstant(k) ?? findNonConstant(v);
        if (r) return r;
      }
      return undefined;
    default:
      return undefined;
  }
}

function isGround(t: Term): boolean {
  switch (t.type) {
    case "null":
    case "boolean":
    case "number":
    case "string":
      return true;
    case "array":
    case "set":
      return t.items.every(isGround);
    case "object":
      return t.entries.every(([k, v]) => isGround(k) && isGround(v));
    default:
      return false;
  }
}

const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `p`, `a.b[c]`, `p["x-y"]`: the rule name for error messages. */
export function refToString(ref: Term[]): string {
  let s = "";
  ref.forEach((t, k) => {
    if (k === 0 && t.type === "var") s += t.name;
    else if (t.type === "string") s += IDENT_RE.test(t.value) && !KEYWORDS.has(t.value) ? `.${t.value}` : `[${JSON.stringify(t.value)}]`;
    else if (t.type === "var") s += `[${t.name}]`;
    else if (t.type === "number") s += `[${t.raw}]`;
    else s += "[...]";
  });
  return s;
}

/** A deep copy of a term in which every wildcard gets a fresh name (for `else` heads). */
function cloneTerm(t: Term, fresh: () => number): Term {
  const c = (x: Term): Term => cloneTerm(x, fresh);
  const loc = { ...t.loc };
  switch (t.type) {
    case "var":
      return t.wildcard ? { type: "var", name: `$_${fresh()}`, wildcard: true, loc } : { type: "var", name: t.name, loc };
    case "ref":
      return { type: "ref", head: c(t.head), path: t.path.map(c), loc };
    case "array":
      return { type: "array", items: t.items.map(c), loc };
    case "set":
      return { type: "set", items: t.items.map(c), loc };
    case "object":
      return { type: "object", entries: t.entries.map(([k, v]) => [c(k), c(v)] as [Term, Term]), loc };
    case "call":
      return { type: "call", op: [...t.op], args: t.args.map(c), loc };
    default:
      // scalars and comprehensions (which cannot occur in rule heads' refs/args in practice)
      return { ...t, loc } as Term;
  }
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RegoError) throw new RegoErrors([e]);
    throw e;
  }
}

// ---------------------------------------------------------------- public API

/**
 * Parses a Rego module: v1 syntax, or with `{ regoVersion: 0 }` pre-1.0 syntax (as OPA 1.x's
 * `--v0-compatible`), which gives the AST of the same policy written in v1.
 * Throws RegoErrors (code rego_parse_error) on syntax errors.
 */
export function parseModule(source: string, file: string, opts: ParseOptions = {}): Module {
  const { tokens, comments } = tokenize(source, file);
  const p = new Parser(tokens, file, opts.regoVersion ?? 1);
  const { module: m, errors } = wrap(() => p.parseModule());
  if (p.zeroArity.size > 0) callsOfZeroArity(m, p.zeroArity);
  if (errors.length < MAX_ERRORS) m.annotations = attachAnnotations(comments, m, p.statements, errors);
  if (errors.length > 0) {
    errors.sort((a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col);
    throw new RegoErrors(errors);
  }
  return m;
}

/**
 * A rule declared `f() := ...` is the rule `f`; OPA also evaluates a call `f()` to its value (old
 * policy libraries do both), so in the module that declares it, `f()` and `data.<pkg>.f()` become
 * references to the rule.
 */
function callsOfZeroArity(m: Module, names: Set<string>): void {
  const full = (op: string[]) => op.length === m.package.length + 2 && op[0] === "data" && m.package.every((x, i) => op[i + 1] === x);
  const replace = (o: Record<string, unknown>): unknown => {
    if (o.type === "call" && Array.isArray(o.args) && o.args.length === 0) {
      const op = o.op as string[];
      const name = op[op.length - 1]!;
      if (names.has(name) && (op.length === 1 || full(op))) {
        const loc = o.loc as Location;
        const v: VarTerm = { type: "var", name, loc };
        return op.length === 1 ? v : { type: "ref", head: { type: "var", name: "data", loc }, path: op.slice(1).map((x) => ({ type: "string", value: x, loc })), loc };
      }
    }
    return o;
  };
  for (const r of m.rules) rewriteBottomUp(r, replace);
}

/**
 * Parses a query such as `data.test.p = x` or `x := 1; y = x + 1`; with `{ regoVersion: 0 }` as
 * pre-1.0 Rego (the future keywords are names), as OPA parses a query with the Rego version of its
 * modules (`opa eval --v0-compatible`).
 */
export function parseQuery(source: string, file = "<query>", opts: ParseOptions = {}): Body {
  const { tokens } = tokenize(source, file);
  return wrap(() => new Parser(tokens, file, opts.regoVersion ?? 1).parseQuery());
}

/** Parses a single term such as `{"foo": {1}}`. */
export function parseTerm(source: string, file = "<term>"): Term {
  const { tokens } = tokenize(source, file);
  return wrap(() => new Parser(tokens, file).parseSingleTerm());
}
