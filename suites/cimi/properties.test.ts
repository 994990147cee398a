// Property-based checks (fast-check): generated Machines (unicode, quotes, long strings) and generated
// queries over the run's shared Machines, judged by laws rather than examples. Sized by the profile's property.numRuns
// (property.creatingRuns for MACH-023, whose every case is a paid boot, ledgered and deleted at the end of its case);
// a failure prints its seed and path, and `cloudconform run --replay <seed:path> --requirement <id>` replays it.

import { expect } from 'vitest';
import fc from 'fast-check';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject } from '../../src/cimi/cimiClient.js';
import { assertProperty, propertyRuns } from '../../src/harness/property.js';
import { filterOver, machineSpec } from '../../src/cimi/arbitraries.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';
import { evaluate, printFilter } from '../../src/cimi/filterOracle.js';
import { createMine, listMachines, requireFilteredCount, sharedScope, uniqueTag, type Mine } from './queryScope.js';

/** Creates the Machines of one run, runs `body`, and deletes them whatever happened. */
async function withMachines<T>(ctx: CheckContext, extras: CimiObject[], body: (mine: Mine[]) => Promise<T>): Promise<T> {
  let mine: Mine[] = [];
  try {
    mine = await createMine(ctx, extras);
    return await body(mine);
  } finally {
    for (const m of mine) await ctx.ws.remove(m.url);
  }
}

check('CIMI-Q-004', 'property: $filter lists each shared Machine exactly when the oracle says a generated filter matches it', async (ctx) => {
  // Generated filters (nesting, operators, quoting) over the run's shared Machines, whose values include
  // a ligature and quotes; generated stored values are MACH-023's property.
  const { machines: mine } = await ctx.use(sharedMachines);
  const specs = mine.map((m) => ({ name: m.name, description: String(m.body['description'] ?? ''), properties: (m.body['properties'] ?? {}) as Record<string, string> }));
  await assertProperty(
    ctx,
    fc.asyncProperty(fc.array(filterOver(specs), { minLength: 1, maxLength: 4 }), async (filters) => {
      for (const f of filters) {
        const text = printFilter(f);
        const { ids } = await listMachines(ctx.cimi, [['$filter', text]], `GET machines?$filter=${text}`);
        // The oracle reads the provider's own representation; it judges only what the spec pins down.
        for (const m of mine) {
          const verdict = evaluate(f, m.body);
          if (verdict !== undefined) expect(ids.includes(m.id), `$filter=${text} ${verdict ? 'must' : 'must not'} list Machine ${JSON.stringify(m.name)}`).toBe(verdict);
        }
      }
    }),
  );
}, { uses: [sharedMachines] });

check('CIMI-Q-041', 'property: $first/$last list positions first..last of the filtered list; count is unaffected', async (ctx) => {
  const s = await sharedScope(ctx);
  await requireFilteredCount(ctx, s);
  const { ids: all } = await listMachines(ctx.cimi, [['$filter', s.filter]], 'the unsliced filtered list');
  const bound = (min: number) => fc.option(fc.integer({ min, max: all.length + 2 }), { nil: undefined });
  await assertProperty(
    ctx,
    fc.asyncProperty(bound(1), bound(0), async (first, last) => {
      const range: [string, string][] = [...(first === undefined ? [] : [['$first', String(first)] as [string, string]]), ...(last === undefined ? [] : [['$last', String(last)] as [string, string]])];
      const shown = range.map(([k, v]) => `${k}=${v}`).join('&') || '(no range)';
      const { body, ids } = await listMachines(ctx.cimi, [['$filter', s.filter], ...range], `GET machines?${shown}`);
      const expected = all.filter((_, i) => i + 1 >= (first ?? 1) && i + 1 <= (last ?? all.length));
      expect(ids, `${shown}: positions ${first ?? 1}..${last ?? all.length} (1-based, inclusive) of the ${all.length} filtered members`).toEqual(expected);
      expect(body['count'], `${shown}: count is the filtered total`).toBe(all.length);
    }),
  );
}, { uses: [sharedMachines] });

/** Attribute names of a representation, without resourceURI. */
const attrs = (o: CimiObject): string[] => Object.keys(o).filter((k) => k !== 'resourceURI');

check('CIMI-Q-021', 'property: $select of any of its attributes yields exactly those, with their values, and resourceURI', async (ctx) => {
  const m = await sharedMachine(ctx);
  await assertProperty(
    ctx,
    fc.asyncProperty(fc.shuffledSubarray(attrs(m.body), { minLength: 1 }), async (selected) => {
      const res = await ctx.cimi.get(m.url, { query: [['$select', selected.join(',')]] });
      expect(res.status, `GET ${res.exchange.url}`).toBe(200);
      const body = res.body ?? {};
      expect(body['resourceURI'], `$select=${selected.join(',')}: resourceURI is always present`).toBe(ctx.cimi.typeUri('Machine'));
      expect(attrs(body).sort(), `$select=${selected.join(',')}: exactly the selected attributes`).toEqual([...selected].sort());
      expect(Object.fromEntries(selected.map((a) => [a, body[a]])), 'the selected attributes keep their values').toEqual(Object.fromEntries(selected.map((a) => [a, m.body[a]])));
    }),
  );
}, { uses: [sharedMachines] });

check('CIMI-MACH-023', 'property: generated name, description and properties come back unchanged', async (ctx) => {
  await assertProperty(
    ctx,
    fc.asyncProperty(machineSpec(uniqueTag(ctx, 'pbt')), (spec) =>
      withMachines(ctx, [{ ...spec }], async ([m]) => {
        const { name, description, properties } = m!.body;
        // An empty map is omitted (§5.5.7): absent properties read as {}.
        expect({ name, description, properties: properties ?? {} }, 'the Machine carries what its MachineCreate said').toEqual(spec);
      }),
    ),
    'creating',
  );
}, { creates: (run) => ({ Machine: propertyRuns(run, 'creating') }) });
