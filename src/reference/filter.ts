// The CIMI `$filter` language (DSP0263 §4.1.6.1): a tokenizer, a recursive-descent parser and an
// evaluator. Pure: no server imports, so the conformance suite can use it as an oracle.
//
//   Filter   ::= AndExpr ( 'or' Filter )*          -- `and` binds tighter than `or`
//   AndExpr  ::= Comp ( 'and' AndExpr )*
//   Comp     ::= Attribute Op Value | Value Op Attribute | PropExpr | '(' Filter ')'
//   Op       ::= '<' | '<=' | '=' | '>=' | '>' | '!='
//   Value    ::= IntValue | DateValue | StringValue | BoolValue
//   PropExpr ::= 'property[' StringValue ']' Op StringValue
//
// Where the spec is silent this module decides, and says so: keywords are lower-case only; a quote
// inside a string is written twice ('it''s'); DateValue is an unquoted xs:dateTime or xs:date (no
// offset = UTC); strings and booleans allow only = and != (the spec's operator/type table), so
// `name<'x'` is a syntax error; negative and decimal numbers are not IntValues; a comparison with an
// attribute the item lacks, or of a different type, is false (for != too).

export type Op = '<' | '<=' | '=' | '>=' | '>' | '!=';
export type Literal =
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'date'; value: string; time: number };

export type Filter =
  | { kind: 'or' | 'and'; left: Filter; right: Filter }
  /** `valueFirst`: written as `Value Op Attribute`; `op` is already flipped to read attribute-first. */
  | { kind: 'compare'; attribute: string; op: Op; value: Literal; valueFirst?: true }
  | { kind: 'property'; key: string; op: '=' | '!='; value: string };

export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  constructor(
    message: string,
    /** 0-based offset in the expression. */
    readonly position: number,
  ) {
    super(`$filter: ${message} at position ${position}`);
  }
}

type Token =
  | { t: '(' | ')' | '[' | ']' | 'and' | 'or' | 'end'; at: number }
  | { t: 'op'; op: Op; at: number }
  | { t: 'ident'; name: string; at: number }
  | { t: 'value'; value: Literal; at: number };

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/;
const DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Milliseconds since the epoch of an xs:dateTime / xs:date lexical value; NaN if it is neither. */
export function xsdTime(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) return NaN;
  const fraction = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  return Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}.${fraction}${m[4] ?? 'Z'}`);
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    const at = i;
    if (c === '(' || c === ')' || c === '[' || c === ']') {
      out.push({ t: c, at });
      i++;
    } else if (/^(<=|>=|!=|<|>|=)/.test(rest)) {
      const op = /^(<=|>=|!=|<|>|=)/.exec(rest)![1] as Op;
      out.push({ t: 'op', op, at });
      i += op.length;
    } else if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new FilterSyntaxError('unterminated string', at);
        if (src[j] === c) {
          if (src[j + 1] !== c) break;
          j++; // a doubled quote stands for one quote
        }
        value += src[j];
        j++;
      }
      out.push({ t: 'value', value: { type: 'string', value }, at });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const lexeme = (DATE_TIME.exec(rest) ?? DATE.exec(rest) ?? /^\d+/.exec(rest))![0];
      if (/^[A-Za-z0-9_.:+-]/.test(src.slice(i + lexeme.length))) throw new FilterSyntaxError(`malformed number or date "${rest.split(/[\s()]/)[0]}"`, at);
      const isDate = lexeme.includes('-');
      const time = isDate ? xsdTime(lexeme) : NaN;
      if (isDate && Number.isNaN(time)) throw new FilterSyntaxError(`invalid date "${lexeme}"`, at);
      out.push({ t: 'value', value: isDate ? { type: 'date', value: lexeme, time } : { type: 'int', value: Number(lexeme) }, at });
      i += lexeme.length;
    } else if (IDENT.test(rest)) {
      const name = IDENT.exec(rest)![0];
      if (name === 'and' || name === 'or') out.push({ t: name, at });
      else if (name === 'true' || name === 'false') out.push({ t: 'value', value: { type: 'bool', value: name === 'true' }, at });
      else out.push({ t: 'ident', name, at });
      i += name.length;
    } else {
      throw new FilterSyntaxError(`unexpected character "${c}"`, at);
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

const FLIP: Record<Op, Op> = { '<': '>', '<=': '>=', '=': '=', '>=': '<=', '>': '<', '!=': '!=' };

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private expect<T extends Token['t']>(t: T, what: string): Extract<Token, { t: T }> {
    const tok = this.next();
    if (tok.t !== t) throw new FilterSyntaxError(`expected ${what}`, tok.at);
    return tok as Extract<Token, { t: T }>;
  }

  parse(): Filter {
    const f = this.filter();
    const end = this.peek();
    if (end.t !== 'end') throw new FilterSyntaxError('expected "and", "or" or the end of the expression', end.at);
    return f;
  }

  private filter(): Filter {
    let left = this.andExpr();
    while (this.peek().t === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Filter {
    let left = this.comp();
    while (this.peek().t === 'and') {
      this.next();
      left = { kind: 'and', left, right: this.comp() };
    }
    return left;
  }

  private comp(): Filter {
    const tok = this.peek();
    if (tok.t === '(') {
      this.next();
      const inner = this.filter();
      this.expect(')', '")"');
      return inner;
    }
    if (tok.t === 'ident' && tok.name === 'property' && this.tokens[this.i + 1]?.t === '[') return this.propExpr();
    const a = this.operand();
    const opTok = this.expect('op', 'a comparison operator (< <= = >= > !=)');
    const b = this.operand();
    if (a.t === 'ident' && b.t === 'value') return this.compare(a.name, opTok.op, b.value, opTok.at);
    if (a.t === 'value' && b.t === 'ident') return { ...this.compare(b.name, FLIP[opTok.op], a.value, opTok.at), valueFirst: true };
    throw new FilterSyntaxError('a comparison needs one attribute and one value', tok.at);
  }

  private operand(): Extract<Token, { t: 'ident' | 'value' }> {
    const tok = this.next();
    if (tok.t !== 'ident' && tok.t !== 'value') throw new FilterSyntaxError('expected an attribute name or a value', tok.at);
    return tok;
  }

  private compare(attribute: string, op: Op, value: Literal, at: number): Filter & { kind: 'compare' } {
    if ((value.type === 'string' || value.type === 'bool') && op !== '=' && op !== '!=') {
      throw new FilterSyntaxError(`${value.type === 'string' ? 'strings' : 'booleans'} compare only with = and !=`, at);
    }
    return { kind: 'compare', attribute, op, value };
  }

  private propExpr(): Filter {
    this.next();
    this.expect('[', '"["');
    const key = this.expect('value', "a quoted property key");
    if (key.value.type !== 'string') throw new FilterSyntaxError('a property key is a quoted string', key.at);
    this.expect(']', '"]"');
    const opTok = this.expect('op', 'a comparison operator');
    if (opTok.op !== '=' && opTok.op !== '!=') throw new FilterSyntaxError('properties compare only with = and !=', opTok.at);
    const value = this.expect('value', 'a quoted string');
    if (value.value.type !== 'string') throw new FilterSyntaxError('a property value is a quoted string', value.at);
    return { kind: 'property', key: key.value.value, op: opTok.op, value: value.value.value };
  }
}

export function parseFilter(src: string): Filter {
  return new Parser(tokenize(src)).parse();
}

function holds(op: Op, c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '!=':
      return c !== 0;
  }
}

/** Compares an item attribute with a literal; undefined when they are not comparable (⇒ no match). */
function compareTo(v: unknown, lit: Literal, compareNumbers: (a: number, b: number) => number): number | undefined {
  switch (lit.type) {
    case 'int':
      return typeof v === 'number' ? compareNumbers(v, lit.value) : undefined;
    case 'string':
      return typeof v === 'string' ? (v === lit.value ? 0 : 1) : undefined;
    case 'bool':
      return typeof v === 'boolean' ? (v === lit.value ? 0 : 1) : undefined;
    case 'date': {
      const t = typeof v === 'string' ? xsdTime(v) : NaN;
      return Number.isNaN(t) ? undefined : t - lit.time;
    }
  }
}

/**
 * Whether `item` (a JSON representation: top-level attributes, `properties` map) matches. Dates in
 * the item are xs:dateTime strings. `compareNumbers` orders integers (numeric by default).
 */
export function matches(f: Filter, item: Record<string, unknown>, compareNumbers: (a: number, b: number) => number = (a, b) => a - b): boolean {
  switch (f.kind) {
    case 'or':
      return matches(f.left, item, compareNumbers) || matches(f.right, item, compareNumbers);
    case 'and':
      return matches(f.left, item, compareNumbers) && matches(f.right, item, compareNumbers);
    case 'compare': {
      if (!Object.hasOwn(item, f.attribute)) return false;
      const c = compareTo(item[f.attribute], f.value, compareNumbers);
      return c !== undefined && holds(f.op, c);
    }
    case 'property': {
      const props = item['properties'];
      if (typeof props !== 'object' || props === null || !Object.hasOwn(props, f.key)) return false;
      const v = (props as Record<string, unknown>)[f.key];
      return typeof v === 'string' && (v === f.value) === (f.op === '=');
    }
  }
}

const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const literal = (l: Literal): string => (l.type === 'string' ? quote(l.value) : String(l.value));

/** Canonical text of a filter; parseFilter(formatFilter(f)) is structurally equal to f. */
export function formatFilter(f: Filter): string {
  switch (f.kind) {
    case 'or':
    case 'and': {
      // Left-associative chains need no parentheses on the left; the right side always gets them.
      const side = (g: Filter, right: boolean): string => {
        const s = formatFilter(g);
        const weaker = g.kind === 'or' && f.kind === 'and';
        return weaker || (right && (g.kind === 'or' || g.kind === 'and')) ? `(${s})` : s;
      };
      return `${side(f.left, false)} ${f.kind} ${side(f.right, true)}`;
    }
    case 'compare':
      return f.valueFirst ? `${literal(f.value)}${FLIP[f.op]}${f.attribute}` : `${f.attribute}${f.op}${literal(f.value)}`;
    case 'property':
      return `property[${quote(f.key)}]${f.op}${quote(f.value)}`;
  }
}

/** Rewrites every node of one kind (used to model deviations, e.g. reading `and` as `or`). */
export function mapFilter(f: Filter, fn: (g: Filter) => Filter): Filter {
  const g = f.kind === 'or' || f.kind === 'and' ? { ...f, left: mapFilter(f.left, fn), right: mapFilter(f.right, fn) } : f;
  return fn(g);
}
