import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { NS, call, gone, seeded, settled, useProvider } from './helpers.js';

const ctx = useProvider({ transitionMs: 0 });
const XML = { accept: 'application/xml' };
const SEND = { 'content-type': 'application/xml', accept: 'application/xml' };

const parse = (text: string): XmlElement => new DOMParser().parseFromString(text, 'application/xml').documentElement!;
const kids = (el: XmlElement, name?: string): XmlElement[] =>
  Array.from(el.childNodes).filter((n): n is XmlElement => n.nodeType === 1 && (name === undefined || (n as XmlElement).localName === name));
const text = (el: XmlElement, name: string): string | undefined => kids(el, name)[0]?.textContent ?? undefined;

async function createXml(body: string): Promise<string> {
  const r = await call('POST', `${ctx.p.baseUrl}machines`, { raw: body, headers: SEND });
  expect(r.status, r.text).toBe(201);
  return r.headers.get('location')!;
}

describe('XML representations', () => {
  it('a resource is an element named after it in the CIMI namespace; refs, maps and operations as specified', async () => {
    const config = await seeded(ctx.p.baseUrl, 'machineConfigs', 'small');
    const id = await createXml(
      `<c:MachineCreate xmlns:c="${NS}"><c:name>x1</c:name><c:properties><c:property key="k&amp;1">a &lt; b</c:property></c:properties>` +
        `<c:machineTemplate><c:machineConfig href="${config}"/></c:machineTemplate></c:MachineCreate>`,
    );
    const r = await call('GET', id, { headers: XML });
    expect(r.headers.get('content-type')).toBe('application/xml');
    const root = parse(r.text);
    expect(root.localName).toBe('Machine');
    expect(root.namespaceURI).toBe(NS);
    expect(text(root, 'name')).toBe('x1');
    expect(text(root, 'cpu')).toBe('1');
    const prop = kids(kids(root, 'properties')[0]!, 'property')[0]!;
    expect([prop.getAttribute('key'), prop.textContent]).toEqual(['k&1', 'a < b']);
    expect(kids(root, 'disks')[0]!.getAttribute('href')).toBe(`${id}/disks`);
    const ops = kids(kids(root, 'operations')[0]!, 'operation').map((o) => o.getAttribute('rel'));
    expect(ops).toContain(`${NS}/action/start`);
    expect(Array.from(root.childNodes).every((n) => n.nodeType !== 1 || (n as XmlElement).namespaceURI === NS)).toBe(true);
  });

  it('a collection is <Collection resourceURI> with a grouping element of members', async () => {
    const root = parse((await call('GET', `${ctx.p.baseUrl}machineConfigs`, { headers: XML })).text);
    expect(root.localName).toBe('Collection');
    expect(root.getAttribute('resourceURI')).toBe(`${NS}/MachineConfigurationCollection`);
    const members = kids(kids(root, 'machineConfigs')[0]!, 'MachineConfiguration');
    expect(members.length).toBe(Number(text(root, 'count')));
    const disk = kids(kids(members[0]!, 'disks')[0]!, 'disk')[0]!;
    expect(text(disk, 'capacity')).toBe('10000000');
  });

  it('an expanded reference carries the target attributes without its wrapper element', async () => {
    const config = await seeded(ctx.p.baseUrl, 'machineConfigs', 'small');
    const id = await createXml(`<MachineCreate xmlns="${NS}"><machineTemplate><machineConfig href="${config}"/></machineTemplate></MachineCreate>`);
    const root = parse((await call('GET', `${id}?$expand=disks&$format=xml`)).text);
    const disks = kids(root, 'disks')[0]!;
    expect(disks.getAttribute('href')).toBe(`${id}/disks`);
    expect(text(disks, 'count')).toBe('1');
    expect(kids(disks, 'Collection')).toHaveLength(0);
  });

  it('round-trips: a GET in XML PUT back unchanged keeps the resource unchanged', async () => {
    const config = await seeded(ctx.p.baseUrl, 'machineConfigs', 'medium');
    const before = (await call('GET', config)).body;
    const xml = (await call('GET', config, { headers: XML })).text;
    const put = await call('PUT', config, { raw: xml, headers: SEND });
    expect(put.status, put.text).toBe(200);
    const after = (await call('GET', config)).body;
    expect({ ...after, updated: before['updated'] }).toEqual(before);
  });

  it('an empty element erases a template attribute in a by-reference create', async () => {
    const template = await seeded(ctx.p.baseUrl, 'machineTemplates', 'medium-ubuntu-started');
    const id = await createXml(`<MachineCreate xmlns="${NS}"><machineTemplate href="${template}"><initialState/></machineTemplate></MachineCreate>`);
    expect((await settled(id))['state']).toBe('STOPPED');
  });

  it('actions and deletion work with XML bodies', async () => {
    const config = await seeded(ctx.p.baseUrl, 'machineConfigs', 'small');
    const id = await createXml(`<MachineCreate xmlns="${NS}"><machineTemplate><machineConfig href="${config}"/></machineTemplate></MachineCreate>`);
    const start = await call('POST', `${id}/start`, { raw: `<Action xmlns="${NS}"><action>${NS}/action/start</action></Action>`, headers: SEND });
    expect(start.status).toBe(200);
    expect(parse(start.text).localName).toBe('Job');
    const stop = await call('POST', `${id}/stop`, { raw: `<x:Action xmlns:x="${NS}"><x:action>${NS}/action/stop</x:action><x:force>true</x:force></x:Action>`, headers: SEND });
    expect(stop.status).toBe(200);
    expect((await call('DELETE', id, { headers: XML })).status).toBe(200);
    await gone(id);
  });

  it.each([
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY e "boom">]><MachineCreate xmlns="${NS}"><name>&e;</name></MachineCreate>`],
    ['another namespace', `<MachineCreate xmlns="http://example.org/other"><name>x</name></MachineCreate>`],
    ['no namespace', `<MachineCreate><name>x</name></MachineCreate>`],
    ['malformed XML', `<MachineCreate xmlns="${NS}"><name>x</MachineCreate>`],
    ['an unknown element', `<MachineCreate xmlns="${NS}"><colour>red</colour></MachineCreate>`],
    ['a wrong root', `<Machine xmlns="${NS}"><name>x</name></Machine>`],
    ['a non-integer', `<MachineCreate xmlns="${NS}"><machineTemplate><machineConfig><cpu>two</cpu><memory>1</memory></machineConfig></machineTemplate></MachineCreate>`],
  ])('rejects %s with 400 and an XML error Job', async (_what, body) => {
    const r = await call('POST', `${ctx.p.baseUrl}machines`, { raw: body, headers: SEND });
    expect(r.status).toBe(400);
    const job = parse(r.text);
    expect([job.localName, job.namespaceURI, text(job, 'state'), text(job, 'id')]).toEqual(['Job', NS, 'FAILED', '']);
  });
});
