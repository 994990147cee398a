import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Filter, FilterSyntaxError, type Op, formatFilter, matches, parseFilter, xsdTime } from '../../src/reference/filter.js';

const items = [
  { name: 'a', cpu: 1, created: '2013-01-01T00:00:00Z', on: true, properties: { env: 'prod' } },
  { name: 'b', cpu: 2, created: '2014-06-01T12:00:00+02:00', on: false, properties: { env: 'dev', team: 'x' } },
  { name: 'c', cpu: 10, created: '2015-01-01T00:00:00Z', on: true },
  { name: "it's", cpu: 3 },
];
const names = (expr: string): string[] => items.filter((i) => matches(parseFilter(expr), i)).map((i) => i.name);

describe('$filter parser (§4.1.6.1)', () => {
  it.each([
    ["name='a'", ['a']],
    ["'a'=name", ['a']],
    ['name="b"', ['b']],
    ["name!='a'", ['b', 'c', "it's"]],
    ['cpu>=2', ['b', 'c', "it's"]],
    ['2<cpu', ['c', "it's"]],
    ['cpu<10', ['a', 'b', "it's"]],
    ['cpu=10', ['c']],
    ['created>2013-06-01T00:00:00Z', ['b', 'c']],
    ['created<2014-06-01T11:00:00Z', ['a', 'b']],
    ['created>=2015-01-01', ['c']],
    ['on=true', ['a', 'c']],
    ['false=on', ['b']],
    ["property['env']='prod'", ['a']],
    ['property["env"]!=\'prod\'', ['b']],
    ["name='it''s'", ["it's"]],
    ["name='a' or name='b' and cpu=1", ['a']],
    ["(name='a' or name='b') and cpu=2", ['b']],
    ["name='a' or name='b' or name='c'", ['a', 'b', 'c']],
    ["  name = 'a'  and(cpu=1)", ['a']],
    ['nosuch=1', []],
    ["cpu='1'", []],
  ])('%s', (expr, expected) => {
    expect(names(expr)).toEqual(expected);
  });

  it('and binds tighter than or, and both are left-associative', () => {
    expect(parseFilter('a=1 or b=2 and c=3')).toEqual({
      kind: 'or',
      left: { kind: 'compare', attribute: 'a', op: '=', value: { type: 'int', value: 1 } },
      right: { kind: 'and', left: { kind: 'compare', attribute: 'b', op: '=', value: { type: 'int', value: 2 } }, right: { kind: 'compare', attribute: 'c', op: '=', value: { type: 'int', value: 3 } } },
    });
  });

  it.each([
    ["name='a", 'unterminated string'],
    ['name', 'comparison operator'],
    ['name=', 'attribute name or a value'],
    ["name='a' and", 'attribute name or a value'],
    ['1=2', 'one attribute and one value'],
    ['a=b', 'one attribute and one value'],
    ["name<'x'", 'strings compare only'],
    ['on>true', 'booleans compare only'],
    ['cpu>-1', 'unexpected character'],
    ['cpu>1.5', 'malformed number'],
    ['created>2013-13-45T00:00:00Z', 'invalid date'],
    ["name='a' AND cpu=1", 'expected "and", "or"'],
    ["(name='a'", 'expected ")"'],
    ["property[env]='x'", 'quoted property key'],
    ["property['k']>'x'", 'properties compare only'],
    ["property['k']=1", 'quoted string'],
    ['', 'attribute name or a value'],
  ])('rejects %j', (expr, message) => {
    expect(() => parseFilter(expr)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(expr)).toThrow(message);
  });

  it('reads xs:dateTime and xs:date, no offset meaning UTC', () => {
    expect(xsdTime('2013-01-01T00:00:00Z')).toBe(Date.UTC(2013, 0, 1));
    expect(xsdTime('2013-01-01T02:00:00+02:00')).toBe(Date.UTC(2013, 0, 1));
    expect(xsdTime('2013-01-01T00:00:00.123456')).toBe(Date.UTC(2013, 0, 1) + 123);
    expect(xsdTime('2013-01-01')).toBe(Date.UTC(2013, 0, 1));
    expect(xsdTime('yesterday')).toBeNaN();
  });
});

// ---- properties

const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((s) => !['and', 'or', 'true', 'false', 'property'].includes(s));
const op = fc.constantFrom<Op>('<', '<=', '=', '>=', '>', '!=');
const eqOp = fc.constantFrom<'=' | '!='>('=', '!=');
const str = fc.string({ maxLength: 8 });
const date = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const compare: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({ kind: fc.constant('compare' as const), attribute: ident, op, value: fc.nat().map((value) => ({ type: 'int' as const, value })) }),
  fc.record({ kind: fc.constant('compare' as const), attribute: ident, op: eqOp, value: str.map((value) => ({ type: 'string' as const, value })) }),
  fc.record({ kind: fc.constant('compare' as const), attribute: ident, op: eqOp, value: fc.boolean().map((value) => ({ type: 'bool' as const, value })) }),
  fc.record({ kind: fc.constant('compare' as const), attribute: ident, op, value: date.map((value) => ({ type: 'date' as const, value, time: Date.parse(value) })) }),
  fc.record({ kind: fc.constant('property' as const), key: str, op: eqOp, value: str }),
);
const filter: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof({ depthSize: 'small', withCrossShrink: true }, compare, fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('f'), right: tie('f') })),
})).f;

const item = fc.record({
  a: fc.oneof(fc.nat(20), str, fc.boolean(), date),
  b: fc.oneof(fc.nat(20), str),
  properties: fc.dictionary(fc.constantFrom('k', 'env', ''), str),
});

describe('$filter properties', () => {
  it('formatFilter is parsed back to the same tree', () => {
    fc.assert(
      fc.property(filter, (f) => {
        expect(parseFilter(formatFilter(f))).toEqual(f);
      }),
    );
  });

  it('reversing a comparison never changes which items match', () => {
    const flip: Record<Op, Op> = { '<': '>', '<=': '>=', '=': '=', '>=': '<=', '>': '<', '!=': '!=' };
    fc.assert(
      fc.property(fc.constantFrom('a', 'b'), op, fc.nat(20), item, (attr, o, n, it) => {
        expect(matches(parseFilter(`${n}${flip[o]}${attr}`), it)).toBe(matches(parseFilter(`${attr}${o}${n}`), it));
      }),
    );
  });

  it('or is a union, and is an intersection, parentheses decide grouping', () => {
    fc.assert(
      fc.property(filter, filter, filter, item, (x, y, z, it) => {
        const [X, Y, Z] = [x, y, z].map((f) => `(${formatFilter(f)})`) as [string, string, string];
        const m = (e: string): boolean => matches(parseFilter(e), it);
        expect(m(`${X} or ${Y}`)).toBe(m(X) || m(Y));
        expect(m(`${X} and ${Y}`)).toBe(m(X) && m(Y));
        expect(m(`${X} or ${Y} and ${Z}`)).toBe(m(X) || (m(Y) && m(Z)));
      }),
      { numRuns: 200 },
    );
  });

  it('the parser never throws anything but FilterSyntaxError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        try {
          parseFilter(s);
        } catch (e) {
          expect(e).toBeInstanceOf(FilterSyntaxError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
