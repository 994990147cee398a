// Unknown query parameters (§4.1.6), $format (§4.1.6.5) and $orderby (§4.1.6.6). Ordering checks
// create their Machines in an order that differs from the sorted one, so an ignored $orderby shows.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/harness/check.js';
import type { CimiObject, Query } from '../../src/harness/cimiClient.js';
import { compareDates } from '../../src/harness/filterOracle.js';
import { expectBody } from '../../src/harness/probes.js';
import { configTemplates, listMachines, markedMachines, namesOf, uniqueTag, type Marked } from './queryScope.js';

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

// ---- $orderby (on this check's Machines, listed with a marker filter)

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

check('CIMI-Q-037', '$orderby=name sorts by binary order after NFKD normalisation', async (ctx) => {
  const p = uniqueTag(ctx, 'ord');
  // NFKD maps U+FB01 (ﬁ) to "fi", which sorts between "a" and "g"; unnormalised it sorts after "g".
  const names = [`${p}-g`, `${p}-\uFB01`, `${p}-a`];
  const s = await markedMachines(ctx, names.map((name) => ({ name })));
  const expected = [...names].sort(nfkdCompare);
  expect(await ordered(ctx, s, [['$orderby', 'name']]), '$orderby=name: ascending code points after NFKD').toEqual(expected);
});

check('CIMI-Q-038', ':desc reverses; several keys sort left to right', async (ctx) => {
  const p = uniqueTag(ctx, 'ord');
  const made = [
    { name: `${p}-a`, description: 'y' },
    { name: `${p}-b`, description: 'x' },
    { name: `${p}-c`, description: 'x' },
  ];
  const s = await markedMachines(ctx, made);
  expect(await ordered(ctx, s, [['$orderby', 'name:desc']]), '$orderby=name:desc').toEqual([`${p}-c`, `${p}-b`, `${p}-a`]);
  expect(await ordered(ctx, s, [['$orderby', 'description,name:desc']]), '$orderby=description,name:desc: by description, then name descending').toEqual([`${p}-c`, `${p}-b`, `${p}-a`]);
  expect(await ordered(ctx, s, [['$orderby', 'description:desc,name']]), '$orderby=description:desc,name').toEqual([`${p}-a`, `${p}-b`, `${p}-c`]);
});

check('CIMI-Q-039', 'integers sort numerically and dateTimes chronologically', async (ctx) => {
  // One Machine per distinct cpu value, created largest first, so creation order is not the sorted one.
  const byCpu = new Map<number, CimiObject>();
  for (const { config, template } of await configTemplates(ctx)) if (typeof config['cpu'] === 'number' && !byCpu.has(config['cpu'])) byCpu.set(config['cpu'], template);
  const cpus = [...byCpu.keys()].sort((a, b) => b - a).slice(0, 3);
  if (cpus.length < 2) return ctx.notApplicable('fewer than two MachineConfigurations with distinct cpu values: integer order cannot show');
  const s = await markedMachines(ctx, cpus.map((cpu) => ({ machineTemplate: byCpu.get(cpu)! })));
  // Judged through this check's own readings of its Machines: listed members may be abbreviated (§5.5.12).
  const cpuOf = (name: string): number => s.mine.find((m) => m.name === name)?.body['cpu'] as number;
  const byInt = (await ordered(ctx, s, [['$orderby', 'cpu']])).map(cpuOf);
  expect(byInt, '$orderby=cpu: numeric ascending (2 before 16)').toEqual([...cpus].sort((a, b) => a - b));
  const createdOf = (name: string): string => String(s.mine.find((m) => m.name === name)?.body['created']);
  const created = (await ordered(ctx, s, [['$orderby', 'created']])).map(createdOf);
  for (let i = 1; i < created.length; i++) {
    expect((compareDates(created[i - 1]!, created[i]!) ?? 0) <= 0, `$orderby=created: ${created[i - 1]} is listed before the earlier ${created[i]}`).toBe(true);
  }
});

check('CIMI-Q-040', '$orderby with $first/$last subsets the sorted list', async (ctx) => {
  if (!ctx.run.features.includes('FirstParameter')) return ctx.notApplicable('the provider does not claim FirstParameter');
  const p = uniqueTag(ctx, 'ord');
  const s = await markedMachines(ctx, ['c', 'a', 'b'].map((x) => ({ name: `${p}-${x}` })));
  expect(await ordered(ctx, s, [['$orderby', 'name'], ['$first', '1'], ['$last', '2']]), '$orderby=name&$first=1&$last=2: the first two of the sorted list').toEqual([`${p}-a`, `${p}-b`]);
});
