// A generated package (model + payloads + manifest choice) and the writers that lay it out as an
// OVA or as a folder. Mutators change the model or add `edits` for what the model cannot express.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Envelope } from '../descriptorModel.js';
import { type DigestAlgorithm, formatManifest, NODE_HASH } from '../manifest.js';
import { serializeEnvelope } from '../serialize.js';
import { packOva } from '../ovaMembers.js';

export interface Member {
  name: string;
  bytes: Uint8Array;
  type?: 'file' | 'directory';
}

export interface PackageEdits {
  /** Applied to the serialised descriptor. */
  descriptor?: (xml: string) => string;
  /** Applied to the canonical manifest text. */
  manifest?: (text: string) => string;
  /** Reorders or extends the OVA members (descriptor, manifest, then References order by default). */
  members?: (members: Member[]) => Member[];
  /** Archive extension (default `ova`). */
  extension?: string;
}

export interface GeneratedPackage {
  /** Base name: `<name>.ovf`, `<name>.mf`, `<name>.ova`. */
  name: string;
  envelope: Envelope;
  /** href → bytes of every referenced file present in the package. */
  payloads: Map<string, Uint8Array>;
  manifest?: DigestAlgorithm;
  edits: PackageEdits;
}

export function clonePackage(pkg: GeneratedPackage): GeneratedPackage {
  return { ...pkg, envelope: structuredClone(pkg.envelope), payloads: new Map(pkg.payloads), edits: { ...pkg.edits } };
}

export function digest(algorithm: DigestAlgorithm, bytes: Uint8Array): string {
  return createHash(NODE_HASH[algorithm]).update(bytes).digest('hex');
}

/** The package's files in OVA order: descriptor, manifest, then the payloads in References order. */
export function members(pkg: GeneratedPackage): Member[] {
  const descriptor = Buffer.from((pkg.edits.descriptor ?? ((x: string) => x))(serializeEnvelope(pkg.envelope)));
  const files: Member[] = [{ name: `${pkg.name}.ovf`, bytes: descriptor }];
  const payloads: Member[] = pkg.envelope.files.flatMap((f) => {
    const bytes = f.href === undefined ? undefined : pkg.payloads.get(f.href);
    return f.href !== undefined && bytes ? [{ name: f.href, bytes }] : [];
  });
  if (pkg.manifest) {
    const alg = pkg.manifest;
    const text = formatManifest([files[0] as Member, ...payloads].map((m) => ({ algorithm: alg, file: m.name, digest: digest(alg, m.bytes) })));
    files.push({ name: `${pkg.name}.mf`, bytes: Buffer.from((pkg.edits.manifest ?? ((x: string) => x))(text)) });
  }
  const all = [...files, ...payloads];
  return pkg.edits.members ? pkg.edits.members(all) : all;
}

export async function writeOva(pkg: GeneratedPackage, dir: string): Promise<string> {
  const path = join(dir, `${pkg.name}.${pkg.edits.extension ?? 'ova'}`);
  await writeFile(path, await packOva(members(pkg)));
  return path;
}

/** Writes the package as a folder; returns the descriptor path. */
export async function writeFolder(pkg: GeneratedPackage, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const m of members(pkg)) if (m.type !== 'directory') await writeFile(join(dir, m.name), m.bytes);
  return join(dir, `${pkg.name}.ovf`);
}
