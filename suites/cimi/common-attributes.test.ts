// Common attributes (§5.7.1, Table 5) and the rules every attribute obeys: identifiers (§5.2),
// unknown attributes (§5.3), read-only attributes in updates (§4.2.1.3), consumer-owned properties (§5.1).

import { expect } from 'vitest';
import { check } from '../../src/cimi/check.js';
import type { CimiObject } from '../../src/cimi/cimiClient.js';
import { crawl, editableFixture, editableMachine, expectStatusClass, fullBody } from '../../src/cimi/probes.js';
import { bringTo } from '../../src/cimi/machineLifecycle.js';

/** One Machine for the file's update and action checks; GEN-012 creates its own (its rule is about a create). */
const editable = editableFixture('common-attributes.test.ts: the Machine the checks update');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAPS = new Set(['properties', 'parameters']);

/** Waits past the clock resolution the provider's timestamps show, so a change of time is visible. */
async function tick(stamp: unknown): Promise<void> {
  const fractional = typeof stamp === 'string' && /T\d\d:\d\d:\d\d\.\d/.test(stamp);
  await new Promise((r) => setTimeout(r, fractional ? 20 : 1100));
}

check('CIMI-COM-001', 'resources expose id, and name and description once set', async (ctx) => {
  const { cimi, ws } = ctx;
  const url = await ctx.use(editable);
  const noId = (await crawl(cimi, { seeds: [url] }))
    .filter((p) => p.res.body && !String(p.res.body['resourceURI'] ?? '').endsWith('Collection') && typeof p.res.body['id'] !== 'string')
    .map((p) => p.url);
  expect(noId, 'CIMI-COM-001: resources without id').toEqual([]);
  const machine = await ws.settle(url);
  const edit = cimi.operation(machine, 'edit');
  if (!edit) return; // name and description can only be set here through create, which CIMI-MACH-023 covers.
  const set = { name: ws.uniqueName('com001'), description: 'set by CIMI-COM-001' };
  expectStatusClass(await cimi.put(await cimi.resolve(edit.href), 'Machine', fullBody(machine, set)), 2, 'PUT setting name and description');
  const after = await ws.settle(url);
  expect({ name: after['name'], description: after['description'] }, 'CIMI-COM-001: name and description after they were set').toEqual(set);
}, { uses: [editable] });

check('CIMI-COM-003', 'id and created do not change across an update', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, machine, edit } = await editableMachine(ctx, editable);
  await tick(machine['created']);
  expectStatusClass(await cimi.put(edit, 'Machine', fullBody(machine, { description: 'changed by CIMI-COM-003' })), 2, 'PUT changing description');
  const after = await ws.settle(url);
  expect(after['description'], 'precondition: the update was applied').toBe('changed by CIMI-COM-003');
  expect({ id: after['id'], created: after['created'] }, 'CIMI-COM-003: id and created after an update').toEqual({ id: machine['id'], created: machine['created'] });
}, { uses: [editable] });

check('CIMI-COM-004', 'an action leaves updated alone; an attribute update changes it', async (ctx) => {
  const { cimi, ws } = ctx;
  const url = await ctx.use(editable);
  let machine = await bringTo(ctx, url, 'STOPPED');
  const before = machine['updated'];
  if (before === undefined) return ctx.notApplicable('the Machine does not expose updated');
  // start then stop: two state changes, and the Machine ends STOPPED, where it can be deleted.
  let acted = false;
  for (const action of ['start', 'stop']) {
    if (!cimi.operation(machine, action)) continue;
    await tick(before);
    expectStatusClass(await cimi.action(machine, action), 2, `precondition: ${action} is accepted`);
    machine = await ws.settle(url);
    expect(machine['updated'], `CIMI-COM-004: updated after the state-changing action ${action}`).toBe(before);
    acted = true;
  }
  const edit = cimi.operation(machine, 'edit');
  if (!acted && !edit) return ctx.notApplicable('the Machine advertises neither an action nor edit');
  if (!edit) return;
  await tick(before);
  expectStatusClass(await cimi.put(await cimi.resolve(edit.href), 'Machine', fullBody(machine, { description: 'changed by CIMI-COM-004' })), 2, 'PUT changing description');
  expect((await ws.settle(url))['updated'], 'CIMI-COM-004: updated after an attribute update').not.toBe(before);
}, { uses: [editable] });

check('CIMI-COM-005', 'a PUT changing read-only attributes succeeds and leaves them unchanged', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, machine, edit } = await editableMachine(ctx, editable);
  const bogus = '2001-02-03T04:05:06Z';
  // Only read-only attributes the Machine has: sending unsupported ones is CIMI-GEN-010's business.
  const changes: CimiObject = { id: `${String(machine['id'])}-other` };
  for (const a of ['created', 'updated']) if (machine[a] !== undefined) changes[a] = bogus;
  const res = await cimi.put(edit, 'Machine', fullBody(machine, changes));
  expectStatusClass(res, 2, `CIMI-COM-005: a PUT changing ${Object.keys(changes).join(', ')} must be accepted (changes ignored)`);
  // Whether they change for other reasons is CIMI-COM-003's business: here, the values sent must not stick.
  const after = await ws.settle(url);
  const stuck = Object.entries(changes).filter(([a, v]) => after[a] === v).map(([a]) => a);
  expect(stuck, 'CIMI-COM-005: read-only attributes that took the value the consumer sent').toEqual([]);
}, { uses: [editable], format: 'each' });

check('CIMI-GEN-010', 'an update with an unknown attribute is rejected and changes nothing', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, machine, edit } = await editableMachine(ctx, editable);
  const res = await cimi.put(edit, 'Machine', fullBody(machine, { description: 'must not be applied', ccUnknownAttribute: 'x' }));
  expectStatusClass(res, 4, 'CIMI-GEN-010: PUT with the unknown attribute ccUnknownAttribute');
  expect((await ws.settle(url))['description'], 'CIMI-GEN-010: the rejected update changed nothing').toBe(machine['description']);
}, { uses: [editable], format: 'each' });

check('CIMI-GEN-012', 'the provider adds no keys of its own to properties', async ({ ws }) => {
  const { url } = await ws.createMachine({}, { properties: { cc_key: 'v' } });
  expect(Object.keys((await ws.settle(url))['properties'] ?? {}), 'CIMI-GEN-012: property keys of a Machine created with {cc_key: "v"}').toEqual(['cc_key']);
}, { creates: { Machine: 1 } });

/** Names that are identifiers (§5.2): attribute names, and the names ResourceMetadata declares. */
function identifiers(rep: unknown, out: string[] = []): string[] {
  if (Array.isArray(rep)) for (const x of rep) identifiers(x, out);
  else if (typeof rep === 'object' && rep !== null) {
    const o = rep as CimiObject;
    const declares = ['attributes', 'capabilities', 'actions'];
    for (const [k, v] of Object.entries(o)) {
      if (k === '$xml') continue;
      out.push(k);
      if (declares.includes(k) && Array.isArray(v)) for (const d of v) if (typeof d?.name === 'string') out.push(d.name);
      if (!MAPS.has(k)) identifiers(v, out);
    }
  }
  return out;
}

check('CIMI-GEN-009', 'attribute, capability and action names are identifiers', async ({ cimi }) => {
  const bad = (await crawl(cimi)).flatMap((p) => identifiers(p.res.body).filter((n) => !IDENTIFIER.test(n)).map((n) => `${p.url}: "${n}"`));
  expect([...new Set(bad)], 'CIMI-GEN-009: names that are not [A-Za-z_][A-Za-z0-9_]*').toEqual([]);
}, { format: 'each' });
