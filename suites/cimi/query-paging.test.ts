// $first / $last (§4.1.6.2): 1-based inclusive positions in the (filtered, sorted) list; count is not
// affected. Each check lists only the run's shared Machines with their marker filter, so the unsliced
// list is known and stable while concurrent checks create and delete theirs.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { Query } from '../../src/cimi/cimiClient.js';
import { sharedMachines } from '../../src/cimi/sharedMachines.js';
import { listMachines, namesOf, requireFilteredCount, sharedScope, type Marked } from './queryScope.js';

/** The run's shared Machines (sharedMachines.ts). */
const N = 4;

/** The run's N shared Machines and their unsliced order as the provider lists them. */
async function scope(ctx: CheckContext): Promise<Marked & { all: string[] }> {
  const marked = await sharedScope(ctx);
  const all = namesOf(await listMachines(ctx.cimi, [['$filter', marked.filter]], 'unsliced list'), marked.mine);
  return { ...marked, all };
}

/** The names listed for `range`, with the marker filter. */
async function slice(ctx: CheckContext, s: Marked, range: Query, rule: string): Promise<string[]> {
  const shown = range.map(([k, v]) => `${k}=${v}`).join('&');
  return namesOf(await listMachines(ctx.cimi, [['$filter', s.filter], ...range], `${rule}: GET machines?${shown}`), s.mine);
}

/** Positions first..last (1-based, inclusive) of `all`. */
const positions = (all: string[], first: number, last: number): string[] => all.filter((_, i) => i + 1 >= first && i + 1 <= last);

check('CIMI-Q-014', '$first=2&$last=3 lists items 2..3 (1-based, inclusive)', async (ctx) => {
  const s = await scope(ctx);
  for (const [first, last] of [[2, 3], [2, 2], [1, 1]] as const) {
    const got = await slice(ctx, s, [['$first', String(first)], ['$last', String(last)]], 'CIMI-Q-014');
    expect(got, `$first=${first}&$last=${last} must list positions ${first}..${last} of the ${N} filtered members`).toEqual(positions(s.all, first, last));
  }
}, { uses: [sharedMachines], format: 'each' });

check('CIMI-Q-015', '$first alone runs to the end; $last alone starts at 1', async (ctx) => {
  const s = await scope(ctx);
  expect(await slice(ctx, s, [['$first', '2']], 'CIMI-Q-015'), '$first=2 without $last: positions 2..end').toEqual(positions(s.all, 2, N));
  expect(await slice(ctx, s, [['$last', '2']], 'CIMI-Q-015'), '$last=2 without $first: positions 1..2').toEqual(positions(s.all, 1, 2));
}, { uses: [sharedMachines] });

check('CIMI-Q-016', '$first greater than $last lists nothing, without error', async (ctx) => {
  const s = await scope(ctx);
  expect(await slice(ctx, s, [['$first', '3'], ['$last', '2']], 'CIMI-Q-016: no error'), '$first=3&$last=2 is an empty range').toEqual([]);
}, { uses: [sharedMachines] });

check('CIMI-Q-017', 'a range beyond the end lists the in-range items only, without error', async (ctx) => {
  const s = await scope(ctx);
  // Base-independent probes: whether positions start at 0 or 1 is CIMI-Q-014's rule.
  expect(await slice(ctx, s, [['$last', String(N + 5)]], 'CIMI-Q-017: no error'), `$last=${N + 5}: every member, positions past ${N} do not exist`).toEqual(s.all);
  expect(await slice(ctx, s, [['$first', String(N + 2)]], 'CIMI-Q-017: no error'), `$first=${N + 2} is past the end`).toEqual([]);
  expect(await slice(ctx, s, [['$first', String(N + 1)], ['$last', String(N + 10)]], 'CIMI-Q-017: no error'), `$first=${N + 1}&$last=${N + 10} is wholly past the end`).toEqual([]);
}, { uses: [sharedMachines] });

check('CIMI-Q-018', 'count is the filtered total, unaffected by $first/$last', async (ctx) => {
  const s = await scope(ctx);
  await requireFilteredCount(ctx, s);
  for (const range of [[['$first', '2'], ['$last', '3']], [['$first', '3'], ['$last', '2']], [['$last', '1']]] as Query[]) {
    const shown = range.map(([k, v]) => `${k}=${v}`).join('&');
    const { body } = await listMachines(ctx.cimi, [['$filter', s.filter], ...range], `CIMI-Q-018: GET machines?${shown}`);
    expect(body['count'], `count with $filter and ${shown} must be the ${N} filtered members`).toBe(N);
  }
}, { uses: [sharedMachines] });

check('CIMI-Q-019', 'positions count in the filtered list (filter before subset)', async (ctx) => {
  const s = await scope(ctx);
  // One position at a time, so that the base of positions (CIMI-Q-014) does not matter here.
  const picked = [];
  for (const p of ['1', '2']) {
    const got = await slice(ctx, s, [['$first', p], ['$last', p]], 'CIMI-Q-019');
    expect(got.length === 1 && s.all.includes(got[0]!), `$filter with $first=${p}&$last=${p} lists one of this check's ${N} Machines (got ${JSON.stringify(got)})`).toBe(true);
    picked.push(got[0]);
  }
  expect(picked[0] !== picked[1], 'positions 1 and 2 of the filtered list are different Machines').toBe(true);
}, { uses: [sharedMachines] });

check('CIMI-Q-020', 'the same subset request twice lists the same items in the same order', async (ctx) => {
  const s = await scope(ctx);
  const range: Query = [['$first', '2'], ['$last', String(N)]];
  const once = await slice(ctx, s, range, 'CIMI-Q-020');
  expect(await slice(ctx, s, range, 'CIMI-Q-020'), 'ordinal positions are stable while the collection does not change').toEqual(once);
}, { uses: [sharedMachines] });
