// Streaming OVA reader (DSP0243 5.3): one pass over the TAR with tar-stream, digests computed while
// streaming, so memory stays constant whatever the disk sizes. Only the descriptor, manifest and
// certificate are buffered, each with a size bound.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { extract as Extract, Header } from 'tar-stream';
import { FileDigest, READ_CHUNK } from './fileDigest.js';
import type { FindingSink } from './finding.js';
import { ALGORITHMS, type DigestAlgorithm } from './manifest.js';
import type { PackageContents, StoredFile } from './packageContents.js';
import { extensionOf } from './packageContents.js';
import { MAX_XML_BYTES } from './safeXml.js';

const MAX_SMALL_FILE = 1024 * 1024;
/** USTAR stores sizes in 11 octal digits. */
export const USTAR_MAX_SIZE = 2 ** 33 - 1;

export type TarDialect = 'ustar' | 'gnu' | 'v7';

/** Reads the first header block: null when it is not a TAR header at all. */
export async function sniffTar(path: string): Promise<TarDialect | null> {
  const fh = await open(path, 'r');
  try {
    const block = Buffer.alloc(512);
    const { bytesRead } = await fh.read(block, 0, 512, 0);
    return bytesRead < 512 ? null : tarDialect(block);
  } finally {
    await fh.close();
  }
}

export function tarDialect(block: Buffer): TarDialect | null {
  const stored = parseInt(block.subarray(148, 156).toString('latin1').replace(/[\0 ]/g, ''), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  if (Number.isNaN(stored) || stored !== sum) return null;
  const magic = block.subarray(257, 263).toString('latin1');
  return magic === 'ustar\0' ? 'ustar' : magic === 'ustar ' ? 'gnu' : 'v7';
}

export interface OvaRead {
  contents: Omit<PackageContents, 'sinkFor'>;
  descriptorText?: string;
  /** Member names in archive order (regular files only). */
  order: string[];
}

class Buffered {
  private chunks: Buffer[] = [];
  private length = 0;
  overflow = false;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    if (this.length + chunk.length > this.limit) this.overflow = true;
    else {
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function manifestAlgorithms(text: string): DigestAlgorithm[] {
  const found = ALGORITHMS.filter((a) => new RegExp(`^\\s*${a}\\s*\\(`, 'im').test(text));
  return found.length > 0 ? found : ALGORITHMS;
}

/** Header-level rules for one member; false when it is not a regular file (and so is skipped). */
export function checkMemberHeader(h: Pick<Header, 'name' | 'size' | 'type' | 'pax'>, seen: string[], sink: FindingSink): boolean {
  const name = h.name;
  if (h.type !== 'file' && h.type !== 'contiguous-file') {
    if (h.type === 'directory') sink.add('OVF-OVA-007', `member "${name}" is a directory; OVA members are plain files`);
    else sink.add('OVF-OVA-012', `member "${name}" is a ${h.type}; only regular files are allowed`);
    return false;
  }
  if (name.startsWith('/') || name.split('/').includes('..')) {
    sink.add('OVF-OVA-012', `member name "${name}" is absolute or contains ".."`);
  } else if (name.startsWith('./')) {
    sink.add('OVF-OVA-007', `member name "${name}" has a "./" prefix`);
  }
  if (Buffer.byteLength(name) > 100) sink.add('OVF-OVA-007', `member name "${name}" is longer than 100 bytes`);
  if (h.pax) sink.add('OVF-OVA-007', `member "${name}" uses a PAX extended header`);
  if (h.size > USTAR_MAX_SIZE) sink.add('OVF-OVA-008', `member "${name}" is ${h.size} bytes, beyond the USTAR limit of ${USTAR_MAX_SIZE}; use ovf:chunkSize`);
  if (seen.includes(name)) sink.add('OVF-OVA-006', `member "${name}" occurs more than once`);
  return true;
}

/** Reads the archive, reporting archive-level findings to `sink`. Throws when the TAR cannot be read. */
export async function readOva(path: string, sink: FindingSink): Promise<OvaRead> {
  const dialect = await sniffTar(path);
  if (dialect === null) throw new Error(`${path}: not a TAR archive (no valid header at offset 0)`);
  if (dialect === 'v7') sink.add('OVF-OVA-001', 'the archive is a pre-POSIX TAR without the "ustar" magic at offset 257');
  if (dialect === 'gnu') sink.add('OVF-OVA-007', 'the archive uses the GNU TAR dialect ("ustar  " magic); strict USTAR readers refuse it');
  if (!path.toLowerCase().endsWith('.ova')) sink.add('OVF-OVA-002', 'a single-file OVF package should have the extension .ova');

  const files = new Map<string, StoredFile>();
  const order: string[] = [];
  const allNames: string[] = [];
  let descriptorName: string | undefined;
  let descriptor: Buffered | undefined;
  let manifest: { name: string; bytes: Buffer } | undefined;
  let certificate: { name: string; text: string } | undefined;
  let algorithms: DigestAlgorithm[] = ALGORITHMS;
  let index = 0;

  // Pre-POSIX headers are reported above (OVF-OVA-001) and still read.
  // tar-stream is loaded here, on the first OVA: validating descriptors and folders never needs it.
  const { extract } = await import('tar-stream');
  const ex = extract({ allowUnknownFormat: true } as Parameters<typeof Extract>[0]);
  // Large reads: with the default 64 KiB the digests wait on thousands of thread-pool round trips.
  const source = createReadStream(path, { highWaterMark: READ_CHUNK });
  source.on('error', (e) => ex.destroy(e));
  source.pipe(ex);
  for await (const entry of ex) {
    const h = entry.header;
    const name = h.name;
    if (index === 0 && extensionOf(name) !== 'ovf') sink.add('OVF-OVA-003', `the first member is "${name}", not the .ovf descriptor`);
    index++;
    if (!checkMemberHeader(h, allNames, sink)) {
      entry.resume();
      continue;
    }
    allNames.push(name);
    order.push(name);

    const ext = extensionOf(name);
    const isDescriptor = ext === 'ovf' && descriptorName === undefined;
    const small = isDescriptor ? (descriptor = new Buffered(MAX_XML_BYTES)) : ext === 'mf' || ext === 'cert' ? new Buffered(MAX_SMALL_FILE) : undefined;
    if (isDescriptor) descriptorName = name;
    const digest = new FileDigest(name, algorithms);
    for await (const chunk of entry) {
      digest.update(chunk as Buffer);
      small?.add(chunk as Buffer);
    }
    files.set(name, digest.done());
    if (ext === 'mf' && !manifest && small && !small.overflow) {
      manifest = { name, bytes: small.bytes() };
      algorithms = manifestAlgorithms(manifest.bytes.toString('utf8'));
    }
    if (ext === 'cert' && !certificate && small && !small.overflow) certificate = { name, text: small.bytes().toString('utf8') };
  }
  if (index === 0) sink.add('OVF-OVA-003', 'the archive is empty');

  const contents: OvaRead['contents'] = { layout: 'ova', descriptorName: descriptorName ?? '', files, allNames };
  if (manifest) contents.manifest = manifest;
  if (certificate) contents.certificate = certificate;
  const read: OvaRead = { contents, order };
  if (descriptor?.overflow) sink.add('OVF-ENV-001', `the descriptor ${descriptorName} is larger than ${MAX_XML_BYTES} bytes`);
  else if (descriptor) read.descriptorText = descriptor.bytes().toString('utf8');
  return read;
}
