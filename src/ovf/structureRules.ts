// Rules about element order, placement and unknown elements, checked on the DOM because the
// semantic model deliberately forgets order and drops what it does not understand.
import type { Element } from './xmlTree.js';
import type { FindingSink } from './finding.js';
import { ITEM_NAMESPACE, type ItemKind, type OvfMajor, OVF1, OVF2, VSSD } from './namespaces.js';
import { attrNS, elementChildren, is, posOf } from './xmlDom.js';

const COMMON_ELEMENTS = [
  'Annotation', 'AnnotationSection', 'AppUrl', 'Category', 'Configuration', 'Content', 'DeploymentOptionSection',
  'Description', 'Disk', 'DiskSection', 'Envelope', 'EulaSection', 'File', 'FullVersion', 'Icon', 'Info',
  'InstallSection', 'Item', 'Label', 'License', 'Msg', 'Name', 'Network', 'NetworkSection', 'OperatingSystemSection',
  'Product', 'ProductSection', 'ProductUrl', 'Property', 'References', 'ResourceAllocationSection', 'Section',
  'StartupSection', 'Strings', 'System', 'Value', 'Vendor', 'VendorUrl', 'Version', 'VirtualHardwareSection',
  'VirtualSystem', 'VirtualSystemCollection',
];
const V2_ONLY_ELEMENTS = [
  'BootDeviceSection', 'EncryptionSection', 'EnvironmentFilesSection', 'EthernetPortItem', 'InstanceCount',
  'NetworkPortProfile', 'NetworkPortProfileURI', 'PlacementGroupSection', 'PlacementSection', 'ScaleOutSection',
  'SharedDisk', 'SharedDiskSection', 'StorageItem',
];
/** Element names each envelope schema (DSP8023 1.1.x, 2.0.1) declares. */
const OVF_ELEMENTS: Record<OvfMajor, Set<string>> = {
  1: new Set(COMMON_ELEMENTS),
  2: new Set([...COMMON_ELEMENTS, ...V2_ONLY_ELEMENTS]),
};

const CONTENT = new Set(['VirtualSystem', 'VirtualSystemCollection']);
const ENVELOPE_ONLY = new Set(['DiskSection', 'NetworkSection', 'DeploymentOptionSection']);
const PLACED: Record<string, 'VirtualSystem' | 'VirtualSystemCollection'> = {
  OperatingSystemSection: 'VirtualSystem',
  InstallSection: 'VirtualSystem',
  VirtualHardwareSection: 'VirtualSystem',
  StartupSection: 'VirtualSystemCollection',
  ResourceAllocationSection: 'VirtualSystemCollection',
};

function isSectionName(name: string): boolean {
  return name.endsWith('Section');
}

export function checkStructure(root: Element, version: OvfMajor, sink: FindingSink): void {
  const ns = version === 1 ? OVF1 : OVF2;
  checkNamespaces(root, version, sink);
  checkEnvelopeOrder(root, ns, sink);
  for (const content of elementChildren(root).filter((c) => c.namespaceURI === ns && CONTENT.has(c.localName ?? ''))) {
    checkContent(content, ns, version, sink);
  }
  checkSections(elementChildren(root), ns, 'Envelope', sink);
}

function checkNamespaces(el: Element, version: OvfMajor, sink: FindingSink): void {
  const other = version === 1 ? OVF2 : OVF1;
  const known = OVF_ELEMENTS[version];
  const ns = version === 1 ? OVF1 : OVF2;
  if (el.namespaceURI === ns && !known.has(el.localName ?? '')) {
    const v2 = version === 1 && OVF_ELEMENTS[2].has(el.localName ?? '');
    sink.add(
      'OVF-SEC-004',
      v2
        ? `${el.localName} is an OVF 2.x element and is not defined in the OVF 1.x namespace`
        : `${el.localName} is not an element of the OVF ${version}.x namespace`,
      posOf(el),
    );
  } else if (el.namespaceURI === other) {
    sink.add('OVF-SEC-004', `${el.localName} is in the OVF ${version === 1 ? 2 : 1}.x namespace inside an OVF ${version}.x descriptor`, posOf(el));
  }
  for (const c of elementChildren(el)) checkNamespaces(c, version, sink);
}

function checkEnvelopeOrder(root: Element, ns: string, sink: FindingSink): void {
  const kids = elementChildren(root);
  const refs = kids.filter((k) => is(k, ns, 'References'));
  if (refs.length === 0) sink.add('OVF-ENV-003', 'Envelope has no References element', posOf(root));
  else if (kids[0] !== refs[0]) sink.add('OVF-ENV-003', 'References must be the first child of Envelope', posOf(refs[0] as Element));
  if (refs.length > 1) sink.add('OVF-ENV-003', 'Envelope has more than one References element', posOf(refs[1] as Element));
  const contents = kids.filter((k) => k.namespaceURI === ns && CONTENT.has(k.localName ?? ''));
  if (contents.length !== 1) {
    sink.add('OVF-ENV-004', `Envelope has ${contents.length} VirtualSystem/VirtualSystemCollection elements; exactly one is required`, posOf(contents[1] ?? root));
  }
  // Regions in order: 0 References, 1 sections, 2 content, 3 Strings.
  let region = 0;
  for (const k of kids) {
    const r = is(k, ns, 'References') ? 0 : contents.includes(k) ? 2 : is(k, ns, 'Strings') ? 3 : 1;
    if (r < region) sink.add('OVF-ENV-003', `${k.localName} is out of order: Envelope children go References, sections, the content element, Strings`, posOf(k));
    region = Math.max(region, r);
  }
}

function checkContent(el: Element, ns: string, version: OvfMajor, sink: FindingSink): void {
  const kids = elementChildren(el);
  checkSections(kids, ns, el.localName as 'VirtualSystem' | 'VirtualSystemCollection', sink);
  for (const k of kids) {
    if (k.namespaceURI !== ns) continue;
    if (CONTENT.has(k.localName ?? '')) checkContent(k, ns, version, sink);
    if (is(k, ns, 'VirtualHardwareSection')) checkHardware(k, ns, version, sink);
  }
}

/** Info first, placement, multiplicity, and unknown vendor sections that would be required. */
function checkSections(kids: Element[], ns: string, parent: 'Envelope' | 'VirtualSystem' | 'VirtualSystemCollection', sink: FindingSink): void {
  const seen = new Map<string, number>();
  for (const k of kids) {
    const name = k.localName ?? '';
    if (k.namespaceURI === ns && isSectionName(name)) {
      const first = elementChildren(k)[0];
      if (!first || !is(first, ns, 'Info')) sink.add('OVF-SEC-001', `${name} must start with an Info element`, posOf(k));
      if (ENVELOPE_ONLY.has(name)) {
        if (parent !== 'Envelope') sink.add('OVF-SEC-005', `${name} belongs at Envelope level, not inside ${parent}`, posOf(k));
        seen.set(name, (seen.get(name) ?? 0) + 1);
        if (seen.get(name) === 2) sink.add('OVF-SEC-005', `${name} appears more than once`, posOf(k));
      }
      const home = PLACED[name];
      if (home && home !== parent) sink.add(name === 'VirtualHardwareSection' ? 'OVF-VH-005' : 'OVF-SEC-006', `${name} belongs in a ${home}, not in ${parent === 'Envelope' ? 'the Envelope' : `a ${parent}`}`, posOf(k));
    } else if (k.namespaceURI !== OVF1 && k.namespaceURI !== OVF2 && isSectionName(name)) {
      const required = attrNS(k, ns, 'required');
      if (required === undefined || required === 'true' || required === '1') {
        sink.add('OVF-SEC-002', `extension section ${k.prefix ? `${k.prefix}:` : ''}${name} does not set ovf:required="false", so consumers that do not know it must refuse the package`, posOf(k));
      }
    }
  }
}

function checkHardware(section: Element, ns: string, version: OvfMajor, sink: FindingSink): void {
  const order: ItemKind[] = ['Item', 'EthernetPortItem', 'StorageItem'];
  let rank = 0;
  for (const k of elementChildren(section)) {
    if (k.namespaceURI === ns && is(k, ns, 'System')) checkCimOrder(k, VSSD, sink);
    if (k.namespaceURI !== ns || !(k.localName && k.localName in ITEM_NAMESPACE)) continue;
    const kind = k.localName as ItemKind;
    const r = order.indexOf(kind);
    if (version === 2 && r < rank) sink.add('OVF-VH-004', `${kind} must precede ${order[rank]} elements`, posOf(k));
    rank = Math.max(rank, r);
    checkCimOrder(k, ITEM_NAMESPACE[kind], sink);
  }
}

/** CIM settings elements form an alphabetical xs:sequence, followed by extensions. */
function checkCimOrder(el: Element, cimNs: string, sink: FindingSink): void {
  let previous = '';
  let sawExtension = false;
  for (const c of elementChildren(el)) {
    if (c.namespaceURI !== cimNs) {
      sawExtension = true;
      continue;
    }
    const name = c.localName ?? '';
    if (sawExtension) sink.add('OVF-RASD-003', `${name} follows an extension element; CIM elements come first`, posOf(c));
    else if (name < previous) sink.add('OVF-RASD-003', `${name} must come before ${previous} (CIM elements are in alphabetical order)`, posOf(c));
    previous = name > previous ? name : previous;
  }
}
