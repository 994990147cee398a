// Collections and references (§5.5.12, §5.10): members dereference on their own, deletion leaves
// no trace in collections or references, children go with their parent, and everything is reachable
// from the entry point (§4.1).

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import { isRef, type CimiResponse } from '../../src/cimi/cimiClient.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { createConfiguration, expectStatusClass } from '../../src/cimi/probes.js';
import { fixture } from '../../src/cimi/check.js';

/** Absolute ids of a collection's members. */
async function memberIds({ cimi }: Pick<CheckContext, 'cimi'>, url: string): Promise<string[]> {
  const res = await cimi.get(url);
  return Promise.all(collectionItems(res.body).map((m) => cimi.resolve(String(m['id']))));
}

/** What was read of the Machine's collection and Disks at one moment. */
interface Seen {
  members: string[];
  /** Each Disk of the Machine (as listed before deletion) and the status a GET of it answered. */
  disks: [string, number][];
}

/**
 * One Machine of the file's, seen settled, then deleted and seen again: the checks of what a create
 * reports, of what deletion removes and of the references it empties judge this one Machine.
 */
const deletedMachine = fixture('collections.test.ts: a Machine created, read and deleted', { creates: { Machine: 1 } }, async (fx) => {
  const { cimi, ws } = fx;
  const { res: created, url } = await ws.createMachine();
  const machine = await ws.settle(url);
  const id = await cimi.resolve(String(machine['id']));
  const coll = await cimi.requireCollection('machines');
  const disksUrl = isRef(machine['disks']) ? await cimi.resolve(machine['disks'].href) : undefined;
  const diskIds = disksUrl ? await memberIds(fx, disksUrl) : [];
  const seen = async (): Promise<Seen> => ({ members: await memberIds(fx, coll), disks: await Promise.all(diskIds.map(async (d) => [d, (await cimi.get(d)).status] as [string, number])) });
  const before = await seen();
  const deleted = await ws.remove(url);
  return { url, id, created, deleted, disksUrl, before, after: await seen() };
});

check('CIMI-COL-002', 'each member has an id that dereferences to that resource alone', async ({ cimi }) => {
  const collections = await Promise.all(['machines', 'machineConfigs', 'machineImages', 'resourceMetadata'].map((c) => cimi.requireCollection(c)));
  // A Machine's disks collection, when there is a Machine to take it from.
  const machine = collectionItems((await cimi.get(collections[0]!)).body)[0];
  const disks = machine && (await cimi.get(await cimi.resolve(String(machine['id'])))).body?.['disks'];
  if (isRef(disks)) collections.push(await cimi.resolve(disks.href));
  const wrong: string[] = [];
  for (const coll of collections) {
    for (const m of collectionItems((await cimi.get(coll)).body).slice(0, 3)) {
      if (typeof m['id'] !== 'string') {
        wrong.push(`${coll}: a member without id`);
        continue;
      }
      const id = await cimi.resolve(m['id']);
      const res = await cimi.get(id);
      // Gone since the listing: deleted concurrently, or listed after deletion (CIMI-COL-003's business).
      if (res.status === 404) continue;
      const uri = String(res.body?.['resourceURI'] ?? '');
      const same = typeof res.body?.['id'] === 'string' && (await cimi.resolve(res.body['id'])) === id;
      if (res.status !== 200 || !same || uri.endsWith('Collection')) wrong.push(`${id} → ${res.status} ${uri} id=${String(res.body?.['id'])}`);
    }
  }
  expect(wrong, 'CIMI-COL-002: members whose id does not dereference to the member itself').toEqual([]);
}, { format: 'each' });

/** The file's deleted Machine, its deletion accepted (else a precondition of the check). */
async function afterDeletion(ctx: CheckContext) {
  const d = await ctx.use(deletedMachine);
  expectStatusClass(d.deleted, 2, `precondition: DELETE of the Machine ${d.url}`);
  return d;
}

check('CIMI-COL-003', 'a deleted Machine leaves the machines collection', async (ctx) => {
  const { id, before, after } = await afterDeletion(ctx);
  expect(before.members, 'precondition: the new Machine is listed').toContain(id);
  expect(after.members.filter((m) => m === id), 'CIMI-COL-003: the deleted Machine among the members of the machines collection').toEqual([]);
}, { uses: [deletedMachine] });

check('CIMI-COL-008', "deleting a Machine deletes its Disks", async (ctx) => {
  const { after } = await afterDeletion(ctx);
  if (after.disks.length === 0) return ctx.notApplicable('the Machine has no Disks');
  const survivors = after.disks.filter(([, status]) => status < 400).map(([id, status]) => `${id} → ${status}`);
  expect(survivors, 'CIMI-COL-008: Disks still readable after their Machine was deleted').toEqual([]);
}, { uses: [deletedMachine] });

/** Every href in a representation (the resource's references, not where its operations go). */
function hrefs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) hrefs(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'href' && typeof x === 'string') out.push(x);
      else if (k !== 'operations') hrefs(x, out);
    }
  }
  return out;
}

interface Reference {
  /** The resource that will be deleted. */
  target: string;
  /** Resources that referred to it. */
  referrers: string[];
  remove(): Promise<CimiResponse>;
}

/** References this provider lets a check make: the Jobs of the file's deleted Machine's create and delete, a MachineTemplate's machineConfig. */
async function references(ctx: CheckContext): Promise<Reference[]> {
  const { cimi, ws, run } = ctx;
  const out: Reference[] = [];
  if (run.features.includes('jobs')) {
    const { url, created, deleted } = await ctx.use(deletedMachine);
    // The Job of the DELETE itself names the Machine as its target.
    const jobs = [created.headers['cimi-job-uri'], deleted.headers['cimi-job-uri']].filter((j): j is string => Boolean(j));
    out.push({ target: url, referrers: await Promise.all(jobs.map((j) => cimi.resolve(j))), remove: async () => deleted });
  }
  if (run.features.includes('machineTemplates')) {
    // Without a creatable MachineConfiguration there is no template case.
    const config = (await createConfiguration(ctx))?.created;
    if (config) {
      const template = await ws.createTemplate('machineTemplates', 'MachineTemplate', { machineConfig: { href: config.url }, machineImage: { href: await ws.firstItem('machineImages') } });
      out.push({ target: config.url, referrers: [template.url], remove: () => ws.remove(config.url, 'machineConfigs') });
    }
  }
  return out;
}

check('CIMI-COL-007', 'deleting a resource empties the references to it', async (ctx) => {
  const { cimi } = ctx;
  const refs = await references(ctx);
  if (refs.length === 0) return ctx.notApplicable('no way to make a reference here: neither Jobs nor MachineTemplates with a creatable MachineConfiguration');
  const dangling: string[] = [];
  for (const r of refs) {
    expectStatusClass(await r.remove(), 2, `precondition: DELETE ${r.target}`);
    for (const referrer of r.referrers) {
      const body = (await cimi.get(referrer)).body;
      const targets = await Promise.all(hrefs(body).map((h) => cimi.resolve(h)));
      if (targets.includes(r.target)) dangling.push(`${referrer} still refers to ${r.target}`);
    }
  }
  expect(dangling, 'CIMI-COL-007: references to deleted resources').toEqual([]);
}, { creates: { MachineConfiguration: 1, MachineTemplate: 1 }, uses: [deletedMachine] });

check('CIMI-CEP-006', 'what a create reports (Location, CIMI-Job-URI) is reachable from the entry point', async (ctx) => {
  const { cimi } = ctx;
  // As seen while the Machine existed; its create Job outlives it.
  const { url, id, created, disksUrl, before } = await ctx.use(deletedMachine);
  const missing: string[] = [];
  if (!before.members.includes(id)) missing.push(`${url} is not a member of the entry point's machines collection`);
  for (const [d, status] of before.disks) if (status !== 200) missing.push(`Disk ${d} listed in ${disksUrl ?? '?'} does not dereference (${status})`);
  const job = created.headers['cimi-job-uri'];
  const jobs = await cimi.collectionUrl('jobs');
  if (job && jobs && !(await memberIds(ctx, jobs)).includes(await cimi.resolve(job))) missing.push(`Job ${job} is not a member of the entry point's jobs collection`);
  expect(missing, 'CIMI-CEP-006: resources not discoverable from the entry point').toEqual([]);
}, { uses: [deletedMachine] });
