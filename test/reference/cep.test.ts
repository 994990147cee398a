import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import { type Json, NS, call, useProvider } from './helpers.js';

const ctx = useProvider({ transitionMs: 0 });

describe('CloudEntryPoint', () => {
  it('serves id, an absolute baseURI ending in / and the minimal collections', async () => {
    const r = await call('GET', ctx.p.cepUrl);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(r.text));
    expect(r.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(r.body['resourceURI']).toBe(`${NS}/CloudEntryPoint`);
    expect(r.body['id']).toBe(ctx.p.cepUrl);
    expect(r.body['baseURI']).toBe(ctx.p.baseUrl);
    expect(ctx.p.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cimi\/$/);
    for (const c of ['resourceMetadata', 'machines', 'machineImages', 'machineConfigs', 'machineTemplates', 'credentials', 'credentialTemplates', 'jobs']) {
      expect(r.body[c]).toEqual({ href: `${ctx.p.baseUrl}${c}` });
    }
    expect(r.body['operations']).toEqual([{ rel: 'edit', href: ctx.p.cepUrl }]);
  });

  it('every collection href dereferences to a collection of the announced type', async () => {
    const cep = (await call('GET', ctx.p.cepUrl)).body;
    const types: Record<string, string> = {
      resourceMetadata: 'ResourceMetadataCollection',
      machines: 'MachineCollection',
      machineImages: 'MachineImageCollection',
      machineConfigs: 'MachineConfigurationCollection',
      jobs: 'JobCollection',
    };
    for (const [attr, type] of Object.entries(types)) {
      const coll = await call('GET', (cep[attr] as Json)['href'] as string);
      expect(coll.status).toBe(200);
      expect(coll.body['resourceURI']).toBe(`${NS}/${type}`);
      expect(typeof coll.body['count']).toBe('number');
    }
  });

  it('edit updates name and description and ignores baseURI', async () => {
    const before = (await call('GET', ctx.p.cepUrl)).body;
    const r = await call('PUT', ctx.p.cepUrl, { body: { ...before, name: 'renamed', description: 'new', baseURI: 'http://evil/' } });
    expect(r.status).toBe(200);
    expect(r.body['name']).toBe('renamed');
    expect(r.body['baseURI']).toBe(ctx.p.baseUrl);
    expect(r.body['updated']).not.toBe(before['updated']);
    expect(r.body['created']).toBe(before['created']);
    expect(r.headers.get('cimi-job-uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cimi\/jobs\/\d+$/);
  });
});

describe('ResourceMetadata', () => {
  it('describes the CloudEntryPoint with the query-parameter capabilities', async () => {
    const coll = await call('GET', `${ctx.p.baseUrl}resourceMetadata`);
    const items = coll.body['resourceMetadatas'] as Json[];
    expect(coll.body['count']).toBe(items.length);
    const cep = items.find((i) => i['typeURI'] === `${NS}/CloudEntryPoint`)!;
    const caps = (cep['capabilities'] as Json[]).map((c) => c['uri']);
    for (const name of ['FilterParameter', 'FirstParameter', 'SelectParameter', 'ExpandParameter', 'FormatParameter', 'OrderByParameter', 'QueryPathNotation']) {
      expect(caps).toContain(`${NS}/capability/CloudEntryPoint/${name}`);
    }
  });

  it('describes Machine attributes with the four flags, capabilities and actions', async () => {
    const rm = (await call('GET', `${ctx.p.baseUrl}resourceMetadata/Machine`)).body;
    expect(rm['name']).toBe('Machine');
    const attrs = rm['attributes'] as Json[];
    for (const a of ['cpu', 'memory', 'disks', 'cpuArch', 'cpuSpeed', 'state', 'id', 'name']) expect(attrs.map((x) => x['name'])).toContain(a);
    for (const a of attrs) {
      expect(Object.keys(a).sort()).toEqual(['consumerMandatory', 'consumerWritable', 'mutable', 'name', 'providerMandatory']);
    }
    expect(attrs.find((a) => a['name'] === 'id')).toMatchObject({ mutable: false, consumerWritable: false });
    const caps = Object.fromEntries((rm['capabilities'] as Json[]).map((c) => [c['name'], c['value']]));
    expect(caps).toMatchObject({ MachineTemplateByValue: true, MachineConfigByValue: true, MachineStopForce: true, InitialStates: 'STOPPED,STARTED,PAUSED,SUSPENDED' });
    expect((rm['actions'] as Json[]).map((a) => a['uri'])).toEqual(['start', 'stop', 'restart', 'pause', 'suspend', 'capture'].map((n) => `${NS}/action/${n}`));
  });

  it('is read-only', async () => {
    expect((await call('PUT', `${ctx.p.baseUrl}resourceMetadata/Machine`, { body: {} })).status).toBe(405);
    expect((await call('POST', `${ctx.p.baseUrl}resourceMetadata`, { body: {} })).status).toBe(405);
  });
});

describe('protocol errors carry a Job body', () => {
  const expectErrorJob = (r: { status: number; body: Json }, status: number): void => {
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ resourceURI: `${NS}/Job`, id: '', state: 'FAILED', progress: 100 });
    expect(String(r.body['statusMessage'])).not.toBe('');
  };

  it('404 for unknown resources, 405 with Allow for wrong methods', async () => {
    expectErrorJob(await call('GET', `${ctx.p.baseUrl}machines/999999`), 404);
    expectErrorJob(await call('DELETE', `${ctx.p.baseUrl}machines/999999`), 404);
    expectErrorJob(await call('GET', `${ctx.p.baseUrl.replace('/cimi/', '/elsewhere')}`), 404);
    const r = await call('DELETE', ctx.p.cepUrl);
    expectErrorJob(r, 405);
    expect(r.headers.get('allow')).toBe('GET, PUT');
  });

  it('406 for unsupported formats, 415 for unsupported bodies, 400 for malformed ones', async () => {
    expectErrorJob(await call('GET', ctx.p.cepUrl, { headers: { accept: 'text/html' } }), 406);
    expectErrorJob(await call('GET', `${ctx.p.cepUrl}?$format=yaml`), 406);
    expectErrorJob(await call('PUT', ctx.p.cepUrl, { raw: 'name: x', headers: { 'content-type': 'text/yaml' } }), 415);
    expectErrorJob(await call('PUT', ctx.p.cepUrl, { raw: '{"name":', headers: { 'content-type': 'application/json' } }), 400);
    expectErrorJob(await call('PUT', ctx.p.cepUrl, { raw: '[1]', headers: { 'content-type': 'application/json' } }), 400);
  });

  it('413 beyond maxBodyBytes', async () => {
    const p = await startReferenceProvider({ maxBodyBytes: 1000 });
    try {
      expectErrorJob(await call('PUT', p.cepUrl, { body: { name: 'x'.repeat(2000) } }), 413);
    } finally {
      await p.close();
    }
  });

  it('400 for unknown attributes and for a resourceURI of another type', async () => {
    expectErrorJob(await call('PUT', ctx.p.cepUrl, { body: { name: 'x', color: 'red' } }), 400);
    expectErrorJob(await call('PUT', ctx.p.cepUrl, { body: { resourceURI: `${NS}/Machine`, name: 'x' } }), 400);
  });
});

describe('options', () => {
  it('refuses non-loopback hosts and unknown quirks, naming the valid ones', async () => {
    await expect(startReferenceProvider({ host: '0.0.0.0' })).rejects.toThrow(/not a loopback/);
    await expect(startReferenceProvider({ quirks: ['no-such-quirk'] })).rejects.toThrow(/unknown quirk "no-such-quirk"; valid quirks: .*no-location-header/);
  });

  it('enforces basic and bearer auth with WWW-Authenticate', async () => {
    const basic = await startReferenceProvider({ auth: { type: 'basic', username: 'u', password: 'p' } });
    const bearer = await startReferenceProvider({ auth: { type: 'bearer', token: 't0k' } });
    try {
      const denied = await call('GET', basic.cepUrl);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toBe('Basic realm="cimi"');
      expect((await call('GET', basic.cepUrl, { headers: { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` } })).status).toBe(200);
      expect((await call('GET', basic.cepUrl, { headers: { authorization: `Basic ${Buffer.from('u:x').toString('base64')}` } })).status).toBe(401);
      expect((await call('GET', bearer.cepUrl)).headers.get('www-authenticate')).toBe('Bearer realm="cimi"');
      expect((await call('GET', bearer.cepUrl, { headers: { authorization: 'Bearer t0k' } })).status).toBe(200);
    } finally {
      await basic.close();
      await bearer.close();
    }
  });

  it('without Jobs: no jobs collection, no CIMI-Job-URI', async () => {
    const p = await startReferenceProvider({ jobs: false });
    try {
      const cep = await call('GET', p.cepUrl);
      expect(cep.body['jobs']).toBeUndefined();
      expect((await call('GET', `${p.baseUrl}jobs`)).status).toBe(404);
      const put = await call('PUT', p.cepUrl, { body: { name: 'n' } });
      expect(put.status).toBe(200);
      expect(put.headers.get('cimi-job-uri')).toBeNull();
    } finally {
      await p.close();
    }
  });

  it('specVersion 1.1 uses the cimi/1 namespace', async () => {
    const p = await startReferenceProvider({ specVersion: '1.1' });
    try {
      const cep = await call('GET', p.cepUrl);
      expect(cep.body['resourceURI']).toBe('http://schemas.dmtf.org/cimi/1/CloudEntryPoint');
      const xml = await call('GET', p.cepUrl, { headers: { accept: 'application/xml' } });
      expect(xml.text).toMatch(/^<CloudEntryPoint xmlns="http:\/\/schemas\.dmtf\.org\/cimi\/1">/);
      // 1.x XML: operations are not wrapped.
      expect(xml.text).toMatch(/<operation rel="edit" href="[^"]+"\/><\/CloudEntryPoint>$/);
    } finally {
      await p.close();
    }
  });

  it('a 1.x provider names its version in a header and offers none of the 2.0-only features', async () => {
    const [v1, v2] = await Promise.all([startReferenceProvider({ specVersion: '1.1' }), startReferenceProvider({ specVersion: '2.0' })]);
    try {
      expect((await call('GET', v1.cepUrl)).headers.get('cimi-specification-version')).toBe('1.1.0');
      expect((await call('GET', `${v1.baseUrl}machines/999999`)).headers.get('cimi-specification-version')).toBe('1.1.0');
      expect((await call('GET', v2.cepUrl)).headers.get('cimi-specification-version')).toBeNull();
      // ResourceMetadata attributes: the 1.x structure (name, required), not the four 2.0 flags.
      const rm = (await call('GET', `${v1.baseUrl}resourceMetadata/MachineConfiguration`)).body;
      expect(rm['attributes']).toContainEqual({ name: 'cpu', required: true });
      expect(rm['attributes'].some((a: Record<string, unknown>) => 'mutable' in a || 'providerMandatory' in a)).toBe(false);
      const caps = (b: Record<string, unknown>) => (b['capabilities'] as { name: string }[]).map((c) => c.name);
      const cep1 = caps((await call('GET', `${v1.baseUrl}resourceMetadata/CloudEntryPoint`)).body);
      const cep2 = caps((await call('GET', `${v2.baseUrl}resourceMetadata/CloudEntryPoint`)).body);
      expect(cep2.filter((c) => !cep1.includes(c)).sort()).toEqual(['OrderByParameter', 'QueryPathNotation']);
      // $orderby is new in 2.0: a 1.x provider ignores it.
      const names = async (p: typeof v1, q: string) => ((await call('GET', `${p.baseUrl}machineConfigs${q}`)).body['machineConfigs'] as { name: string }[]).map((c) => c.name);
      expect(await names(v1, '?$orderby=name')).toEqual(await names(v1, ''));
      expect(await names(v2, '?$orderby=name')).not.toEqual(await names(v2, ''));
    } finally {
      await Promise.all([v1.close(), v2.close()]);
    }
  });
});
