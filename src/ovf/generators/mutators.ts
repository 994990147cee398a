// Mutators as data: each breaks exactly one catalogued rule of a valid generated package.
import { type HardwareItem, prop } from '../descriptorModel.js';
import { clonePackage, type GeneratedPackage, type Member } from './package.js';

export interface Mutator {
  name: string;
  rule: string;
  /** Only meaningful for this layout (default: both OVA and folder). */
  layout?: 'ova' | 'folder';
  applies?: (pkg: GeneratedPackage) => boolean;
  apply: (pkg: GeneratedPackage) => GeneratedPackage;
}

type Edit = (pkg: GeneratedPackage) => void;

function mutator(name: string, rule: string, edit: Edit, extra: Partial<Mutator> = {}): Mutator {
  return { name, rule, ...extra, apply: (pkg) => {
    const copy = clonePackage(pkg);
    edit(copy);
    return copy;
  } };
}

const system = (pkg: GeneratedPackage) => {
  const c = pkg.envelope.content;
  if (!c) throw new Error('generated package has no content');
  return c;
};
const items = (pkg: GeneratedPackage): HardwareItem[] => system(pkg).hardware[0]?.items ?? [];
const itemOfType = (pkg: GeneratedPackage, type: string): HardwareItem => {
  const found = items(pkg).find((i) => prop(i, 'ResourceType') === type);
  if (!found) throw new Error(`generated package has no item of ResourceType ${type}`);
  return found;
};
const firstDisk = (pkg: GeneratedPackage) => pkg.envelope.diskSection?.disks[0] ?? {};
const firstFile = (pkg: GeneratedPackage) => pkg.envelope.files[0] ?? {};
const addProperty = (pkg: GeneratedPackage, p: { key: string; type: string }): void => {
  system(pkg).products.push({ info: 'Mutation', class: 'mutation', properties: [{ ...p, values: [] }] });
};
const editDescriptor = (pkg: GeneratedPackage, f: (xml: string) => string): void => {
  const previous = pkg.edits.descriptor;
  pkg.edits.descriptor = (xml) => f(previous ? previous(xml) : xml);
};
const editMembers = (pkg: GeneratedPackage, f: (m: Member[]) => Member[]): void => {
  pkg.edits.members = f;
};
const hasManifest = (pkg: GeneratedPackage): boolean => pkg.manifest !== undefined;
const twoFiles = (pkg: GeneratedPackage): boolean => pkg.envelope.files.length >= 2;

export const MUTATORS: Mutator[] = [
  mutator('file-size-off-by-one', 'OVF-REF-005', (p) => { const f = firstFile(p); f.size = String(Number(f.size) + 1); }),
  mutator('referenced-file-missing', 'OVF-REF-003', (p) => { p.payloads.delete(firstFile(p).href ?? ''); }),
  // In an OVA any URL is also OVF-OVA-010.
  mutator('href-unsupported-scheme', 'OVF-REF-007', (p) => { firstFile(p).href = 'ftp://example.com/disk1.vmdk'; }, { layout: 'folder' }),
  mutator('disk-fileRef-dangling', 'OVF-DISK-004', (p) => { firstDisk(p).fileRef = 'no-such-file'; }),
  mutator('disk-capacity-not-integer', 'OVF-DISK-002', (p) => { firstDisk(p).capacity = '12GB'; }),
  mutator('disk-units-malformed', 'OVF-DISK-003', (p) => { firstDisk(p).capacityAllocationUnits = 'byte * 2 ^ 20'; }),
  mutator('disk-units-legacy', 'OVF-DISK-011', (p) => { firstDisk(p).capacityAllocationUnits = 'MegaBytes'; }),
  mutator('disk-without-format', 'OVF-DISK-005', (p) => { delete firstDisk(p).format; }),
  mutator('disk-populated-beyond-capacity', 'OVF-DISK-006', (p) => { const d = firstDisk(p); d.populatedSize = String(BigInt(d.capacity ?? '0') * (1n << 20n) + 1n); }),
  mutator('disk-parent-is-itself', 'OVF-DISK-007', (p) => { const d = firstDisk(p); d.parentRef = d.diskId ?? ''; }),
  mutator('network-name-duplicated', 'OVF-NET-001', (p) => { const n = p.envelope.networkSection?.networks; if (n?.[0]) n.push({ ...n[0] }); }),
  mutator('content-without-id', 'OVF-CNT-001', (p) => { delete system(p).id; }),
  mutator('no-hardware-section', 'OVF-VH-001', (p) => { system(p).hardware = []; }),
  mutator('transport-comma-separated', 'OVF-VH-003', (p) => { const h = system(p).hardware[0]; if (h) h.transport = 'iso,com.vmware.guestInfo'; }),
  mutator('system-without-instance-id', 'OVF-VH-006', (p) => { const h = system(p).hardware[0]; if (h?.system) delete h.system.InstanceID; }),
  mutator('item-without-element-name', 'OVF-RASD-001', (p) => { delete itemOfType(p, '3').props.ElementName; }),
  mutator('item-without-resource-type', 'OVF-RASD-002', (p) => { delete itemOfType(p, '3').props.ResourceType; }),
  mutator('caption-too-long', 'OVF-RASD-004', (p) => { itemOfType(p, '3').props.Caption = ['x'.repeat(65)]; }),
  // A second device of the same type: one of another type would also break OVF-RASD-002's agreement.
  mutator('instance-id-duplicated', 'OVF-RASD-005', (p) => { const nic = itemOfType(p, '10'); items(p).push({ ...nic, props: { ...nic.props, ElementName: ['Network adapter 2'] } }); }),
  mutator('parent-dangling', 'OVF-RASD-006', (p) => { itemOfType(p, '17').props.Parent = ['999']; }),
  mutator('host-resource-dangling', 'OVF-RASD-007', (p) => { itemOfType(p, '17').props.HostResource = ['ovf:/disk/no-such-disk']; }),
  mutator('connection-dangling', 'OVF-RASD-008', (p) => { itemOfType(p, '10').props.Connection = ['no such network']; }),
  mutator('memory-legacy-units', 'OVF-RASD-009', (p) => { itemOfType(p, '4').props.AllocationUnits = ['MegaBytes']; }),
  mutator('two-disks-one-slot', 'OVF-RASD-010', (p) => {
    const disk = itemOfType(p, '17');
    items(p).push({ kind: 'Item', props: { ...disk.props, ElementName: ['Clone disk'], InstanceID: ['99'], HostResource: [] } });
  }),
  mutator('bound-invalid', 'OVF-RASD-011', (p) => { itemOfType(p, '3').bound = 'mid'; }),
  mutator('resource-type-overflow', 'OVF-RASD-012', (p) => { itemOfType(p, '3').props.ResourceType = ['70000']; }),
  mutator('host-resource-legacy-form', 'OVF-RASD-015', (p) => { const d = itemOfType(p, '17'); d.props.HostResource = [(prop(d, 'HostResource') ?? '').replace(/^ovf:/, '')]; }),
  mutator('property-key-with-dot', 'OVF-PROD-002', (p) => addProperty(p, { key: 'net.ip', type: 'string' })),
  mutator('property-type-int', 'OVF-PROD-003', (p) => addProperty(p, { key: 'count', type: 'int' })),
  mutator('configuration-undeclared', 'OVF-PROD-007', (p) => { itemOfType(p, '3').configuration = 'large'; }),
  mutator('os-id-not-a-number', 'OVF-OS-001', (p) => { const os = system(p).operatingSystem; if (os) os.id = 'linux'; }),
  mutator('eula-without-license', 'OVF-EULA-001', (p) => { system(p).eulas.push({ info: 'License agreement' }); }),
  mutator('install-without-delay', 'OVF-INST-001', (p) => { system(p).install = { info: 'Install' }; }),
  mutator('rasd-children-out-of-order', 'OVF-RASD-003', (p) => editDescriptor(p, (xml) =>
    xml.replace(/(\s*<rasd:ElementName>[^<]*<\/rasd:ElementName>)(\s*<rasd:InstanceID>[^<]*<\/rasd:InstanceID>)/, '$2$1'))),
  mutator('section-without-info', 'OVF-SEC-001', (p) => editDescriptor(p, (xml) => xml.replace(/(<DiskSection>)\s*<Info>[^<]*<\/Info>/, '$1'))),
  mutator('unknown-ovf-section', 'OVF-SEC-004', (p) => editDescriptor(p, (xml) =>
    xml.replace('</VirtualSystem>', '  <FooSection><Info>unknown</Info></FooSection>\n  </VirtualSystem>'))),
  mutator('required-vendor-section', 'OVF-SEC-002', (p) => editDescriptor(p, (xml) =>
    xml.replace('</VirtualSystem>', '  <vx:FooSection xmlns:vx="urn:example:vendor"><Info>vendor</Info></vx:FooSection>\n  </VirtualSystem>'))),
  mutator('references-not-first', 'OVF-ENV-003', (p) => editDescriptor(p, (xml) => {
    const refs = /\s*<References>[\s\S]*?<\/References>/.exec(xml)?.[0] ?? '';
    return xml.replace(refs, '').replace('</DiskSection>', `</DiskSection>${refs}`);
  })),
  mutator('doctype-declared', 'OVF-ENV-001', (p) => editDescriptor(p, (xml) => xml.replace('<Envelope', '<!DOCTYPE Envelope>\n<Envelope'))),
  mutator('manifest-digest-wrong', 'OVF-MF-008', (p) => { p.edits.manifest = (t) => t.replace(/= (.)/, (_, c: string) => `= ${c === '0' ? '1' : '0'}`); }, { applies: hasManifest }),
  mutator('manifest-without-descriptor', 'OVF-MF-004', (p) => { p.edits.manifest = (t) => t.split('\n').slice(1).join('\n'); }, { applies: hasManifest }),
  mutator('manifest-without-disk', 'OVF-MF-005', (p) => { p.edits.manifest = (t) => t.split('\n').filter((_, i) => i !== 1).join('\n'); }, { applies: hasManifest }),
  mutator('manifest-lists-itself', 'OVF-MF-006', (p) => { p.edits.manifest = (t) => `${t}${(/^\w+/.exec(t) ?? [''])[0]}(${p.name}.mf)= ${'0'.repeat(p.manifest === 'SHA1' ? 40 : 64)}\n`; }, { applies: hasManifest }),
  mutator('manifest-extra-entry', 'OVF-MF-007', (p) => { p.edits.manifest = (t) => `${t}${(/^\w+/.exec(t) ?? [''])[0]}(extra.txt)= ${'0'.repeat(p.manifest === 'SHA1' ? 40 : 64)}\n`; }, { applies: hasManifest }),
  mutator('manifest-spaced-form', 'OVF-MF-009', (p) => { p.edits.manifest = (t) => t.replace(/^(\w+)\((.*)\)= /gm, '$1 ($2) = '); }, { applies: hasManifest }),
  mutator('manifest-garbage-line', 'OVF-MF-001', (p) => { p.edits.manifest = (t) => `${t}this is not a digest line\n`; }, { applies: hasManifest }),
  mutator('manifest-sha256-in-1x', 'OVF-MF-002', (p) => { p.envelope.version = 1; p.manifest = 'SHA256'; }),
  mutator('manifest-sha1-in-2x', 'OVF-MF-003', (p) => { p.envelope.version = 2; p.manifest = 'SHA1'; }),
  mutator('descriptor-not-first', 'OVF-OVA-003', (p) => editMembers(p, (m) => [...m.slice(1), m[0] as Member]), { layout: 'ova' }),
  mutator('manifest-in-the-middle', 'OVF-OVA-004', (p) => editMembers(p, (m) => [m[0] as Member, m[2] as Member, m[1] as Member, ...m.slice(3)]), { layout: 'ova', applies: (p) => hasManifest(p) && twoFiles(p) }),
  mutator('members-out-of-order', 'OVF-OVA-005', (p) => editMembers(p, (m) => { const n = m.length; return [...m.slice(0, n - 2), m[n - 1] as Member, m[n - 2] as Member]; }), { layout: 'ova', applies: twoFiles }),
  mutator('member-twice', 'OVF-OVA-006', (p) => editMembers(p, (m) => [...m, m[m.length - 1] as Member]), { layout: 'ova' }),
  mutator('directory-member', 'OVF-OVA-007', (p) => editMembers(p, (m) => [...m, { name: 'extra/', bytes: new Uint8Array(), type: 'directory' }]), { layout: 'ova' }),
  mutator('member-escapes', 'OVF-OVA-012', (p) => editMembers(p, (m) => [...m, { name: '../escape.txt', bytes: Buffer.from('x') }]), { layout: 'ova' }),
  mutator('href-absolute-in-ova', 'OVF-OVA-010', (p) => { const f = firstFile(p); p.payloads.delete(f.href ?? ''); f.href = `https://example.com/${f.href ?? ''}`; }, { layout: 'ova' }),
  mutator('href-dot-segment-in-ova', 'OVF-OVA-011', (p) => { const f = firstFile(p); p.payloads.delete(f.href ?? ''); f.href = `sub/../${f.href ?? ''}`; }, { layout: 'ova' }),
  mutator('href-leaves-folder', 'OVF-REF-009', (p) => {
    const f = firstFile(p);
    const bytes = p.payloads.get(f.href ?? '');
    p.payloads.delete(f.href ?? '');
    f.href = `../${f.href ?? ''}`;
    if (bytes) p.payloads.set(f.href, bytes);
  }, { layout: 'folder' }),
  mutator('archive-not-named-ova', 'OVF-OVA-002', (p) => { p.edits.extension = 'tar'; }, { layout: 'ova' }),
];
