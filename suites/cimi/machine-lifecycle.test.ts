// Machine create, read and delete (§4.2.1, §5.14): the heart of §7.1. One Machine (and one
// MachineConfiguration) per format is created by this file's fixture; each check judges one aspect of
// that create, and the last one deletes it. A refused create is a FAIL of the create rules, not an ERROR.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject, CimiResponse } from '../../src/cimi/cimiClient.js';
import { fixture } from '../../src/cimi/check.js';
import { HarnessError } from '../../src/model/errors.js';
import { collectionItems, type Created } from '../../src/cimi/workspace.js';
import { createConfiguration, expectAttributes, expectHeaders, expectResource, expectStatus } from '../../src/cimi/probes.js';

const description = 'made by cloudconform';
// MACH-023's awkward keys and values, and GEN-011's: an empty value, a long one, non-Latin keys, spaces.
const properties = { owner: 'cloudconform', 'quote"key': "it's ünïcödé ✓", a: '', b: 'x'.repeat(512), 'ключ': '値', 'sp ace': ' lead and trail ' };

interface Creation {
  machine: { res: CimiResponse; created?: Created };
  /** The MachineConfiguration create, when the provider offers add on machineConfigs. */
  config?: { res: CimiResponse; created?: Created };
  /** The Machine once settled, when it was created. */
  settled?: CimiObject;
}

const creation = fixture('machine-lifecycle.test.ts: a created Machine and MachineConfiguration', { creates: { Machine: 1, MachineConfiguration: 1 }, perFormat: true }, async ({ cimi, ws }) => {
  const machine = await ws.tryCreate('machines', 'Machine', { machineTemplate: await ws.byValueTemplate(), description, properties });
  const config = await createConfiguration({ cimi, ws });
  return { machine, ...(config ? { config } : {}), ...(machine.created ? { settled: await ws.settle(machine.created.url) } : {}) } satisfies Creation;
});

/**
 * The created Machine. A refused create fails a check that `judges` the create (a valid §7.1 create must
 * succeed); for the others it is an unmet precondition.
 */
async function created(ctx: CheckContext, judges = false): Promise<Created & { machine: CimiObject }> {
  const { machine, settled } = await ctx.use(creation);
  if (judges) expectStatus(machine.res, [201, 202], "a valid MachineCreate (by-value template from the provider's own configuration and image) must succeed");
  if (!machine.created || !settled) throw new HarnessError('PRECONDITION', `the MachineCreate was refused (${machine.res.status}): CIMI-MACH-004 judges that`);
  return { ...machine.created, machine: settled };
}

check('CIMI-HTTP-001', 'POST to add answers 201 with Location (or 202)', async (ctx) => {
  // A Machine, and a MachineConfiguration (creatable too, §7.1), which providers often create synchronously.
  const { machine, config } = await ctx.use(creation);
  for (const made of [machine, config]) {
    if (!made) continue;
    expectStatus(made.res, [201, 202], 'create must answer 201 Created or 202 Accepted');
    if (made.res.status === 201) expect(made.res.headers['location'], `201 Created must carry Location (${made.res.exchange.url})`).toBeTruthy();
  }
}, { uses: [creation], format: 'each' });

check('CIMI-HTTP-002', 'a 201 with a body carries Content-Type and Content-Length', async (ctx) => {
  const { machine, config } = await ctx.use(creation);
  const made = [machine, config].filter((m) => m?.res.status === 201 && m.res.text !== '');
  if (made.length === 0) return ctx.notApplicable('no create answered 201 with a body');
  for (const m of made) expectHeaders(m!.res, ['content-type', 'content-length'], '201 Created with a body');
}, { uses: [creation] });

check('CIMI-HTTP-003', 'Location dereferences to the new Machine, which is in the collection', async (ctx) => {
  const { cimi, ws } = ctx;
  const { res, name } = await created(ctx);
  const location = res.headers['location'];
  // Its absence is CIMI-HTTP-001's failure; this check needs one to follow.
  if (!location) return ctx.notApplicable('the create response has no Location to follow');
  const url = await cimi.resolve(location);
  const machine = await ws.settle(url);
  expect(machine['name'], 'the resource at Location is the one just created').toBe(name);
  const coll = await cimi.get(await cimi.requireCollection('machines'));
  const ids = await Promise.all(collectionItems(coll.body).map((m) => cimi.resolve(String(m['id']))));
  expect(ids, 'the machines collection lists the new Machine').toContain(await cimi.resolve(String(machine['id'])));
}, { uses: [creation] });

check('CIMI-MACH-004', 'a MachineCreate with a by-value template creates a Machine', async (ctx) => {
  const { machine } = await created(ctx, true);
  expect(machine['resourceURI'], 'the created resource is a Machine').toBe(ctx.cimi.typeUri('Machine'));
  expect(machine['state'], 'creation must not end in ERROR or FAILED').not.toBeOneOf(['ERROR', 'FAILED']);
}, { uses: [creation], format: 'each' });

check('CIMI-MACH-006', 'without initialState a new Machine ends STOPPED', async (ctx) => {
  expect((await created(ctx)).machine['state']).toBe('STOPPED');
}, { uses: [creation] });

check('CIMI-MACH-023', 'name, description and properties from MachineCreate appear on the Machine', async (ctx) => {
  const { url, name } = await created(ctx);
  const machine = await ctx.ws.settle(url);
  expectAttributes(machine, ['id', 'name', 'description'], 'Machine');
  expect({ name: machine['name'], description: machine['description'] }).toEqual({ name, description });
  expect(machine['properties']).toEqual(properties);
}, { uses: [creation], format: 'each' });

check('CIMI-GEN-011', 'properties are stored and returned unchanged', async (ctx) => {
  const { url } = await created(ctx);
  expect((await ctx.ws.settle(url))['properties']).toEqual(properties);
}, { uses: [creation] });

check('CIMI-GEN-007', 'GET on a Machine id returns that Machine', async (ctx) => {
  const { cimi } = ctx;
  const { machine } = await created(ctx);
  const again = expectResource(await cimi.get(await cimi.resolve(String(machine['id']))), cimi.typeUri('Machine'), 'GET Machine.id');
  expect(again['id']).toBe(machine['id']);
}, { uses: [creation], format: 'each' });

// Last in the file: it deletes the fixture's Machine.
check('CIMI-HTTP-011', 'DELETE removes the Machine; GET then answers 404', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url } = await created(ctx);
  const machine = await ws.settle(url);
  const del = cimi.operation(machine, 'delete');
  expect(del, 'a STOPPED Machine advertises delete').toBeDefined();
  const res = await cimi.delete(await cimi.resolve(del!.href));
  expectStatus(res, [200, 202, 204], 'DELETE must succeed');
  await ws.waitGone(url);
}, { uses: [creation], format: 'each' });
