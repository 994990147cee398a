// Writes an OVA of about `diskBytes` bytes without holding the disk in memory: the disk is a
// deterministic pattern streamed into tar-stream with back-pressure, hashed on the way, and the
// manifest goes last (DSP0243 5.3 allows manifest and certificate at the end).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import { formatManifest } from '../manifest.js';
import { serializeEnvelope } from '../serialize.js';
import { envelopeOf, ovfFile } from './arbitraries.js';

const BLOCK = 1024 * 1024;

/** A block of the pattern: every byte depends on its offset, so chunks are not all equal. */
function patternBlock(offset: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(Math.ceil(length / 4) * 4);
  for (let i = 0; i < b.length; i += 4) b.writeUInt32LE((offset + i) >>> 0, i);
  return b.subarray(0, length);
}

/** The disk's SHA-256 without writing it: the pattern is deterministic, so a dry pass is enough. */
function patternDigest(diskBytes: number): string {
  const hash = createHash('sha256');
  for (let offset = 0; offset < diskBytes; offset += BLOCK) hash.update(patternBlock(offset, Math.min(BLOCK, diskBytes - offset)));
  return hash.digest('hex');
}

/**
 * `manifest: 'last'` (default) is the worst case for a reader: every digest algorithm must be computed
 * until the manifest says which one counts. `'second'` is the usual producer layout (descriptor,
 * manifest, disks), where a reader can hash with the manifest's algorithm alone.
 */
export async function writeBigOva(dir: string, diskBytes: number, name = 'big', manifest: 'last' | 'second' = 'last'): Promise<string> {
  const envelope = envelopeOf({
    version: 2, disks: [{ payload: new Uint8Array(0), capacityMiB: Math.ceil(diskBytes / BLOCK) + 1 }],
    networks: ['VM Network'], cpus: 2, memoryMiB: 1024, name, os: '101', products: [],
  });
  // The payload is streamed below, never held: declare its real size instead of the empty stand-in's.
  envelope.files = [ovfFile(1, diskBytes)];
  const descriptor = Buffer.from(serializeEnvelope(envelope));
  const path = join(dir, `${name}.ova`);
  const p = pack();
  const done = pipeline(p, createWriteStream(path));
  p.entry({ name: `${name}.ovf`, size: descriptor.length }, descriptor);
  const manifestOf = (diskDigest: string) => Buffer.from(formatManifest([
    { algorithm: 'SHA256', file: `${name}.ovf`, digest: createHash('sha256').update(descriptor).digest('hex') },
    { algorithm: 'SHA256', file: 'disk1.vmdk', digest: diskDigest },
  ]));
  if (manifest === 'second') {
    const mf = manifestOf(patternDigest(diskBytes));
    p.entry({ name: `${name}.mf`, size: mf.length }, mf);
  }

  const hash = createHash('sha256');
  const disk = p.entry({ name: 'disk1.vmdk', size: diskBytes });
  const diskDone = new Promise<void>((resolve, reject) => {
    disk.on('finish', () => resolve());
    disk.on('error', reject);
  });
  for (let offset = 0; offset < diskBytes; offset += BLOCK) {
    const block = patternBlock(offset, Math.min(BLOCK, diskBytes - offset));
    hash.update(block);
    if (!disk.write(block)) await new Promise<void>((resolve) => disk.once('drain', () => resolve()));
  }
  disk.end(Buffer.alloc(0));
  await diskDone;

  if (manifest === 'last') {
    const mf = manifestOf(hash.digest('hex'));
    p.entry({ name: `${name}.mf`, size: mf.length }, mf);
  }
  p.finalize();
  await done;
  return path;
}
