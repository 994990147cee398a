// Unknown query parameters (§4.1.6), $format (§4.1.6.5) and $orderby (§4.1.6.6). Ordering checks
// list the run's shared Machines, created in an order that is neither the sorted one nor its reverse.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject, Query } from '../../src/cimi/cimiClient.js';
import { compareDates } from '../../src/cimi/filterOracle.js';
import { expectBody } from '../../src/cimi/probes.js';
import { sharedMachines } from '../../src/cimi/sharedMachines.js';
import { listMachines, namesOf, sharedScope, type Marked } from './queryScope.js';

// ---- unknown query parameters

/** The plain representation and the one read with `query` added. */
async function plainAndWith(ctx: CheckContext, url: string, query: Query): Promise<[CimiObject, CimiObject]> {
  const plain = await ctx.cimi.get(url);
  const withUnknown = await ctx.cimi.get(url, { query });
  expect(withUnknown.status, `unknown query parameters must be ignored: GET ${withUnknown.exchange.url}`).toBe(200);
  return [expectBody(plain, 'plain GET'), expectBody(withUnknown, `GET ${withUnknown.exchange.url}`)];
}

check('CIMI-Q-001', 'unknown query parameters are ignored', async (ctx) => {
  const query: Query = [['foo', '1'], ['$bogus', '1']];
  const image = await ctx.ws.firstItem('machineImages');
  for (const url of [ctx.cimi.cepUrl, await ctx.cimi.resolve(image)]) {
    const [plain, withUnknown] = await plainAndWith(ctx, url, query);
    expect(withUnknown, `GET ${url} with unknown parameters equals the plain GET`).toEqual(plain);
  }
}, { format: 'each' });

// ---- $format

async function contentTypeFor(ctx: CheckContext, accept: 'json' | 'xml', formats: string[]): Promise<string> {
  const query: Query = formats.map((f) => ['$format', f]);
  const res = await ctx.cimi.get(ctx.cimi.cepUrl, { format: accept, query });
  expect(res.status, `GET ${res.exchange.url} with Accept: ${accept}`).toBe(200);
  return res.contentType.split(';')[0]!.trim().toLowerCase();
}

check('CIMI-Q-034', '$format overrides Accept (case-insensitive)', async (ctx) => {
  expect(await contentTypeFor(ctx, 'json', ['xml']), '$format=xml with Accept: application/json').toBe('application/xml');
  expect(await contentTypeFor(ctx, 'xml', ['json']), '$format=json with Accept: application/xml').toBe('application/json');
  expect(await contentTypeFor(ctx, 'json', ['XML']), '$format=XML (values are case-insensitive)').toBe('application/xml');
});

check('CIMI-Q-036', 'only the first $format counts', async (ctx) => {
  expect(await contentTypeFor(ctx, 'json', ['xml', 'json']), '$format=xml&$format=json with Accept: application/json').toBe('application/xml');
  expect(await contentTypeFor(ctx, 'xml', ['json', 'xml']), '$format=json&$format=xml with Accept: application/xml').toBe('application/json');
});

// ---- $orderby (on the run's shared Machines, listed with their marker filter)

/** Orders strings by code point after Unicode NFKD (§4.1.6.6, UAX #15). */
function nfkdCompare(a: string, b: string): number {
  const [x, y] = [[...a.normalize('NFKD')], [...b.normalize('NFKD')]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The names of this check's Machines as listed with `query`. */
async function ordered(ctx: CheckContext, s: Marked, query: Query): Promise<string[]> {
  const shown = query.map(([k, v]) => `${k}=${v}`).join('&');
  return namesOf(await listMachines(ctx.cimi, [['$filter', s.filter], ...query], `GET machines?${shown}`), s.mine);
}

/** The shared Machines' names sorted by `keys` (attribute and direction), strings after NFKD (§4.1.6.6). */
function sortedNames(s: Marked, keys: [attr: 'name' | 'description', desc: boolean][]): string[] {
  return [...s.mine]
    .sort((a, b) => {
      for (const [attr, desc] of keys) {
        const d = nfkdCompare(String(a.body[attr] ?? ''), String(b.body[attr] ?? ''));
        if (d !== 0) return desc ? -d : d;
      }
      return 0;
    })
    .map((m) => m.name);
}

check('CIMI-Q-037', '$orderby=name sorts by binary order after NFKD normalisation', async (ctx) => {
  // NFKD maps U+FB01 (ﬁ) to "fi", which sorts between "b" and "g"; unnormalised it sorts after "g".
  // The shared Machines were created in an order that is neither the sorted one nor its reverse.
  const s = await sharedScope(ctx);
  expect(await ordered(ctx, s, [['$orderby', 'name']]), '$orderby=name: ascending code points after NFKD').toEqual(sortedNames(s, [['name', false]]));
}, { uses: [sharedMachines] });

check('CIMI-Q-038', ':desc reverses; several keys sort left to right', async (ctx) => {
  const s = await sharedScope(ctx);
  expect(await ordered(ctx, s, [['$orderby', 'name:desc']]), '$orderby=name:desc').toEqual(sortedNames(s, [['name', true]]));
  expect(await ordered(ctx, s, [['$orderby', 'description,name:desc']]), '$orderby=description,name:desc: by description, then name descending').toEqual(
    sortedNames(s, [['description', false], ['name', true]]),
  );
  expect(await ordered(ctx, s, [['$orderby', 'description:desc,name']]), '$orderby=description:desc,name').toEqual(sortedNames(s, [['description', true], ['name', false]]));
}, { uses: [sharedMachines] });

check('CIMI-Q-039', 'integers sort numerically and dateTimes chronologically', async (ctx) => {
  const s = await sharedScope(ctx);
  // Judged through the shared Machines' own readings: listed members may be abbreviated (§5.5.12).
  const body = (name: string) => s.mine.find((m) => m.name === name)?.body ?? {};
  const cpus = s.mine.map((m) => m.body['cpu']).filter((c): c is number => typeof c === 'number');
  if (new Set(cpus).size >= 2) {
    // The shared Machines' cpus were created out of order (sharedMachines.ts), so an ignored $orderby shows.
    const byInt = (await ordered(ctx, s, [['$orderby', 'cpu']])).map((n) => body(n)['cpu']);
    expect(byInt, '$orderby=cpu: numeric ascending (2 before 16)').toEqual([...cpus].sort((a, b) => a - b));
  }
  // Creation order is chronological order, so both directions are asked: an ignored $orderby fails one.
  for (const [query, sign] of [['created', 1], ['created:desc', -1]] as const) {
    const created = (await ordered(ctx, s, [['$orderby', query]])).map((n) => String(body(n)['created']));
    for (let i = 1; i < created.length; i++) {
      expect(sign * (compareDates(created[i - 1]!, created[i]!) ?? 0) <= 0, `$orderby=${query}: ${created[i - 1]} is listed before ${created[i]}`).toBe(true);
    }
  }
}, { uses: [sharedMachines] });

check('CIMI-Q-040', '$orderby with $first/$last subsets the sorted list', async (ctx) => {
  if (!ctx.run.features.includes('FirstParameter')) return ctx.notApplicable('the provider does not claim FirstParameter');
  const s = await sharedScope(ctx);
  expect(await ordered(ctx, s, [['$orderby', 'name'], ['$first', '1'], ['$last', '2']]), '$orderby=name&$first=1&$last=2: the first two of the sorted list').toEqual(sortedNames(s, [['name', false]]).slice(0, 2));
}, { uses: [sharedMachines] });
