import { describe, expect, it } from 'vitest';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { PackageServer } from '../../src/cimi/packageServer.js';
import { planImport } from '../../src/reference/ovfMapping.js';
import { type Json, NS, action, call, useProvider } from './helpers.js';
import { SHAPE, count, exportOf, exportedPackage, importFrom, importSample, imported, mutated, samplePackage } from './ovfHelpers.js';

const ctx = useProvider({ transitionMs: 0 });
const KIB_PER_MIB = 1024;

describe('OVF mapping (Annex A)', () => {
  it('maps cpu, memory with its units, disk capacities in kilobytes, NICs, networks and product properties', () => {
    const env = envelopeOf(SHAPE);
    const mem = env.content!.hardware[0]!.items.find((i) => i.props['ResourceType']?.[0] === '4')!;
    mem.props['AllocationUnits'] = ['byte * 2^30'];
    mem.props['VirtualQuantity'] = ['2'];
    const plan = planImport(env);
    expect(plan.machines).toHaveLength(1);
    const m = plan.machines[0]!;
    expect(m.config).toEqual({ cpu: 2, memory: 2 * 1024 * 1024, disks: [{ capacity: Math.ceil((3 * 2 ** 20) / 1000) }, { capacity: Math.ceil(2 ** 20 / 1000) }] });
    expect(m.interfaces).toEqual([{ name: 'Network adapter 1', network: 'VM Network' }, { name: 'Network adapter 2', network: 'backend' }]);
    expect(m.properties).toEqual({ port: '80' });
    expect(plan.networks.map((n) => n.name)).toEqual(['VM Network', 'backend']);
    expect(planImport(env, { ignoreMemoryUnits: true }).machines[0]!.config.memory).toBe(2);
  });

  it('refuses a VirtualSystem without memory', () => {
    const env = envelopeOf(SHAPE);
    const hw = env.content!.hardware[0]!;
    hw.items = hw.items.filter((i) => i.props['ResourceType']?.[0] !== '4');
    expect(() => planImport(env)).toThrow(/memory/);
  });
});

describe('import on the systemTemplates collection', () => {
  it('is advertised on the collection, which the CEP lists, and only there', async () => {
    const cep = (await call('GET', ctx.p.cepUrl)).body;
    expect(cep['systemTemplates']).toEqual({ href: ctx.url('systemTemplates') });
    const coll = (await call('GET', ctx.url('systemTemplates'))).body;
    expect(coll['resourceURI']).toBe(`${NS}/SystemTemplateCollection`);
    expect(coll['operations']).toEqual([{ rel: action('import'), href: ctx.url('systemTemplates/import') }]);
    expect((await call('GET', ctx.url('machineTemplates'))).body['operations']).toEqual([{ rel: 'add', href: ctx.url('machineTemplates') }]);
  });

  it.each(['ova', 'folder'] as const)('creates a SystemTemplate, a MachineTemplate and its configuration from an %s', async (layout) => {
    await PackageServer.using(async (ps) => {
      const source = await ps.servePackage(samplePackage(), layout);
      const res = await importFrom(ctx.p, source);
      expect(res.status, res.text).toBe(200);
      expect(res.body['state']).toBe('SUCCESS');
      const { st, mt, mc } = await imported(res.headers.get('location')!);
      expect(st['resourceURI']).toBe(`${NS}/SystemTemplate`);
      expect(st['importImage']).toBe(source);
      expect(st['operations']).toContainEqual({ rel: action('export'), href: `${st['id'] as string}/export` });
      const components = st['componentDescriptors'] as Json[];
      expect(components.map((c) => [c['type'], c['name']])).toEqual([[`${NS}/Machine`, 'web'], [`${NS}/Network`, 'VM Network'], [`${NS}/Network`, 'backend']]);
      expect(mt['properties']).toEqual({ port: '80' });
      expect((mt['interfaceTemplates'] as Json[]).map((i) => (i['network'] as Json)['name'])).toEqual(['VM Network', 'backend']);
      expect([mc['cpu'], mc['memory'], (mc['disks'] as Json[]).length]).toEqual([2, SHAPE.memoryMiB * KIB_PER_MIB, 2]);
      if (layout === 'folder') expect(ps.log.map((r) => r.path.split('/').pop())).toEqual(['web.ovf', 'disk1.vmdk', 'disk2.vmdk', 'web.mf', 'web.cert']);
    });
  });

  it('serves the imported SystemTemplate in XML with its components', async () => {
    await PackageServer.using(async (ps) => {
      const st = await importSample(ctx.p, ps);
      const xml = await call('GET', st, { headers: { accept: 'application/xml' } });
      expect(xml.text).toMatch(/^<SystemTemplate xmlns="http:\/\/schemas\.dmtf\.org\/cimi\/2">/);
      expect(xml.text).toContain('<componentDescriptors><componentDescriptor><name>web</name>');
      expect(xml.text).toContain('<networkTemplate><name>backend</name><description>The backend network</description></networkTemplate>');
      expect(xml.text).toContain('<importImage>');
    });
  });

  it('accepts an XML Action body', async () => {
    await PackageServer.using(async (ps) => {
      const source = await ps.servePackage(samplePackage(), 'ova');
      const body = `<Action xmlns="${NS}"><action>${action('import')}</action><source>${source}</source></Action>`;
      const res = await call('POST', ctx.url('systemTemplates/import'), { raw: body, headers: { 'content-type': 'application/xml', accept: 'application/xml' } });
      expect(res.status, res.text).toBe(200);
      expect(res.text).toMatch(/^<Job /);
    });
  });

  const refusals: [string, (ps: PackageServer) => Promise<unknown>, RegExp][] = [
    ['no source', async () => undefined, /needs source/],
    ['a non-loopback source', async () => 'http://192.0.2.1/x.ova', /loopback/],
    ['an https source', async () => 'https://127.0.0.1/x.ova', /loopback/],
    ['a source that is not found', async (ps) => `${ps.origin}/nothing.ova`, /answered 404/],
    ['an unreachable source', async () => 'http://127.0.0.1:1/x.ova', /unreachable/],
    ['a source served as text/plain', async (ps) => ps.serve('/p/x.ova', Buffer.from('x'), 'text/plain'), /text\/plain/],
    ['a package failing validation', async (ps) => ps.servePackage(mutated('network-name-duplicated'), 'ova'), /OVF-NET-001/],
    ['a manifest digest mismatch', async (ps) => ps.servePackage(mutated('manifest-digest-wrong'), 'folder'), /OVF-MF-008/],
    ['a referenced file missing', async (ps) => ps.servePackage(mutated('referenced-file-missing'), 'folder'), /OVF-REF-003/],
    ['not a package at all', async (ps) => ps.serve('/p/x.ova', Buffer.from('hello'), 'application/ovf'), /OVF-ENV-001|not an OVF package/],
  ];
  it.each(refusals)('refuses %s with 400 and a Job body, creating nothing', async (_what, sourceOf, message) => {
    await PackageServer.using(async (ps) => {
      const before = await Promise.all(['systemTemplates', 'machineTemplates', 'machineConfigs'].map((c) => count(ctx.p, c)));
      const res = await importFrom(ctx.p, await sourceOf(ps));
      expect(res.status, res.text).toBe(400);
      expect(res.body['resourceURI']).toBe(`${NS}/Job`);
      expect(res.body['statusMessage']).toMatch(message);
      expect(await Promise.all(['systemTemplates', 'machineTemplates', 'machineConfigs'].map((c) => count(ctx.p, c)))).toEqual(before);
    });
  });
});

describe('export of a SystemTemplate', () => {
  it('answers with Location of an OVA served as application/ovf that validates, describes the template, with a SHA256 manifest', async () => {
    await PackageServer.using(async (ps) => {
      const st = await importSample(ctx.p, ps);
      const res = await exportOf(st);
      expect(res.status).toBe(200);
      const pkg = await fetch(res.headers.get('location')!);
      expect(pkg.headers.get('content-type')).toBe('application/ovf');
      const inspected = await exportedPackage(st);
      expect(inspected.validation.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(inspected.manifest).toMatch(/^SHA256\(system-\d+\.ovf\)= [0-9a-f]{64}\n$/);
      const plan = planImport(inspected.envelope!);
      const { mc } = await imported(st);
      expect(plan.machines.map((m) => m.config)).toEqual([{ cpu: mc['cpu'], memory: mc['memory'], disks: mc['disks'] }]);
      expect(plan.machines[0]!.properties).toEqual({ port: '80' });
      expect(plan.networks.map((n) => n.name)).toEqual(['VM Network', 'backend']);
    });
  });

  it('PUTs the package to an http destination, and refuses formats it does not produce', async () => {
    await PackageServer.using(async (ps) => {
      const st = await importSample(ctx.p, ps);
      const destination = ps.destination('out.ova');
      const res = await exportOf(st, { destination, format: 'application/ovf' });
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(ps.requestsFor(destination)).toEqual([{ method: 'PUT', path: new URL(destination).pathname, status: 201 }]);
      expect(ps.upload(destination)?.contentType).toBe('application/ovf');
      expect((await exportOf(st, { format: 'application/zip' })).status).toBe(400);
      expect((await exportOf(st, { destination: `${ps.origin}/not-open` })).status).toBe(400);
    });
  });

  it('a re-import of the export yields the same configuration', async () => {
    await PackageServer.using(async (ps) => {
      const first = await importSample(ctx.p, ps);
      const res = await exportOf(first);
      const again = await importFrom(ctx.p, ps.serve('/again/system.ova', Buffer.from(await (await fetch(res.headers.get('location')!)).arrayBuffer())));
      expect(again.status, again.text).toBe(200);
      const a = await imported(first);
      const b = await imported(again.headers.get('location')!);
      expect([b.mc['cpu'], b.mc['memory'], b.mc['disks']]).toEqual([a.mc['cpu'], a.mc['memory'], a.mc['disks']]);
    });
  });

  it('keeps what CIMI cannot show (guest OS, annotation, disk names) and the CPU speed for the export; Machines name their disks so', async () => {
    await PackageServer.using(async (ps) => {
      const pkg = samplePackage({ ...SHAPE, cpuMHz: 2400, annotation: 'keep me' });
      const st = await importSample(ctx.p, ps, pkg);
      const { mt, mc } = await imported(st);
      expect(mc['cpuSpeed']).toBe(2400);
      expect(mt['ovfExtras'], 'kept, never represented').toBeUndefined();
      const vs = (await exportedPackage(st)).envelope!.content!.children[0]!;
      expect([vs.operatingSystem?.id, vs.annotation?.annotation]).toEqual([SHAPE.os, 'keep me']);
      const items = vs.hardware[0]!.items;
      expect(items.find((i) => i.props['ResourceType']?.[0] === '3')?.props['Reservation']).toEqual(['2400']);
      expect(items.filter((i) => i.props['ResourceType']?.[0] === '17').map((i) => i.props['ElementName']?.[0])).toEqual(['Hard disk 1', 'Hard disk 2']);
      const m = await call('POST', `${ctx.p.baseUrl}machines`, { body: { resourceURI: `${NS}/MachineCreate`, machineTemplate: { href: mt['id'] } } });
      const disks = (await call('GET', `${m.headers.get('location')!}/disks`)).body;
      expect((disks['disks'] as Json[]).map((d) => d['name'])).toEqual(['Hard disk 1', 'Hard disk 2']);
    });
  });

  it('a SystemTemplate can be deleted; its MachineTemplates stay', async () => {
    await PackageServer.using(async (ps) => {
      const st = await importSample(ctx.p, ps);
      const { mt } = await imported(st);
      expect((await call('DELETE', st)).status).toBe(200);
      expect((await call('GET', st)).status).toBe(404);
      expect((await call('GET', mt['id'] as string)).status).toBe(200);
    });
  });
});
