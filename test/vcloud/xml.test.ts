import { describe, expect, it } from 'vitest';
import { NS, childNames, decode } from '../../src/vcloud/xml.js';
import { decodeError, findLink, links } from '../../src/vcloud/entities.js';
import { versionInfos } from '../../src/vcloud/client.js';
import { decodeTask, busy } from '../../src/vcloud/task.js';
import { instantiateParams, undeployParams } from '../../src/vcloud/requests.js';
import { templateFiles } from '../../src/vcloud/upload.js';

const root = (text: string) => {
  const d = decode(text);
  if (!d.root) throw new Error(d.error);
  return d.root;
};

describe('vCloud XML', () => {
  it('refuses DTDs and reports what is not XML', () => {
    expect(decode('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').error).toMatch(/doctype/);
    expect(decode('').error).toBe('empty body');
    expect(decode('{"json":1}').error).toMatch(/not-xml/);
  });

  it('finds links by rel and media type, case-insensitively, only on the element itself', () => {
    const org = root(`<Org xmlns="${NS.v15}" name="o"><Link rel="down" type="application/VND.vmware.vcloud.vdc+xml" href="https://h/api/vdc/1" name="v"/><Link rel="down" type="application/vnd.vmware.vcloud.catalog+xml" href="https://h/api/catalog/2"/><Child><Link rel="remove" href="x"/></Child></Org>`);
    expect(findLink(org, 'down', 'application/vnd.vmware.vcloud.vdc+xml')).toEqual({ rel: 'down', href: 'https://h/api/vdc/1', type: 'application/VND.vmware.vcloud.vdc+xml', name: 'v' });
    expect(findLink(org, 'remove')).toBeUndefined();
    expect(links(org).map((l) => l.rel)).toEqual(['down', 'down']);
  });

  it('ignores elements of other namespaces with the same name', () => {
    const el = root(`<Org xmlns="${NS.v15}" xmlns:x="urn:x"><x:Link rel="down" href="h"/></Org>`);
    expect(links(el)).toEqual([]);
  });

  it('decodes Error and Task', () => {
    const err = root(`<Error xmlns="${NS.v15}" message="m" majorErrorCode="400" minorErrorCode="BAD_REQUEST"/>`);
    expect(decodeError(err)).toEqual({ message: 'm', majorErrorCode: '400', minorErrorCode: 'BAD_REQUEST' });
    const vapp = root(`<VApp xmlns="${NS.v15}" status="0"><Tasks><Task status="running" name="task" href="t" operationName="vdcInstantiateVapp"><Owner href="v" type="application/vnd.vmware.vcloud.vApp+xml"/></Task></Tasks></VApp>`);
    expect(busy(vapp)).toBe(true);
    const task = decodeTask(vapp.children[0]!.children[0]!);
    expect({ status: task.status, owner: task.owner?.href, op: task.operationName }).toEqual({ status: 'running', owner: 'v', op: 'vdcInstantiateVapp' });
  });

  it('reads VersionInfo entries as text', () => {
    const doc = root(`<SupportedVersions xmlns="${NS.versions}"><VersionInfo><Version>5.10</Version><LoginUrl>https://h/api/sessions</LoginUrl></VersionInfo><VersionInfo deprecated="true"><Version> 1.5 </Version><LoginUrl>https://h/api/sessions</LoginUrl></VersionInfo></SupportedVersions>`);
    expect(versionInfos(doc).map((v) => [v.version, v.deprecated ?? false])).toEqual([['5.10', false], ['1.5', true]]);
    expect(versionInfos(root(`<SupportedVersions xmlns="${NS.v15}"/>`))).toEqual([]);
  });

  it('reads a template’s Files', () => {
    const t = root(`<VAppTemplate xmlns="${NS.v15}"><Files><File name="descriptor.ovf" size="10" bytesTransferred="10"><Link rel="upload:default" href="u"/></File></Files></VAppTemplate>`);
    expect(templateFiles(t)).toEqual([{ name: 'descriptor.ovf', size: 10, bytesTransferred: 10, uploadHref: 'u' }]);
  });

  it('writes InstantiateVAppTemplateParams in schema order, escaped', () => {
    const body = root(instantiateParams({ name: 'a&"b', source: 'https://h/t', description: '<d>', network: { networkName: 'n', parentHref: 'https://h/n', fenceMode: 'bridged' }, allEulasAccepted: true }));
    expect(childNames(body)).toEqual(['Description', 'InstantiationParams', 'Source', 'AllEULAsAccepted']);
    expect(body.getAttribute('name')).toBe('a&"b');
    expect(body.namespaceURI).toBe(NS.v15);
    expect(body.getElementsByTagNameNS(NS.ovf, 'Info')).toHaveLength(1);
  });

  it('writes UndeployVAppParams with the action, empty, or without it', () => {
    expect(childNames(root(undeployParams('force')))).toEqual(['UndeployPowerAction']);
    expect(root(undeployParams('')).children[0]!.textContent).toBe('');
    expect(childNames(root(undeployParams()))).toEqual([]);
  });
});
