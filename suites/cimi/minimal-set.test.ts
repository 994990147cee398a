// The §7.1 minimal conformance set: the resources every CIMI provider must serve.

import { expect } from 'vitest';
import { check } from '../../src/cimi/check.js';
import type { CimiClient } from '../../src/cimi/cimiClient.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { expectAttributes, expectResource } from '../../src/cimi/probes.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';

const MACHINE_SHAPE = ['cpu', 'memory', 'disks', 'cpuArch', 'cpuSpeed'];

async function firstMember(cimi: CimiClient, collection: string, type: string) {
  const coll = await cimi.get(await cimi.requireCollection(collection));
  const first = collectionItems(coll.body)[0];
  expect(first, `${collection} must have at least one ${type} to inspect`).toBeDefined();
  return expectResource(await cimi.get(await cimi.resolve(String(first!['id']))), cimi.typeUri(type), `GET ${type}`);
}

check('CIMI-MACH-002', 'a MachineConfiguration exposes cpu, memory, disks, cpuArch, cpuSpeed', async ({ cimi }) => {
  expectAttributes(await firstMember(cimi, 'machineConfigs', 'MachineConfiguration'), MACHINE_SHAPE, 'MachineConfiguration');
}, { format: 'each' });

check('CIMI-MACH-003', 'a MachineImage exposes imageLocation', async ({ cimi }) => {
  expectAttributes(await firstMember(cimi, 'machineImages', 'MachineImage'), ['imageLocation'], 'MachineImage');
}, { format: 'each' });

check('CIMI-MACH-001', 'a Machine exposes cpu, memory, disks, cpuArch, cpuSpeed', async (ctx) => {
  const { cimi } = ctx;
  const { url } = await sharedMachine(ctx);
  const machine = expectResource(await cimi.get(url), cimi.typeUri('Machine'), 'GET Machine');
  expectAttributes(machine, MACHINE_SHAPE, 'Machine');
}, { uses: [sharedMachines], format: 'each' });

check('CIMI-COL-001', 'a Collection has id and count equal to its members', async (ctx) => {
  const { cimi } = ctx;
  await ctx.use(sharedMachines); // so that machines has members
  for (const attr of ['machines', 'machineConfigs', 'machineImages', 'resourceMetadata']) {
    const res = await cimi.get(await cimi.requireCollection(attr));
    expect(typeof res.body?.['id'], `${attr}: Collection.id`).toBe('string');
    expect(res.body?.['count'], `${attr}: Collection.count must equal the number of members`).toBe(collectionItems(res.body).length);
  }
}, { uses: [sharedMachines] });

/** Each ResourceMetadata member, dereferenced: a collection may list members by reference only (§5.5.12). */
async function resourceMetadata(cimi: CimiClient) {
  const res = await cimi.get(await cimi.requireCollection('resourceMetadata'));
  const out = [];
  for (const m of collectionItems(res.body)) out.push(expectResource(await cimi.get(await cimi.resolve(String(m['id']))), cimi.typeUri('ResourceMetadata'), 'GET ResourceMetadata'));
  return out;
}

check('CIMI-RM-001', 'ResourceMetadata members have typeURI and name', async ({ cimi }) => {
  const members = await resourceMetadata(cimi);
  expect(members.length, 'ResourceMetadata members').toBeGreaterThan(0);
  for (const rm of members) expectAttributes(rm, ['typeURI', 'name'], 'ResourceMetadata');
}, { format: 'each' });

check('CIMI-RM-002', 'ResourceMetadata attribute entries carry the constraint flags', async ({ cimi }) => {
  const attrs = (await resourceMetadata(cimi)).flatMap((rm) => (Array.isArray(rm['attributes']) ? (rm['attributes'] as Record<string, unknown>[]) : []));
  expect(attrs.length, 'ResourceMetadata attributes entries').toBeGreaterThan(0);
  for (const a of attrs) expectAttributes(a, ['name', 'providerMandatory', 'mutable', 'consumerWritable'], `attribute ${String(a['name'])}`);
});
