// fast-check arbitraries for valid OVF 1.x/2.x envelopes and packages, from small named pieces.
import fc from 'fast-check';
import type { Content, Disk, Envelope, HardwareItem, OvfFile, ProductSection, Property } from '../descriptorModel.js';
import type { DigestAlgorithm } from '../manifest.js';
import type { OvfMajor } from '../namespaces.js';
import type { GeneratedPackage } from './package.js';

export const VMDK_FORMAT = 'http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized';

/** Display text: includes XML-special characters, no leading/trailing space (text is compared trimmed). */
export const displayText = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9 &<>"'._-]{0,18}[A-Za-z0-9])?$/);
export const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
export const ovfVersion: fc.Arbitrary<OvfMajor> = fc.constantFrom(1, 2);
export const diskPayload = fc.uint8Array({ minLength: 1, maxLength: 4096 });
export const osType = fc.constantFrom('1', '36', '94', '96', '101', '102');
export const manifestAlgorithm = (version: OvfMajor): fc.Arbitrary<DigestAlgorithm | undefined> =>
  fc.constantFrom<DigestAlgorithm | undefined>(version === 1 ? 'SHA1' : 'SHA256', undefined);

export interface DiskSpec { payload: Uint8Array; capacityMiB: number }
export const diskSpec: fc.Arbitrary<DiskSpec> = fc.record({ payload: diskPayload, capacityMiB: fc.integer({ min: 1, max: 1 << 20 }) });

const rasd = (props: Record<string, string>): HardwareItem['props'] =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, [v]]));

export function ovfFile(i: number, size: number): OvfFile {
  return { id: `file${i}`, href: `disk${i}.vmdk`, size: String(size) };
}

export function ovfDisk(i: number, capacityMiB: number): Disk {
  return { diskId: `vmdisk${i}`, fileRef: `file${i}`, capacity: String(capacityMiB), capacityAllocationUnits: 'byte * 2^20', format: VMDK_FORMAT };
}

/** CPU (with a reservation of `cpuMHz`, when given), memory, a SCSI controller with the disks, and one NIC per network. */
export function hardwareItems(cpus: number, memoryMiB: number, disks: number, networks: string[], cpuMHz?: number): HardwareItem[] {
  const reservation: Record<string, string> = cpuMHz === undefined ? {} : { Reservation: String(cpuMHz) };
  const items: HardwareItem[] = [
    { kind: 'Item', props: rasd({ AllocationUnits: 'hertz * 10^6', ElementName: `${cpus} virtual CPU(s)`, InstanceID: '1', ...reservation, ResourceType: '3', VirtualQuantity: String(cpus) }) },
    { kind: 'Item', props: rasd({ AllocationUnits: 'byte * 2^20', ElementName: `${memoryMiB}MB of memory`, InstanceID: '2', ResourceType: '4', VirtualQuantity: String(memoryMiB) }) },
    { kind: 'Item', props: rasd({ Address: '0', ElementName: 'SCSI controller 0', InstanceID: '3', ResourceSubType: 'lsilogic', ResourceType: '6' }) },
  ];
  for (let d = 0; d < disks; d++) {
    items.push({ kind: 'Item', props: rasd({ AddressOnParent: String(d), ElementName: `Hard disk ${d + 1}`, HostResource: `ovf:/disk/vmdisk${d + 1}`, InstanceID: String(10 + d), Parent: '3', ResourceType: '17' }) });
  }
  networks.forEach((n, k) => {
    items.push({ kind: 'Item', props: rasd({ AutomaticAllocation: 'true', Connection: n, ElementName: `Network adapter ${k + 1}`, InstanceID: String(20 + k), ResourceSubType: 'E1000', ResourceType: '10' }) });
  });
  return items;
}

const propertyValue: Record<string, fc.Arbitrary<string>> = {
  string: displayText,
  boolean: fc.constantFrom('true', 'false'),
  uint8: fc.integer({ min: 0, max: 255 }).map(String),
  sint32: fc.integer({ min: -1000, max: 1000 }).map(String),
};

export const property: fc.Arbitrary<Property> = fc
  .record({ key: identifier, type: fc.constantFrom(...(Object.keys(propertyValue) as (keyof typeof propertyValue)[])), userConfigurable: fc.constantFrom('true', 'false'), label: displayText })
  .chain((p) => (propertyValue[p.type] as fc.Arbitrary<string>).map((value) => ({ ...p, value, values: [] })));

export const productSection: fc.Arbitrary<ProductSection> = fc
  .record({ product: displayText, vendor: displayText, version: fc.stringMatching(/^\d{1,2}\.\d{1,2}$/), properties: fc.uniqueArray(property, { maxLength: 4, selector: (p) => p.key }) })
  .map((p) => ({ info: 'Product information', ...p }));

export const networkName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 -]{0,10}[A-Za-z0-9]$/);

export interface EnvelopeShape {
  version: OvfMajor; disks: DiskSpec[]; networks: string[]; cpus: number; memoryMiB: number; name: string; os: string; products: ProductSection[];
  /** Not drawn by envelopeShape: set by hand-made shapes (the portability workload). */
  cpuMHz?: number; annotation?: string;
}

export const envelopeShape: fc.Arbitrary<EnvelopeShape> = fc.record({
  version: ovfVersion,
  disks: fc.array(diskSpec, { minLength: 1, maxLength: 3 }),
  networks: fc.uniqueArray(networkName, { minLength: 1, maxLength: 2 }),
  cpus: fc.integer({ min: 1, max: 64 }),
  memoryMiB: fc.integer({ min: 4, max: 1 << 20 }),
  name: displayText,
  os: osType,
  products: fc.array(productSection, { maxLength: 1 }),
});

export function envelopeOf(shape: EnvelopeShape): Envelope {
  const system: Content = {
    kind: 'VirtualSystem',
    id: 'vm',
    info: 'A virtual machine',
    name: shape.name,
    ...(shape.annotation === undefined ? {} : { annotation: { info: 'A note about the virtual machine', annotation: shape.annotation } }),
    operatingSystem: { info: 'The guest operating system', id: shape.os },
    eulas: [],
    products: shape.products,
    hardware: [{
      info: 'Virtual hardware requirements',
      system: { ElementName: ['Virtual Hardware Family'], InstanceID: ['0'], VirtualSystemIdentifier: [shape.name], VirtualSystemType: ['vmx-13'] },
      items: hardwareItems(shape.cpus, shape.memoryMiB, shape.disks.length, shape.networks, shape.cpuMHz),
    }],
    children: [],
  };
  return {
    version: shape.version,
    files: shape.disks.map((d, i) => ovfFile(i + 1, d.payload.length)),
    diskSection: { info: 'Virtual disk information', disks: shape.disks.map((d, i) => ovfDisk(i + 1, d.capacityMiB)) },
    networkSection: { info: 'The list of logical networks', networks: shape.networks.map((n) => ({ name: n, description: `The ${n} network` })) },
    placementGroups: [],
    content: system,
    strings: [],
  };
}

export const validEnvelope: fc.Arbitrary<Envelope> = envelopeShape.map(envelopeOf);

export const validPackage: fc.Arbitrary<GeneratedPackage> = envelopeShape.chain((shape) =>
  fc.record({ name: identifier, manifest: manifestAlgorithm(shape.version) }).map(({ name, manifest }) => {
    const pkg: GeneratedPackage = {
      name,
      envelope: envelopeOf(shape),
      payloads: new Map(shape.disks.map((d, i) => [`disk${i + 1}.vmdk`, d.payload])),
      edits: {},
    };
    if (manifest) pkg.manifest = manifest;
    return pkg;
  }),
);
