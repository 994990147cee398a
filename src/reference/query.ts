// CIMI query parameters (§4.1.6): reading them from the URL, and the collection pipeline
// filter → sort → count → subset (§4.1.6.2). $select and $expand shape representations (select.ts).

import type { Context } from './context.js';
import { badRequest } from './errors.js';
import { type Filter, FilterSyntaxError, mapFilter, matches, parseFilter, xsdTime } from './filter.js';
import type { Rep } from './representation.js';
import { typeDef } from './schema.js';

export type Names = '*' | readonly string[];

export interface Query {
  filters: Filter[];
  first?: number;
  last?: number;
  /** Distinct names in request order, or every attribute. Undefined: no $select. */
  select?: Names;
  expand?: Names;
  orderBy: { attribute: string; desc: boolean }[];
}

const KNOWN = new Set(['$filter', '$first', '$last', '$select', '$expand', '$orderby', '$format']);

export function parseQuery(ctx: Context, search: string): Query {
  const params = [...new URLSearchParams(search)];
  const all = (name: string): string[] => params.filter(([k]) => k === name).map(([, v]) => v);
  if (ctx.quirk('unknown-query-param-400')) {
    const unknown = params.find(([k]) => !KNOWN.has(k));
    if (unknown) throw badRequest(`unknown query parameter ${unknown[0]}`);
  }
  const filterTexts = all('$filter');
  const selects = all('$select');
  return {
    filters: (ctx.quirk('filter-multiple-last-wins') ? filterTexts.slice(-1) : filterTexts).map((t) => filterOf(ctx, t)),
    ...ordinal('first', all('$first')[0]),
    ...ordinal('last', all('$last')[0]),
    ...names('select', ctx.quirk('select-multiple-last-wins') ? selects.slice(-1) : selects),
    ...names('expand', all('$expand'), true),
    // $orderby is new in 2.0: a 1.x provider ignores it like any unknown parameter (§4.1.6).
    orderBy: ctx.specVersion === '2.0' ? all('$orderby').flatMap(orderKeys) : [],
  };
}

function filterOf(ctx: Context, text: string): Filter {
  if (ctx.quirk('filter-double-quotes-rejected') && text.includes('"')) throw badRequest('$filter: double-quoted strings are not supported');
  let f: Filter;
  try {
    f = parseFilter(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw badRequest(e.message);
    throw e;
  }
  if (ctx.quirk('filter-reversed-operands-rejected')) {
    mapFilter(f, (g) => {
      if (g.kind === 'compare' && g.valueFirst) throw badRequest('$filter: the attribute must come first in a comparison');
      return g;
    });
  }
  return ctx.quirk('filter-and-as-or') ? mapFilter(f, (g) => (g.kind === 'and' ? { ...g, kind: 'or' } : g)) : f;
}

// Non-numeric $first/$last are ignored like any unsupported parameter value (§4.1.6; the spec is silent).
function ordinal(key: 'first' | 'last', v: string | undefined): { first?: number } | { last?: number } {
  return v !== undefined && /^\d+$/.test(v.trim()) ? { [key]: Number(v.trim()) } : {};
}

// Several parameters are a union; `*` anywhere means all; a present but empty $expand means all (§4.1.6.4).
function names(key: 'select' | 'expand', values: string[], emptyMeansAll = false): { select?: Names } | { expand?: Names } {
  if (values.length === 0) return {};
  const list = [...new Set(values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== ''))];
  const everything = list.includes('*') || (emptyMeansAll && list.length === 0);
  return { [key]: everything ? '*' : list };
}

function orderKeys(v: string): { attribute: string; desc: boolean }[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((key) => {
      const [attribute = '', dir = 'asc', extra] = key.split(':');
      if (extra !== undefined || (dir !== 'asc' && dir !== 'desc') || attribute === '') throw badRequest(`$orderby: "${key}" is not attr[:asc|:desc]`);
      return { attribute, desc: dir === 'desc' };
    });
}

/** Orders strings by code point after NFKD normalisation (§4.1.6.6). */
function compareStrings(a: string, b: string, normalise = true): number {
  const x = normalise ? a.normalize('NFKD') : a;
  const y = normalise ? b.normalize('NFKD') : b;
  const xs = x[Symbol.iterator]();
  const ys = y[Symbol.iterator]();
  for (;;) {
    const p = xs.next();
    const q = ys.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function compareValues(a: unknown, b: unknown, isDate: boolean, nfkd: boolean): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1; // absent sorts last
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return isDate ? xsdTime(a) - xsdTime(b) : compareStrings(a, b, nfkd);
  return 0;
}

const numeric = (a: number, b: number): number => a - b;
const decimalStrings = (a: number, b: number): number => compareStrings(String(a), String(b));

/** filter → sort → count → subset. `count` is taken before subsetting (§4.1.6.2). */
export function pipeline(ctx: Context, q: Query, itemType: string, members: Rep[]): { count: number; members: Rep[] } {
  const total = members.length;
  const compareNumbers = ctx.quirk('filter-int-as-string') ? decimalStrings : numeric;
  const probe = (m: Rep): Rep => (ctx.quirk('filter-property-ignored') ? { ...m, properties: undefined } : m);
  let list = members.filter((m) => q.filters.every((f) => matches(f, probe(m), compareNumbers)));
  if (q.orderBy.length > 0 && !ctx.quirk('orderby-ignored')) {
    const attrs = typeDef(itemType).attributes;
    const keys = q.orderBy.map((k) => ({ ...k, isDate: attrs.find((a) => a.name === k.attribute)?.type.kind === 'dateTime' }));
    const nfkd = !ctx.quirk('orderby-without-nfkd');
    list = [...list].sort((x, y) => {
      for (const k of keys) {
        const c = compareValues(x[k.attribute], y[k.attribute], k.isDate, nfkd);
        if (c !== 0) return k.desc && !ctx.quirk('orderby-desc-ignored') ? -c : c;
      }
      return 0;
    });
  }
  const count = ctx.quirk('count-ignores-filter') ? total : list.length;
  if (!ctx.quirk('first-last-ignored') && (q.first !== undefined || q.last !== undefined)) {
    const base = ctx.quirk('first-zero-based') ? 0 : 1;
    const from = Math.max(q.first ?? base, base) - base;
    const to = (q.last ?? Number.MAX_SAFE_INTEGER) - base + 1;
    list = list.slice(from, Math.max(from, to));
  }
  return { count: ctx.quirk('count-after-subset') ? list.length : count, members: list };
}
