// DSP0263 Annex A, as a pure function: a validated OVF envelope → what import creates. Each
// VirtualSystem becomes a MachineTemplate with a MachineConfiguration (cpu from ResourceType 3,
// memory in KiB from ResourceType 4 and its AllocationUnits, disks in kilobytes from the DiskSection
// capacity and its units); NICs (ResourceType 10/11, EthernetPortItem) become inline
// interfaceTemplates naming their network; NetworkSection networks become network components;
// ProductSection properties go to the MachineTemplate's properties; the processor's Reservation (in
// its AllocationUnits) is the cpuSpeed in MHz. What CIMI has no attribute for (the guest OS, the
// annotation, the disk items' names) is kept with the template, so export says it again: the provider
// holds the workload, its CIMI resources are a view of it (DSP0263 §4.3). Nested
// VirtualSystemCollections are flattened into the one SystemTemplate (a limit of this provider).

import { allContents, type Content, type Envelope, type HardwareItem, type HardwareSection, prop } from '../ovf/descriptorModel.js';
import { megahertz, parseByteUnit, parseLong, propertyReference } from '../ovf/units.js';
import { badRequest } from './errors.js';
import type { Values } from './store.js';

/** What a VirtualSystem says that no CIMI attribute holds; kept with the MachineTemplate for export. */
export interface OvfExtras {
  operatingSystem?: { id: string; version?: string; description?: string };
  annotation?: string;
  /** ElementName of each disk item, in the order of the configuration's disks. */
  diskNames: string[];
}

/** The MachineTemplate value that holds a plan's OvfExtras (no schema attribute has this name). */
export const OVF_EXTRAS = 'ovfExtras';

export interface MachinePlan {
  name: string;
  description: string;
  config: { cpu: number; cpuSpeed?: number; memory: number; disks: { capacity: number }[] };
  interfaces: { name: string; network: string }[];
  properties: Record<string, string>;
  extras: OvfExtras;
}

export interface ImportPlan {
  name: string;
  description: string;
  machines: MachinePlan[];
  networks: { name: string; description?: string }[];
}

export interface MappingOptions {
  /** Quirk import-ignores-memory-units: VirtualQuantity of memory taken as KiB. */
  ignoreMemoryUnits?: boolean;
  /** Quirk import-rounds-memory-gib: memory rounded up to a whole GiB. */
  roundMemoryToGiB?: boolean;
}

const NIC_TYPES = new Set(['10', '11']);
const KIB_PER_GIB = 1024 * 1024;
/** RASD AllocationUnits is optional for memory; every producer that omits it means MiB. */
const DEFAULT_MEMORY_UNITS = 'byte * 2^20';

export function planImport(env: Envelope, opts: MappingOptions = {}): ImportPlan {
  const top = env.content;
  if (!top) throw badRequest('the descriptor has no VirtualSystem or VirtualSystemCollection');
  const systems = allContents(top).filter((c) => c.kind === 'VirtualSystem');
  return {
    name: top.name ?? top.id ?? 'imported system',
    description: top.info ?? 'imported from an OVF package',
    machines: systems.map((vs) => machine(env, vs, opts)),
    networks: (env.networkSection?.networks ?? []).flatMap((n) => (n.name === undefined ? [] : [{ name: n.name, ...(n.description ? { description: n.description } : {}) }])),
  };
}

/** The items that apply by default: no deployment-option selector, and not a range's min or max. */
function items(h: HardwareSection): HardwareItem[] {
  return h.items.filter((i) => i.configuration === undefined && (i.bound === undefined || i.bound === 'normal'));
}

function quantity(vs: Content, item: HardwareItem | undefined, what: string): bigint {
  const q = parseLong(item ? prop(item, 'VirtualQuantity') : undefined);
  if (q === undefined || q <= 0n) throw badRequest(`VirtualSystem ${vs.id ?? ''} has no ${what} item with a positive VirtualQuantity`);
  return q;
}

/** bytes ÷ unit, rounded up, as a safe integer. */
function ceilDiv(bytes: bigint, unit: bigint, what: string): number {
  const n = (bytes + unit - 1n) / unit;
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw badRequest(`${what} is too large`);
  return Number(n);
}

function bytesPerUnit(units: string | undefined, what: string): bigint {
  const u = parseByteUnit(units);
  if (u.kind === 'invalid') throw badRequest(`${what}: "${units ?? ''}" is not a byte unit`);
  return u.bytesPerUnit;
}

function machine(env: Envelope, vs: Content, opts: MappingOptions): MachinePlan {
  const hardware = vs.hardware[0];
  if (!hardware) throw badRequest(`VirtualSystem ${vs.id ?? ''} has no VirtualHardwareSection`);
  const all = items(hardware);
  const ofType = (t: string): HardwareItem[] => all.filter((i) => prop(i, 'ResourceType') === t);
  const cpuItem = ofType('3')[0];
  const cpu = quantity(vs, cpuItem, 'processor (ResourceType 3)');
  const memItem = ofType('4')[0];
  const memQty = quantity(vs, memItem, 'memory (ResourceType 4)');
  const memUnit = opts.ignoreMemoryUnits ? 1024n : bytesPerUnit(memItem && (prop(memItem, 'AllocationUnits') ?? DEFAULT_MEMORY_UNITS), 'memory AllocationUnits');
  const memory = ceilDiv(memQty * memUnit, 1024n, 'memory');
  const cpuSpeed = cpuItem && megahertz(prop(cpuItem, 'Reservation'), prop(cpuItem, 'AllocationUnits'));
  const nics = all.filter((i) => i.kind === 'EthernetPortItem' || NIC_TYPES.has(prop(i, 'ResourceType') ?? ''));
  const drives = ofType('17').flatMap((d) => disk(env, vs, prop(d, 'HostResource')).map((c) => ({ ...c, name: prop(d, 'ElementName') ?? '' })));
  const os = vs.operatingSystem;
  return {
    name: vs.name ?? vs.id ?? 'imported machine',
    description: vs.info ?? 'imported from an OVF package',
    config: {
      cpu: Number(cpu),
      ...(cpuSpeed ? { cpuSpeed } : {}),
      memory: opts.roundMemoryToGiB ? Math.ceil(memory / KIB_PER_GIB) * KIB_PER_GIB : memory,
      disks: drives.map(({ capacity }) => ({ capacity })),
    },
    interfaces: nics.map((n) => ({ name: prop(n, 'ElementName') ?? 'NIC', network: prop(n, 'Connection') ?? '' })),
    properties: productProperties(vs),
    extras: {
      ...(os?.id !== undefined ? { operatingSystem: { id: os.id, ...(os.version ? { version: os.version } : {}), ...(os.description ? { description: os.description } : {}) } } : {}),
      ...(vs.annotation?.annotation !== undefined ? { annotation: vs.annotation.annotation } : {}),
      diskNames: drives.map((d) => d.name),
    },
  };
}

/** A disk drive backed by a DiskSection disk (`ovf:/disk/<id>`); drives backed by files (ISOs) are not disks. */
function disk(env: Envelope, vs: Content, host: string | undefined): { capacity: number }[] {
  const id = /^(?:ovf:)?\/disk\/(.+)$/.exec(host ?? '')?.[1];
  if (id === undefined) return [];
  const d = env.diskSection?.disks.find((x) => x.diskId === id);
  if (!d) throw badRequest(`VirtualSystem ${vs.id ?? ''} names disk ${id}, which the DiskSection lacks`);
  const capacity = parseLong(resolveCapacity(vs, d.capacity ?? ''));
  if (capacity === undefined || capacity < 0n) throw badRequest(`disk ${id} has no usable capacity ("${d.capacity ?? ''}")`);
  return [{ capacity: ceilDiv(capacity * bytesPerUnit(d.capacityAllocationUnits, `disk ${id} capacityAllocationUnits`), 1000n, `disk ${id} capacity`) }];
}

/** `${key}` capacities take the default value of that product property (DSP0243 9.1). */
function resolveCapacity(vs: Content, capacity: string): string {
  const key = propertyReference(capacity);
  if (key === undefined) return capacity;
  const p = vs.products.flatMap((s) => s.properties).find((x) => x.key === key);
  if (p?.value === undefined) throw badRequest(`disk capacity \${${key}} names no property with a default value`);
  return p.value;
}

/** Fully-qualified keys (class.key.instance, DSP0243 9.5) → default values. */
function productProperties(vs: Content): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of vs.products) {
    for (const p of s.properties) {
      if (p.key === undefined) continue;
      out[[s.class, p.key, s.instance].filter((x) => x !== undefined && x !== '').join('.')] = p.value ?? '';
    }
  }
  return out;
}

/** The SystemTemplate components of a plan: one per machine (by reference), one per network (inline). */
export function componentDescriptors(plan: ImportPlan, machineTemplates: string[], typeUri: (t: string) => string): Values[] {
  return [
    ...plan.machines.map((m, i) => ({ name: m.name, type: typeUri('Machine'), machineTemplate: { href: machineTemplates[i] }, quantity: 1 })),
    ...plan.networks.map((n) => ({ name: n.name, type: typeUri('Network'), networkTemplate: { name: n.name, ...(n.description ? { description: n.description } : {}) }, quantity: 1 })),
  ];
}
