// Collections and references (§5.5.12, §5.10): members dereference on their own, deletion leaves
// no trace in collections or references, children go with their parent, and everything is reachable
// from the entry point (§4.1).

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/harness/check.js';
import { isRef, type CimiObject, type CimiResponse } from '../../src/harness/cimiClient.js';
import { collectionItems } from '../../src/harness/workspace.js';
import { createConfiguration, expectStatusClass } from '../../src/harness/probes.js';

/** Absolute ids of a collection's members. */
async function memberIds({ cimi }: CheckContext, url: string): Promise<string[]> {
  const res = await cimi.get(url);
  return Promise.all(collectionItems(res.body).map((m) => cimi.resolve(String(m['id']))));
}

/** A settled Machine of the check's own, and the absolute URL of its disks collection (if any). */
async function machineWithDisks({ cimi, ws }: CheckContext): Promise<{ url: string; machine: CimiObject; disks?: string }> {
  const { url } = await ws.createMachine();
  const machine = await ws.settle(url);
  return { url, machine, ...(isRef(machine['disks']) ? { disks: await cimi.resolve(machine['disks'].href) } : {}) };
}

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

check('CIMI-COL-003', 'a deleted Machine leaves the machines collection', async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, machine } = await machineWithDisks(ctx);
  const coll = await cimi.requireCollection('machines');
  const id = await cimi.resolve(String(machine['id']));
  expect(await memberIds(ctx, coll), 'precondition: the new Machine is listed').toContain(id);
  expectStatusClass(await ws.remove(url), 2, 'precondition: DELETE of the Machine');
  const listed = (await memberIds(ctx, coll)).filter((m) => m === id);
  expect(listed, 'CIMI-COL-003: the deleted Machine among the members of the machines collection').toEqual([]);
}, { creates: { Machine: 1 } });

check('CIMI-COL-008', "deleting a Machine deletes its Disks", async (ctx) => {
  const { cimi, ws } = ctx;
  const { url, disks } = await machineWithDisks(ctx);
  const ids = disks ? await memberIds(ctx, disks) : [];
  if (ids.length === 0) return ctx.notApplicable('the Machine has no Disks');
  expectStatusClass(await ws.remove(url), 2, 'precondition: DELETE of the Machine');
  const survivors: string[] = [];
  for (const id of ids) {
    const res = await cimi.get(id);
    if (res.status < 400) survivors.push(`${id} → ${res.status}`);
  }
  expect(survivors, 'CIMI-COL-008: Disks still readable after their Machine was deleted').toEqual([]);
}, { creates: { Machine: 1 } });

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

/** References this provider lets a check make: the Jobs of a Machine's create and delete, a MachineTemplate's machineConfig. */
async function references(ctx: CheckContext): Promise<Reference[]> {
  const { cimi, ws, run } = ctx;
  const out: Reference[] = [];
  if (run.features.includes('jobs')) {
    const { res, url } = await ws.createMachine();
    await ws.settle(url);
    const job = res.headers['cimi-job-uri'];
    const referrers = job ? [await cimi.resolve(job)] : [];
    const remove = async (): Promise<CimiResponse> => {
      const del = await ws.remove(url);
      // The Job of the DELETE itself names the Machine as its target.
      const delJob = del.headers['cimi-job-uri'];
      if (delJob) referrers.push(await cimi.resolve(delJob));
      return del;
    };
    out.push({ target: url, referrers, remove });
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
}, { creates: { Machine: 1, MachineConfiguration: 1, MachineTemplate: 1 } });

check('CIMI-CEP-006', 'what a create reports (Location, CIMI-Job-URI) is reachable from the entry point', async (ctx) => {
  const { cimi, ws } = ctx;
  const { res, url } = await ws.createMachine();
  const machine = await ws.settle(url);
  const found = async (collectionAttr: string, target: string) => (await memberIds(ctx, (await cimi.collectionUrl(collectionAttr)) ?? '')).includes(target);
  const missing: string[] = [];
  if (!(await found('machines', await cimi.resolve(String(machine['id']))))) missing.push(`${url} is not a member of the entry point's machines collection`);
  if (isRef(machine['disks'])) {
    const disks = await cimi.resolve(machine['disks'].href);
    for (const d of await memberIds(ctx, disks)) if ((await cimi.get(d)).status !== 200) missing.push(`Disk ${d} listed in ${disks} does not dereference`);
  }
  const job = res.headers['cimi-job-uri'];
  if (job && (await cimi.collectionUrl('jobs')) && !(await found('jobs', await cimi.resolve(job)))) missing.push(`Job ${job} is not a member of the entry point's jobs collection`);
  expect(missing, 'CIMI-CEP-006: resources not discoverable from the entry point').toEqual([]);
}, { creates: { Machine: 1 } });
