// Streams a file's bytes once through every digest the manifest needs, keeping only the head.
import { createHash, type Hash } from 'node:crypto';
import { type DigestAlgorithm, NODE_HASH } from './manifest.js';
import type { StoredFile } from './packageContents.js';

const HEAD_BYTES = 16;

/** Read size for package files: large enough that hashing, not thread-pool round trips, sets the pace. */
export const READ_CHUNK = 1024 * 1024;

export class FileDigest {
  private readonly hashes: [DigestAlgorithm, Hash][];
  private size = 0;
  private head = Buffer.alloc(0);

  constructor(readonly name: string, algorithms: Iterable<DigestAlgorithm>) {
    this.hashes = [...new Set(algorithms)].map((a) => [a, createHash(NODE_HASH[a])]);
  }

  update(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    for (const [, h] of this.hashes) h.update(chunk);
  }

  done(): StoredFile {
    return {
      name: this.name,
      size: this.size,
      digests: Object.fromEntries(this.hashes.map(([a, h]) => [a, h.digest('hex')])),
      head: this.head,
    };
  }
}

export async function digestStream(name: string, source: AsyncIterable<Uint8Array>, algorithms: Iterable<DigestAlgorithm>): Promise<StoredFile> {
  const d = new FileDigest(name, algorithms);
  for await (const chunk of source) d.update(chunk);
  return d.done();
}
