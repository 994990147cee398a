// An OVA held in memory, both ways: members (descriptor first, then the rest in the order given) packed
// into a USTAR archive, and an archive's regular-file members read back with their bytes. For the small
// packages a portability run carries between providers; big ones are streamed (ovaReader.ts, bigOva.ts).

import type { Member } from './generators/package.js';

/** The members as a TAR archive (tar-stream writes USTAR headers). */
export async function packOva(members: readonly Member[]): Promise<Buffer> {
  const { pack } = await import('tar-stream');
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => p.on('end', resolve).on('error', reject));
  for (const m of members) {
    if (m.type === 'directory') p.entry({ name: m.name, type: 'directory' });
    else p.entry({ name: m.name, size: m.bytes.length }, Buffer.from(m.bytes));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** The regular files of an archive, in archive order; throws when it is not a TAR or holds more than `maxBytes`. */
export async function unpackOva(bytes: Uint8Array, maxBytes: number): Promise<Member[]> {
  const { extract } = await import('tar-stream');
  const ex = extract();
  const out: Member[] = [];
  let total = 0;
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) throw new Error(`the archive holds more than ${maxBytes} bytes`);
        chunks.push(chunk as Buffer);
      }
      if (entry.header.type === 'file') out.push({ name: entry.header.name, bytes: Buffer.concat(chunks) });
    }
  })();
  ex.end(Buffer.from(bytes));
  await done;
  return out;
}
