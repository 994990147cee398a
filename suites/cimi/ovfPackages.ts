// Packages for the OVF import/export checks and the suite's own reading of them (DSP0263 Annex A):
// generated valid packages with varied byte units, invalid ones (one validator error each), and the
// hardware a descriptor describes in CIMI units (cpu, memory KiB, disk capacities in bytes). Written
// from DSP0243 independently of any provider's mapping.

import fc from 'fast-check';
import { allContents, type Envelope, type HardwareItem, prop } from '../../src/ovf/descriptorModel.js';
import { rule } from '../../src/ovf/catalogue.js';
import { validPackage } from '../../src/ovf/generators/arbitraries.js';
import { MUTATORS, type Mutator } from '../../src/ovf/generators/mutators.js';
import { type GeneratedPackage, clonePackage } from '../../src/ovf/generators/package.js';
import { parseByteUnit, parseLong } from '../../src/ovf/units.js';
import type { Layout } from '../../src/harness/packageServer.js';

export interface Hardware {
  cpu: number;
  memoryBytes: bigint;
  diskBytes: bigint[];
  /** Connection of each NIC, in item order. */
  nics: string[];
}

const items = (c: { hardware: { items: HardwareItem[] }[] }, type: string): HardwareItem[] =>
  (c.hardware[0]?.items ?? []).filter((i) => prop(i, 'ResourceType') === type && i.configuration === undefined && (i.bound ?? 'normal') === 'normal');
const bytes = (qty: string | undefined, units: string | undefined): bigint => {
  const u = parseByteUnit(units);
  return (parseLong(qty) ?? 0n) * (u.kind === 'invalid' ? 0n : u.bytesPerUnit);
};

/** What each VirtualSystem of a descriptor asks for, in document order. */
export function hardwareOf(env: Envelope): Hardware[] {
  return allContents(env.content)
    .filter((c) => c.kind === 'VirtualSystem')
    .map((vs) => {
      const mem = items(vs, '4')[0];
      return {
        cpu: Number(parseLong(items(vs, '3')[0] ? prop(items(vs, '3')[0]!, 'VirtualQuantity') : undefined) ?? 0n),
        memoryBytes: mem ? bytes(prop(mem, 'VirtualQuantity'), prop(mem, 'AllocationUnits') ?? 'byte * 2^20') : 0n,
        diskBytes: items(vs, '17').flatMap((d) => {
          const id = /^(?:ovf:)?\/disk\/(.+)$/.exec(prop(d, 'HostResource') ?? '')?.[1];
          const disk = env.diskSection?.disks.find((x) => x.diskId === id);
          return disk ? [bytes(disk.capacity, disk.capacityAllocationUnits)] : [];
        }),
        nics: (vs.hardware[0]?.items ?? []).filter((i) => i.kind === 'EthernetPortItem' || ['10', '11'].includes(prop(i, 'ResourceType') ?? '')).map((i) => prop(i, 'Connection') ?? ''),
      };
    });
}

/** `value` (in `unitBytes` units, rounded either way) stands for `exact` bytes. */
export const sameAmount = (value: unknown, exact: bigint, unitBytes: bigint): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && (BigInt(value) * unitBytes - exact < unitBytes) && (exact - BigInt(value) * unitBytes < unitBytes);

/** Memory in KiB, disk capacities in kilobytes (10^3 bytes, DSP0263 Table 4). */
export const KIB = 1024n;
export const KB = 1000n;

/** The same sizes written with other DSP0004 byte units, so a provider must read AllocationUnits. */
function withUnits(pkg: GeneratedPackage, memory: 20 | 30, disk: 0 | 10 | 20): GeneratedPackage {
  const copy = clonePackage(pkg);
  const vs = copy.envelope.content!;
  const mem = items(vs, '4')[0]!;
  if (memory === 30) mem.props = { ...mem.props, AllocationUnits: ['byte * 2^30'], VirtualQuantity: [String(Math.max(1, Math.ceil(Number(prop(mem, 'VirtualQuantity')) / 1024)))] };
  for (const d of copy.envelope.diskSection?.disks ?? []) {
    d.capacity = String(BigInt(d.capacity ?? '0') << BigInt(20 - disk));
    d.capacityAllocationUnits = disk === 0 ? 'byte' : `byte * 2^${disk}`;
  }
  return copy;
}

export interface Offer {
  pkg: GeneratedPackage;
  layout: Layout;
}

const layout = fc.constantFrom<Layout>('ova', 'folder');

/** Counterexamples print as a summary; the whole package model would drown the report. */
function offer(pkg: GeneratedPackage, l: Layout, extra: Record<string, string> = {}): Offer {
  const [hw] = hardwareOf(pkg.envelope);
  const summary = `${l} "${pkg.name}" OVF ${pkg.envelope.version}.x, manifest ${pkg.manifest ?? 'none'}, cpu ${hw?.cpu}, memory ${hw?.memoryBytes} B, disks ${hw?.diskBytes.join('/')} B, NICs ${hw?.nics.length}${Object.entries(extra).map(([k, v]) => `, ${k} ${v}`).join('')}`;
  return Object.assign({ pkg, layout: l, ...extra }, { [fc.toStringMethod]: () => summary });
}

/** A valid one-VirtualSystem package (disks of a few KiB) and how it is served. */
export const importable: fc.Arbitrary<Offer> = fc
  .record({ pkg: validPackage, memory: fc.constantFrom<20 | 30>(20, 30), disk: fc.constantFrom<0 | 10 | 20>(0, 10, 20), layout })
  .map(({ pkg, memory, disk, layout: l }) => offer(withUnits(pkg, memory, disk), l));

/** The same, with a manifest in the algorithm its OVF version defines. */
export const withManifest: fc.Arbitrary<Offer> = importable.map(({ pkg, layout: l }) => offer({ ...pkg, manifest: pkg.envelope.version === 1 ? 'SHA1' : 'SHA256' }, l));

const DIGEST_RULE = 'OVF-MF-008';
/** Mutators that make the validator report an error, except digest mismatches (their own requirement). */
const BREAKING: Mutator[] = MUTATORS.filter((m) => rule(m.rule).severity === 'error' && m.rule !== DIGEST_RULE);

/** A package the OVF validator refuses, one rule broken. */
export const invalid: fc.Arbitrary<Offer & { mutator: string }> = fc
  .record({ offer: withManifest, mutator: fc.constantFrom(...BREAKING) })
  .filter(({ offer: o, mutator }) => (mutator.applies?.(o.pkg) ?? true) && (mutator.layout === undefined || mutator.layout === o.layout))
  .map(({ offer: o, mutator }) => offer(mutator.apply(o.pkg), o.layout, { mutator: mutator.name }) as Offer & { mutator: string });

/** A package whose manifest names a wrong digest for the descriptor. */
export const digestMismatch: fc.Arbitrary<Offer> = withManifest.map(({ pkg, layout: l }) => offer(MUTATORS.find((m) => m.rule === DIGEST_RULE)!.apply(pkg), l, { mutator: 'manifest-digest-wrong' }));

/** Fully-qualified product property keys (DSP0243 9.5: class.key.instance) → default values. */
export function productProperties(env: Envelope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const vs of allContents(env.content)) {
    for (const s of vs.products) for (const p of s.properties) if (p.key) out[[s.class, p.key, s.instance].filter(Boolean).join('.')] = p.value ?? '';
  }
  return out;
}
