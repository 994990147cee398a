// What a strict vCloud provider refuses, and how: bodies out of schema order or missing what they
// must carry, operations the state does not allow, busy entities, invalid descriptors and packages,
// and transfer parts that do not continue the file. Each refusal leaves the entity as it was.

import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import {
  type Places, VCLOUD_NS, attr, follow, instantiate, instantiateParams, invalidPackage, kid, kids, linkHref, manifestOf, navigate, putFile, rels, smallPackage,
  startUpload, undeployParams, uploadTemplate, useVcloud, vnd, waitFor, waitTask,
} from './vcloud-helpers.js';

const ctx = useVcloud({ transitionMs: 0 });
const INSTANTIATE = vnd('instantiateVAppTemplateParams');

const instantiateLink = (places: Places): string => linkHref(places.vdc, 'add', INSTANTIATE);
const vappCount = async (places: Places): Promise<number> =>
  kids(kid(await places.client.read(places.vdcHref), 'ResourceEntities'), 'ResourceEntity').filter((e) => attr(e, 'type') === vnd('vApp')).length;

/** Status and minorErrorCode of an answer, with its Error checked to agree with the status. */
function refusal(r: { status: number; headers: Headers; xml?: ReturnType<typeof kid> }): [number, string | undefined] {
  expect(r.headers.get('content-type')).toBe(`${vnd('error')};version=1.5`);
  expect(attr(r.xml, 'majorErrorCode')).toBe(String(r.status));
  expect(attr(r.xml, 'message')).toBeTruthy();
  return [r.status, attr(r.xml, 'minorErrorCode')];
}

describe('instantiateVAppTemplate bodies', () => {
  it('out of schema order, without Source, with unknown elements, malformed or of another type: 400 BAD_REQUEST and nothing created', async () => {
    const places = await navigate(ctx.p);
    const template = await uploadTemplate(places, 'order');
    const before = await vappCount(places);
    const ovf = 'xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"';
    const network = `<InstantiationParams><NetworkConfigSection><ovf:Info>n</ovf:Info></NetworkConfigSection></InstantiationParams>`;
    const bodies = [
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" ${ovf} name="a"><Source href="${template}"/>${network}</InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" ${ovf} name="b"><Source href="${template}"/><Description>late</Description></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="c"><Description>no source</Description></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="d"><Color>red</Color><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="e"><Source href="${template}"/><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="http://www.vmware.com/vcloud/v1" name="f"><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="g" deploy="maybe"><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}"><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="h"><Source href="${places.vdcHref}"/></InstantiateVAppTemplateParams>`,
      `<!DOCTYPE x [<!ENTITY e "boom">]><InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="&e;"><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" name="i"><ovf:Info>undeclared prefix</ovf:Info><Source href="${template}"/></InstantiateVAppTemplateParams>`,
      'not xml',
      '',
    ];
    for (const body of bodies) {
      const r = await places.client.post(instantiateLink(places), INSTANTIATE, body);
      expect(refusal(r), body).toEqual([400, 'BAD_REQUEST']);
    }
    expect(await vappCount(places)).toBe(before);
  });

  it('a wrong Content-Type is 415; a wrong verb on the action 405', async () => {
    const places = await navigate(ctx.p);
    const template = await uploadTemplate(places, 'media');
    expect(refusal(await places.client.post(instantiateLink(places), 'application/xml', instantiateParams('m', template)))).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(refusal(await places.client.get(instantiateLink(places)))).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it('a Source still uploading, a bad FenceMode or ParentNetwork, a duplicate name: 400', async () => {
    const places = await navigate(ctx.p);
    const uploading = await startUpload(places, 'uploading', smallPackage());
    const template = await uploadTemplate(places, 'ready');
    await instantiate(places, 'taken-name', template, { deploy: false, powerOn: false });
    const network = (fence: string, parent: string) => instantiateParams('n', template).replace('<Source',
      `<InstantiationParams><NetworkConfigSection><ovf:Info>n</ovf:Info><NetworkConfig networkName="x"><Configuration><ParentNetwork href="${parent}"/><FenceMode>${fence}</FenceMode></Configuration></NetworkConfig></NetworkConfigSection></InstantiationParams><Source`);
    const cases: [string, string][] = [
      [instantiateParams('u', uploading), 'BAD_REQUEST'],
      [network('open', places.networkHref), 'BAD_REQUEST'],
      [network('bridged', places.vdcHref), 'BAD_REQUEST'],
      [instantiateParams('taken-name', template), 'DUPLICATE_NAME'],
    ];
    for (const [body, minor] of cases) expect(refusal(await places.client.post(instantiateLink(places), INSTANTIATE, body)), body).toEqual([400, minor]);
  });

  it('a template with an EulaSection needs AllEULAsAccepted=true', async () => {
    const places = await navigate(ctx.p);
    const template = await uploadTemplate(places, 'licensed', smallPackage({ eula: true }));
    expect(refusal(await places.client.post(instantiateLink(places), INSTANTIATE, instantiateParams('no-eula', template)))).toEqual([400, 'BAD_REQUEST']);
    expect(refusal(await places.client.post(instantiateLink(places), INSTANTIATE, instantiateParams('eula-false', template, { eula: false })))).toEqual([400, 'BAD_REQUEST']);
    expect((await places.client.post(instantiateLink(places), INSTANTIATE, instantiateParams('eula-true', template, { eula: true }))).status).toBe(201);
  });
});

describe('operations the state does not allow', () => {
  it('power operations of a running vApp on a stopped one (and on its Vm): synchronous 400 BAD_REQUEST, nothing changes', async () => {
    const places = await navigate(ctx.p);
    const vapp = await instantiate(places, 'stopped-ops', await uploadTemplate(places, 'stopped-ops'), { deploy: false, powerOn: false });
    const stopped = await places.client.read(vapp);
    const vm = attr(kid(kid(stopped, 'Children'), 'Vm'), 'href')!;
    for (const href of [vapp, vm]) {
      for (const op of ['powerOff', 'reset', 'suspend', 'shutdown', 'reboot']) {
        expect(rels(await places.client.read(href))).not.toContain(`power:${op}`);
        const r = await places.client.post(`${href}/power/action/${op}`);
        expect(refusal(r), `${op} on ${href}`).toEqual([400, 'BAD_REQUEST']);
        expect(attr(r.xml, 'message')).toMatch(/not powered on/);
      }
      expect(refusal(await places.client.post(`${href}/action/undeploy`, vnd('undeployVAppParams'), undeployParams()))).toEqual([400, 'BAD_REQUEST']);
    }
    expect([attr(await places.client.read(vapp), 'status'), attr(await places.client.read(vapp), 'deployed')]).toEqual(['8', 'false']);
    await follow(places.client, vapp, 'power:powerOn');
    expect(refusal(await places.client.post(`${vapp}/power/action/powerOn`))).toEqual([400, 'BAD_REQUEST']);
    expect(refusal(await places.client.post(`${vapp}/power/action/explode`))).toEqual([404, 'RESOURCE_NOT_FOUND']);
    expect(refusal(await places.client.get(`${vapp}/power/action/powerOff`))).toEqual([405, 'METHOD_NOT_ALLOWED']);
    expect(refusal(await places.client.post(`${vapp}/action/undeploy`, vnd('undeployVAppParams'), undeployParams('sideways')))).toEqual([400, 'BAD_REQUEST']);
    expect(refusal(await places.client.post(`${vapp}/action/undeploy`, vnd('deployVAppParams'), undeployParams()))).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('DELETE of a powered-on or a deployed vApp: 400, the vApp unchanged; a Vm cannot be deleted (405)', async () => {
    const places = await navigate(ctx.p);
    const vapp = await instantiate(places, 'running-delete', await uploadTemplate(places, 'running-delete'));
    const r = await places.client.delete(vapp);
    expect(refusal(r)).toEqual([400, 'BAD_REQUEST']);
    const still = await places.client.read(vapp);
    expect([attr(still, 'status'), attr(still, 'deployed')]).toEqual(['4', 'true']);
    await follow(places.client, vapp, 'power:powerOff');
    expect(refusal(await places.client.delete(vapp))).toEqual([400, 'BAD_REQUEST']);
    expect(refusal(await places.client.send('PUT', vapp, vnd('vApp'), `<VApp xmlns="${VCLOUD_NS}" name="x"/>`))).toEqual([400, 'BAD_REQUEST']);
    expect([attr(await places.client.read(vapp), 'status'), attr(await places.client.read(vapp), 'deployed')]).toEqual(['8', 'true']);
    const vm = attr(kid(kid(still, 'Children'), 'Vm'), 'href')!;
    expect(refusal(await places.client.delete(vm))).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it('enableDownload on a template still uploading: 400', async () => {
    const places = await navigate(ctx.p);
    const template = await startUpload(places, 'not-yet', smallPackage());
    expect(rels(await places.client.read(template))).not.toContain('enable');
    expect(refusal(await places.client.post(`${template}/action/enableDownload`))).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('busy entities', () => {
  it('a second operation while a Task runs on the vApp: 400 BUSY_ENTITY; the first one still ends', async () => {
    const slow = await startReferenceProvider({ transitionMs: 400 });
    try {
      const places = await navigate(slow);
      const template = await uploadTemplate(places, 'busy');
      const created = await places.client.post(instantiateLink(places), INSTANTIATE, instantiateParams('busy-vapp', template, { deploy: false, powerOn: false }));
      const vapp = attr(created.xml, 'href')!;
      expect(refusal(await places.client.delete(vapp))).toEqual([400, 'BUSY_ENTITY']);
      await waitTask(places.client, attr(kid(kid(created.xml, 'Tasks'), 'Task'), 'href')!);
      const on = await places.client.post(linkHref(await places.client.read(vapp), 'power:powerOn'));
      expect(on.status).toBe(202);
      const again = await places.client.post(`${vapp}/power/action/powerOn`);
      expect(refusal(again)).toEqual([400, 'BUSY_ENTITY']);
      const vm = attr(kid(kid(await places.client.read(vapp), 'Children'), 'Vm'), 'href')!;
      expect(refusal(await places.client.post(`${vm}/power/action/powerOn`))).toEqual([400, 'BUSY_ENTITY']);
      expect(attr(await waitTask(places.client, attr(on.xml, 'href')!), 'status')).toBe('success');
      expect(attr(await places.client.read(vapp), 'status')).toBe('4');
    } finally {
      await slow.close();
    }
  });
});

describe('upload refusals', () => {
  it('an invalid descriptor: PUT 200, then status -1 and a Task ending in error with an Error', async () => {
    const places = await navigate(ctx.p);
    for (const pkg of [invalidPackage(), { descriptor: '<Envelope>not OVF</Envelope>', files: new Map() }, { descriptor: '<<<', files: new Map() }]) {
      const template = await startUpload(places, 'invalid', pkg);
      const failed = await places.client.read(template);
      expect(attr(failed, 'status')).toBe('-1');
      const task = kid(kid(failed, 'Tasks'), 'Task');
      expect([attr(task, 'status'), attr(task, 'operationName')]).toEqual(['error', 'vdcUploadOvfContents']);
      const error = kid(task, 'Error');
      expect([attr(error, 'majorErrorCode'), attr(error, 'minorErrorCode')]).toEqual(['400', 'BAD_REQUEST']);
      expect(attr(error, 'message')).toMatch(/descriptor is invalid/);
      expect(kids(kid(failed, 'Files'), 'File')).toHaveLength(0);
      expect(refusal(await places.client.post(instantiateLink(places), INSTANTIATE, instantiateParams('from-failed', template)))).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('a package larger than the transfer bytes the provider has room for: status -1 before any byte is sent', async () => {
    const places = await navigate(ctx.p);
    const huge = smallPackage({ editXml: (xml) => xml.replace('ovf:size="1500"', `ovf:size="${512 * 1024 * 1024}"`) });
    const template = await startUpload(places, 'huge', huge);
    const failed = await places.client.read(template);
    expect(attr(failed, 'status')).toBe('-1');
    expect(attr(kid(kid(kid(failed, 'Tasks'), 'Task'), 'Error'), 'message')).toMatch(/room for/);
  });

  it('a descriptor sent as another type is 415; a second descriptor PUT is refused', async () => {
    const places = await navigate(ctx.p);
    const created = await places.client.post(linkHref(places.vdc, 'add', vnd('uploadVAppTemplateParams')), vnd('uploadVAppTemplateParams'), `<UploadVAppTemplateParams xmlns="${VCLOUD_NS}" name="t415"/>`);
    const descriptorUrl = linkHref(kids(kid(created.xml, 'Files'), 'File')[0], 'upload:default');
    expect(refusal(await places.client.send('PUT', descriptorUrl, 'application/octet-stream', smallPackage().descriptor))).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect((await places.client.send('PUT', descriptorUrl, 'text/xml', smallPackage().descriptor)).status).toBe(200);
    expect(refusal(await places.client.send('PUT', descriptorUrl, 'text/xml', smallPackage().descriptor))).toEqual([400, 'BAD_REQUEST']);
    expect(refusal(await places.client.send('GET', descriptorUrl))).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it('a manifest digest that does not match: status -1 with a Task Error', async () => {
    const places = await navigate(ctx.p);
    const pkg = smallPackage();
    const template = await startUpload(places, 'bad-manifest', pkg, true);
    await putFile(places.client, template, 'disk1.vmdk', pkg.files.get('disk1.vmdk')!);
    const wrong = manifestOf(pkg).replace(/(SHA1\(disk1\.vmdk\)= )(.)/, (_, head: string, digit: string) => `${head}${digit === '0' ? '1' : '0'}`);
    await putFile(places.client, template, 'manifest.mf', wrong);
    const failed = await waitFor(places.client, template, (t) => attr(t, 'status') !== '0');
    expect(attr(failed, 'status')).toBe('-1');
    const error = kid(kid(kid(failed, 'Tasks'), 'Task'), 'Error');
    expect(attr(error, 'message')).toMatch(/OVF-MF-008/);
  });

  it('parts that do not continue the file: 416; a whole body of the wrong length: 400; nothing is taken', async () => {
    const places = await navigate(ctx.p);
    const pkg = smallPackage();
    const template = await startUpload(places, 'ranges', pkg);
    const disk = Buffer.from(pkg.files.get('disk1.vmdk')!);
    const bad: [Record<string, string>, Buffer, number][] = [
      [{ 'content-range': 'bytes 10-19/1500' }, disk.subarray(10, 20), 416],
      [{ 'content-range': 'bytes 0-9/1600' }, disk.subarray(0, 10), 416],
      [{ 'content-range': 'bytes 0-19/1500' }, disk.subarray(0, 10), 416],
      [{ 'content-range': 'bytes=0-9' }, disk.subarray(0, 10), 416],
      [{}, disk.subarray(0, 10), 400],
    ];
    for (const [headers, body, status] of bad) expect((await putFile(places.client, template, 'disk1.vmdk', body, headers)).status, JSON.stringify(headers)).toBe(status);
    const files = kids(kid(await places.client.read(template), 'Files'), 'File');
    expect(attr(files[1], 'bytesTransferred')).toBe('0');
    expect((await putFile(places.client, template, 'disk1.vmdk', disk)).status).toBe(200);
    expect(attr(await places.client.read(template), 'status')).toBe('8');
  });
});

describe('catalog item refusals', () => {
  it('an Entity that is not a template of this org, a template already catalogued, a duplicate name: 400', async () => {
    const places = await navigate(ctx.p);
    const add = linkHref(await places.client.read(places.catalogHref), 'add', vnd('catalogItem'));
    const template = await uploadTemplate(places, 'cat-refusals');
    const item = (name: string, href: string) => `<CatalogItem xmlns="${VCLOUD_NS}" name="${name}"><Entity href="${href}"/></CatalogItem>`;
    expect(refusal(await places.client.post(add, vnd('catalogItem'), item('x', places.vdcHref)))).toEqual([400, 'BAD_REQUEST']);
    expect(refusal(await places.client.post(add, vnd('catalogItem'), `<CatalogItem xmlns="${VCLOUD_NS}" name="no-entity"/>`))).toEqual([400, 'BAD_REQUEST']);
    expect((await places.client.post(add, vnd('catalogItem'), item('first', template))).status).toBe(201);
    expect(refusal(await places.client.post(add, vnd('catalogItem'), item('second', template)))).toEqual([400, 'BAD_REQUEST']);
    const other = await uploadTemplate(places, 'cat-refusals-2');
    expect(refusal(await places.client.post(add, vnd('catalogItem'), item('first', other)))).toEqual([400, 'DUPLICATE_NAME']);
    expect((await places.client.post(add, 'application/vnd.vmware.admin.catalogItem+xml', item('admin type', other))).status).toBe(201);
  });
});
