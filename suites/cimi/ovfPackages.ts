// Packages for the OVF import/export checks and the suite's own reading of them (DSP0263 Annex A):
// generated valid packages with varied byte units, invalid ones (one validator error each), and the
// hardware a descriptor describes (cpu, memory and disk capacities in bytes, from the harness's reading
// in src/ovf/virtualMachine.ts, written from DSP0243 independently of any provider's mapping).

import fc from 'fast-check';
import { type Envelope, prop } from '../../src/ovf/descriptorModel.js';
import { rule } from '../../src/ovf/catalogue.js';
import { validPackage } from '../../src/ovf/generators/arbitraries.js';
import { MUTATORS, type Mutator } from '../../src/ovf/generators/mutators.js';
import { type GeneratedPackage, clonePackage } from '../../src/ovf/generators/package.js';
import { virtualMachines } from '../../src/ovf/virtualMachine.js';
import type { Layout } from '../../src/cimi/packageServer.js';

export interface Hardware {
  cpu: number;
  memoryBytes: bigint;
  diskBytes: bigint[];
  /** Connection of each NIC, in item order. */
  nics: string[];
}

/** What each VirtualSystem of a descriptor asks for, in document order. */
export function hardwareOf(env: Envelope): Hardware[] {
  return virtualMachines(env).map((vm) => ({ cpu: vm.cpu, memoryBytes: vm.memoryBytes, diskBytes: vm.disks.map((d) => d.capacityBytes), nics: vm.nics.map((n) => n.connection) }));
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
  const mem = vs.hardware[0]!.items.find((i) => prop(i, 'ResourceType') === '4')!;
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

/** Fully-qualified product property keys (DSP0243 9.5: class.key.instance) → default values, of every VirtualSystem. */
export function productProperties(env: Envelope): Record<string, string> {
  return Object.assign({}, ...virtualMachines(env).map((vm) => vm.properties)) as Record<string, string>;
}
