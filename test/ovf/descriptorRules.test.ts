// One case per descriptor rule the mutators do not cover: a small edit of a clean descriptor
// must produce the rule; the clean descriptor produces nothing.
import { describe, expect, it } from 'vitest';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import { validateDescriptor } from '../../src/ovf/validate.js';

const shape = { disks: [{ payload: new Uint8Array(8), capacityMiB: 16 }, { payload: new Uint8Array(8), capacityMiB: 32 }], networks: ['LAN'], cpus: 2, memoryMiB: 512, name: 'vm', os: '101', products: [] };
const base1 = serializeEnvelope(envelopeOf({ ...shape, version: 1 }));
const base2 = serializeEnvelope(envelopeOf({ ...shape, version: 2 }));

const rulesOf = (xml: string, opts = {}): string[] => [...new Set(validateDescriptor(xml, 'x.ovf', opts).findings.map((f) => f.rule))].sort();
const insertInSystem = (xml: string, fragment: string): string => xml.replace('</VirtualSystem>', `${fragment}\n  </VirtualSystem>`);
const inHardware = (xml: string, fragment: string): string => xml.replace('</VirtualHardwareSection>', `${fragment}\n</VirtualHardwareSection>`);
/** Wraps the VirtualSystem in a collection; `$1` in `children` is the system's body. */
const inCollection = (xml: string, children: string): string =>
  xml.replace(/<VirtualSystem ovf:id="vm">([\s\S]*)<\/VirtualSystem>/, `<VirtualSystemCollection ovf:id="c"><Info>c</Info>${children}</VirtualSystemCollection>`);
const withOptions = (xml: string, configurations: string, inSystem = ''): string =>
  insertInSystem(xml, inSystem).replace('</DiskSection>', `</DiskSection>\n  <DeploymentOptionSection><Info>o</Info>${configurations}</DeploymentOptionSection>`);
const cpuInstanceId = /<rasd:InstanceID>(\d+)<\/rasd:InstanceID>\s*<rasd:ResourceType>3</.exec(base1)?.[1] ?? '?';

/** [rule, description, descriptor text, options?] */
const cases: [string, string, string, object?][] = [
  ['OVF-REF-001', 'File without ovf:href', base1.replace(' ovf:href="disk1.vmdk"', ' href="disk1.vmdk"')],
  ['OVF-REF-002', 'duplicate File id', base1.replace('ovf:id="file2"', 'ovf:id="file1"')],
  ['OVF-REF-004', 'two Files, one href', base1.replace('ovf:href="disk2.vmdk"', 'ovf:href="disk1.vmdk"')],
  ['OVF-REF-006', 'bzip2 compression', base1.replace('ovf:href="disk1.vmdk"', 'ovf:href="disk1.vmdk" ovf:compression="bzip2"')],
  ['OVF-REF-008', 'References lists the manifest', base1.replace('ovf:href="disk2.vmdk"', 'ovf:href="x.mf"')],
  ['OVF-ENV-001', 'root is not an OVF Envelope', '<Envelope xmlns="http://www.vmware.com/schema/ovf/1/envelope"/>'],
  ['OVF-ENV-001', 'not well-formed', base1.replace('</References>', '</Reference>')],
  ['OVF-ENV-004', 'two VirtualSystems', base1.replace('</Envelope>', '  <VirtualSystem ovf:id="b"><Info>b</Info></VirtualSystem>\n</Envelope>')],
  ['OVF-CNT-002', 'two children of one collection share an id', inCollection(base1, '<VirtualSystem ovf:id="vm">$1</VirtualSystem><VirtualSystem ovf:id="vm">$1</VirtualSystem>')],
  ['OVF-VH-005', 'VirtualHardwareSection inside a VirtualSystemCollection', inCollection(base1, '<VirtualHardwareSection><Info>h</Info></VirtualHardwareSection><VirtualSystem ovf:id="vm">$1</VirtualSystem>')],
  ['OVF-VH-005', 'VirtualHardwareSection at Envelope level', base1.replace('</DiskSection>', '</DiskSection>\n  <VirtualHardwareSection><Info>h</Info></VirtualHardwareSection>')],
  ['OVF-RASD-002', 'Items sharing an InstanceID disagree on ResourceType', inHardware(base1, `<Item ovf:bound="max"><rasd:ElementName>m</rasd:ElementName><rasd:InstanceID>${cpuInstanceId}</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType></Item>`)],
  ['OVF-RASD-013', 'a device with two HostResource backings', base1.replace(/(<rasd:HostResource>[^<]*<\/rasd:HostResource>)/, '$1$1')],
  ['OVF-RASD-014', 'a range marker without its normal Item', inHardware(base1, '<Item ovf:bound="max"><rasd:ElementName>cpu max</rasd:ElementName><rasd:InstanceID>77</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>8</rasd:VirtualQuantity></Item>')],
  ['OVF-OE-005', 'iso transport without a CD-ROM drive', base1.replace('<VirtualHardwareSection>', '<VirtualHardwareSection ovf:transport="iso">')],
  ['OVF-DISK-010', 'Disks name their Files out of References order', base1.replace('ovf:fileRef="file1"', 'ovf:fileRef="TMP"').replace('ovf:fileRef="file2"', 'ovf:fileRef="file1"').replace('ovf:fileRef="TMP"', 'ovf:fileRef="file2"')],
  ['OVF-PROD-008', 'two Properties with one key', insertInSystem(base1, '<ProductSection><Info>p</Info><Property ovf:key="a" ovf:type="string"/><Property ovf:key="a" ovf:type="string"/></ProductSection>')],
  ['OVF-PROD-009', 'two Values for one configuration', withOptions(base1, '<Configuration ovf:id="small"><Label>S</Label><Description>s</Description></Configuration>',
    '<ProductSection><Info>p</Info><Property ovf:key="a" ovf:type="string"><Value ovf:value="1" ovf:configuration="small"/><Value ovf:value="2" ovf:configuration="small"/></Property></ProductSection>')],
  ['OVF-DEPL-001', 'a Configuration id declared twice', withOptions(base1, '<Configuration ovf:id="small"><Label>S</Label><Description>s</Description></Configuration><Configuration ovf:id="small"><Label>S</Label><Description>s</Description></Configuration>')],
  ['OVF-DEPL-001', 'two default Configurations', withOptions(base1, '<Configuration ovf:id="a" ovf:default="true"><Label>A</Label><Description>a</Description></Configuration><Configuration ovf:id="b" ovf:default="true"><Label>B</Label><Description>b</Description></Configuration>')],
  ['OVF-SEC-005', 'DiskSection inside a VirtualSystem', insertInSystem(base1, '<DiskSection><Info>d</Info></DiskSection>')],
  ['OVF-SEC-006', 'StartupSection inside a VirtualSystem', insertInSystem(base1, '<StartupSection><Info>s</Info></StartupSection>')],
  ['OVF-VH-002', 'two hardware sections of one type', base1.replace(/(\s*<VirtualHardwareSection>[\s\S]*<\/VirtualHardwareSection>)/, '$1$1')],
  ['OVF-VH-004', '2.x EthernetPortItem before Item', base2.replace('<Item>', '<EthernetPortItem><epasd:ElementName>nic</epasd:ElementName><epasd:InstanceID>50</epasd:InstanceID></EthernetPortItem>\n<Item>')],
  ['OVF-DISK-001', 'Disk without capacity', base1.replace(' ovf:capacity="16"', '')],
  ['OVF-DISK-008', 'two Disks share a File', base1.replace('ovf:fileRef="file2"', 'ovf:fileRef="file1"')],
  ['OVF-PROD-001', 'Property without type', insertInSystem(base1, '<ProductSection><Info>p</Info><Property ovf:key="a"/></ProductSection>')],
  ['OVF-PROD-004', 'default violates MaxLen', insertInSystem(base1, '<ProductSection><Info>p</Info><Property ovf:key="a" ovf:type="string" ovf:qualifiers="MaxLen(2)" ovf:value="abc"/></ProductSection>')],
  ['OVF-PROD-004', 'malformed ValueMap', insertInSystem(base1, '<ProductSection><Info>p</Info><Property ovf:key="a" ovf:type="string" ovf:qualifiers="ValueMap{a,b}"/></ProductSection>')],
  ['OVF-PROD-006', 'two ProductSections, same class/instance', insertInSystem(base1, '<ProductSection><Info>p</Info></ProductSection><ProductSection><Info>q</Info></ProductSection>')],
  ['OVF-START-001', 'startup item names no child', base1.replace(/<VirtualSystem ovf:id="vm">([\s\S]*)<\/VirtualSystem>/, '<VirtualSystemCollection ovf:id="c"><Info>c</Info><StartupSection><Info>s</Info><Item ovf:id="nope" ovf:order="0"/></StartupSection><VirtualSystem ovf:id="vm">$1</VirtualSystem></VirtualSystemCollection>')],
  ['OVF-START-002', 'unknown stop action', base1.replace(/<VirtualSystem ovf:id="vm">([\s\S]*)<\/VirtualSystem>/, '<VirtualSystemCollection ovf:id="c"><Info>c</Info><StartupSection><Info>s</Info><Item ovf:id="vm" ovf:order="0" ovf:stopAction="suspend"/></StartupSection><VirtualSystem ovf:id="vm">$1</VirtualSystem></VirtualSystemCollection>')],
  ['OVF-I18N-001', 'Msg without msgid', base1.replace('</Envelope>', '  <Strings xml:lang="de-DE"><Msg>Hallo</Msg></Strings>\n</Envelope>')],
  ['OVF-I18N-002', 'bundle names no File', base1.replace('</Envelope>', '  <Strings xml:lang="de-DE" ovf:fileRef="nope"/>\n</Envelope>')],
  ['OVF-V2-001', 'default above maximum', insertInSystem(base2, '<ScaleOutSection ovf:id="vm"><Info>s</Info><InstanceCount ovf:default="5" ovf:maximum="3"/></ScaleOutSection>')],
  ['OVF-V2-002', 'environment file without path', insertInSystem(base2, '<EnvironmentFilesSection><Info>e</Info><File ovf:fileRef="file1"/></EnvironmentFilesSection>')],
  ['OVF-V2-004', 'placement group undeclared', insertInSystem(base2, '<PlacementSection ovf:group="g"><Info>p</Info></PlacementSection>')],
  ['OVF-V2-005', '2.x descriptor for a 1.x target', base2, { ovfVersion: 1 }],
  ['OVF-SEC-004', '2.x-only section in a 1.x descriptor', insertInSystem(base1, '<ScaleOutSection ovf:id="vm"><Info>s</Info><InstanceCount ovf:default="1"/></ScaleOutSection>')],
  ['OVF-RASD-010', 'three devices on one IDE controller', base1.replace('<rasd:ResourceType>6</rasd:ResourceType>', '<rasd:ResourceType>5</rasd:ResourceType>').replace('</VirtualHardwareSection>',
    '<Item><rasd:ElementName>cd</rasd:ElementName><rasd:InstanceID>40</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>15</rasd:ResourceType></Item></VirtualHardwareSection>')],
];

describe('descriptor rules', () => {
  it('the base descriptors are clean', () => {
    expect(rulesOf(base1)).toEqual([]);
    expect(rulesOf(base2)).toEqual([]);
  });

  it.each(cases)('%s: %s', (rule, _, xml, opts) => {
    expect(rulesOf(xml, opts)).toContain(rule);
  });

  it('allows what DSP0243 allows: one id in a collection and its child, range markers and variants of one device', () => {
    expect(rulesOf(inCollection(base1, '<VirtualSystem ovf:id="c">$1</VirtualSystem>'))).toEqual([]);
    const range = `<Item ovf:bound="max"><rasd:ElementName>cpu max</rasd:ElementName><rasd:InstanceID>${cpuInstanceId}</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>8</rasd:VirtualQuantity></Item>`;
    expect(rulesOf(inHardware(base1, range))).toEqual([]);
    expect(rulesOf(base1.replace('<VirtualHardwareSection>', '<VirtualHardwareSection ovf:transport="iso">').replace('</VirtualHardwareSection>',
      '<Item><rasd:ElementName>cd</rasd:ElementName><rasd:InstanceID>41</rasd:InstanceID><rasd:ResourceType>15</rasd:ResourceType></Item></VirtualHardwareSection>'))).toEqual([]);
  });

  it('reports line and column', () => {
    const f = validateDescriptor(base1.replace(' ovf:capacity="16"', ''), 'x.ovf').findings[0];
    expect(f?.location).toMatchObject({ file: 'x.ovf', line: expect.any(Number), column: expect.any(Number) });
  });

  it('names the wrong-case look-alike', () => {
    const xml = base1.replace('<vssd:InstanceID>0</vssd:InstanceID>', '<vssd:InstanceId>0</vssd:InstanceId>');
    expect(validateDescriptor(xml).findings.map((f) => f.message).join()).toContain('found InstanceId');
  });

  it('tolerates ovf:version on Envelope, legacy-free ${property} capacities and vendor sections marked optional', () => {
    const xml = insertInSystem(base1.replace('<Envelope ', '<Envelope ovf:version="1.1" ').replace('ovf:capacity="16"', 'ovf:capacity="${size}"'),
      '<vx:FooSection xmlns:vx="urn:x" ovf:required="false"><Info>v</Info></vx:FooSection>');
    expect(rulesOf(xml)).toEqual([]);
  });
});
