// The whole vCloud journey against the reference provider, by links only: upload a small OVF package
// (§5.1), publish it in the catalog, download it back (§5.2), instantiate (§6), power on and off,
// deploy and undeploy (§7), delete (§9), with the Tasks of each step (§8).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import {
  Client, VCLOUD_NS, accepted, attr, deployParams, follow, instantiate, kid, kids, linkHref, manifestOf, navigate, putFile, rels, smallPackage, startUpload,
  undeployParams, uploadTemplate, useVcloud, vnd, waitFor, waitTask,
} from './vcloud-helpers.js';

// Transitions last long enough to be seen between two requests.
const ctx = useVcloud({ transitionMs: 60 });

const statusOf = async (client: Client, href: string): Promise<[string, string]> => {
  const e = await client.read(href);
  return [attr(e, 'status')!, attr(e, 'deployed')!];
};

describe('upload, catalog and download', () => {
  it('UploadVAppTemplateParams → 201 sparse template; descriptor PUT → Files per reference; bytes → vdcUploadOvfContents → status 8', async () => {
    const places = await navigate(ctx.p);
    const { client } = places;
    const pkg = smallPackage();
    const created = await client.post(linkHref(places.vdc, 'add', vnd('uploadVAppTemplateParams')), vnd('uploadVAppTemplateParams'),
      `<UploadVAppTemplateParams xmlns="${VCLOUD_NS}" name="journey-template"><Description>d</Description></UploadVAppTemplateParams>`);
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe(`${vnd('vAppTemplate')};version=1.5`);
    const template = created.xml!;
    const href = attr(template, 'href')!;
    expect(created.headers.get('location')).toBe(href);
    expect([attr(template, 'status'), attr(template, 'ovfDescriptorUploaded'), attr(template, 'name')]).toEqual(['0', 'false', 'journey-template']);
    expect(attr(template, 'id')).toMatch(/^urn:vcloud:vapptemplate:/);
    expect(rels(template)).toEqual(expect.arrayContaining(['up', 'remove']));
    const [descriptorFile] = kids(kid(template, 'Files'), 'File');
    expect([attr(descriptorFile, 'name'), attr(descriptorFile, 'bytesTransferred')]).toEqual(['descriptor.ovf', '0']);

    const put = await client.send('PUT', linkHref(descriptorFile, 'upload:default'), 'text/xml', pkg.descriptor);
    expect(put.status).toBe(200);
    const listed = await client.read(href);
    expect(attr(listed, 'ovfDescriptorUploaded')).toBe('true');
    const files = kids(kid(listed, 'Files'), 'File');
    expect(files.map((f) => [attr(f, 'name'), attr(f, 'size'), attr(f, 'bytesTransferred')])).toEqual([
      ['descriptor.ovf', String(Buffer.byteLength(pkg.descriptor)), String(Buffer.byteLength(pkg.descriptor))],
      ['disk1.vmdk', '1500', '0'],
    ]);
    expect(linkHref(files[1], 'upload:default')).toMatch(/\/transfer\/[0-9a-f-]{36}\/disk1\.vmdk$/);

    // In two Content-Range parts: the first appends, the second completes.
    const disk = pkg.files.get('disk1.vmdk')!;
    const first = await client.send('PUT', linkHref(files[1], 'upload:default'), 'application/octet-stream', disk.subarray(0, 1000), { 'content-range': 'bytes 0-999/1500' });
    expect(first.status).toBe(200);
    expect(kids(kid(await client.read(href), 'Files'), 'File').map((f) => attr(f, 'bytesTransferred'))[1]).toBe('1000');
    const second = await client.send('PUT', linkHref(files[1], 'upload:default'), 'application/octet-stream', disk.subarray(1000), { 'content-range': 'bytes 1000-1499/1500' });
    expect(second.status).toBe(200);
    // The finalizing Task, looked up in the org's TasksList (it may already have ended).
    const tasks = kids(await client.read(linkHref(places.org, 'down', vnd('tasksList'))), 'Task');
    const task = tasks.find((t) => attr(t, 'operationName') === 'vdcUploadOvfContents' && attr(kid(t, 'Owner'), 'href') === href);
    expect(['running', 'success']).toContain(attr(task, 'status'));
    expect(attr(await waitTask(client, attr(task, 'href')!), 'status')).toBe('success');
    const done = await client.read(href);
    expect(attr(done, 'status')).toBe('8');
    expect(kid(done, 'Files')).toBeUndefined();
    expect(kids(kid(done, 'Children'), 'Vm').map((v) => attr(v, 'name'))).toEqual(['tiny']);
    const vdc = await client.read(places.vdcHref);
    expect(kids(kid(vdc, 'ResourceEntities'), 'ResourceEntity').map((r) => [attr(r, 'name'), attr(r, 'type'), attr(r, 'href')])).toContainEqual(['journey-template', vnd('vAppTemplate'), href]);
  });

  it('manifestRequired lists a manifest File; matching digests end at status 8', async () => {
    const places = await navigate(ctx.p);
    const pkg = smallPackage();
    const href = await startUpload(places, 'with-manifest', pkg, true);
    const names = kids(kid(await places.client.read(href), 'Files'), 'File').map((f) => attr(f, 'name'));
    expect(names).toEqual(['descriptor.ovf', 'disk1.vmdk', 'manifest.mf']);
    expect((await putFile(places.client, href, 'disk1.vmdk', pkg.files.get('disk1.vmdk')!)).status).toBe(200);
    expect(attr(await places.client.read(href), 'status')).toBe('0');
    expect((await putFile(places.client, href, 'manifest.mf', manifestOf(pkg))).status).toBe(200);
    expect(attr(await waitFor(places.client, href, (t) => attr(t, 'status') !== '0'), 'status')).toBe('8');
  });

  it('catalog item: POST → 201 with Entity; listed in the Catalog; DELETE → 204 and gone', async () => {
    const places = await navigate(ctx.p);
    const template = await uploadTemplate(places, 'catalogued');
    const catalog = await places.client.read(places.catalogHref);
    const add = linkHref(catalog, 'add', vnd('catalogItem'));
    const r = await places.client.post(add, vnd('catalogItem'), `<CatalogItem xmlns="${VCLOUD_NS}" name="catalogued item"><Description>x</Description><Entity href="${template}"/></CatalogItem>`);
    expect(r.status).toBe(201);
    expect(attr(kid(r.xml, 'Entity'), 'href')).toBe(template);
    const itemHref = attr(r.xml, 'href')!;
    const listed = kids(kid(await places.client.read(places.catalogHref), 'CatalogItems'), 'CatalogItem');
    expect(listed.map((i) => [attr(i, 'href'), attr(i, 'type')])).toContainEqual([itemHref, vnd('catalogItem')]);
    const entity = await places.client.read(attr(kid(await places.client.read(itemHref), 'Entity'), 'href')!);
    expect(entity.localName).toBe('VAppTemplate');
    const del = await places.client.delete(linkHref(await places.client.read(itemHref), 'remove'));
    expect([del.status, del.text]).toEqual([204, '']);
    expect((await places.client.get(itemHref)).status).toBe(403);
    expect(kids(kid(await places.client.read(places.catalogHref), 'CatalogItems'), 'CatalogItem').map((i) => attr(i, 'href'))).not.toContain(itemHref);
    expect((await places.client.get(template)).status).toBe(200);
  });

  it('enableDownload → 202 Task; then download:default gives the descriptor and each file with exactly ovf:size bytes', async () => {
    const places = await navigate(ctx.p);
    const pkg = smallPackage();
    const template = await uploadTemplate(places, 'downloadable', pkg);
    expect(rels(await places.client.read(template))).not.toContain('download:default');
    await follow(places.client, template, 'enable');
    const enabled = await places.client.read(template);
    const descriptorUrl = linkHref(enabled, 'download:default', 'text/xml');
    const descriptor = await places.client.get(descriptorUrl);
    expect([descriptor.status, descriptor.headers.get('content-type')]).toEqual([200, 'text/xml']);
    expect(descriptor.text).toBe(pkg.descriptor);
    for (const f of kids(kid(descriptor.xml, 'References'), 'File')) {
      const href = f.getAttribute('ovf:href')!;
      const bytes = await places.client.get(new URL(href, descriptorUrl).href);
      expect(bytes.status).toBe(200);
      expect(bytes.bytes.length).toBe(Number(f.getAttribute('ovf:size')));
      expect(bytes.bytes.equals(Buffer.from(pkg.files.get(href)!))).toBe(true);
    }
  });
});

describe('instantiate, power, deploy, delete', () => {
  it('the full journey on a vApp and its Vm', async () => {
    const places = await navigate(ctx.p);
    const { client } = places;
    const template = await uploadTemplate(places, 'journey');

    // instantiate: 201, status 0, embedded running Task owned by the vApp; deploy/powerOn default true.
    const r = await client.post(linkHref(places.vdc, 'add', vnd('instantiateVAppTemplateParams')), vnd('instantiateVAppTemplateParams'),
      `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" name="journey-vapp">
         <InstantiationParams><NetworkConfigSection><ovf:Info>n</ovf:Info><NetworkConfig networkName="VM Network"><Configuration>
           <ParentNetwork href="${places.networkHref}"/><FenceMode>bridged</FenceMode></Configuration></NetworkConfig></NetworkConfigSection></InstantiationParams>
         <Source href="${template}"/></InstantiateVAppTemplateParams>`);
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toBe(`${vnd('vApp')};version=1.5`);
    const vappHref = attr(r.xml, 'href')!;
    expect(r.headers.get('location')).toBe(vappHref);
    expect([attr(r.xml, 'status'), attr(r.xml, 'deployed'), attr(r.xml, 'name')]).toEqual(['0', 'false', 'journey-vapp']);
    const task = kid(kid(r.xml, 'Tasks'), 'Task')!;
    expect(['running', 'queued']).toContain(attr(task, 'status'));
    expect([attr(task, 'name'), attr(task, 'operationName'), attr(kid(task, 'Owner'), 'href'), attr(kid(task, 'Owner'), 'type')]).toEqual(['task', 'vdcInstantiateVapp', vappHref, vnd('vApp')]);
    expect(attr(task, 'startTime')).toBeTruthy();
    expect(attr(task, 'endTime')).toBeUndefined();
    expect(rels(task)).toContain('task:cancel');
    expect(kid(task, 'User')).toBeDefined();
    expect(kid(task, 'Organization')).toBeDefined();
    const ended = await waitTask(client, attr(task, 'href')!);
    expect([attr(ended, 'status'), attr(ended, 'endTime') !== undefined, kid(ended, 'Progress')?.textContent]).toEqual(['success', true, '100']);
    expect(rels(ended)).not.toContain('task:cancel');

    // Powered on and deployed: Vm under /vApp/vm-, links of a running vApp, NetworkConfigSection reflected.
    const on = await client.read(vappHref);
    expect([attr(on, 'status'), attr(on, 'deployed')]).toEqual(['4', 'true']);
    const vm = kid(kid(on, 'Children'), 'Vm')!;
    const vmHref = attr(vm, 'href')!;
    expect(vmHref).toMatch(/\/api\/vApp\/vm-[0-9a-f-]{36}$/);
    expect([attr(vm, 'status'), attr(vm, 'deployed')]).toEqual(['4', 'true']);
    expect(rels(on)).toEqual(expect.arrayContaining(['power:powerOff', 'power:reset', 'power:shutdown', 'power:suspend', 'power:reboot', 'undeploy', 'deploy']));
    expect(rels(on)).not.toContain('remove');
    expect(rels(on)).not.toContain('power:powerOn');
    const config = kid(kid(on, 'NetworkConfigSection'), 'NetworkConfig');
    expect(attr(config, 'networkName')).toBe('VM Network');
    expect(attr(kid(kid(config, 'Configuration'), 'ParentNetwork'), 'href')).toBe(places.networkHref);
    expect(kid(kid(config, 'Configuration'), 'FenceMode')?.textContent).toBe('bridged');

    // powerOff: 202 Task; status 8 but still deployed.
    const off = await client.post(linkHref(on, 'power:powerOff'));
    expect(off.status).toBe(202);
    expect(attr(off.xml, 'operationName')).toBe('vappPowerOff');
    await waitTask(client, attr(off.xml, 'href')!);
    expect(await statusOf(client, vappHref)).toEqual(['8', 'true']);
    expect(rels(await client.read(vappHref))).not.toContain('remove');

    // powerOn, suspend (status 3), powerOn again, reset, reboot, shutdown on the vApp.
    await follow(client, vappHref, 'power:powerOn');
    expect(await statusOf(client, vappHref)).toEqual(['4', 'true']);
    await follow(client, vappHref, 'power:suspend');
    expect(await statusOf(client, vappHref)).toEqual(['3', 'true']);
    await follow(client, vappHref, 'power:powerOn');
    await follow(client, vappHref, 'power:reset');
    await follow(client, vappHref, 'power:reboot');
    expect(await statusOf(client, vappHref)).toEqual(['4', 'true']);
    await follow(client, vappHref, 'power:shutdown');
    expect(await statusOf(client, vappHref)).toEqual(['8', 'true']);

    // The same operations on the Vm href.
    await follow(client, vmHref, 'power:powerOn');
    expect(await statusOf(client, vmHref)).toEqual(['4', 'true']);
    expect(await statusOf(client, vappHref)).toEqual(['4', 'true']);
    await follow(client, vmHref, 'power:powerOff');
    expect(await statusOf(client, vmHref)).toEqual(['8', 'true']);

    // undeploy (default power action) → deployed false, status 8: now remove and edit are offered.
    await follow(client, vappHref, 'undeploy', vnd('undeployVAppParams'), undeployParams());
    const undeployed = await client.read(vappHref);
    expect([attr(undeployed, 'status'), attr(undeployed, 'deployed')]).toEqual(['8', 'false']);
    expect(rels(undeployed)).toEqual(expect.arrayContaining(['power:powerOn', 'deploy', 'remove', 'edit']));
    expect(rels(undeployed)).not.toContain('undeploy');

    // deploy without powerOn attribute ends powered on (1.5 default); undeploy with suspend keeps it suspended.
    await follow(client, vappHref, 'deploy', vnd('deployVAppParams'), deployParams());
    expect(await statusOf(client, vappHref)).toEqual(['4', 'true']);
    await follow(client, vappHref, 'undeploy', vnd('undeployVAppParams'), undeployParams('suspend'));
    expect(await statusOf(client, vappHref)).toEqual(['3', 'false']);
    await follow(client, vappHref, 'deploy', vnd('deployVAppParams'), deployParams(false));
    expect(await statusOf(client, vappHref)).toEqual(['3', 'true']);
    for (const action of ['shutdown', 'force', 'default', 'powerOff']) {
      await follow(client, vappHref, 'deploy', vnd('deployVAppParams'), deployParams(true));
      await follow(client, vappHref, 'undeploy', vnd('undeployVAppParams'), undeployParams(action));
      expect(await statusOf(client, vappHref), action).toEqual(['8', 'false']);
    }

    // edit, then delete: 202 Task, then 403, and it leaves the vDC's ResourceEntities.
    await accepted(client, 'PUT', linkHref(await client.read(vappHref), 'edit'), vnd('vApp'), `<VApp xmlns="${VCLOUD_NS}" name="journey-renamed"><Description>renamed</Description></VApp>`);
    expect(attr(await client.read(vappHref), 'name')).toBe('journey-renamed');
    const del = await client.delete(linkHref(await client.read(vappHref), 'remove'));
    expect(del.status).toBe(202);
    expect([attr(del.xml, 'operationName'), attr(kid(del.xml, 'Owner'), 'href')]).toEqual(['vdcDeleteVapp', vappHref]);
    await waitTask(client, attr(del.xml, 'href')!);
    const gone = await client.get(vappHref);
    expect([gone.status, attr(gone.xml, 'minorErrorCode')]).toEqual([403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN']);
    const entities = kids(kid(await client.read(places.vdcHref), 'ResourceEntities'), 'ResourceEntity').map((e) => attr(e, 'href'));
    expect(entities).not.toContain(vappHref);

    // The org's TasksList holds the journey's Tasks.
    const tasksList = await client.read(linkHref(places.org, 'down', vnd('tasksList')));
    expect(kids(tasksList, 'Task').map((t) => attr(t, 'href'))).toEqual(expect.arrayContaining([attr(task, 'href'), attr(off.xml, 'href'), attr(del.xml, 'href')]));
  });

  it('deploy="false" powerOn="false" ends undeployed and powered off; powerOn deploys implicitly', async () => {
    const places = await navigate(ctx.p);
    const vapp = await instantiate(places, 'stopped-vapp', await uploadTemplate(places, 'stopped'), { deploy: false, powerOn: false });
    expect(await statusOf(places.client, vapp)).toEqual(['8', 'false']);
    expect(rels(await places.client.read(vapp))).toEqual(expect.arrayContaining(['power:powerOn', 'remove']));
    await follow(places.client, vapp, 'power:powerOn');
    expect(await statusOf(places.client, vapp)).toEqual(['4', 'true']);
  });

  it('DELETE of a template → 202 Task; it leaves ResourceEntities and its catalog item', async () => {
    const places = await navigate(ctx.p);
    const template = await uploadTemplate(places, 'doomed');
    const del = await places.client.delete(linkHref(await places.client.read(template), 'remove'));
    expect(del.status).toBe(202);
    await waitTask(places.client, attr(del.xml, 'href')!);
    expect((await places.client.get(template)).status).toBe(403);
    const entities = kids(kid(await places.client.read(places.vdcHref), 'ResourceEntities'), 'ResourceEntity').map((e) => attr(e, 'href'));
    expect(entities).not.toContain(template);
  });

  it('a running Task can be canceled (204), ends canceled and stays so; a finished one cannot', async () => {
    // Tasks of 400 ms: the cancel reaches the Task while it runs, even on a loaded machine.
    const p = await startReferenceProvider({ transitionMs: 400 });
    try {
      const places = await navigate(p);
      const vapp = await instantiate(places, 'cancel-vapp', await uploadTemplate(places, 'cancel'), { deploy: false, powerOn: false });
      const r = await places.client.post(linkHref(await places.client.read(vapp), 'power:powerOn'));
      const cancel = await places.client.post(linkHref(r.xml, 'task:cancel'));
      expect([cancel.status, cancel.text]).toEqual([204, '']);
      await new Promise((res) => setTimeout(res, 600));
      const task = await places.client.read(attr(r.xml, 'href')!);
      expect([attr(task, 'status'), attr(task, 'endTime') !== undefined]).toEqual(['canceled', true]);
      expect(await statusOf(places.client, vapp)).toEqual(['8', 'false']);
      expect((await places.client.post(linkHref(r.xml, 'task:cancel'))).status).toBe(400);
    } finally {
      await p.close();
    }
  });
});

describe('timers', () => {
  it('with transitionMs 0 a Task has ended by the next request', async () => {
    const p = await startReferenceProvider({ transitionMs: 0 });
    try {
      const places = await navigate(p);
      const vapp = await instantiate(places, 'instant', await uploadTemplate(places, 'instant'), { deploy: false, powerOn: false });
      const r = await places.client.post(linkHref(await places.client.read(vapp), 'power:powerOn'));
      expect(attr(r.xml, 'status')).toBe('running');
      expect(attr(await places.client.read(attr(r.xml, 'href')!), 'status')).toBe('success');
    } finally {
      await p.close();
    }
  });

  it('a closed provider leaves no timer behind, even with a Task still running: its process can exit', async () => {
    // In a process of its own: a timer left behind would keep it alive for the Task's 60 s.
    const script = `
      const { startReferenceProvider } = await import(${JSON.stringify(new URL('../../src/reference/server.ts', import.meta.url).href)});
      const h = await import(${JSON.stringify(new URL('./vcloud-helpers.ts', import.meta.url).href)});
      const p = await startReferenceProvider({ transitionMs: 60000 });
      const places = await h.navigate(p);
      const pkg = h.smallPackage();
      const template = await h.startUpload(places, 'pending', pkg);
      await h.putFile(places.client, template, 'disk1.vmdk', pkg.files.get('disk1.vmdk'));
      console.log(h.attr(h.kid(h.kid(await places.client.read(template), 'Tasks'), 'Task'), 'status'));
      await p.close();`;
    // Killed (and rejected) at 30 s: well before a 60 s timer would let it go.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 });
    expect(stdout.trim()).toBe('running');
  }, 40_000);
});
