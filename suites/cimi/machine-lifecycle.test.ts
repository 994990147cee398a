// Machine create, read and delete (§4.2.1, §5.14): the heart of §7.1.

import { expect } from 'vitest';
import { check } from '../../src/harness/check.js';
import { collectionItems } from '../../src/harness/workspace.js';
import { createConfiguration, expectAttributes, expectHeaders, expectResource, expectStatus } from '../../src/harness/probes.js';

check('CIMI-HTTP-001', 'POST to add answers 201 with Location (or 202)', async (ctx) => {
  // A Machine, and a MachineConfiguration (creatable too, §7.1), which providers often create synchronously.
  for (const made of [await ctx.ws.createMachine(), await createConfiguration(ctx)]) {
    if (!made) continue;
    expectStatus(made.res, [201, 202], 'create must answer 201 Created or 202 Accepted');
    if (made.res.status === 201) expect(made.res.headers['location'], `201 Created must carry Location (${made.res.exchange.url})`).toBeTruthy();
  }
}, { format: 'each' });

check('CIMI-HTTP-002', 'a 201 with a body carries Content-Type and Content-Length', async (ctx) => {
  const made = [await ctx.ws.createMachine(), await createConfiguration(ctx)].filter((m) => m?.res.status === 201 && m.res.text !== '');
  if (made.length === 0) return ctx.notApplicable('no create answered 201 with a body');
  for (const m of made) expectHeaders(m!.res, ['content-type', 'content-length'], '201 Created with a body');
});

check('CIMI-HTTP-003', 'Location dereferences to the new Machine, which is in the collection', async ({ cimi, ws, notApplicable }) => {
  const { res, name } = await ws.createMachine();
  const location = res.headers['location'];
  // Its absence is CIMI-HTTP-001's failure; this check needs one to follow.
  if (!location) return notApplicable('the create response has no Location to follow');
  const url = await cimi.resolve(location);
  const machine = await ws.settle(url);
  expect(machine['name'], 'the resource at Location is the one just created').toBe(name);
  const coll = await cimi.get(await cimi.requireCollection('machines'));
  const ids = await Promise.all(collectionItems(coll.body).map((m) => cimi.resolve(String(m['id']))));
  expect(ids, 'the machines collection lists the new Machine').toContain(await cimi.resolve(String(machine['id'])));
});

check('CIMI-MACH-004', 'a MachineCreate with a by-value template creates a Machine', async ({ cimi, ws }) => {
  const { url } = await ws.createMachine();
  const machine = await ws.settle(url);
  expect(machine['resourceURI'], 'the created resource is a Machine').toBe(cimi.typeUri('Machine'));
  expect(machine['state'], 'creation must not end in ERROR or FAILED').not.toBeOneOf(['ERROR', 'FAILED']);
}, { format: 'each' });

check('CIMI-MACH-006', 'without initialState a new Machine ends STOPPED', async ({ ws }) => {
  const { url } = await ws.createMachine();
  expect((await ws.settle(url))['state']).toBe('STOPPED');
});

check('CIMI-MACH-023', 'name, description and properties from MachineCreate appear on the Machine', async ({ ws }) => {
  const description = 'made by cloudconform';
  const properties = { owner: 'cloudconform', 'quote"key': "it's ünïcödé ✓" };
  const { url, name } = await ws.createMachine({ description, properties });
  const machine = await ws.settle(url);
  expectAttributes(machine, ['id', 'name', 'description'], 'Machine');
  expect({ name: machine['name'], description: machine['description'] }).toEqual({ name, description });
  expect(machine['properties']).toEqual(properties);
}, { format: 'each' });

check('CIMI-GEN-011', 'properties are stored and returned unchanged', async ({ ws }) => {
  const properties = { a: '', b: 'x'.repeat(512), 'ключ': '値', 'sp ace': ' lead and trail ' };
  const { url } = await ws.createMachine({ properties });
  expect((await ws.settle(url))['properties']).toEqual(properties);
});

check('CIMI-GEN-007', 'GET on a Machine id returns that Machine', async ({ cimi, ws }) => {
  const { url } = await ws.createMachine();
  const machine = await ws.settle(url);
  const again = expectResource(await cimi.get(await cimi.resolve(String(machine['id']))), cimi.typeUri('Machine'), 'GET Machine.id');
  expect(again['id']).toBe(machine['id']);
}, { format: 'each' });

check('CIMI-HTTP-011', 'DELETE removes the Machine; GET then answers 404', async ({ cimi, ws }) => {
  const { url } = await ws.createMachine();
  const machine = await ws.settle(url);
  const del = cimi.operation(machine, 'delete');
  expect(del, 'a STOPPED Machine advertises delete').toBeDefined();
  const res = await cimi.delete(await cimi.resolve(del!.href));
  expectStatus(res, [200, 202, 204], 'DELETE must succeed');
  await ws.waitGone(url);
}, { format: 'each' });
