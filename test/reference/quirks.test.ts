// Every quirk must change the behaviour it claims: each probe checks the rule the quirk breaks and
// must hold on a clean provider and fail on the quirked one. A quirk without a probe fails the run.

import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/harness/catalogue.js';
import { QUIRKS, type QuirkName } from '../../src/reference/quirks.js';
import { type ReferenceProvider, startReferenceProvider } from '../../src/reference/server.js';
import { type Json, NS, act, call, machineCreate, rels, seeded, settled } from './helpers.js';
import { OVF_PROBES } from './ovfProbes.js';

type P = ReferenceProvider;
interface Probe {
  /** transitionMs for both providers (default 0: everything synchronous). */
  transitionMs?: number;
  maxBodyBytes?: number;
  /** True when the rule holds. */
  holds(p: P): Promise<boolean>;
}

const b = (p: P, path = ''): string => `${p.baseUrl}${path}`;
const get = async (url: string, headers: Record<string, string> = {}): Promise<Json> => (await call('GET', url, { headers })).body;
const items = (body: Json): Json[] => (Object.values(body).find(Array.isArray) as Json[] | undefined) ?? [];
const names = async (p: P, q: string): Promise<string[]> => items(await get(b(p, `machineConfigs?${q}`))).map((i) => i['name'] as string);
const count = async (p: P, q: string): Promise<number> => (await get(b(p, `machineConfigs?${q}`)))['count'] as number;
const config = (p: P, name = 'small'): Promise<string> => seeded(p.baseUrl, 'machineConfigs', name);

async function newConfig(p: P, extra: Json = {}): Promise<{ id: string; res: Awaited<ReturnType<typeof call>> }> {
  const res = await call('POST', b(p, 'machineConfigs'), { body: { name: 'probe', cpu: 1, memory: 1024, ...extra } });
  return { id: (res.body['id'] as string | undefined) ?? res.headers.get('location') ?? '', res };
}

/** Creates a Machine (from the small config) and returns its id, settled. */
async function machine(p: P, template: Json = {}, extra: Json = {}): Promise<string> {
  const image = await seeded(p.baseUrl, 'machineImages', 'ubuntu-24.04');
  const r = await call('POST', b(p, 'machines'), { body: machineCreate(await config(p), image, extra, template) });
  const id = r.status === 202 ? r.headers.get('location')! : (r.body['id'] as string);
  await settled(id);
  return id;
}

async function byRef(p: P, override: Json): Promise<{ id: string; template: string }> {
  const template = await seeded(p.baseUrl, 'machineTemplates', 'medium-ubuntu-started');
  const r = await call('POST', b(p, 'machines'), { body: { machineTemplate: { href: template, ...override } } });
  return { id: r.body['id'] as string, template };
}

async function editJob(p: P): Promise<Json> {
  const r = await call('PUT', p.cepUrl, { body: { name: 'n' } });
  return get(r.headers.get('cimi-job-uri')!);
}

async function addJob(p: P): Promise<Json> {
  return get((await newConfig(p)).res.headers.get('cimi-job-uri')!);
}

/** No "", {} or [] anywhere (except the transient error Job id). */
function noEmpties(v: unknown): boolean {
  if (v === '') return false;
  if (Array.isArray(v)) return v.length > 0 && v.every(noEmpties);
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0 && Object.values(v).every(noEmpties);
  return true;
}

const PROBES: Record<QuirkName, Probe> = {
  'no-location-header': { holds: async (p) => (await newConfig(p)).res.headers.get('location') !== null },
  'create-returns-200': { holds: async (p) => (await newConfig(p)).res.status === 201 },
  'unknown-200': { holds: async (p) => (await call('GET', b(p, 'machines/999999'))).status === 404 },
  'delete-unknown-returns-500': { holds: async (p) => (await call('DELETE', b(p, 'machines/999999'))).status === 404 },
  'error-body-not-job': { holds: async (p) => (await get(b(p, 'machines/999999')))['resourceURI'] === `${NS}/Job` },
  'etag-ignored': { holds: async (p) => (await call('PUT', (await newConfig(p)).id, { body: { cpu: 1, memory: 1 }, headers: { 'if-match': '"999"' } })).status === 412 },
  'if-match-always-412': {
    holds: async (p) => {
      const { id } = await newConfig(p);
      const tag = (await call('GET', id)).headers.get('etag')!;
      return (await call('PUT', id, { body: { cpu: 1, memory: 1 }, headers: { 'if-match': tag } })).status === 200;
    },
  },
  'unknown-attribute-accepted': { holds: async (p) => (await call('PUT', p.cepUrl, { body: { name: 'x', colour: 'red' } })).status === 400 },
  'read-only-update-rejected': {
    holds: async (p) => (await call('PUT', (await newConfig(p)).id, { body: { cpu: 1, memory: 1, created: '2001-01-01T00:00:00Z' } })).status === 200,
  },
  'oversize-accepted': { maxBodyBytes: 1000, holds: async (p) => (await call('PUT', p.cepUrl, { body: { name: 'x'.repeat(2000) } })).status === 413 },
  'partial-update-ignores-select': {
    holds: async (p) => {
      const { id } = await newConfig(p, { properties: { k: 'v' } });
      return (await call('PUT', `${id}?$select=name`, { body: { name: 'n' } })).body['properties']?.['k'] === 'v';
    },
  },
  'partial-update-no-erase': {
    holds: async (p) => {
      const { id } = await newConfig(p, { description: 'd' });
      return (await call('PUT', `${id}?$select=name,description`, { body: { name: 'n' } })).body['description'] === undefined;
    },
  },
  'select-extra-body-accepted': {
    holds: async (p) => (await call('PUT', `${(await newConfig(p)).id}?$select=name`, { body: { name: 'n', description: 'd' } })).status === 400,
  },
  'delete-started-machine-allowed': { holds: async (p) => (await call('DELETE', await machine(p, { initialState: 'STARTED' }))).status === 409 },
  'job-header-missing': { holds: async (p) => (await call('PUT', p.cepUrl, { body: { name: 'n' } })).headers.get('cimi-job-uri') !== null },
  'job-progress-not-100': { holds: async (p) => (await editJob(p))['progress'] === 100 },
  'sync-job-not-final': { holds: async (p) => (await editJob(p))['state'] === 'SUCCESS' },
  'add-job-targets-resource': { holds: async (p) => (await addJob(p))['targetResource']?.['href'] === b(p, 'machineConfigs') },
  'job-affected-omits-target': {
    holds: async (p) => {
      const job = await addJob(p);
      return (job['affectedResources'] as Json[]).some((r) => r['href'] === job['targetResource']['href']);
    },
  },
  'xml-unsupported': { holds: async (p) => (await call('GET', p.cepUrl, { headers: { accept: 'application/xml' } })).status === 200 },
  'xml-wrong-namespace': {
    holds: async (p) => new DOMParser().parseFromString((await call('GET', `${p.cepUrl}?$format=xml`)).text, 'application/xml').documentElement?.namespaceURI === NS,
  },
  'xml-collection-no-resourceuri': {
    holds: async (p) => new DOMParser().parseFromString((await call('GET', b(p, 'machineConfigs?$format=xml'))).text, 'application/xml').documentElement?.getAttribute('resourceURI') === `${NS}/MachineConfigurationCollection`,
  },
  'resourceuri-missing': { holds: async (p) => (await get(await machine(p)))['resourceURI'] === `${NS}/Machine` },
  'select-drops-resourceuri': { holds: async (p) => (await get(`${await config(p)}?$select=name`))['resourceURI'] === `${NS}/MachineConfiguration` },
  'empty-string-emitted': { holds: async (p) => noEmpties(await get(await machine(p))) },
  'empty-map-emitted': { holds: async (p) => noEmpties(await get(await machine(p))) },
  'empty-array-emitted': { holds: async (p) => noEmpties(await editJob(p)) },
  'empty-collection-array-emitted': { holds: async (p) => (await get(b(p, 'credentials')))['credentials'] === undefined },
  'dates-without-offset': { holds: async (p) => /(Z|[+-]\d\d:\d\d)$/.test((await get(p.cepUrl))['created'] as string) },
  'integers-as-strings': { holds: async (p) => typeof (await get(await config(p)))['cpu'] === 'number' },
  'booleans-as-strings': { holds: async (p) => typeof (await get(b(p, 'resourceMetadata/Machine')))['attributes'][0]['mutable'] === 'boolean' },
  'properties-provider-key': { holds: async (p) => JSON.stringify((await newConfig(p, { properties: { a: '1' } })).res.body['properties']) === '{"a":"1"}' },
  'baseuri-without-slash': { holds: async (p) => String((await get(p.cepUrl))['baseURI']).endsWith('/') },
  'updated-bumped-by-action': {
    holds: async (p) => {
      const m = await machine(p);
      const before = (await get(m))['updated'];
      await act(m, 'start');
      return (await get(m))['updated'] === before;
    },
  },
  'created-changes-on-update': {
    holds: async (p) => {
      const { id, res } = await newConfig(p);
      return (await call('PUT', id, { body: { cpu: 2, memory: 1 } })).body['created'] === res.body['created'];
    },
  },
  'operations-not-advertised': { holds: async (p) => rels(await get(await machine(p))).includes('delete') },
  'operations-stale': { holds: async (p) => !rels(await get(await machine(p))).includes(`${NS}/action/stop`) },
  'action-rel-relative': { holds: async (p) => rels(await get(await machine(p))).every((r) => ['edit', 'delete'].includes(r) || r.startsWith('http://')) },
  'cep-missing-machines': { holds: async (p) => (await get(p.cepUrl))['machines'] !== undefined },
  'unknown-query-param-400': { holds: async (p) => (await call('GET', `${p.cepUrl}?foo=1`)).status === 200 },
  'filter-and-as-or': { holds: async (p) => (await count(p, "$filter=name='small' and cpu=2")) === 0 },
  'filter-reversed-operands-rejected': { holds: async (p) => (await count(p, "$filter='small'=name")) === 1 },
  'filter-double-quotes-rejected': { holds: async (p) => (await count(p, '$filter=name="small"')) === 1 },
  'filter-property-ignored': {
    holds: async (p) => {
      await newConfig(p, { properties: { k: 'v' } });
      return (await count(p, "$filter=property['k']='v'")) === 1;
    },
  },
  'filter-multiple-last-wins': { holds: async (p) => (await count(p, "$filter=cpu=1&$filter=name='medium'")) === 0 },
  'filter-int-as-string': { holds: async (p) => (await count(p, '$filter=cpu>=2')) === 2 },
  'count-ignores-filter': { holds: async (p) => (await count(p, "$filter=name='small'")) === 1 },
  'count-after-subset': { holds: async (p) => (await count(p, '$first=1&$last=1')) === 3 },
  'first-last-ignored': { holds: async (p) => (await names(p, '$first=2&$last=2')).join() === 'medium' },
  'first-zero-based': { holds: async (p) => (await names(p, '$first=2&$last=2')).join() === 'medium' },
  'orderby-ignored': { holds: async (p) => (await names(p, '$orderby=name')).join() === 'large-arm,medium,small' },
  'orderby-desc-ignored': { holds: async (p) => (await names(p, '$orderby=cpu:desc')).join() === 'large-arm,medium,small' },
  'orderby-without-nfkd': {
    holds: async (p) => {
      await newConfig(p, { name: 'g', properties: { nfkd: 'y' } });
      await newConfig(p, { name: '\uFB01x', properties: { nfkd: 'y' } });
      return (await names(p, "$filter=property['nfkd']='y'&$orderby=name")).join() === '\uFB01x,g';
    },
  },
  'select-drops-id': { holds: async (p) => (await get(`${await config(p)}?$select=*`))['id'] !== undefined },
  'select-order-as-requested': { holds: async (p) => Object.keys(await get(`${await config(p)}?$select=cpu,name`)).join() === 'resourceURI,name,cpu' },
  'select-multiple-last-wins': {
    holds: async (p) => {
      const r = await get(`${await config(p)}?$select=name&$select=cpu`);
      return r['name'] !== undefined && r['cpu'] !== undefined;
    },
  },
  'select-collection-ignored': { holds: async (p) => (await get(b(p, 'machineConfigs?$select=count')))['machineConfigs'] === undefined },
  'expand-ignored': { holds: async (p) => (await get(`${await machine(p)}?$expand=disks`))['disks']['count'] === 1 },
  'format-param-ignored': { holds: async (p) => (await call('GET', `${p.cepUrl}?$format=xml`)).headers.get('content-type') === 'application/xml' },
  'format-last-wins': { holds: async (p) => (await call('GET', `${p.cepUrl}?$format=xml&$format=json`)).headers.get('content-type') === 'application/xml' },
  'no-creating-state': {
    transitionMs: 1000,
    holds: async (p) => {
      const image = await seeded(p.baseUrl, 'machineImages', 'ubuntu-24.04');
      const r = await call('POST', b(p, 'machines'), { body: machineCreate(await config(p), image) });
      return (await get(r.headers.get('location')!))['state'] === 'CREATING';
    },
  },
  'no-deleting-state': {
    transitionMs: 1000,
    holds: async (p) => {
      const m = await machine(p);
      await call('DELETE', m);
      return (await get(m))['state'] === 'DELETING';
    },
  },
  'stop-skips-stopping': {
    transitionMs: 1000,
    holds: async (p) => {
      const m = await machine(p, { initialState: 'STARTED' });
      await act(m, 'stop');
      return (await get(m))['state'] === 'STOPPING';
    },
  },
  'suspend-never-ends': {
    holds: async (p) => {
      const m = await machine(p, { initialState: 'STARTED' });
      await act(m, 'suspend');
      return (await get(m))['state'] === 'SUSPENDED';
    },
  },
  'start-from-suspended-refused': { holds: async (p) => (await act(await machine(p, { initialState: 'SUSPENDED' }), 'start')).status === 200 },
  'restart-ends-stopped': {
    holds: async (p) => {
      const m = await machine(p);
      await act(m, 'restart');
      return (await get(m))['state'] === 'STARTED';
    },
  },
  'initial-state-ignored': { holds: async (p) => (await get(await machine(p, { initialState: 'STARTED' })))['state'] === 'STARTED' },
  'default-state-started': { holds: async (p) => (await get(await machine(p)))['state'] === 'STOPPED' },
  'override-persisted': {
    holds: async (p) => {
      const { template } = await byRef(p, { initialState: 'SUSPENDED' });
      return (await get(template))['initialState'] === 'STARTED';
    },
  },
  'null-erase-ignored': { holds: async (p) => (await get((await byRef(p, { initialState: null })).id))['state'] === 'STOPPED' },
  'template-create-flat': {
    holds: async (p) => (await call('POST', b(p, 'machineTemplates'), { body: { resourceURI: `${NS}/MachineTemplateCreate`, machineTemplate: { machineConfig: { href: await config(p) } } } })).status === 201,
  },
  'by-value-template-exposed': {
    holds: async (p) => {
      const before = (await get(b(p, 'machineTemplates')))['count'];
      await machine(p);
      return (await get(b(p, 'machineTemplates')))['count'] === before;
    },
  },
  'create-ignores-name': { holds: async (p) => (await get(await machine(p, {}, { name: 'n1' })))['name'] === 'n1' },
  'machine-missing-cpuarch': { holds: async (p) => (await get(await machine(p)))['cpuArch'] !== undefined },
  'cpuarch-nonstandard': { holds: async (p) => ['x86_64', 'ARM', 'x86'].includes((await get(await machine(p)))['cpuArch'] as string) },
  'image-missing-location': { holds: async (p) => (await get(await seeded(p.baseUrl, 'machineImages', 'debian-12')))['imageLocation'] !== undefined },
  'invalid-credential-accepted': {
    holds: async (p) => {
      const image = await seeded(p.baseUrl, 'machineImages', 'ubuntu-24.04');
      const body = machineCreate(await config(p), image, {}, { credential: { href: b(p, 'credentials/999999') } });
      return (await call('POST', b(p, 'machines'), { body })).status === 400;
    },
  },
  'deleted-stays-listed': {
    holds: async (p) => {
      const m = await machine(p);
      await call('DELETE', m);
      return !items(await get(b(p, 'machines'))).some((i) => i['id'] === m);
    },
  },
  'disks-survive-machine': {
    holds: async (p) => {
      const m = await machine(p);
      await call('DELETE', m);
      return (await call('GET', `${m}/disks/1`)).status === 404;
    },
  },
  'dangling-ref-kept': {
    holds: async (p) => {
      const { id } = await newConfig(p);
      const t = await call('POST', b(p, 'machineTemplates'), { body: { machineTemplate: { machineConfig: { href: id } } } });
      await call('DELETE', id);
      return (await get(t.body['id'] as string))['machineConfig'] === undefined;
    },
  },
  'rm-flags-missing': { holds: async (p) => (await get(b(p, 'resourceMetadata/Machine')))['attributes'][0]['consumerWritable'] !== undefined },
  'capability-uri-wrong': {
    holds: async (p) => ((await get(b(p, 'resourceMetadata/CloudEntryPoint')))['capabilities'] as Json[]).every((c) => String(c['uri']).startsWith(`${NS}/capability/CloudEntryPoint/`)),
  },  ...OVF_PROBES,
};

// The CIMI provider's quirks; the vCloud provider's are probed in vcloud-quirks.test.ts.
const CIMI_QUIRKS = QUIRKS.filter((q) => (q.suite ?? 'cimi') === 'cimi');

describe('quirks switchboard', () => {
  it('every quirk names at least one requirement of its suite\'s catalogue (or is caught by the portability tests), and names are unique', () => {
    const catalogued = { cimi: new Set(loadCatalogue('cimi').map((r) => r.id)), vcloud: new Set(loadCatalogue('vcloud').map((r) => r.id)) };
    expect(new Set(QUIRKS.map((q) => q.name)).size).toBe(QUIRKS.length);
    expect(CIMI_QUIRKS.length).toBeGreaterThanOrEqual(29);
    for (const q of QUIRKS) {
      expect(q.breaks.length > 0 || q.caughtBy === 'portability', q.name).toBe(true);
      for (const id of q.breaks) expect(catalogued[q.suite ?? 'cimi'].has(id), `${q.name} breaks ${id}`).toBe(true);
    }
  });

  it.each(CIMI_QUIRKS.map((q) => [q.name, q.breaks.join(', ')]))('%s breaks %s', async (name) => {
    const probe = PROBES[name as QuirkName];
    expect(probe, `quirk ${name} has no probe`).toBeDefined();
    const opts = { transitionMs: probe.transitionMs ?? 0, ...(probe.maxBodyBytes ? { maxBodyBytes: probe.maxBodyBytes } : {}) };
    const clean = await startReferenceProvider(opts);
    const quirked = await startReferenceProvider({ ...opts, quirks: [name] });
    try {
      const [withoutQuirk, withQuirk] = await Promise.all([probe.holds(clean), probe.holds(quirked)]);
      expect(withoutQuirk, 'the rule holds without the quirk').toBe(true);
      expect(withQuirk, 'the rule is broken with the quirk').toBe(false);
    } finally {
      await clean.close();
      await quirked.close();
    }
  });
});
