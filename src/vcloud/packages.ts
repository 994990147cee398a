// The OVF packages the vCloud suite uploads, from the project's generators (src/ovf/generators):
// OVF 1.x only (the vCloud 1.5/5.1 transfer service takes the ovf/envelope/1 namespace), named
// `descriptor` so a manifest's entry for the descriptor names the file the server lists (brief §5.1:
// the descriptor File is `descriptor.ovf`), and with payload bytes in printable ASCII because the
// harness's HTTP client sends bodies as text: the mapping keeps every byte count, which is what the
// checks compare.

import fc from 'fast-check';
import { type EnvelopeShape, envelopeOf, validPackage } from '../ovf/generators/arbitraries.js';
import { type GeneratedPackage, clonePackage, members } from '../ovf/generators/package.js';
import { MUTATORS } from '../ovf/generators/mutators.js';

const DESCRIPTOR_NAME = 'descriptor';

/** Each payload byte moved into `!`..`~`, so the text the client sends is the same number of bytes. */
export function textSafe(pkg: GeneratedPackage): GeneratedPackage {
  const copy = clonePackage(pkg);
  copy.name = DESCRIPTOR_NAME;
  copy.payloads = new Map([...pkg.payloads].map(([href, bytes]) => [href, Uint8Array.from(bytes, (b) => 0x21 + (b % 94))]));
  return copy;
}

/** One small VM: one CPU, 256 MiB, one 1 MiB disk with a 1 KiB file, one NIC. The template every file shares. */
export const TEMPLATE_SHAPE: EnvelopeShape = {
  version: 1,
  disks: [{ payload: new Uint8Array(1024).fill(0x2a), capacityMiB: 1 }],
  networks: ['VM Network'],
  cpus: 1,
  memoryMiB: 256,
  name: 'cloudconform',
  os: '101',
  products: [],
};

export function packageOf(shape: EnvelopeShape, manifest?: 'SHA1'): GeneratedPackage {
  const pkg: GeneratedPackage = { name: DESCRIPTOR_NAME, envelope: envelopeOf(shape), payloads: new Map(shape.disks.map((d, i) => [`disk${i + 1}.vmdk`, d.payload])), edits: {} };
  if (manifest) pkg.manifest = manifest;
  return textSafe(pkg);
}

export const templatePackage = (): GeneratedPackage => packageOf(TEMPLATE_SHAPE);

/** The sample package with a license the consumer must accept (VCD-059). */
export function eulaPackage(): GeneratedPackage {
  const pkg = templatePackage();
  pkg.envelope.content!.eulas = [{ info: 'License agreement', license: 'Accept this license to use the appliance.' }];
  return pkg;
}

/** The sample package whose VirtualSystem lacks its ovf:id, which the OVF schema requires (VCD-047). */
export function invalidDescriptorPackage(): GeneratedPackage {
  return MUTATORS.find((m) => m.rule === 'OVF-CNT-001')!.apply(templatePackage());
}

/** The sample package with a SHA1 manifest that names a wrong digest (VCD-048). */
export function wrongDigestPackage(): GeneratedPackage {
  return MUTATORS.find((m) => m.rule === 'OVF-MF-008')!.apply(packageOf(TEMPLATE_SHAPE, 'SHA1'));
}

/** Any valid generated OVF 1.x package, made uploadable; a counterexample prints as a summary, not its bytes. */
export const uploadablePackage: fc.Arbitrary<GeneratedPackage> = validPackage
  .filter((p) => p.envelope.version === 1)
  .map(textSafe)
  .map((p) => Object.assign(p, { [fc.toStringMethod]: () => `OVF 1.x package, files ${p.envelope.files.map((f) => `${f.href} (${f.size} B)`).join(', ')}` }));

/** The files of a package as the transfer service takes them: the descriptor, the manifest, the referenced files by href. */
export interface PackageFiles {
  descriptor: string;
  manifest?: string | Uint8Array;
  /** ovf:href → content: text for the generated packages, bytes for a package read from an OVA. */
  files: Map<string, string | Uint8Array>;
}

export function packageFiles(pkg: GeneratedPackage): PackageFiles {
  const [descriptor, ...rest] = members(pkg);
  const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
  const manifest = rest.find((m) => m.name === `${pkg.name}.mf`);
  return {
    descriptor: text(descriptor!.bytes),
    ...(manifest ? { manifest: text(manifest.bytes) } : {}),
    files: new Map(rest.filter((m) => m !== manifest).map((m) => [m.name, text(m.bytes)])),
  };
}
