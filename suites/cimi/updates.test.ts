// Updates (§4.2.1.3): full PUT, partial PUT through $select (§4.2.1.3.1), conditional PUT with
// If-Match when the provider sends ETags (§4.1.7.2), and oversize requests (§6).

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import { editableFixture, editableMachine, expectStatus, expectStatusClass, fullBody } from '../../src/cimi/probes.js';

const SEEDED = { description: 'seeded description', properties: { seeded: 'yes' } };

/** One Machine for the file: every check seeds it with SEEDED first, so what a check changes does not leak. */
const editable = editableFixture('updates.test.ts: the Machine every update check edits');

check('CIMI-HTTP-007', 'a full PUT to edit updates the mutable attributes', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, machine, edit } = await editableMachine(ctx, editable, SEEDED);
  const changes = { name: ws.uniqueName('http007'), description: 'updated by CIMI-HTTP-007', properties: { updated: 'yes' } };
  const res = await cimi.put(edit, 'Machine', fullBody(machine, changes));
  expectStatus(res, [200, 202, 204], 'CIMI-HTTP-007: a full PUT to the edit href');
  const after = await ws.settle(url);
  // Extra property keys are CIMI-GEN-012's business.
  expect({ name: after['name'], description: after['description'], properties: after['properties'] }, 'CIMI-HTTP-007: attributes after the full update').toMatchObject(changes);
  expect(after['properties'], 'CIMI-HTTP-007: the seeded property was replaced').not.toHaveProperty('seeded');
}, { uses: [editable], format: 'each' });

/** `PUT edit?$select=<select>` with `body`: the partial update of §4.2.1.3.1. */
async function partialPut(ctx: CheckContext, select: string, body: Record<string, unknown>) {
  const { url, machine, edit } = await editableMachine(ctx, editable, SEEDED);
  const res = await ctx.cimi.put(edit, 'Machine', { resourceURI: ctx.cimi.typeUri('Machine'), ...body }, { query: [['$select', select]] });
  return { res, machine, url };
}

check('CIMI-HTTP-008', 'a partial PUT sets listed attributes and erases listed ones absent from the body', async (ctx) => {
  const name = ctx.ws.uniqueName('http008');
  const { res, url } = await partialPut(ctx, 'name,description', { name });
  expectStatusClass(res, 2, 'CIMI-HTTP-008: PUT ?$select=name,description with only name');
  const after = await ctx.ws.settle(url);
  // An erased description sent as "" is CIMI-SER-005's failure, not this one's.
  expect({ name: after['name'], description: after['description'] || undefined }, 'CIMI-HTTP-008: name set, description erased').toEqual({ name, description: undefined });
}, { uses: [editable] });

check('CIMI-HTTP-009', 'a partial PUT whose body has an attribute not in $select is rejected', async (ctx) => {
  const { res, machine, url } = await partialPut(ctx, 'name', { name: ctx.ws.uniqueName('http009'), description: 'not listed in $select' });
  expectStatusClass(res, 4, 'CIMI-HTTP-009: PUT ?$select=name with name and description in the body');
  const after = await ctx.ws.settle(url);
  expect({ name: after['name'], description: after['description'] }, 'CIMI-HTTP-009: the rejected update changed nothing').toEqual({ name: machine['name'], description: machine['description'] });
}, { uses: [editable] });

check('CIMI-HTTP-010', 'a partial PUT leaves attributes not listed in $select alone', async (ctx) => {
  const { res, machine, url } = await partialPut(ctx, 'name', { name: ctx.ws.uniqueName('http010') });
  expectStatusClass(res, 2, 'precondition: PUT ?$select=name with only name is accepted');
  const after = await ctx.ws.settle(url);
  expect({ description: after['description'], properties: after['properties'] }, 'CIMI-HTTP-010: unlisted attributes after PUT ?$select=name').toEqual({ description: machine['description'], properties: machine['properties'] });
}, { uses: [editable] });

check('CIMI-HTTP-018', 'with ETags, a stale If-Match is refused with 412 and a current one succeeds', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, edit } = await editableMachine(ctx, editable, SEEDED);
  const read = async () => {
    const res = await cimi.get(url);
    return { machine: res.body!, etag: res.headers['etag'] };
  };
  const first = await read();
  if (!first.etag) return ctx.notApplicable('the provider sends no ETag');
  expectStatusClass(await cimi.put(edit, 'Machine', fullBody(first.machine, { description: 'moves the ETag on' })), 2, 'precondition: an unconditional PUT');
  const stale = await cimi.put(edit, 'Machine', fullBody(first.machine, { description: 'stale write' }), { headers: { 'If-Match': first.etag } });
  expectStatus(stale, 412, 'CIMI-HTTP-018: PUT with the If-Match of an earlier version');
  const current = await read();
  expect(current.machine['description'], 'CIMI-HTTP-018: the refused write changed nothing').toBe('moves the ETag on');
  const fresh = await cimi.put(edit, 'Machine', fullBody(current.machine, { description: 'fresh write' }), { headers: { 'If-Match': current.etag ?? '' } });
  expectStatus(fresh, [200, 202, 204], 'CIMI-HTTP-018: PUT with the current ETag in If-Match');
  expect((await ws.settle(url))['description'], 'CIMI-HTTP-018: the conditional write was applied').toBe('fresh write');
}, { uses: [editable] });

// Twice the common 1 MiB body limit: absurd for an attribute, and small enough that a provider which
// refuses early still lets the client finish sending and read the status.
const OVERSIZE = 2 * 1024 * 1024;

check('CIMI-HTTP-019', 'an oversize request gets a 4xx', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, machine, edit } = await editableMachine(ctx, editable, SEEDED);
  const res = await cimi.put(edit, 'Machine', fullBody(machine, { description: 'x'.repeat(OVERSIZE) }));
  expectStatusClass(res, 4, `CIMI-HTTP-019: PUT of a ${OVERSIZE / 1024 / 1024} MiB description`);
  expect(String((await ws.settle(url))['description'] ?? '').length, 'CIMI-HTTP-019: the oversize value was not stored').toBeLessThan(OVERSIZE);
}, { uses: [editable] });
