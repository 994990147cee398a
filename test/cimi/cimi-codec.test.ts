import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCimi, decodeXml, encodeCimi } from '../../src/cimi/cimiCodec.js';

const NS = 'http://schemas.dmtf.org/cimi/2';

describe('client-side CIMI codec', () => {
  it('decodes a 2.0 XML Machine into the JSON model', () => {
    const xml = `<m:Machine xmlns:m="${NS}"><m:id>http://h/cimi/machines/1</m:id><m:name>a &amp; b</m:name><m:cpu>2</m:cpu>
      <m:properties><m:property key="k">v</m:property></m:properties>
      <m:disks href="http://h/cimi/machines/1/disks"/>
      <m:operations><m:operation rel="edit" href="http://h/cimi/machines/1"/><m:operation rel="${NS}/action/start" href="http://h/x"/></m:operations></m:Machine>`;
    const d = decodeXml(xml);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value).toMatchObject({
      resourceURI: `${NS}/Machine`,
      id: 'http://h/cimi/machines/1',
      name: 'a & b',
      cpu: 2,
      properties: { k: 'v' },
      disks: { href: 'http://h/cimi/machines/1/disks' },
      operations: [{ rel: 'edit', href: 'http://h/cimi/machines/1' }, { rel: `${NS}/action/start`, href: 'http://h/x' }],
    });
  });

  it('decodes an XML Collection with its grouping element and resourceURI attribute', () => {
    const xml = `<Collection xmlns="${NS}" resourceURI="${NS}/MachineCollection"><id>u</id><count>2</count><machines><Machine><id>a</id></Machine><Machine><id>b</id></Machine></machines></Collection>`;
    const d = decodeXml(xml);
    expect(d.ok && d.value).toMatchObject({ resourceURI: `${NS}/MachineCollection`, count: 2, machines: [{ id: 'a', resourceURI: `${NS}/Machine` }, { id: 'b' }] });
  });

  // CIMI 1.x (DSP8009 1.0.2, namespace cimi/1) repeats items without the 2.0 grouping elements.
  const NS1 = 'http://schemas.dmtf.org/cimi/1';
  const decoded = (xml: string): Record<string, unknown> => {
    const d = decodeXml(xml);
    if (!d.ok) throw new Error(d.error);
    return d.value;
  };

  it.each([NS1, NS])('reads bare repeated members of a %s Collection as a list, also when there is exactly one', (ns) => {
    const many = decoded(`<Collection xmlns="${ns}" resourceURI="${ns}/MachineCollection"><id>u</id><count>2</count><Machine><id>a</id></Machine><Machine><id>b</id></Machine><operation rel="add" href="u"/></Collection>`);
    expect(many).toMatchObject({ resourceURI: `${ns}/MachineCollection`, count: 2, machines: [{ id: 'a', resourceURI: `${ns}/Machine` }, { id: 'b' }], operations: [{ rel: 'add', href: 'u' }] });
    const one = decoded(`<Collection xmlns="${ns}" resourceURI="${ns}/MachineConfigurationCollection"><id>u</id><count>1</count><MachineConfiguration><id>c</id><cpu>1</cpu></MachineConfiguration></Collection>`);
    expect(one['machineConfigurations']).toEqual([{ id: 'c', cpu: 1, resourceURI: `${ns}/MachineConfiguration` }]);
    const rm = decoded(`<Collection xmlns="${ns}" resourceURI="${ns}/ResourceMetadataCollection"><count>1</count><ResourceMetadata><typeURI>${ns}/Machine</typeURI></ResourceMetadata></Collection>`);
    expect(rm['resourceMetadatas']).toEqual([{ typeURI: `${ns}/Machine`, resourceURI: `${ns}/ResourceMetadata` }]);
  });

  it('reads 1.x bare <operation>, <property>, <disk>, <capability> and <attribute> items as lists and maps', () => {
    const machine = decoded(`<Machine xmlns="${NS1}"><id>m</id><property key="a">1</property><property key="b">2</property>
      <disks href="m/disks"/><operation rel="edit" href="m"/></Machine>`);
    expect(machine).toMatchObject({ resourceURI: `${NS1}/Machine`, properties: { a: '1', b: '2' }, disks: { href: 'm/disks' }, operations: [{ rel: 'edit', href: 'm' }] });
    const config = decoded(`<MachineConfiguration xmlns="${NS1}"><cpu>2</cpu><disk><capacity>10</capacity><format>ext4</format></disk></MachineConfiguration>`);
    expect(config['disks']).toEqual([{ capacity: 10, format: 'ext4' }]);
    const rm = decoded(`<ResourceMetadata xmlns="${NS1}"><typeURI>${NS1}/Machine</typeURI><attribute name="cpu" type="integer" required="true"/>
      <capability><name>InitialStates</name><uri>${NS1}/capability/Machine/InitialStates</uri><value>STARTED</value></capability>
      <action><name>start</name><uri>${NS1}/action/start</uri></action></ResourceMetadata>`);
    expect(rm).toMatchObject({ attributes: [{ name: 'cpu', type: 'integer', required: true }], capabilities: [{ name: 'InitialStates', value: 'STARTED' }], actions: [{ name: 'start' }] });
    // A Job's action is one URI, not an item of a list.
    expect(decoded(`<Job xmlns="${NS1}"><action>${NS1}/action/start</action><affectedResource href="m"/></Job>`)).toMatchObject({ action: `${NS1}/action/start`, affectedResources: [{ href: 'm' }] });
  });

  it('reads a 2.0 grouping element with a single item as a list (capabilities → capability)', () => {
    const rm = decoded(`<ResourceMetadata xmlns="${NS}"><capabilities><capability><name>FilterParameter</name><value>true</value></capability></capabilities><operations><operation rel="edit" href="x"/></operations></ResourceMetadata>`);
    expect(rm).toMatchObject({ capabilities: [{ name: 'FilterParameter', value: 'true' }], operations: [{ rel: 'edit', href: 'x' }] });
  });

  it('refuses DOCTYPEs and reports malformed XML and JSON', () => {
    expect(decodeXml('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')).toMatchObject({ ok: false });
    expect(decodeXml('<a><b></a>')).toMatchObject({ ok: false });
    expect(decodeCimi('{"a":', 'application/json')).toMatchObject({ ok: false });
    expect(decodeCimi('[1]', 'application/json')).toMatchObject({ ok: false, error: 'JSON body is not an object' });
  });

  it('property: encode then decode round-trips names, descriptions, properties and refs', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s) && s.trim() === s && s !== '');
    fc.assert(
      fc.property(text, text, fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), text, { maxKeys: 4 }), (name, description, properties) => {
        const body = { name, description, properties, machineTemplate: { machineConfig: { href: 'http://h/c/1' }, machineImage: { href: 'http://h/i/1' } } };
        const xml = encodeCimi(body, 'MachineCreate', 'xml', NS);
        const back = decodeXml(xml);
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(back.value['name']).toBe(name);
        expect(back.value['description']).toBe(description);
        expect(back.value['properties'] ?? {}).toEqual(properties);
        expect(back.value['machineTemplate']).toEqual(body.machineTemplate);
      }),
      { numRuns: 100 },
    );
  });
});
