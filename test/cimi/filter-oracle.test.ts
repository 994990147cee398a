import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Filter, FilterParseError, compareDates, evaluate, flip, matchesFilter, parseFilter, printFilter } from '../../src/cimi/filterOracle.js';
import { comparisonOver, filterOver, filterTree, machineSpecs } from '../../src/cimi/arbitraries.js';

const machine = { name: 'web-1', description: "it's", cpu: 2, memory: 1048576, created: '2024-05-01T10:00:00Z', state: 'STOPPED', properties: { env: 'prod', 'k"': "v'" } };

describe('filter oracle: examples from §4.1.6.1', () => {
  it.each([
    ["name='web-1'", true],
    ["'web-1'=name", true],
    ['name="web-1"', true],
    ["name!='web-1'", false],
    ['description="it\'s"', true],
    ['cpu>=2', true],
    ['cpu>2', false],
    ['2<cpu', false],
    ['2<=cpu', true],
    ['cpu<10', true],
    ['memory<9', false],
    ['memory>99', true],
    ['created>2024-05-01T09:59:59Z', true],
    ['created<2024-05-01T11:00:00+02:00', false],
    ['created=2024-05-01T12:00:00+02:00', true],
    ['created>=2024-05-01Z', true],
    ['created>=2024-04-29', true],
    ["property['env']='prod'", true],
    ["property['env']!='prod'", false],
    ["property['env']!='dev'", true],
    ["property['nope']!='x'", false],
    [`property['k"']="v'"`, true],
    ["name='x' or name='web-1' and cpu=3", false],
    ["(name='x' or name='web-1') and cpu=2", true],
    ["name='web-1' or name='x' and cpu=3", true],
    ["(name='web-1' or name='x') and cpu=3", false],
  ])('%s → %s', (src, expected) => {
    expect(matchesFilter(src, machine)).toBe(expected);
  });

  it.each([
    ['unknownAttr=1', 'absent attribute'],
    ["name<'x'", 'ordering on strings'],
    ["cpu='2'", 'string literal on an integer'],
    ['created<2024-05-01T10:00:00', 'dateTime without offset within 14 h of one with an offset'],
    ["unknownAttr=1 or name='x'", 'unknown or false'],
  ])('%s is not judged (%s)', (src) => {
    expect(matchesFilter(src, machine)).toBeUndefined();
  });

  it('a definite operand decides three-valued and/or', () => {
    expect(matchesFilter("unknownAttr=1 or name='web-1'", machine)).toBe(true);
    expect(matchesFilter("unknownAttr=1 and name='x'", machine)).toBe(false);
  });

  it.each(["name='x", 'name=', "name 'x'", "(name='x'", "name='x')", "name='x' and", 'cpu>-1', 'cpu>1.5', "name='x' AND cpu=1", "property[env]='x'"])(
    'rejects %s',
    (src) => {
      expect(() => parseFilter(src)).toThrow(FilterParseError);
    },
  );

  it('compares fractional seconds exactly and across offsets', () => {
    expect(compareDates('2024-01-01T00:00:00.1234567Z', '2024-01-01T00:00:00.1234568Z')).toBe(-1);
    expect(compareDates('2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00.500Z')).toBe(0);
    expect(compareDates('2024-01-01T01:00:00+01:00', '2024-01-01T00:00:00Z')).toBe(0);
    expect(compareDates('2024-01-03T00:00:00', '2024-01-01T00:00:00Z')).toBe(1);
  });
});

// Items and filters from the suite's own arbitraries, so the properties also exercise them.
const item = (specs: { name: string; description: string; properties: Record<string, string> }[]) =>
  fc.record({ spec: fc.constantFrom(...specs), cpu: fc.nat(8), memory: fc.constantFrom(512, 1024, 1048576), cpuSpeed: fc.nat(4000) }).map(({ spec, ...ints }) => ({ ...spec, ...ints }));

const world = machineSpecs('m').chain((specs) => fc.record({ item: item(specs), specs: fc.constant(specs) }));

describe('filter oracle: properties', () => {
  it('printing and parsing are inverse on generated filters', () => {
    fc.assert(
      fc.property(
        machineSpecs('m').chain((s) => filterOver(s)),
        (f) => {
          expect(parseFilter(printFilter(f))).toEqual(f);
        },
      ),
    );
  });

  it('precedence: `a or b and c` ≡ `a or (b and c)` and `a and b or c` ≡ `(a and b) or c`', () => {
    fc.assert(
      fc.property(world.chain(({ item, specs }) => fc.record({ item: fc.constant(item), parts: fc.tuple(comparisonOver(specs), comparisonOver(specs), comparisonOver(specs)) })), ({ item, parts }) => {
        const [a, b, c] = parts.map(printFilter);
        expect(matchesFilter(`${a} or ${b} and ${c}`, item)).toBe(matchesFilter(`${a} or (${b} and ${c})`, item));
        expect(matchesFilter(`${a} and ${b} or ${c}`, item)).toBe(matchesFilter(`(${a} and ${b}) or ${c}`, item));
      }),
    );
  });

  it('parentheses around any filter change nothing', () => {
    fc.assert(
      fc.property(world.chain(({ item, specs }) => fc.record({ item: fc.constant(item), f: filterOver(specs) })), ({ item, f }) => {
        expect(evaluate({ kind: 'group', inner: f }, item)).toBe(evaluate(f, item));
        expect(matchesFilter(`(${printFilter(f)})`, item)).toBe(evaluate(f, item));
      }),
    );
  });

  it('reversed operands with the flipped operator mean the same', () => {
    fc.assert(
      fc.property(world.chain(({ item, specs }) => fc.record({ item: fc.constant(item), c: comparisonOver(specs) })), ({ item, c }) => {
        fc.pre(c.kind === 'compare');
        const cmp = c as Extract<Filter, { kind: 'compare' }>;
        const mirrored: Filter = { ...cmp, op: flip(cmp.op), reversed: !cmp.reversed };
        expect(evaluate(mirrored, item)).toBe(evaluate(cmp, item));
      }),
    );
  });

  it('single and double quotes are the same literal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes("'") && !s.includes('"')), fc.string({ unit: 'grapheme', maxLength: 12 }), (literal, name) => {
        const it = { name };
        expect(matchesFilter(`name='${literal}'`, it)).toBe(matchesFilter(`name="${literal}"`, it));
        expect(matchesFilter(`name="${literal}"`, it)).toBe(name === literal);
      }),
    );
  });

  it('`and` and `or` of definite verdicts follow boolean logic', () => {
    fc.assert(
      fc.property(world.chain(({ item, specs }) => fc.record({ item: fc.constant(item), t: filterTree(comparisonOver(specs), 2) })), ({ item, t }) => {
        const v = evaluate(t, item);
        if (t.kind === 'and' || t.kind === 'or') {
          const [l, r] = [evaluate(t.left, item), evaluate(t.right, item)];
          if (l !== undefined && r !== undefined) expect(v).toBe(t.kind === 'and' ? l && r : l || r);
        }
      }),
    );
  });
});
