// What one VirtualSystem of a descriptor describes, in counts and bytes (DSP0243 9.1, 9.5, 9.9): its
// processors and their reservation, memory, disks with their DiskSection capacities, NICs and their
// networks, product properties, guest OS and annotation. The harness's own reading, independent of any
// provider's mapping: the OVF checks and the portability run judge providers with it.

import { allContents, type Content, type Envelope, type HardwareItem, prop } from './descriptorModel.js';
import { megahertz, parseByteUnit, parseLong } from './units.js';

export interface VirtualMachine {
  name?: string;
  info?: string;
  cpu: number;
  /** The processor item's Reservation in MHz, when it has one with a frequency unit. */
  cpuMHz?: number;
  memoryBytes: bigint;
  /** Disk items backed by a DiskSection disk, in item order; `file` is the ovf:href of its contents, when it has any, in `format`. */
  disks: { name?: string; capacityBytes: bigint; file?: string; format?: string }[];
  nics: { name?: string; connection: string }[];
  /** Fully-qualified product property keys (class.key.instance, DSP0243 9.5) → default values. */
  properties: Record<string, string>;
  osType?: string;
  annotation?: string;
}

/** RASD AllocationUnits is optional for memory; every producer that omits it means MiB. */
const DEFAULT_MEMORY_UNITS = 'byte * 2^20';
const NIC_TYPES = ['10', '11'];

const items = (c: Content, type: string): HardwareItem[] =>
  (c.hardware[0]?.items ?? []).filter((i) => prop(i, 'ResourceType') === type && i.configuration === undefined && (i.bound ?? 'normal') === 'normal');
const bytes = (qty: string | undefined, units: string | undefined): bigint => {
  const u = parseByteUnit(units);
  return (parseLong(qty) ?? 0n) * (u.kind === 'invalid' ? 0n : u.bytesPerUnit);
};

export function productProperties(vs: Content): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of vs.products) for (const p of s.properties) if (p.key) out[[s.class, p.key, s.instance].filter(Boolean).join('.')] = p.value ?? '';
  return out;
}

function virtualMachine(env: Envelope, vs: Content): VirtualMachine {
  const [cpu] = items(vs, '3');
  const [mem] = items(vs, '4');
  const cpuMHz = cpu && megahertz(prop(cpu, 'Reservation'), prop(cpu, 'AllocationUnits'));
  return {
    ...(vs.name !== undefined ? { name: vs.name } : {}),
    ...(vs.info !== undefined ? { info: vs.info } : {}),
    cpu: Number(parseLong(cpu ? prop(cpu, 'VirtualQuantity') : undefined) ?? 0n),
    ...(cpuMHz ? { cpuMHz } : {}),
    memoryBytes: mem ? bytes(prop(mem, 'VirtualQuantity'), prop(mem, 'AllocationUnits') ?? DEFAULT_MEMORY_UNITS) : 0n,
    disks: items(vs, '17').flatMap((d) => {
      const id = /^(?:ovf:)?\/disk\/(.+)$/.exec(prop(d, 'HostResource') ?? '')?.[1];
      const disk = env.diskSection?.disks.find((x) => x.diskId === id);
      const name = prop(d, 'ElementName');
      const file = disk?.fileRef === undefined ? undefined : env.files.find((f) => f.id === disk.fileRef)?.href;
      return disk ? [{ ...(name !== undefined ? { name } : {}), capacityBytes: bytes(disk.capacity, disk.capacityAllocationUnits), ...(file !== undefined ? { file } : {}), ...(disk?.format !== undefined ? { format: disk.format } : {}) }] : [];
    }),
    nics: (vs.hardware[0]?.items ?? [])
      .filter((i) => i.kind === 'EthernetPortItem' || NIC_TYPES.includes(prop(i, 'ResourceType') ?? ''))
      .map((i) => ({ ...(prop(i, 'ElementName') !== undefined ? { name: prop(i, 'ElementName')! } : {}), connection: prop(i, 'Connection') ?? '' })),
    properties: productProperties(vs),
    ...(vs.operatingSystem?.id !== undefined ? { osType: vs.operatingSystem.id } : {}),
    ...(vs.annotation?.annotation !== undefined ? { annotation: vs.annotation.annotation } : {}),
  };
}

/** Each VirtualSystem of a descriptor, in document order. */
export function virtualMachines(env: Envelope): VirtualMachine[] {
  return allContents(env.content)
    .filter((c) => c.kind === 'VirtualSystem')
    .map((vs) => virtualMachine(env, vs));
}
