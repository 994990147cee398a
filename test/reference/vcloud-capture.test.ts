// The reference provider's Vms carry their VirtualSystem's sections (hardware, guest OS, product
// sections), and captureVApp (§6, related vDC actions) makes a template of a powered-off vApp: 201 with
// the new template at status 0 and its Task, then status 8, its descriptor the Vm's current sections
// and its files those the Vm's disks came with. A vApp that is not powered off is refused with 400.

import { describe, expect, it } from 'vitest';
import { validateDescriptor } from '../../src/ovf/validate.js';
import { virtualMachines } from '../../src/ovf/virtualMachine.js';
import { OVF1 as OVF_NS, RASD } from '../../src/ovf/namespaces.js';
import { VCLOUD_NS, accepted, attr, call, instantiate, kid, kids, linkHref, navigate, smallPackage, uploadTemplate, useVcloud, vnd, waitFor } from './vcloud-helpers.js';

const ctx = useVcloud({ transitionMs: 20 });

const captureParams = (name: string, source: string): string =>
  `<CaptureVAppParams xmlns="${VCLOUD_NS}" name="${name}"><Description>captured by a test</Description><Source href="${source}"/></CaptureVAppParams>`;

describe('Vm sections and captureVApp', () => {
  it('a Vm shows its VirtualSystem\'s hardware and guest OS; a powered-on vApp is refused, a powered-off one captured', async () => {
    const places = await navigate(ctx.p);
    const { client, vdc } = places;
    const template = await uploadTemplate(places, 'capture-source', smallPackage());
    const on = await instantiate(places, 'capture-on', template);
    const vm = await client.read(attr(kid(kid(await client.read(on), 'Children'), 'Vm'), 'href')!);
    const hardware = kids(vm, 'VirtualHardwareSection').find((s) => s.namespaceURI === OVF_NS)!;
    const items = kids(hardware, 'Item').map((i) => Object.fromEntries(i.children.filter((c) => c.namespaceURI === RASD).map((c) => [c.localName, c.textContent])));
    expect(items.filter((i) => ['3', '4'].includes(i['ResourceType']!)).map((i) => [i['ResourceType'], i['VirtualQuantity']])).toEqual([['3', '1'], ['4', '512']]);
    const disk = kids(hardware, 'Item').find((i) => i.children.some((c) => c.localName === 'ResourceType' && c.textContent === '17'))!;
    expect(kid(disk, 'HostResource')?.getAttributeNS(VCLOUD_NS, 'capacity')).toBe('4');
    expect(kid(vm, 'OperatingSystemSection')?.getAttributeNS(OVF_NS, 'id')).toBe('101');

    const captureUrl = linkHref(vdc, 'add', vnd('captureVAppParams'));
    const refused = await client.post(captureUrl, vnd('captureVAppParams'), captureParams('from-running', on));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('is not powered off');

    const off = await instantiate(places, 'capture-off', template, { deploy: false, powerOn: false });
    const made = await client.post(captureUrl, vnd('captureVAppParams'), captureParams('captured', off));
    expect(made.status).toBe(201);
    expect(attr(made.xml, 'status')).toBe('0');
    expect(kids(kid(made.xml, 'Tasks'), 'Task').map((t) => attr(t, 'operationName'))).toEqual(['vdcCaptureTemplate']);
    const href = attr(made.xml, 'href')!;
    expect(made.headers.get('location')).toBe(href);
    const ready = await waitFor(client, href, (t) => attr(t, 'status') === '8');
    expect(kids(kid(ready, 'Children'), 'Vm').map((v) => attr(v, 'name'))).toEqual(['tiny']);

    await accepted(client, 'POST', linkHref(ready, 'enable'));
    const descriptorUrl = linkHref(await client.read(href), 'download:default');
    const descriptor = await call('GET', descriptorUrl, { headers: client.headers() });
    const envelope = validateDescriptor(descriptor.text).envelope!;
    expect(envelope.version).toBe(1);
    const [machine] = virtualMachines(envelope);
    expect({ cpu: machine!.cpu, memory: machine!.memoryBytes, disks: machine!.disks.map((d) => d.capacityBytes), os: machine!.osType }).toEqual({ cpu: 1, memory: 512n * 2n ** 20n, disks: [4n * 2n ** 20n], os: '101' });
    const file = envelope.files[0]!;
    const bytes = await call('GET', new URL(file.href!, descriptorUrl).href, { headers: client.headers() });
    expect([bytes.status, String(bytes.bytes.length)]).toEqual([200, file.size]);
    expect(bytes.bytes.equals(Buffer.from(smallPackage().files.get('disk1.vmdk')!))).toBe(true);
  });
});
