// The query service's filter grammar (§11, PG1.5 table 9-4): `attr==value` (case-insensitive, `*`
// matching any run of characters), `attr!=value` (no wildcards), `;` = AND binding tighter than
// `,` = OR, parentheses to group. Values run to the next `;`, `,` or `)`.

import { badRequest } from './errors.js';

export type Filter =
  | { all: Filter[] }
  | { any: Filter[] }
  | { attr: string; equal: boolean; value: string };

/** Nesting beyond this is refused, so a hostile filter cannot exhaust the stack. */
const MAX_DEPTH = 32;

export function parseFilter(text: string): Filter {
  let at = 0;
  const fail = (why: string): never => {
    throw badRequest(`filter "${text}" is not valid at character ${at + 1}: ${why}`);
  };
  const or = (depth: number): Filter => {
    if (depth > MAX_DEPTH) fail(`parentheses nest more than ${MAX_DEPTH} deep`);
    const parts = [and(depth)];
    while (text[at] === ',') {
      at++;
      parts.push(and(depth));
    }
    return parts.length === 1 ? parts[0]! : { any: parts };
  };
  const and = (depth: number): Filter => {
    const parts = [term(depth)];
    while (text[at] === ';') {
      at++;
      parts.push(term(depth));
    }
    return parts.length === 1 ? parts[0]! : { all: parts };
  };
  const term = (depth: number): Filter => {
    if (text[at] === '(') {
      at++;
      const inner = or(depth + 1);
      if (text[at] !== ')') fail('expected ")"');
      at++;
      return inner;
    }
    const m = /^([A-Za-z][A-Za-z0-9_.]*)(==|!=)([^;,()]*)/.exec(text.slice(at));
    if (!m) return fail('expected attr==value or attr!=value');
    if (m[3]!.trim() === '') fail(`no value after ${m[1]}${m[2]}`);
    at += m[0].length;
    return { attr: m[1]!, equal: m[2] === '==', value: m[3]! };
  };
  const filter = or(0);
  if (at !== text.length) fail(`unexpected "${text[at]}"`);
  return filter;
}

export function attributesOf(f: Filter): string[] {
  if ('all' in f) return f.all.flatMap(attributesOf);
  if ('any' in f) return f.any.flatMap(attributesOf);
  return [f.attr];
}

const wildcard = (pattern: string): RegExp => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'is');

export function matches(f: Filter, record: Readonly<Record<string, string | undefined>>): boolean {
  if ('all' in f) return f.all.every((p) => matches(p, record));
  if ('any' in f) return f.any.some((p) => matches(p, record));
  const value = record[f.attr] ?? '';
  return f.equal ? wildcard(f.value).test(value) : value.toLowerCase() !== f.value.toLowerCase();
}
