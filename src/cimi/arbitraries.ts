// Small named fast-check arbitraries that compose (fast-check style): what a consumer may put in a
// Machine (name, description, properties — unicode, quotes, long strings) and $filter expressions
// over such Machines, as oracle ASTs (filterOracle.ts) that print to the spec's concrete syntax.

import fc from 'fast-check';
import { type Filter, type Op, type Value, quoteFor } from './filterOracle.js';

/** Pieces that stress a $filter or an XML/JSON codec: quotes, keywords, brackets, entities, NFKD pairs. */
const tricky = fc.constantFrom("'", '"', ' ', 'and', 'or', '(', ')', '[', ']', '=', '!=', '<', '&', '%', '+', '#', 'ß', 'ﬁ', 'é', 'e\u0301', '😀', '中文', 'Ω', '\u2028', '\u0085');

/** Printable text (graphemes only: XML 1.0 cannot carry most control characters). */
const text = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: tricky, minLength, maxLength: Math.max(minLength, 8) }) },
  );

/**
 * A Machine name, the part after a prefix unique to the check. The spec sets no length limit; 256
 * characters is well within what any provider stores.
 */
export const machineName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: text(1, 24) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 256 }) },
);

/** A description; never empty, because an empty string is omitted (§5.5.5) and filters on it would hit a GAP. */
export const description: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: text(1, 40) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 300, maxLength: 512 }) });

/** A consumer `properties` map (§5.1): unique, case-sensitive keys; values may be empty. */
export const propertiesMap: fc.Arbitrary<Record<string, string>> = fc.dictionary(text(1, 12), text(0, 24), { maxKeys: 3, noNullPrototype: true });

export interface MachineSpec {
  name: string;
  description: string;
  properties: Record<string, string>;
}

export const machineSpec = (namePrefix: string): fc.Arbitrary<MachineSpec> =>
  fc.record({ name: machineName.map((n) => `${namePrefix}-${n}`), description, properties: propertiesMap });

export const machineSpecs = (namePrefix: string, maxLength = 3): fc.Arbitrary<MachineSpec[]> => fc.array(machineSpec(namePrefix), { minLength: 1, maxLength });

// ---- $filter expressions over generated machines

const ORDERED_OPS: Op[] = ['<', '<=', '=', '>=', '>', '!='];
const INT_ATTRS = ['cpu', 'memory', 'cpuSpeed'];

/** A string literal for `s` in either quote style that can enclose it. */
const quoted = (s: string): fc.Arbitrary<Value & { type: 'string' }> => {
  const kinds = (["'", '"'] as const).filter((q) => !s.includes(q));
  return fc.constantFrom(...kinds).map((quote) => ({ type: 'string' as const, text: s, quote }));
};

/** Strings a $filter can express (the spec has no escape, so not both quote kinds at once). */
const expressible = (values: string[]): string[] => values.filter((v) => v !== '' && quoteFor(v) !== undefined);

/** A literal that is one of `known` (so it can match) or fresh text (so it likely does not). */
const stringLiteral = (known: string[]): fc.Arbitrary<Value & { type: 'string' }> => {
  const candidates = expressible(known);
  const fresh = text(1, 8).filter((s) => quoteFor(s) !== undefined);
  const pick = candidates.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...candidates) }, { weight: 1, arbitrary: fresh }) : fresh;
  return pick.chain(quoted);
};

const stringCompare = (attribute: 'name' | 'description', known: string[]): fc.Arbitrary<Filter> =>
  fc.record({ op: fc.constantFrom<Op>('=', '!='), value: stringLiteral(known), reversed: fc.boolean() }).map(({ reversed, ...r }) => ({ kind: 'compare', attribute, ...r, ...(reversed ? { reversed } : {}) }));

// Integer literals around typical cpu/memory/cpuSpeed values, with digit-count changes (10 vs 9).
const intCompare: fc.Arbitrary<Filter> = fc
  .record({
    attribute: fc.constantFrom(...INT_ATTRS),
    op: fc.constantFrom(...ORDERED_OPS),
    n: fc.oneof(fc.nat(16), fc.constantFrom(9, 10, 99, 100, 1000, 1024, 2048, 4096, 1048576, 2097152, 4194304)),
    reversed: fc.boolean(),
  })
  .map(({ attribute, op, n, reversed }) => ({ kind: 'compare', attribute, op, value: { type: 'int', text: String(n) }, ...(reversed ? { reversed } : {}) }));

const propertyCompare = (specs: MachineSpec[]): fc.Arbitrary<Filter> => {
  const entries = specs.flatMap((s) => Object.entries(s.properties));
  return fc
    .record({
      key: stringLiteral(entries.map(([k]) => k)),
      op: fc.constantFrom<Op>('=', '!='),
      value: stringLiteral(entries.map(([, v]) => v)),
    })
    .map((r) => ({ kind: 'property', ...r }));
};

/** A comparison about one of `specs` (or about nothing in particular). */
export const comparisonOver = (specs: MachineSpec[]): fc.Arbitrary<Filter> =>
  fc.oneof(
    stringCompare('name', specs.map((s) => s.name)),
    stringCompare('description', specs.map((s) => s.description)),
    propertyCompare(specs),
    intCompare,
  );

/**
 * Parenthesises where the grammar's precedence would otherwise regroup the tree, so that
 * `parseFilter(printFilter(t))` is `t`: `and` operands that are `or` (or a left `and`), and left `or`s.
 */
export function withGroups(f: Filter): Filter {
  const g = (x: Filter): Filter => ({ kind: 'group', inner: withGroups(x) });
  switch (f.kind) {
    case 'and':
      return { kind: 'and', left: f.left.kind === 'and' || f.left.kind === 'or' ? g(f.left) : withGroups(f.left), right: f.right.kind === 'or' ? g(f.right) : withGroups(f.right) };
    case 'or':
      return { kind: 'or', left: f.left.kind === 'or' ? g(f.left) : withGroups(f.left), right: withGroups(f.right) };
    case 'group':
      return { kind: 'group', inner: withGroups(f.inner) };
    default:
      return f;
  }
}

/** A boolean tree of `leaf`s (and, or, explicit groups), grouped so that it prints unambiguously. */
export const filterTree = (leaf: fc.Arbitrary<Filter>, maxDepth = 3): fc.Arbitrary<Filter> => {
  const { tree } = fc.letrec<{ tree: Filter }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constantFrom<'and' | 'or'>('and', 'or'), left: tie('tree'), right: tie('tree') }),
      tie('tree').map((inner): Filter => ({ kind: 'group', inner })),
    ),
  }));
  return tree.map(withGroups);
};

/** Filter expressions about generated machines: comparisons on their names, descriptions, properties and integers. */
export const filterOver = (specs: MachineSpec[], maxDepth = 3): fc.Arbitrary<Filter> => filterTree(comparisonOver(specs), maxDepth);
