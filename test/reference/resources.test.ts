import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import { type Json, NS, call, machineCreate, newMachine, seeded, useProvider, waitFor } from './helpers.js';

const ctx = useProvider({ transitionMs: 10 });
const base = (): string => ctx.p.baseUrl;

describe('MachineConfigurations, MachineImages, MachineTemplates, Credentials', () => {
  it('seeds configurations and images with the minimal attributes', async () => {
    const configs = (await call('GET', `${base()}machineConfigs`)).body['machineConfigs'] as Json[];
    expect(configs.length).toBeGreaterThanOrEqual(3);
    for (const c of configs) for (const a of ['cpu', 'memory', 'disks', 'cpuArch', 'cpuSpeed']) expect(c[a], a).toBeDefined();
    const images = (await call('GET', `${base()}machineImages`)).body['machineImages'] as Json[];
    for (const i of images) expect(i).toMatchObject({ state: 'AVAILABLE', type: 'IMAGE', imageLocation: expect.stringMatching(/^https:/) });
  });

  it('creates, reads, updates and deletes a MachineConfiguration synchronously', async () => {
    const body = { resourceURI: `${NS}/MachineConfiguration`, name: 'tiny', cpu: 1, memory: 512 * 1024, cpuArch: 'ARM', disks: [{ capacity: 1000, format: 'ext4' }] };
    const r = await call('POST', `${base()}machineConfigs`, { body });
    expect(r.status).toBe(201);
    const id = r.headers.get('location')!;
    expect(r.body).toMatchObject({ id, name: 'tiny', cpu: 1, disks: [{ capacity: 1000, format: 'ext4' }] });
    const job = (await call('GET', r.headers.get('cimi-job-uri')!)).body;
    expect(job).toMatchObject({ state: 'SUCCESS', progress: 100, targetResource: { href: `${base()}machineConfigs` } });
    expect(job['affectedResources']).toContainEqual({ href: id });
    expect((await call('PUT', id, { body: { ...r.body, cpu: 4 } })).body['cpu']).toBe(4);
    expect((await call('PUT', id, { body: { name: 'no cpu' } })).status).toBe(400); // cpu and memory are consumerMandatory
    expect((await call('POST', `${base()}machineConfigs`, { body: { name: 'x' } })).status).toBe(400);
    const del = await call('DELETE', id);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ resourceURI: `${NS}/Job`, state: 'SUCCESS' });
    expect((await call('GET', id)).status).toBe(404);
  });

  it('accepts ...Create as resourceURI of a plain create', async () => {
    const r = await call('POST', `${base()}machineImages`, { body: { resourceURI: `${NS}/MachineImageCreate`, name: 'img', imageLocation: 'https://example.org/i.qcow2' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'AVAILABLE', type: 'IMAGE', imageLocation: 'https://example.org/i.qcow2' });
    expect((await call('POST', `${base()}machineImages`, { body: { name: 'no location' } })).status).toBe(400);
  });

  it('a MachineImage whose imageLocation is a Machine captures it', async () => {
    const m = await newMachine(base());
    const r = await call('POST', `${base()}machineImages`, { body: { name: 'cap', imageLocation: m } });
    expect(r.status).toBe(202);
    const img = await waitFor(r.headers.get('location')!, (b) => b['state'] === 'AVAILABLE');
    expect(img['name']).toBe('cap');
    expect(img['imageLocation']).not.toBe(m);
  });

  it('MachineTemplates validate their references; deleting a referenced config empties the reference', async () => {
    const image = await seeded(base(), 'machineImages', 'debian-12');
    const config = (await call('POST', `${base()}machineConfigs`, { body: { name: 'c', cpu: 1, memory: 1024 } })).headers.get('location')!;
    const create = (machineTemplate: Json) => call('POST', `${base()}machineTemplates`, { body: { resourceURI: `${NS}/MachineTemplateCreate`, name: 't', machineTemplate } });
    expect((await create({ machineConfig: { href: `${base()}machineConfigs/31337` } })).status).toBe(400);
    const t = await create({ machineConfig: { href: config }, machineImage: { href: image }, userData: 'aGVsbG8=' });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({ resourceURI: `${NS}/MachineTemplate`, name: 't', userData: 'aGVsbG8=' });
    const id = t.headers.get('location')!;
    expect((await call('GET', `${id}?$expand=machineConfig`)).body['machineConfig']).toMatchObject({ href: config, cpu: 1, memory: 1024 });
    await call('DELETE', config);
    const after = (await call('GET', id)).body;
    expect(after['machineConfig']).toBeUndefined();
    expect(after['machineImage']).toEqual({ href: image });
  });

  it('a Template is created by value only, from <Type>Create: the flat shape, an href and a wrong resourceURI are refused (400)', async () => {
    const config = await seeded(base(), 'machineConfigs', 'small');
    const post = (body: Json) => call('POST', `${base()}machineTemplates`, { body });
    const flat = await post({ resourceURI: `${NS}/MachineTemplateCreate`, name: 'flat', machineConfig: { href: config } });
    expect([flat.status, flat.body['statusMessage']]).toEqual([400, '400: unknown attribute machineConfig']);
    expect((await post({ resourceURI: `${NS}/MachineTemplate`, machineTemplate: { machineConfig: { href: config } } })).status).toBe(400);
    expect((await post({ machineTemplate: { href: `${base()}machineTemplates/1` } })).status).toBe(400);
    expect((await post({ name: 'no template' })).status).toBe(400);
    const xml = (body: string) => call('POST', `${base()}machineTemplates`, { raw: `<MachineTemplateCreate xmlns="${NS}"><name>x</name>${body}</MachineTemplateCreate>`, headers: { 'content-type': 'application/xml', accept: 'application/json' } });
    expect((await xml(`<machineConfig href="${config}"/>`)).status).toBe(400);
    const ok = await xml(`<description>d</description><machineTemplate><machineConfig href="${config}"/><initialState>STOPPED</initialState></machineTemplate>`);
    expect([ok.status, ok.body['name'], ok.body['description'], ok.body['initialState'], ok.body['machineConfig']]).toEqual([201, 'x', 'd', 'STOPPED', { href: config }]);
    const tpl = await call('POST', `${base()}credentialTemplates`, { body: { resourceURI: `${NS}/CredentialTemplateCreate`, name: 'ct', credentialTemplate: { parameters: { userName: 'u' } } } });
    expect([tpl.status, tpl.body['parameters']]).toEqual([201, { userName: 'u' }]);
    expect((await call('POST', `${base()}credentialTemplates`, { body: { name: 'ct', parameters: { userName: 'u' } } })).status).toBe(400);
  });

  it('Credentials are created from a CredentialTemplate by reference or by value', async () => {
    const tpl = await seeded(base(), 'credentialTemplates', 'admin-user');
    const byRef = await call('POST', `${base()}credentials`, { body: { resourceURI: `${NS}/CredentialCreate`, name: 'c1', credentialTemplate: { href: tpl } } });
    expect(byRef.status).toBe(201);
    expect(byRef.body).toMatchObject({ name: 'c1', parameters: { userName: 'admin' } });
    const byValue = await call('POST', `${base()}credentials`, { body: { credentialTemplate: { parameters: { key: 'ssh-ed25519 AAAA' } } } });
    expect(byValue.body['parameters']).toEqual({ key: 'ssh-ed25519 AAAA' });
    expect((await call('POST', `${base()}credentials`, { body: { name: 'no template' } })).status).toBe(400);
    const m = await newMachine(base(), {}, { credential: { href: byRef.headers.get('location') } });
    expect(m).toMatch(/machines\/\d+$/);
  });
});

describe('Jobs', () => {
  it('lists Jobs; a finished Job can be edited and deleted, states and progress are in range', async () => {
    const r = await call('PUT', ctx.p.cepUrl, { body: { name: 'n' } });
    const jobId = r.headers.get('cimi-job-uri')!;
    const jobs = (await call('GET', `${base()}jobs`)).body;
    expect(jobs['resourceURI']).toBe(`${NS}/JobCollection`);
    expect(jobs['operations']).toBeUndefined(); // no add
    for (const j of jobs['jobs'] as Json[]) {
      expect(['QUEUED', 'RUNNING', 'FAILED', 'SUCCESS', 'STOPPING', 'STOPPED']).toContain(j['state']);
      expect(j['progress']).toBeGreaterThanOrEqual(0);
      expect(j['progress']).toBeLessThanOrEqual(100);
      if (j['targetResource']) expect(j['affectedResources']).toContainEqual(j['targetResource']);
    }
    expect((await call('PUT', jobId, { body: { name: 'renamed job' } })).body['name']).toBe('renamed job');
    expect((await call('DELETE', jobId)).status).toBe(200);
    expect((await call('GET', jobId)).status).toBe(404);
  });

  it('a RUNNING Job cannot be deleted', async () => {
    const slow = await startReferenceProvider({ transitionMs: 5000 });
    try {
      const image = await seeded(slow.baseUrl, 'machineImages', 'debian-12');
      const add = await call('POST', `${slow.baseUrl}machines`, { body: machineCreate(await seeded(slow.baseUrl, 'machineConfigs', 'small'), image) });
      expect(add.status).toBe(202);
      expect((await call('DELETE', add.body['id'] as string)).status).toBe(409);
      expect((await call('DELETE', add.headers.get('location')!)).status).toBe(409); // CREATING offers no delete
    } finally {
      await slow.close();
    }
  });
});
