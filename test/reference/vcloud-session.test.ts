// The vCloud reference provider's entry: the versions document, content negotiation, login, the
// session and logout, navigation by links only (from /api/versions and its LoginUrl), and the errors
// of the HTTP surface.

import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import {
  ACCEPT, Client, DEFAULT_PASSWORD, DEFAULT_USER, VCLOUD_NS, attr, basic, call, kid, kids, linkHref, login, loginUrl, navigate, text, useVcloud, vnd,
} from './vcloud-helpers.js';

const ctx = useVcloud();

describe('versions', () => {
  it('GET /api/versions without credentials: SupportedVersions with 1.5 and 5.1, Version then LoginUrl, GET-able schemas', async () => {
    const r = await call('GET', ctx.p.vcloudUrl);
    expect(r.status).toBe(200);
    expect(r.xml?.localName).toBe('SupportedVersions');
    expect(r.xml?.namespaceURI).toBe('http://www.vmware.com/vcloud/versions');
    const infos = kids(r.xml, 'VersionInfo');
    expect(infos.map((v) => text(v, 'Version'))).toEqual(['1.5', '5.1']);
    for (const info of infos) {
      expect(info.children.slice(0, 2).map((c) => c.localName)).toEqual(['Version', 'LoginUrl']);
      expect(text(info, 'LoginUrl')).toMatch(/\/api\/sessions$/);
      const mapping = kids(info, 'MediaTypeMapping');
      expect(mapping.map((m) => text(m, 'MediaType'))).toContain(vnd('session'));
      const schema = await call('GET', text(mapping[0], 'SchemaLocation')!);
      expect(schema.status).toBe(200);
      expect(schema.xml?.localName).toBe('schema');
      expect(attr(schema.xml, 'targetNamespace')).toBe(VCLOUD_NS);
    }
  });

  it('POST to /api/versions is 405 with Allow', async () => {
    const r = await call('POST', ctx.p.vcloudUrl);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });
});

describe('login and session', () => {
  it('valid Basic user@org:password → 200, token, Session with user, org and its links; the version is echoed', async () => {
    for (const version of ['1.5', '5.1']) {
      const { res, session } = await login(ctx.p, DEFAULT_USER, DEFAULT_PASSWORD, `application/*+xml;version=${version}`);
      expect(res.headers.get('x-vcloud-authorization')).toMatch(/^\S{16,}$/);
      expect(res.headers.get('content-type')).toBe(`${vnd('session')};version=${version}`);
      expect(session.namespaceURI).toBe(VCLOUD_NS);
      expect(session.localName).toBe('Session');
      expect([attr(session, 'user'), attr(session, 'org')]).toEqual(['cloudconform', 'conformance']);
      expect(linkHref(session, 'down', vnd('orgList'))).toMatch(/\/api\/org\/$/);
      expect(linkHref(session, 'down', vnd('query.queryList'))).toMatch(/\/api\/query$/);
      expect(linkHref(session, 'entityResolver', vnd('entity'))).toMatch(/\/api\/entity\/$/);
    }
  });

  it('missing Authorization → 403; wrong password → 401; not Basic → 401; wrong verb → 405; all as Error', async () => {
    const url = await loginUrl(ctx.p);
    const cases: [Record<string, string>, number][] = [
      [{}, 403],
      [{ authorization: basic(DEFAULT_USER, 'wrong') }, 401],
      [{ authorization: basic('someone@conformance', DEFAULT_PASSWORD) }, 401],
      [{ authorization: `Bearer ${DEFAULT_PASSWORD}` }, 401],
    ];
    for (const [headers, status] of cases) {
      const r = await call('POST', url, { headers: { accept: ACCEPT, ...headers } });
      expect(r.status).toBe(status);
      expect(r.headers.get('content-type')).toBe(`${vnd('error')};version=1.5`);
      expect(attr(r.xml, 'majorErrorCode')).toBe(String(status));
      expect(r.headers.get('x-vcloud-authorization')).toBeNull();
    }
    expect((await call('GET', url)).status).toBe(405);
  });

  it('configured credentials name the org; others are refused', async () => {
    const p = await startReferenceProvider({ vcloud: { username: 'ops@acme', password: 's3cret:with:colons' } });
    try {
      const { session } = await login(p, 'ops@acme', 's3cret:with:colons');
      expect([attr(session, 'user'), attr(session, 'org')]).toEqual(['ops', 'acme']);
      const r = await call('POST', await loginUrl(p), { headers: { authorization: basic(DEFAULT_USER, DEFAULT_PASSWORD) } });
      expect(r.status).toBe(401);
    } finally {
      await p.close();
    }
  });

  it('GET /api/session returns the same Session; DELETE logs out (204, no body) and the token then gets 401', async () => {
    const { client, session } = await login(ctx.p);
    const again = await client.get(attr(session, 'href')!);
    expect(again.status).toBe(200);
    expect(again.text.replace(/\s+/g, ' ')).toBe((await call('GET', attr(session, 'href')!, { headers: client.headers() })).text.replace(/\s+/g, ' '));
    expect(attr(again.xml, 'user')).toBe('cloudconform');
    const out = await client.delete(attr(session, 'href')!);
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await client.get(linkHref(session, 'down', vnd('orgList')));
    expect(after.status).toBe(401);
    expect(attr(after.xml, 'minorErrorCode')).toBe('UNAUTHORIZED');
  });

  it('no token or a bogus token → 401', async () => {
    const { session } = await login(ctx.p);
    const orgList = linkHref(session, 'down', vnd('orgList'));
    expect((await call('GET', orgList, { headers: { accept: ACCEPT } })).status).toBe(401);
    expect((await new Client('bogus-token').get(orgList)).status).toBe(401);
  });
});

describe('negotiation', () => {
  it('an unsupported version → 406 Error; no version → 1.5; 5.1 is echoed', async () => {
    const { client, session } = await login(ctx.p);
    const orgList = linkHref(session, 'down', vnd('orgList'));
    const r406 = await client.get(orgList, { accept: 'application/*+xml;version=9.9' });
    expect(r406.status).toBe(406);
    expect(attr(r406.xml, 'majorErrorCode')).toBe('406');
    expect((await client.get(orgList, { accept: 'application/json' })).status).toBe(406);
    expect((await client.get(orgList, { accept: 'application/*+xml' })).headers.get('content-type')).toBe(`${vnd('orgList')};version=1.5`);
    expect((await client.get(orgList, { accept: 'application/*+xml;version=5.1' })).headers.get('content-type')).toBe(`${vnd('orgList')};version=5.1`);
  });

  it('request Content-Types compare case-insensitively; a wrong one is 415', async () => {
    const places = await navigate(ctx.p);
    const upload = linkHref(places.vdc, 'add', vnd('uploadVAppTemplateParams'));
    const body = `<UploadVAppTemplateParams xmlns="${VCLOUD_NS}" name="mixed-case"/>`;
    const mixed = await places.client.post(upload, 'Application/VND.VMware.vCloud.UploadVAppTemplateParams+XML; charset=utf-8', body);
    expect(mixed.status).toBe(201);
    const wrong = await places.client.post(upload, 'application/xml', body);
    expect(wrong.status).toBe(415);
    expect(attr(wrong.xml, 'minorErrorCode')).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('navigation by links only', () => {
  it('Session → OrgList → Org → Vdc, Catalog, Network, TasksList, QueryList; every Link has href and rel; entities have name and URN id', async () => {
    const { client, session } = await login(ctx.p);
    const orgList = await client.read(linkHref(session, 'down', vnd('orgList')));
    const orgs = kids(orgList, 'Org');
    expect(orgs).toHaveLength(1);
    expect([attr(orgs[0], 'name'), attr(orgs[0], 'type')]).toEqual(['conformance', vnd('org')]);
    const org = await client.read(attr(orgs[0], 'href')!);
    expect(text(org, 'FullName')).toMatch(/conformance/);
    expect(kids(org, 'Link').find((l) => attr(l, 'type') === vnd('vdc'))?.getAttribute('name')).toBe('Reference vDC');
    const targets: [string, string, string][] = [
      [linkHref(org, 'down', vnd('vdc')), 'Vdc', 'vdc'],
      [linkHref(org, 'down', vnd('catalog')), 'Catalog', 'catalog'],
      [linkHref(org, 'down', vnd('network')), 'OrgNetwork', 'network'],
    ];
    for (const [href, root, urn] of targets) {
      const e = await client.read(href);
      expect(e.localName).toBe(root);
      expect(attr(e, 'name')).toBeTruthy();
      expect(attr(e, 'id')).toMatch(new RegExp(`^urn:vcloud:${urn}:[0-9a-f-]{36}$`));
      for (const l of kids(e, 'Link')) expect([attr(l, 'href'), attr(l, 'rel')].every(Boolean)).toBe(true);
      const up = await client.read(linkHref(e, 'up'));
      expect(attr(up, 'href')).toBe(attr(org, 'href'));
    }
    const tasks = await client.read(linkHref(org, 'down', vnd('tasksList')));
    expect(tasks.localName).toBe('TasksList');
    const queryList = await client.read(linkHref(session, 'down', vnd('query.queryList')));
    expect(queryList.localName).toBe('QueryList');
    const resolved = await client.read(`${linkHref(session, 'entityResolver')}${attr(org, 'id')}`);
    expect(linkHref(resolved, 'alternate', vnd('org'))).toBe(attr(org, 'href'));
  });

  it('Vdc: status 1, elements in schema order, AllocationModel from the enumeration, add links, AvailableNetworks', async () => {
    const { vdc } = await navigate(ctx.p);
    expect(attr(vdc, 'status')).toBe('1');
    const order = ['Link', 'Description', 'AllocationModel', 'StorageCapacity', 'ComputeCapacity', 'ResourceEntities', 'AvailableNetworks', 'Capabilities', 'NicQuota', 'NetworkQuota', 'VmQuota', 'IsEnabled'];
    const seen = vdc.children.map((c) => order.indexOf(c.localName));
    expect(seen.every((i) => i >= 0)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(['AllocationVApp', 'AllocationPool', 'ReservationPool']).toContain(text(vdc, 'AllocationModel'));
    expect(kid(kid(vdc, 'ComputeCapacity'), 'Cpu')?.children.map((c) => c.localName)).toEqual(['Units', 'Allocated', 'Limit']);
    expect(linkHref(vdc, 'add', vnd('uploadVAppTemplateParams'))).toMatch(/\/action\/uploadVAppTemplate$/);
    expect(linkHref(vdc, 'add', vnd('instantiateVAppTemplateParams'))).toMatch(/\/action\/instantiateVAppTemplate$/);
    expect(kids(kid(vdc, 'AvailableNetworks'), 'Network')).toHaveLength(1);
  });
});

describe('errors of the HTTP surface', () => {
  it('malformed id → 400 BAD_REQUEST; unknown well-formed id → 403; wrong verb → 405; unknown path → 404', async () => {
    const { client, vdcHref } = await navigate(ctx.p);
    const uuid = /[0-9a-f-]{36}$/.exec(vdcHref)![0];
    const malformed = await client.get(vdcHref.replace(uuid, 'not-an-id'));
    expect([malformed.status, attr(malformed.xml, 'majorErrorCode'), attr(malformed.xml, 'minorErrorCode')]).toEqual([400, '400', 'BAD_REQUEST']);
    const unknown = await client.get(vdcHref.replace(uuid, '00000000-0000-4000-8000-000000000000'));
    expect([unknown.status, attr(unknown.xml, 'majorErrorCode'), attr(unknown.xml, 'minorErrorCode')]).toEqual([403, '403', 'ACCESS_TO_RESOURCE_IS_FORBIDDEN']);
    const verb = await client.delete(vdcHref);
    expect([verb.status, verb.headers.get('allow')]).toEqual([405, 'GET']);
    const nowhere = await client.get(vdcHref.replace(/vdc\/.*$/, 'nowhere'));
    expect(nowhere.status).toBe(404);
    for (const r of [malformed, unknown, verb, nowhere]) {
      expect(r.headers.get('content-type')).toBe(`${vnd('error')};version=1.5`);
      expect(attr(r.xml, 'message')).toBeTruthy();
    }
  });

  it('a body past the body limit is 413 with an Error', async () => {
    const p = await startReferenceProvider({ maxBodyBytes: 1024 });
    try {
      const places = await navigate(p);
      const r = await places.client.post(linkHref(places.vdc, 'add', vnd('uploadVAppTemplateParams')), vnd('uploadVAppTemplateParams'), `<x>${'y'.repeat(4096)}</x>`);
      expect(r.status).toBe(413);
      expect(attr(r.xml, 'majorErrorCode')).toBe('413');
    } finally {
      await p.close();
    }
  });

  it('latencyMs delays vCloud answers too', async () => {
    const p = await startReferenceProvider({ latencyMs: 120 });
    try {
      const started = Date.now();
      expect((await call('GET', p.vcloudUrl)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      await p.close();
    }
  });

  it('CIMI still answers beside it', async () => {
    expect((await call('GET', ctx.p.cepUrl, { headers: { accept: 'application/json' } })).status).toBe(200);
  });
});
