// A client-side oracle of the CIMI `$filter` language (DSP0263 §4.1.6.1), written from the spec and
// independently of the reference provider: a tokenizer, a recursive-descent parser, a printer and an
// evaluator over the JSON model of a resource. Pure.
//
//   Filter  ::= AndExpr ( 'or' Filter )*        AndExpr ::= Comp ( 'and' AndExpr )*
//   Comp    ::= Attribute Op Value | Value Op Attribute | PropExpr | '(' Filter ')'
//   Op      ::= '<' | '<=' | '=' | '>=' | '>' | '!='
//   Value   ::= IntValue | DateValue | StringValue | BoolValue
//   PropExpr ::= 'property[' StringValue ']' Op StringValue
//
// The evaluator is three-valued: it answers true or false only where the spec pins the outcome, and
// `undefined` where it is silent (an attribute the item lacks, a type mismatch, ordering operators on
// strings or booleans, a dateTime without offset compared with one with an offset within ±14 h).
// Checks assert only definite verdicts, so the oracle never fails a provider on a GAP.

export type Op = '<' | '<=' | '=' | '>=' | '>' | '!=';

export type Value =
  | { type: 'int'; text: string }
  | { type: 'date'; text: string }
  | { type: 'string'; text: string; quote?: "'" | '"' }
  | { type: 'bool'; value: boolean };

export type Filter =
  | { kind: 'or' | 'and'; left: Filter; right: Filter }
  | { kind: 'group'; inner: Filter }
  /** `reversed`: written `Value Op Attribute`; `op` is as written. */
  | { kind: 'compare'; attribute: string; op: Op; value: Value; reversed?: boolean }
  | { kind: 'property'; key: Value & { type: 'string' }; op: Op; value: Value & { type: 'string' } };

export class FilterParseError extends Error {
  override readonly name = 'FilterParseError';
  constructor(message: string, readonly offset: number) {
    super(`${message} (at offset ${offset})`);
  }
}

type Token =
  | { kind: 'punct'; text: '(' | ')' | '[' | ']'; at: number }
  | { kind: 'op'; text: Op; at: number }
  | { kind: 'word'; text: string; at: number }
  | { kind: 'value'; value: Value; at: number }
  | { kind: 'end'; at: number };

// xs:dateTime and xs:date lexical forms (XML Schema 1.0 §3.2.7, §3.2.9), tried before IntValue.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/;
const DATE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?/;
const OP = /^(<=|>=|!=|<|>|=)/;
// Identifiers of §5.2: letters, digits and underscore, not starting with a digit.
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const rest = src.slice(i);
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')' || c === '[' || c === ']') out.push({ kind: 'punct', text: c, at: i++ });
    else if (OP.test(rest)) {
      const text = OP.exec(rest)![1] as Op;
      out.push({ kind: 'op', text, at: i });
      i += text.length;
    } else if (c === "'" || c === '"') {
      // The spec defines no escape inside a StringValue: the string ends at the next same quote.
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new FilterParseError('unterminated string', i);
      out.push({ kind: 'value', value: { type: 'string', text: src.slice(i + 1, end), quote: c }, at: i });
      i = end + 1;
    } else if (/[-\d]/.test(c)) {
      const date = DATE_TIME.exec(rest) ?? DATE.exec(rest);
      const int = /^\d+/.exec(rest);
      const text = date?.[0] ?? int?.[0];
      if (!text) throw new FilterParseError(`unexpected '${c}'`, i);
      out.push({ kind: 'value', value: { type: date ? 'date' : 'int', text }, at: i });
      i += text.length;
    } else if (WORD.test(rest)) {
      const text = WORD.exec(rest)![0];
      out.push(text === 'true' || text === 'false' ? { kind: 'value', value: { type: 'bool', value: text === 'true' }, at: i } : { kind: 'word', text, at: i });
      i += text.length;
    } else throw new FilterParseError(`unexpected '${c}'`, i);
  }
  out.push({ kind: 'end', at: src.length });
  return out;
}

export function parseFilter(src: string): Filter {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const isWord = (t: Token, w: string): boolean => t.kind === 'word' && t.text === w;
  const expect = <K extends Token['kind']>(kind: K, what: string): Extract<Token, { kind: K }> => {
    const t = next();
    if (t.kind !== kind) throw new FilterParseError(`expected ${what}`, t.at);
    return t as Extract<Token, { kind: K }>;
  };
  const punct = (p: string): void => {
    const t = next();
    if (t.kind !== 'punct' || t.text !== p) throw new FilterParseError(`expected '${p}'`, t.at);
  };
  const stringValue = (): Value & { type: 'string' } => {
    const t = expect('value', 'a quoted string');
    if (t.value.type !== 'string') throw new FilterParseError('expected a quoted string', t.at);
    return t.value;
  };

  // Filter ::= AndExpr ( 'or' Filter )* — right-nested, so `or` and `and` are both right-associative.
  const filter = (): Filter => {
    const left = andExpr();
    if (!isWord(peek(), 'or')) return left;
    next();
    return { kind: 'or', left, right: filter() };
  };
  const andExpr = (): Filter => {
    const left = comp();
    if (!isWord(peek(), 'and')) return left;
    next();
    return { kind: 'and', left, right: andExpr() };
  };
  const comp = (): Filter => {
    const t = next();
    if (t.kind === 'punct' && t.text === '(') {
      const inner = filter();
      punct(')');
      return { kind: 'group', inner };
    }
    if (t.kind === 'word' && t.text === 'property' && peek().kind === 'punct') {
      punct('[');
      const key = stringValue();
      punct(']');
      const op = expect('op', 'an operator').text;
      return { kind: 'property', key, op, value: stringValue() };
    }
    if (t.kind === 'word') {
      const op = expect('op', 'an operator').text;
      return { kind: 'compare', attribute: t.text, op, value: expect('value', 'a value').value };
    }
    if (t.kind === 'value') {
      const op = expect('op', 'an operator').text;
      return { kind: 'compare', attribute: expect('word', 'an attribute name').text, op, value: t.value, reversed: true };
    }
    throw new FilterParseError('expected a comparison', t.at);
  };

  const f = filter();
  const end = peek();
  if (end.kind !== 'end') throw new FilterParseError('unexpected input after the expression', end.at);
  return f;
}

function printValue(v: Value): string {
  if (v.type === 'bool') return String(v.value);
  if (v.type !== 'string') return v.text;
  const q = v.quote ?? quoteFor(v.text);
  if (q === undefined || v.text.includes(q)) throw new Error(`cannot quote ${JSON.stringify(v.text)}: the spec has no escape`);
  return `${q}${v.text}${q}`;
}

/** The quote that can enclose `s` (single preferred), or undefined when `s` holds both kinds. */
export function quoteFor(s: string): "'" | '"' | undefined {
  return !s.includes("'") ? "'" : !s.includes('"') ? '"' : undefined;
}

/** Prints a filter in the spec's concrete syntax; `parseFilter(printFilter(f))` gives `f` back. */
export function printFilter(f: Filter): string {
  switch (f.kind) {
    case 'or':
    case 'and':
      return `${printFilter(f.left)} ${f.kind} ${printFilter(f.right)}`;
    case 'group':
      return `(${printFilter(f.inner)})`;
    case 'compare':
      return f.reversed ? `${printValue(f.value)}${f.op}${f.attribute}` : `${f.attribute}${f.op}${printValue(f.value)}`;
    case 'property':
      return `property[${printValue(f.key)}]${f.op}${printValue(f.value)}`;
  }
}

/** The operator read attribute-first: `5<cpu` is `cpu>5`. */
export function flip(op: Op): Op {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' } as const)[op];
}

export type Verdict = boolean | undefined;

function holds(op: Op, c: number): boolean {
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' ? c === 0 : op === '>=' ? c >= 0 : op === '>' ? c > 0 : c !== 0;
}

const sign = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** An xs:dateTime/xs:date as [epoch seconds, fraction digits, has offset]; undefined if not one. */
function parseDate(s: string): { seconds: bigint; fraction: string; zoned: boolean } | undefined {
  const m = /^(-?\d{4,}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[4] ?? 'Z'}`);
  if (Number.isNaN(ms)) return undefined;
  return { seconds: BigInt(ms / 1000), fraction: (m[3] ?? '').replace(/0+$/, ''), zoned: m[4] !== undefined };
}

/** XML Schema order of two dateTimes; undefined when indeterminate (one zoned, one not, within 14 h). */
export function compareDates(a: string, b: string): number | undefined {
  const x = parseDate(a);
  const y = parseDate(b);
  if (!x || !y) return undefined;
  const bySeconds = sign(x.seconds, y.seconds);
  if (x.zoned !== y.zoned) {
    const apart = x.seconds > y.seconds ? x.seconds - y.seconds : y.seconds - x.seconds;
    return apart > 14n * 3600n ? bySeconds : undefined;
  }
  if (bySeconds !== 0) return bySeconds;
  const width = Math.max(x.fraction.length, y.fraction.length);
  const fx = x.fraction.padEnd(width, '0');
  const fy = y.fraction.padEnd(width, '0');
  return fx < fy ? -1 : fx > fy ? 1 : 0;
}

function compareAttribute(actual: unknown, op: Op, v: Value): Verdict {
  if (actual === undefined || actual === null) return undefined;
  switch (v.type) {
    case 'int':
      return typeof actual === 'number' && Number.isInteger(actual) ? holds(op, sign(BigInt(actual), BigInt(v.text))) : undefined;
    case 'date': {
      const c = typeof actual === 'string' ? compareDates(actual, v.text) : undefined;
      return c === undefined ? undefined : holds(op, c);
    }
    case 'string':
      // Strings allow only = and != (§4.1.6.1); string order is not defined for $filter.
      return typeof actual === 'string' && (op === '=' || op === '!=') ? holds(op, actual === v.text ? 0 : 1) : undefined;
    case 'bool':
      return typeof actual === 'boolean' && (op === '=' || op === '!=') ? holds(op, actual === v.value ? 0 : 1) : undefined;
  }
}

/** Kleene three-valued logic: a definite side can decide alone. */
function and(a: Verdict, b: () => Verdict): Verdict {
  if (a === false) return false;
  const r = b();
  return r === false ? false : a === true && r === true ? true : undefined;
}

function or(a: Verdict, b: () => Verdict): Verdict {
  if (a === true) return true;
  const r = b();
  return r === true ? true : a === false && r === false ? false : undefined;
}

/** Whether `item` (a resource in the JSON model) matches `f`; undefined where the spec does not say. */
export function evaluate(f: Filter, item: Record<string, unknown>): Verdict {
  switch (f.kind) {
    case 'or':
      return or(evaluate(f.left, item), () => evaluate(f.right, item));
    case 'and':
      return and(evaluate(f.left, item), () => evaluate(f.right, item));
    case 'group':
      return evaluate(f.inner, item);
    case 'compare':
      return compareAttribute(item[f.attribute], f.reversed ? flip(f.op) : f.op, f.value);
    case 'property': {
      if (f.op !== '=' && f.op !== '!=') return undefined;
      // True when an entry has the key and a value that satisfies Op (§4.1.6.1); keys are unique (§5.5.7).
      const props = item['properties'];
      const map = typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : {};
      const value = Object.hasOwn(map, f.key.text) ? map[f.key.text] : undefined;
      return typeof value === 'string' && holds(f.op, value === f.value.text ? 0 : 1);
    }
  }
}

/** Convenience for checks: parse and evaluate. */
export function matchesFilter(src: string, item: Record<string, unknown>): Verdict {
  return evaluate(parseFilter(src), item);
}
