// A Vm's OVF sections (§6), as its representation shows them and as a capture describes it: the
// VirtualHardwareSection (RASD ResourceType 3 CPUs, 4 memory in MB, 6 the SCSI controller, 17 disks with
// their capacity in MB on HostResource's vcloud:capacity, 10 NICs on their networks), the
// OperatingSystemSection, the ProductSections and the AnnotationSection, from the same data.

import type { Content, Envelope, HardwareItem } from '../../ovf/descriptorModel.js';
import { RASD, VSSD } from '../../ovf/namespaces.js';
import type { TemplateVm } from './entities.js';
import { VCLOUD_NS } from './media-types.js';
import { el, textEl, type XmlElement } from './xml.js';

const HARDWARE_FAMILY = 'vmx-07';

interface Item {
  /** RASD properties in schema (alphabetical) order. */
  props: [string, string][];
  /** HostResource of a disk: its capacity in MB. */
  capacityMiB?: number;
  /** Connection of a NIC: the first NIC is the primary one. */
  primary?: boolean;
}

function items(vm: TemplateVm): Item[] {
  return [
    { props: [['AllocationUnits', 'hertz * 10^6'], ['ElementName', `${vm.cpus} virtual CPU(s)`], ['InstanceID', '1'], ['ResourceType', '3'], ['VirtualQuantity', String(vm.cpus)]] },
    { props: [['AllocationUnits', 'byte * 2^20'], ['ElementName', `${vm.memoryMiB} MB of memory`], ['InstanceID', '2'], ['ResourceType', '4'], ['VirtualQuantity', String(vm.memoryMiB)]] },
    { props: [['Address', '0'], ['ElementName', 'SCSI Controller 0'], ['InstanceID', '3'], ['ResourceSubType', 'lsilogic'], ['ResourceType', '6']] },
    ...vm.disks.map((d, k): Item => ({ capacityMiB: d.capacityMiB, props: [['AddressOnParent', String(k)], ['ElementName', d.name], ['HostResource', `ovf:/disk/disk${k + 1}`], ['InstanceID', String(2000 + k)], ['Parent', '3'], ['ResourceType', '17']] })),
    ...vm.nics.map((n, k): Item => ({ primary: k === 0, props: [['AddressOnParent', String(k)], ['AutomaticAllocation', 'true'], ['Connection', n.network], ['ElementName', n.name], ['InstanceID', String(4000 + k)], ['ResourceType', '10']] })),
  ];
}

function rasd([name, value]: [string, string], item: Item): XmlElement {
  if (name === 'HostResource' && item.capacityMiB !== undefined) return textEl('rasd:HostResource', '', { 'vcloud:capacity': item.capacityMiB, 'vcloud:busType': 6, 'vcloud:busSubType': 'lsilogic' });
  if (name === 'Connection') return textEl('rasd:Connection', value, { 'vcloud:ipAddressingMode': 'NONE', 'vcloud:primaryNetworkConnection': item.primary === true });
  return textEl(`rasd:${name}`, value);
}

/** The sections of a Vm's representation, in the order a VirtualSystem lists them. */
export function vmSections(vm: TemplateVm): XmlElement[] {
  return [
    el('ovf:VirtualHardwareSection', { 'xmlns:rasd': RASD, 'xmlns:vssd': VSSD, 'xmlns:vcloud': VCLOUD_NS },
      textEl('ovf:Info', 'Virtual hardware requirements'),
      el('ovf:System', {}, textEl('vssd:ElementName', 'Virtual Hardware Family'), textEl('vssd:InstanceID', 0), textEl('vssd:VirtualSystemIdentifier', vm.name), textEl('vssd:VirtualSystemType', HARDWARE_FAMILY)),
      items(vm).map((item) => el('ovf:Item', {}, item.props.map((p) => rasd(p, item)))),
    ),
    vm.guestOs !== undefined && el('ovf:OperatingSystemSection', { 'ovf:id': vm.guestOs, 'ovf:version': vm.os?.version },
      textEl('ovf:Info', 'The guest operating system'),
      vm.os?.description !== undefined && textEl('ovf:Description', vm.os.description),
    ),
    vm.products.map((p) => el('ovf:ProductSection', { 'ovf:class': p.class, 'ovf:instance': p.instance },
      textEl('ovf:Info', p.info ?? 'Product information'),
      p.product !== undefined && textEl('ovf:Product', p.product),
      p.vendor !== undefined && textEl('ovf:Vendor', p.vendor),
      p.version !== undefined && textEl('ovf:Version', p.version),
      p.properties.map((q) => el('ovf:Property', { 'ovf:key': q.key, 'ovf:type': q.type, 'ovf:value': q.value },
        q.label !== undefined && textEl('ovf:Label', q.label),
        q.description !== undefined && textEl('ovf:Description', q.description),
      )),
    )),
    vm.annotation !== undefined && el('ovf:AnnotationSection', {}, textEl('ovf:Info', 'A note about the virtual machine'), textEl('ovf:Annotation', vm.annotation)),
  ].flat().filter((s): s is XmlElement => s !== false);
}

const hardwareItem = (item: Item): HardwareItem => ({ kind: 'Item', props: Object.fromEntries(item.props.map(([k, v]) => [k, [v]])) });

/**
 * The OVF 1.x descriptor model of Vms: each a VirtualSystem with the sections it shows; a disk whose
 * contents are in `sizes` (ovf:href → bytes) references its file, the others are empty disks.
 */
export function vmsEnvelope(name: string, description: string, vms: readonly TemplateVm[], sizes: ReadonlyMap<string, number>): Envelope {
  const files = [...new Set(vms.flatMap((vm) => vm.disks.flatMap((d) => (d.file === undefined || !sizes.has(d.file) ? [] : [d.file]))))];
  const diskId = (v: number, k: number): string => `vm${v + 1}disk${k + 1}`;
  const systems: Content[] = vms.map((vm, v) => ({
    kind: 'VirtualSystem',
    id: `vm${v + 1}`,
    info: vm.description ?? 'A virtual machine',
    name: vm.name,
    ...(vm.guestOs !== undefined ? { operatingSystem: { info: 'The guest operating system', id: vm.guestOs, ...(vm.os ?? {}) } } : {}),
    ...(vm.annotation !== undefined ? { annotation: { info: 'A note about the virtual machine', annotation: vm.annotation } } : {}),
    eulas: [],
    products: vm.products.map((p) => ({ ...p, properties: p.properties.map((q) => ({ ...q, values: [] })) })),
    hardware: [{
      info: 'Virtual hardware requirements',
      system: { ElementName: ['Virtual Hardware Family'], InstanceID: ['0'], VirtualSystemIdentifier: [vm.name], VirtualSystemType: [HARDWARE_FAMILY] },
      items: items(vm).map((item) => {
        const h = hardwareItem(item);
        const k = vm.disks.findIndex((_, i) => h.props['HostResource']?.[0] === `ovf:/disk/disk${i + 1}`);
        return k < 0 ? h : { ...h, props: { ...h.props, HostResource: [`ovf:/disk/${diskId(v, k)}`] } };
      }),
    }],
    children: [],
  }));
  const networks = [...new Set(vms.flatMap((vm) => vm.nics.map((n) => n.network)))];
  return {
    version: 1,
    files: files.map((href, i) => ({ id: `file${i + 1}`, href, size: String(sizes.get(href)) })),
    ...(vms.some((vm) => vm.disks.length > 0)
      ? { diskSection: { info: 'Virtual disks', disks: vms.flatMap((vm, v) => vm.disks.map((d, k) => ({ diskId: diskId(v, k), capacity: String(d.capacityMiB), capacityAllocationUnits: 'byte * 2^20', ...(d.file !== undefined && files.includes(d.file) ? { fileRef: `file${files.indexOf(d.file) + 1}`, ...(d.format !== undefined ? { format: d.format } : {}) } : {}) }))) } }
      : {}),
    ...(networks.length > 0 ? { networkSection: { info: 'Logical networks', networks: networks.map((n) => ({ name: n })) } } : {}),
    placementGroups: [],
    content: vms.length === 1 ? systems[0]! : { kind: 'VirtualSystemCollection', id: 'vapp', info: description, name, eulas: [], products: [], hardware: [], children: systems },
    strings: [],
  };
}
