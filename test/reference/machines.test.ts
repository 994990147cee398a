import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import { type Json, NS, act, action, call, gone, machineCreate, newMachine, rels, seeded, settled, stateDuring, useProvider, waitFor } from './helpers.js';

// Transitional states last long enough to be seen between two requests.
const ctx = useProvider({ transitionMs: 150 });
const base = (): string => ctx.p.baseUrl;

describe('Machine creation', () => {
  it('by value: 202 with Location, an absolute CIMI-Job-URI and the running Job; CREATING then STOPPED', async () => {
    const config = await seeded(base(), 'machineConfigs', 'medium');
    const image = await seeded(base(), 'machineImages', 'ubuntu-24.04');
    const props = { team: 'ü-ñ "quoted" \'single\'', long: 'x'.repeat(5000), '': 'empty key' };
    const r = await call('POST', `${base()}machines`, { body: machineCreate(config, image, { name: 'web1', description: 'd', properties: props }) });
    expect(r.status).toBe(202);
    const id = r.headers.get('location')!;
    expect(id).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cimi\/machines\/\d+$/);
    expect(r.headers.get('cimi-job-uri')).toBe(r.body['id']);
    expect(r.body).toMatchObject({ resourceURI: `${NS}/Job`, state: 'RUNNING', action: `${NS}/action/add`, targetResource: { href: `${base()}machines` } });
    expect(r.body['affectedResources']).toEqual([{ href: `${base()}machines` }, { href: id }]);
    expect(await stateDuring(id, r, 'CREATING')).toBe('CREATING');
    const m = await settled(id);
    expect(m).toMatchObject({ name: 'web1', description: 'd', properties: props, state: 'STOPPED', cpu: 2, memory: 4 * 1024 * 1024, cpuArch: 'x86_64', cpuSpeed: 2400 });
    expect(m['disks']).toEqual({ href: `${id}/disks` });
    const disks = (await call('GET', `${id}/disks`)).body;
    expect(disks).toMatchObject({ resourceURI: `${NS}/DiskCollection`, count: 2, parent: { href: id } });
    expect((disks['disks'] as Json[]).map((d) => d['capacity'])).toEqual([20_000_000, 50_000_000]);
    const job = await waitFor(r.body['id'] as string, (j) => j['state'] !== 'RUNNING');
    expect(job).toMatchObject({ state: 'SUCCESS', progress: 100 });
  });

  it('with transitionMs 0 creation is synchronous: 201, body with Content-Type and Content-Length, final Job', async () => {
    const p = await startReferenceProvider({ transitionMs: 0 });
    try {
      const config = await seeded(p.baseUrl, 'machineConfigs', 'small');
      const r = await call('POST', `${p.baseUrl}machines`, { body: machineCreate(config, await seeded(p.baseUrl, 'machineImages', 'debian-12')) });
      expect(r.status).toBe(201);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(r.text));
      expect(r.body).toMatchObject({ resourceURI: `${NS}/Machine`, id: r.headers.get('location'), state: 'STOPPED' });
      const job = (await call('GET', r.headers.get('cimi-job-uri')!)).body;
      expect(job).toMatchObject({ state: 'SUCCESS', progress: 100 });
    } finally {
      await p.close();
    }
  });

  it('honours initialState, and by-reference overrides apply to this Machine only', async () => {
    const started = await newMachine(base(), {}, { initialState: 'STARTED' });
    expect((await call('GET', started)).body['state']).toBe('STARTED');
    const template = await seeded(base(), 'machineTemplates', 'medium-ubuntu-started');
    const before = (await call('GET', template)).body;
    const r = await call('POST', `${base()}machines`, { body: { machineTemplate: { href: template, initialState: 'SUSPENDED' } } });
    expect(r.status).toBe(202);
    expect((await settled(r.headers.get('location')!))['state']).toBe('SUSPENDED');
    const erased = await call('POST', `${base()}machines`, { body: { machineTemplate: { href: template, initialState: null } } });
    expect((await settled(erased.headers.get('location')!))['state']).toBe('STOPPED');
    expect((await call('GET', template)).body).toEqual(before);
  });

  it('never exposes a by-value template', async () => {
    const count = async (): Promise<number> => (await call('GET', `${base()}machineTemplates`)).body['count'] as number;
    const n = await count();
    await newMachine(base());
    expect(await count()).toBe(n);
  });

  it('rejects bad create bodies with 400 and creates nothing', async () => {
    const config = await seeded(base(), 'machineConfigs', 'small');
    const image = await seeded(base(), 'machineImages', 'ubuntu-24.04');
    const n = (await call('GET', `${base()}machines`)).body['count'];
    const bad: Json[] = [
      {},
      { machineTemplate: { machineImage: { href: image } } },
      { ...machineCreate(config, image), color: 'red' },
      machineCreate(config, image, {}, { credential: { href: `${base()}credentials/424242` } }),
      machineCreate(`${base()}machineConfigs/424242`, image),
      machineCreate(config, image, {}, { initialState: 'CREATING' }),
      machineCreate(config, image, {}, { machineImage: { imageLocation: 'http://x' } }),
      { machineTemplate: { machineConfig: { cpu: 1 } } },
      { ...machineCreate(config, image), resourceURI: `${NS}/Machine` },
    ];
    for (const body of bad) expect((await call('POST', `${base()}machines`, { body })).status, JSON.stringify(body)).toBe(400);
    expect((await call('POST', `${base()}machines`, { body: { machineTemplate: { machineConfig: { cpu: 1, memory: 1024 } } } })).status).toBe(202);
    expect((await call('GET', `${base()}machines`)).body['count']).toBe(n + 1);
  });
});

describe('Machine lifecycle', () => {
  it('start: STARTING then STARTED; operations follow the state', async () => {
    const m = await newMachine(base());
    expect(rels(await settled(m))).toEqual(['edit', 'delete', `${NS}/action/start`, `${NS}/action/restart`, `${NS}/action/capture`]);
    const r = await act(m, 'start');
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ state: 'RUNNING', targetResource: { href: m }, action: `${NS}/action/start` });
    expect(await stateDuring(m, r, 'STARTING')).toBe('STARTING');
    const starting = (await call('GET', m)).body;
    if (starting['state'] === 'STARTING') expect(rels(starting)).toEqual(['edit']);
    const on = await settled(m);
    expect(on['state']).toBe('STARTED');
    expect(rels(on)).toEqual(['edit', ...['stop', 'restart', 'pause', 'suspend', 'capture'].map((a) => `${NS}/action/${a}`)]);
    expect((await waitFor(r.body['id'] as string, (j) => j['state'] !== 'RUNNING'))['progress']).toBe(100);
  });

  it('stop (force), restart, pause, suspend and resume', async () => {
    const m = await newMachine(base(), {}, { initialState: 'STARTED' });
    const stop = await act(m, 'stop', { force: true });
    expect(stop.status).toBe(202);
    expect(await stateDuring(m, stop, 'STOPPING')).toBe('STOPPING');
    expect([202, 409]).toContain((await act(m, 'stop', { force: true })).status); // a repeated stop escalates (409 only if already STOPPED)
    expect((await settled(m))['state']).toBe('STOPPED');
    await act(m, 'restart');
    expect((await settled(m))['state']).toBe('STARTED');
    const restart = await act(m, 'restart');
    expect(['STOPPING', 'STARTING']).toContain(await stateDuring(m, restart, 'STOPPING'));
    expect((await settled(m))['state']).toBe('STARTED');
    const pause = await act(m, 'pause');
    expect(await stateDuring(m, pause, 'PAUSING')).toBe('PAUSING');
    expect((await settled(m))['state']).toBe('PAUSED');
    await act(m, 'start');
    expect((await settled(m))['state']).toBe('STARTED');
    await act(m, 'suspend');
    expect((await settled(m))['state']).toBe('SUSPENDED');
    await act(m, 'start');
    expect((await settled(m))['state']).toBe('STARTED');
  });

  it('refuses actions the state does not offer (409, Job body), unknown actions (404) and bad Action bodies (400)', async () => {
    const m = await newMachine(base());
    const r = await act(m, 'stop');
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ resourceURI: `${NS}/Job`, id: '', state: 'FAILED' });
    expect((await act(m, 'explode')).status).toBe(404);
    expect((await call('GET', `${m}/start`)).status).toBe(405);
    expect((await call('POST', `${m}/start`, { body: { action: `${NS}/action/stop` } })).status).toBe(400);
    expect((await call('POST', `${m}/start`, { body: { action: `${NS}/action/start`, color: 1 } })).status).toBe(400);
    expect((await call('GET', m)).body['state']).toBe('STOPPED');
  });

  it('actions change state and ETag but not updated', async () => {
    const m = await newMachine(base());
    const before = await call('GET', m);
    await act(m, 'start');
    await settled(m);
    const after = await call('GET', m);
    expect(after.body['updated']).toBe(before.body['updated']);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('capture creates an IMAGE MachineImage (CREATING then AVAILABLE), Location on the answer', async () => {
    const m = await newMachine(base());
    const r = await act(m, 'capture');
    expect(r.status).toBe(202);
    const image = r.headers.get('location')!;
    expect(r.body['affectedResources']).toEqual([{ href: m }, { href: image }]);
    const img = await waitFor(image, (b) => b['state'] === 'AVAILABLE');
    expect(img).toMatchObject({ resourceURI: `${NS}/MachineImage`, type: 'IMAGE' });
    expect(String(img['imageLocation'])).toMatch(/^https:/);
    expect((await call('GET', m)).body['state']).toBe('STOPPED');
  });

  it('a STARTED Machine must be stopped before deletion; DELETING then 404, disks gone', async () => {
    const m = await newMachine(base(), {}, { initialState: 'STARTED' });
    expect(rels((await call('GET', m)).body)).not.toContain('delete');
    const refused = await call('DELETE', m);
    expect(refused.status).toBe(409);
    expect(String(refused.body['statusMessage'])).toMatch(/stop it first/);
    await act(m, 'stop');
    await settled(m);
    const r = await call('DELETE', m);
    expect(r.status).toBe(202);
    expect(r.headers.get('cimi-job-uri')).toBe(r.body['id']);
    expect(await stateDuring(m, r, 'DELETING')).toBe('DELETING');
    await gone(m);
    expect((await call('GET', `${m}/disks/1`)).status).toBe(404);
    expect((await call('GET', `${m}/disks`)).status).toBe(404);
    const list = (await call('GET', `${base()}machines`)).body['machines'] as Json[];
    expect(list.map((x) => x['id'])).not.toContain(m);
    // The delete Job's targetResource is gone, so the reference is emptied (§5.10.1).
    const job = await waitFor(r.body['id'] as string, (j) => j['state'] === 'SUCCESS');
    expect(job['targetResource']).toBeUndefined();
    expect(job['affectedResources']).toBeUndefined();
  });
});

describe('Machine update', () => {
  it('a full PUT changes mutable attributes, ignores read-only ones, bumps updated and ETag', async () => {
    const m = await newMachine(base(), { name: 'a', description: 'b', properties: { k: 'v' } });
    const before = await call('GET', m);
    const body: Json = { ...before.body, name: 'a2', properties: { k2: 'v2' }, id: 'http://elsewhere/1', created: '2000-01-01T00:00:00Z', cpu: 64, state: 'STARTED' };
    delete body['description'];
    const r = await call('PUT', m, { body });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: m, name: 'a2', properties: { k2: 'v2' }, created: before.body['created'], cpu: 1, state: 'STOPPED' });
    expect(r.body['description']).toBeUndefined();
    expect(r.body['updated'] > before.body['updated']).toBe(true);
    expect(r.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(r.headers.get('cimi-job-uri')).toMatch(/\/cimi\/jobs\/\d+$/);
  });

  it('a partial PUT ?$select changes only listed attributes and erases listed-but-absent ones', async () => {
    const m = await newMachine(base(), { name: 'a', description: 'b', properties: { k: 'v' } });
    const r = await call('PUT', `${m}?$select=name,description`, { body: { name: 'only' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'only', properties: { k: 'v' } });
    expect(r.body['description']).toBeUndefined();
    expect((await call('PUT', `${m}?$select=name`, { body: { name: 'x', description: 'y' } })).status).toBe(400);
    expect((await call('GET', m)).body['name']).toBe('only');
  });

  it('honours If-Match on PUT, DELETE and actions', async () => {
    const m = await newMachine(base());
    const cur = await call('GET', m);
    const tag = cur.headers.get('etag')!;
    expect((await call('PUT', m, { body: { name: 'n' }, headers: { 'if-match': '"999"' } })).status).toBe(412);
    expect((await act(m, 'start', {}, { 'if-match': '"999"' })).status).toBe(412);
    expect((await call('DELETE', m, { headers: { 'if-match': '"999"' } })).status).toBe(412);
    const ok = await call('PUT', m, { body: { name: 'n' }, headers: { 'if-match': tag } });
    expect(ok.status).toBe(200);
    expect((await call('PUT', m, { body: { name: 'm' }, headers: { 'if-match': tag } })).status).toBe(412);
    expect((await call('PUT', m, { body: { name: 'm' }, headers: { 'if-match': '*' } })).status).toBe(200);
  });

  it('rejects unknown attributes and wrongly typed values', async () => {
    const m = await newMachine(base());
    expect((await call('PUT', m, { body: { name: 'x', colour: 'red' } })).status).toBe(400);
    expect((await call('PUT', m, { body: { name: 5 } })).status).toBe(400);
    expect((await call('PUT', m, { body: { properties: { k: 1 } } })).status).toBe(400);
  });

  it('is strict about create and action bodies: unknown attributes, the flat template shape and a wrong resourceURI get 400', async () => {
    const config = await seeded(base(), 'machineConfigs', 'small');
    const image = await seeded(base(), 'machineImages', 'ubuntu-24.04');
    const create = (body: Record<string, unknown>) => call('POST', `${base()}machines`, { body });
    expect((await create({ resourceURI: `${NS}/MachineCreate`, machineConfig: { href: config }, machineImage: { href: image } })).status).toBe(400);
    expect((await create({ ...machineCreate(config, image), resourceURI: `${NS}/Machine` })).status).toBe(400);
    expect((await create(machineCreate(config, image, {}, { colour: 'red' }))).status).toBe(400);
    const m = await newMachine(base());
    const start = (body: Record<string, unknown>) => call('POST', `${m}/start`, { body: { action: action('start'), ...body } });
    expect((await start({ resourceURI: `${NS}/Action`, colour: 'red' })).status).toBe(400);
    expect((await start({ resourceURI: `${NS}/MachineCreate` })).status).toBe(400);
    expect((await start({ resourceURI: `${NS}/Action` })).status).toBeOneOf([200, 202, 204]);
  });
});
