import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCimi, decodeXml, encodeCimi } from '../../src/harness/cimiCodec.js';

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
