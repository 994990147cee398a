// Every vCloud quirk must change the behaviour it claims, at HTTP level: each probe checks the rule
// the quirk breaks and must hold on a clean provider and fail on the quirked one. A quirk without a
// probe fails the run.

import { describe, expect, it } from 'vitest';
import { QUIRKS, parseQuirks } from '../../src/reference/quirks.js';
import { type ReferenceProvider, startReferenceProvider } from '../../src/reference/server.js';
import { VCLOUD_QUIRKS, type VcloudQuirkName } from '../../src/reference/vcloud/quirks.js';
import {
  ACCEPT, DEFAULT_USER, VCLOUD_NS, attr, basic, call, follow, instantiate, instantiateParams, invalidPackage, kid, kids, linkHref, login, loginUrl, navigate,
  putFile, startUpload, text, uploadTemplate, vnd, waitTask,
} from './vcloud-helpers.js';

type Probe = (p: ReferenceProvider) => Promise<boolean>;

const VDC_ORDER = ['Link', 'Description', 'AllocationModel', 'StorageCapacity', 'ComputeCapacity', 'ResourceEntities', 'AvailableNetworks', 'Capabilities', 'NicQuota', 'NetworkQuota', 'VmQuota', 'IsEnabled'];

/** A vApp instantiated from a freshly uploaded template; powered on unless `stopped`. */
async function vapp(p: ReferenceProvider, stopped = false): Promise<{ places: Awaited<ReturnType<typeof navigate>>; href: string }> {
  const places = await navigate(p);
  const template = await uploadTemplate(places, 'probe');
  return { places, href: await instantiate(places, 'probe-vapp', template, stopped ? { deploy: false, powerOn: false } : {}) };
}

const unknownVdc = async (p: ReferenceProvider) => {
  const { client, vdcHref } = await navigate(p);
  return client.get(vdcHref.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000'));
};

const PROBES: Record<VcloudQuirkName, Probe> = {
  'vcloud-versions-no-login-url': async (p) => kids((await call('GET', p.vcloudUrl)).xml, 'VersionInfo').every((v) => v.children[1]?.localName === 'LoginUrl' && /\/api\/sessions$/.test(text(v, 'LoginUrl') ?? '')),
  'vcloud-media-type-generic': async (p) => (await login(p)).res.headers.get('content-type') === `${vnd('session')};version=1.5`,
  'vcloud-login-bad-password-200': async (p) => (await call('POST', await loginUrl(p), { headers: { authorization: basic(DEFAULT_USER, 'wrong'), accept: ACCEPT } })).status === 401,
  'vcloud-logout-keeps-token': async (p) => {
    const { client, session } = await login(p);
    expect((await client.delete(attr(session, 'href')!)).status).toBe(204);
    return (await client.get(linkHref(session, 'down', vnd('orgList')))).status === 401;
  },
  'vcloud-vdc-elements-unordered': async (p) => {
    const seen = (await navigate(p)).vdc.children.map((c) => VDC_ORDER.indexOf(c.localName));
    return seen.every((i, k) => i >= (seen[k - 1] ?? 0));
  },
  'vcloud-instantiate-ignores-order': async (p) => {
    const places = await navigate(p);
    const template = await uploadTemplate(places, 'order');
    const body = `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" name="o"><Source href="${template}"/><InstantiationParams><NetworkConfigSection><ovf:Info>n</ovf:Info></NetworkConfigSection></InstantiationParams></InstantiateVAppTemplateParams>`;
    const r = await places.client.post(linkHref(places.vdc, 'add', vnd('instantiateVAppTemplateParams')), vnd('instantiateVAppTemplateParams'), body);
    return r.status === 400 && attr(r.xml, 'minorErrorCode') === 'BAD_REQUEST';
  },
  'vcloud-instantiate-returns-200': async (p) => {
    const places = await navigate(p);
    const template = await uploadTemplate(places, 'status');
    const r = await places.client.post(linkHref(places.vdc, 'add', vnd('instantiateVAppTemplateParams')), vnd('instantiateVAppTemplateParams'), instantiateParams('s', template));
    expect(r.xml?.localName).toBe('VApp');
    return r.status === 201;
  },
  'vcloud-upload-skips-validation': async (p) => {
    const places = await navigate(p);
    const template = await startUpload(places, 'invalid', invalidPackage());
    return attr(await places.client.read(template), 'status') === '-1';
  },
  'vcloud-power-off-when-off-accepted': async (p) => {
    const { places, href } = await vapp(p, true);
    const r = await places.client.post(`${href}/power/action/powerOff`);
    return r.status === 400 && attr(r.xml, 'majorErrorCode') === '400' && attr(r.xml, 'minorErrorCode') === 'BAD_REQUEST';
  },
  'vcloud-delete-running-vapp-allowed': async (p) => {
    const { places, href } = await vapp(p);
    const r = await places.client.delete(href);
    return r.status === 400 && attr(await places.client.read(href), 'status') === '4';
  },
  'vcloud-task-no-endtime': async (p) => {
    const { places, href } = await vapp(p);
    const task = await follow(places.client, href, 'power:powerOff');
    return attr(task, 'status') === 'success' && attr(task, 'endTime') !== undefined;
  },
  'vcloud-error-major-code-mismatch': async (p) => {
    const r = await unknownVdc(p);
    expect(r.status).toBe(403);
    return attr(r.xml, 'majorErrorCode') === '403';
  },
  'vcloud-unknown-id-500': async (p) => {
    const r = await unknownVdc(p);
    return r.status === 403 && attr(r.xml, 'minorErrorCode') === 'ACCESS_TO_RESOURCE_IS_FORBIDDEN';
  },
  'vcloud-query-status-numeric': async (p) => {
    const { places } = await vapp(p);
    const records = await places.client.read(`${linkHref(places.session, 'down', vnd('query.queryList'))}?type=vApp&format=records`);
    return attr(kid(records, 'VAppRecord'), 'status') === 'POWERED_ON';
  },
  'vcloud-query-ignores-page': async (p) => {
    const places = await navigate(p);
    await uploadTemplate(places, 'first');
    await uploadTemplate(places, 'second');
    const page2 = await places.client.read(`${linkHref(places.session, 'down', vnd('query.queryList'))}?type=vAppTemplate&format=records&pageSize=1&page=2`);
    return kids(page2, 'VAppTemplateRecord').map((r) => attr(r, 'name')).join() === 'second';
  },
};

describe('vCloud quirks switchboard', () => {
  it('10–15 quirks, prefixed vcloud-, suite vcloud, each breaking checklist rows VCD-001..100; all in QUIRKS and accepted by parseQuirks', () => {
    expect(VCLOUD_QUIRKS.length).toBeGreaterThanOrEqual(10);
    expect(VCLOUD_QUIRKS.length).toBeLessThanOrEqual(15);
    const cimi = QUIRKS.filter((q) => q.suite !== 'vcloud').map((q) => q.name);
    for (const q of VCLOUD_QUIRKS) {
      expect(q.name).toMatch(/^vcloud-/);
      expect(q.suite).toBe('vcloud');
      expect(q.breaks.length).toBeGreaterThan(0);
      for (const id of q.breaks) expect(Number(/^VCD-(\d{3})$/.exec(id)?.[1])).toBeGreaterThanOrEqual(1);
      expect(q.breaks.every((id) => Number(id.slice(4)) <= 100)).toBe(true);
      expect(cimi).not.toContain(q.name);
      expect(QUIRKS).toContainEqual(q);
    }
    expect(new Set(QUIRKS.map((q) => q.name)).size).toBe(QUIRKS.length);
    expect([...parseQuirks(VCLOUD_QUIRKS.map((q) => q.name))]).toHaveLength(VCLOUD_QUIRKS.length);
    expect(() => parseQuirks(['vcloud-no-such-quirk'])).toThrow(/unknown quirk/);
  });

  it.each(VCLOUD_QUIRKS.map((q) => [q.name, q.breaks.join(', ')]))('%s breaks %s', async (name) => {
    const probe = PROBES[name as VcloudQuirkName];
    expect(probe, `quirk ${name} has no probe`).toBeDefined();
    const clean = await startReferenceProvider({ transitionMs: 0 });
    const quirked = await startReferenceProvider({ transitionMs: 0, quirks: [name] });
    try {
      expect(await probe(clean), 'the rule holds without the quirk').toBe(true);
      expect(await probe(quirked), 'the rule is broken with the quirk').toBe(false);
    } finally {
      await clean.close();
      await quirked.close();
    }
  });
});

describe('quirked behaviour at HTTP level', () => {
  it('vcloud-media-type-generic leaves errors as error+xml', async () => {
    const p = await startReferenceProvider({ quirks: ['vcloud-media-type-generic'] });
    try {
      const { client, session } = await login(p);
      expect((await client.get(linkHref(session, 'down', vnd('orgList')))).headers.get('content-type')).toBe('application/xml');
      const r = await unknownVdc(p);
      expect(r.headers.get('content-type')).toBe(`${vnd('error')};version=1.5`);
    } finally {
      await p.close();
    }
  });

  it('vcloud-upload-skips-validation: the invalid package becomes a ready template', async () => {
    const p = await startReferenceProvider({ transitionMs: 0, quirks: ['vcloud-upload-skips-validation'] });
    try {
      const places = await navigate(p);
      const pkg = invalidPackage();
      const template = await startUpload(places, 'accepted', pkg);
      expect(kids(kid(await places.client.read(template), 'Files'), 'File').map((f) => attr(f, 'name'))).toEqual(['descriptor.ovf', 'disk1.vmdk']);
      expect((await putFile(places.client, template, 'disk1.vmdk', pkg.files.get('disk1.vmdk')!)).status).toBe(200);
      expect(attr(await places.client.read(template), 'status')).toBe('8');
    } finally {
      await p.close();
    }
  });

  it('vcloud-power-off-when-off-accepted: the Task succeeds and the vApp stays off', async () => {
    const p = await startReferenceProvider({ transitionMs: 0, quirks: ['vcloud-power-off-when-off-accepted'] });
    try {
      const { places, href } = await vapp(p, true);
      const r = await places.client.post(`${href}/power/action/powerOff`);
      expect(r.status).toBe(202);
      expect(attr(await waitTask(places.client, attr(r.xml, 'href')!), 'status')).toBe('success');
      expect(attr(await places.client.read(href), 'status')).toBe('8');
      // Only powerOff is lax: the other operations of a running vApp are still refused.
      expect((await places.client.post(`${href}/power/action/suspend`)).status).toBe(400);
    } finally {
      await p.close();
    }
  });
});
