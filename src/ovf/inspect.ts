// A package held in memory (an OVA a provider exported or uploaded), validated as a file would be:
// written to a scratch folder, validated, read once more for the descriptor model and the manifest.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from './descriptorModel.js';
import { FindingSink } from './finding.js';
import { readOva } from './ovaReader.js';
import { type ValidationResult, validateDescriptor, validatePath } from './validate.js';

export interface Inspection {
  validation: ValidationResult;
  envelope?: Envelope;
  /** Manifest text, when the OVA has one. */
  manifest?: string;
}

export async function inspectOva(bytes: Uint8Array, name = 'package.ova'): Promise<Inspection> {
  const dir = await mkdtemp(join(tmpdir(), 'cloudconform-inspect-'));
  try {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const validation = await validatePath(path);
    const out: Inspection = { validation };
    const envelope = validation.descriptorText === undefined ? undefined : validateDescriptor(validation.descriptorText).envelope;
    if (envelope) out.envelope = envelope;
    if (validation.readError === undefined) {
      const manifest = (await readOva(path, new FindingSink(path))).contents.manifest;
      if (manifest) out.manifest = manifest.bytes.toString('utf8');
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
