// A machine as a vCloud provider shows it, in the description's fields: a Vm (of a vApp, or of a
// VAppTemplate) with the sections of its VirtualSystem (brief §6) — the VirtualHardwareSection (RASD
// ResourceType 3 the CPU count and, where a Reservation in a frequency unit is given, its speed; 4 the
// memory, in MB unless AllocationUnits says otherwise; 17 the disks, their capacity in MB on
// HostResource's vcloud:capacity; 10 the NICs and the networks they connect to), the
// OperatingSystemSection, the ProductSections, its name and Description. A section the Vm does not
// carry makes its fields unknown here, not lost; no Vm shows an annotation.

import { prop, readSections } from '../ovf/descriptorModel.js';
import { ITEM_NAMESPACE, OVF1, RASD } from '../ovf/namespaces.js';
import { megahertz, parseByteUnit, parseLong } from '../ovf/units.js';
import { productProperties } from '../ovf/virtualMachine.js';
import { NS, type Element, attr, children, textOf } from '../vcloud/xml.js';
import { type Family, type Value, type View, inUnits, listFields, view } from './description.js';

const KIB = 1024n;
const KB = 1000n;
const MIB = 2n ** 20n;
const HARDWARE: Family[] = ['cpu.count', 'cpu.speedMHz', 'memoryKiB', 'disks.name', 'disks.capacityKB', 'nics.name', 'nics.network'];

/** A quantity in its AllocationUnits (MB when none is given, as vCloud writes memory), in bytes. */
function bytesOf(quantity: string | undefined, units: string | undefined): bigint | undefined {
  const q = parseLong(quantity);
  const u = parseByteUnit(units ?? 'byte * 2^20');
  return q === undefined || u.kind === 'invalid' ? undefined : q * u.bytesPerUnit;
}

/** A disk item's capacity: vcloud:capacity (MB) on its HostResource, else its VirtualQuantity in its units. */
function diskBytes(item: Element): bigint | undefined {
  const host = children(item, 'HostResource', RASD)[0];
  const capacity = parseLong(host?.getAttributeNS(NS.v15, 'capacity') ?? undefined);
  if (capacity !== undefined) return capacity * MIB;
  return bytesOf(textOf(item, 'VirtualQuantity', RASD), textOf(item, 'AllocationUnits', RASD));
}

export function vmView(vm: Element): View {
  const vs = readSections(vm, OVF1);
  const hardware = children(vm, 'VirtualHardwareSection', OVF1)[0];
  // The hardware items in the order the model lists them, for the one attribute it does not keep.
  const raw = (hardware?.children ?? []).filter((c) => c.namespaceURI === OVF1 && c.localName in ITEM_NAMESPACE);
  const model = vs.hardware[0]?.items ?? [];
  const ofType = (t: string) => model.map((m, i) => ({ m, el: raw[i]! })).filter(({ m }) => prop(m, 'ResourceType') === t && m.configuration === undefined);
  const [cpu] = ofType('3');
  const [memory] = ofType('4');
  const memoryBytes = memory && bytesOf(prop(memory.m, 'VirtualQuantity'), prop(memory.m, 'AllocationUnits'));
  const speed = cpu && megahertz(prop(cpu.m, 'Reservation'), prop(cpu.m, 'AllocationUnits'));
  const shows: Family[] = [
    'name', 'description',
    ...(hardware ? HARDWARE : []),
    ...(vs.products.length > 0 ? (['productProperties'] as const) : []),
    ...(vs.operatingSystem ? (['os.type'] as const) : []),
  ];
  const quantity = cpu ? parseLong(prop(cpu.m, 'VirtualQuantity')) : undefined;
  return view(shows, {
    name: attr(vm, 'name'),
    description: textOf(vm, 'Description'),
    'cpu.count': quantity === undefined ? undefined : Number(quantity),
    'cpu.speedMHz': speed || undefined,
    memoryKiB: memoryBytes === undefined ? undefined : inUnits(memoryBytes, KIB),
    ...listFields('disks', ofType('17').map(({ m, el }) => {
      const capacity = diskBytes(el);
      return { name: prop(m, 'ElementName'), capacityKB: capacity === undefined ? undefined : inUnits(capacity, KB) };
    })),
    ...listFields('nics', ofType('10').map(({ m }) => ({ name: prop(m, 'ElementName'), network: prop(m, 'Connection') }))),
    ...Object.fromEntries(Object.entries(productProperties(vs)).map(([k, v]): [string, Value] => [`productProperties.${k}`, v])),
    'os.type': vs.operatingSystem?.id,
  });
}
