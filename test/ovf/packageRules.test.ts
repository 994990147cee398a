// Package-level rules that need hand-made layouts: names, chunks, compression, certificates,
// TAR dialects, and the manifest grammar's tolerated variants.
import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { type GeneratedPackage, members, writeFolder, writeOva } from '../../src/ovf/generators/package.js';
import { FindingSink } from '../../src/ovf/finding.js';
import { parseManifest } from '../../src/ovf/manifest.js';
import { checkMemberHeader, tarDialect } from '../../src/ovf/ovaReader.js';
import { validatePath } from '../../src/ovf/validate.js';
import { repoRoot, tempDir } from './sharedOvf.js';

const payload = Buffer.from('0123456789abcdef'.repeat(10)); // 160 bytes

function basePackage(version: 1 | 2 = 1): GeneratedPackage {
  const envelope = envelopeOf({ version, disks: [{ payload, capacityMiB: 1 }], networks: ['LAN'], cpus: 1, memoryMiB: 64, name: 'vm', os: '101', products: [] });
  return { name: 'pkg', envelope, payloads: new Map([['disk1.vmdk', payload]]), manifest: version === 1 ? 'SHA1' : 'SHA256', edits: {} };
}

async function rulesAt(path: string): Promise<string[]> {
  const r = await validatePath(path);
  expect(r.readError).toBeUndefined();
  return [...new Set(r.findings.map((f) => f.rule))].sort();
}

async function folderWith(pkg: GeneratedPackage, extra: Record<string, Buffer | string> = {}): Promise<string> {
  const dir = join(await tempDir(), 'pkg');
  const descriptor = await writeFolder(pkg, dir);
  for (const [name, bytes] of Object.entries(extra)) await writeFile(join(dir, name), bytes);
  return descriptor;
}

describe('package names (folder given as a directory)', () => {
  it('OVF-PKG-001/002/003: two descriptors, two manifests, mismatched base name', async () => {
    const descriptor = await folderWith(basePackage(), { 'other.ovf': '<x/>', 'other.mf': '' });
    const rules = await rulesAt(join(descriptor, '..'));
    expect(rules).toEqual(expect.arrayContaining(['OVF-PKG-001', 'OVF-PKG-002', 'OVF-PKG-003']));
  });

  it('OVF-PKG-004: a certificate without a manifest', async () => {
    const pkg = basePackage();
    delete pkg.manifest;
    expect(await rulesAt(await folderWith(pkg, { 'pkg.cert': 'x' }))).toContain('OVF-PKG-004');
  });
});

describe('certificate', () => {
  const key = readFileSync(join(repoRoot, 'fixtures/ovf/signing/test-key.pem'), 'utf8');
  const cert = readFileSync(join(repoRoot, 'fixtures/ovf/signing/test-cert.pem'), 'utf8');
  const manifestOf = (pkg: GeneratedPackage): Buffer => Buffer.from(members(pkg).find((m) => m.name === 'pkg.mf')?.bytes ?? []);

  it('accepts a correct signature, reports a wrong one (OVF-CERT-002) and a malformed file (OVF-CERT-001)', async () => {
    const pkg = basePackage(2);
    const signature = sign('sha256', manifestOf(pkg), key).toString('hex');
    expect(await rulesAt(await folderWith(pkg, { 'pkg.cert': `SHA256(pkg.mf)= ${signature}\n${cert}` }))).toEqual([]);
    const forged = sign('sha256', Buffer.from('something else'), key).toString('hex');
    expect(await rulesAt(await folderWith(pkg, { 'pkg.cert': `SHA256(pkg.mf)= ${forged}\n${cert}` }))).toEqual(['OVF-CERT-002']);
    expect(await rulesAt(await folderWith(pkg, { 'pkg.cert': cert }))).toEqual(['OVF-CERT-001']);
  });
});

describe('chunked and compressed files', () => {
  async function chunked(chunks: Buffer[], chunkSize: number, names = chunks.map((_, i) => `disk1.vmdk.${String(i).padStart(9, '0')}`)): Promise<string[]> {
    const pkg = basePackage();
    delete pkg.manifest;
    pkg.payloads.clear();
    const f = pkg.envelope.files[0];
    if (f) Object.assign(f, { size: String(chunks.reduce((n, c) => n + c.length, 0)), chunkSize: String(chunkSize) });
    return rulesAt(await folderWith(pkg, Object.fromEntries(names.map((n, i) => [n, chunks[i] as Buffer]))));
  }

  it('accepts contiguous chunks', async () => {
    expect(await chunked([payload.subarray(0, 100), payload.subarray(100)], 100)).toEqual([]);
  });
  it('OVF-CHK-001: a gap in the chunk numbers', async () => {
    expect(await chunked([payload.subarray(0, 100), payload.subarray(100)], 100, ['disk1.vmdk.000000000', 'disk1.vmdk.000000002'])).toContain('OVF-CHK-001');
  });
  it('OVF-CHK-002: a short chunk that is not the last', async () => {
    expect(await chunked([payload.subarray(0, 60), payload.subarray(60)], 100)).toContain('OVF-CHK-002');
  });
  it('OVF-CHK-004: a chunk missing from the manifest', async () => {
    const pkg = basePackage();
    pkg.payloads.clear();
    const f = pkg.envelope.files[0];
    if (f) Object.assign(f, { size: '160', chunkSize: '100' });
    const manifest = `SHA1(pkg.ovf)= ${'0'.repeat(40)}\nSHA1(disk1.vmdk.000000000)= ${'0'.repeat(40)}\n`;
    const path = await folderWith(pkg, { 'disk1.vmdk.000000000': payload.subarray(0, 100), 'disk1.vmdk.000000001': payload.subarray(100), 'pkg.mf': manifest });
    expect(await rulesAt(path)).toContain('OVF-CHK-004');
  });
  it('OVF-CHK-005: chunkSize on a file stored whole', async () => {
    const pkg = basePackage();
    const f = pkg.envelope.files[0];
    if (f) f.chunkSize = '100';
    expect(await rulesAt(await folderWith(pkg))).toEqual(['OVF-CHK-005']);
  });
  it('OVF-REF-006: gzip declared on a file that is not gzip', async () => {
    const pkg = basePackage();
    const f = pkg.envelope.files[0];
    if (f) f.compression = 'gzip';
    expect(await rulesAt(await folderWith(pkg))).toEqual(['OVF-REF-006']);
  });
});

describe('OVA archives', () => {
  it('OVF-OVA-001: a pre-POSIX (v7) TAR header', async () => {
    const path = await writeOva(basePackage(), await tempDir());
    const bytes = readFileSync(path);
    bytes.fill(0, 257, 265); // erase magic and version
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (bytes[i] as number);
    bytes.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(tarDialect(bytes.subarray(0, 512))).toBe('v7');
    await writeFile(path, bytes);
    expect(await rulesAt(path)).toContain('OVF-OVA-001');
  });

  it('OVF-OVA-007: GNU dialect archives written by GNU tar', async () => {
    const dir = await tempDir();
    const descriptor = await folderWith(basePackage());
    execFileSync('tar', ['--format=gnu', '-cf', join(dir, 'g.ova'), '-C', join(descriptor, '..'), 'pkg.ovf', 'pkg.mf', 'disk1.vmdk']);
    expect(await rulesAt(join(dir, 'g.ova'))).toEqual(['OVF-OVA-007']);
  });

  it('OVF-OVA-008/010/007: member headers', () => {
    const sink = new FindingSink('x.ova');
    checkMemberHeader({ name: 'disk.vmdk', size: 2 ** 33, type: 'file', pax: null }, [], sink);
    checkMemberHeader({ name: '/etc/passwd', size: 1, type: 'file', pax: null }, [], sink);
    checkMemberHeader({ name: 'link', size: 0, type: 'symlink', pax: null }, [], sink);
    checkMemberHeader({ name: `./${'n'.repeat(100)}`, size: 1, type: 'file', pax: null }, [], sink);
    expect(sink.findings.map((f) => f.rule)).toEqual(['OVF-OVA-008', 'OVF-OVA-012', 'OVF-OVA-012', 'OVF-OVA-007', 'OVF-OVA-007']);
  });

  it('OVF-OVA-009: a string bundle listed after a disk', async () => {
    const pkg = basePackage();
    pkg.envelope.files.push({ id: 'de', href: 'de.xml', size: '3' });
    pkg.envelope.strings.push({ lang: 'de-DE', fileRef: 'de', msgs: [] });
    pkg.payloads.set('de.xml', Buffer.from('<a>'));
    expect(await rulesAt(await writeOva(pkg, await tempDir()))).toEqual(['OVF-OVA-009']);
  });
});

describe('manifest grammar', () => {
  const d1 = 'a'.repeat(40);
  const parse = (text: string, version: 1 | 2 = 1) => {
    const sink = new FindingSink('x.mf');
    const entries = parseManifest(text, version, sink);
    return { entries, rules: sink.findings.map((f) => f.rule) };
  };

  it('reads the canonical form silently', () => {
    expect(parse(`SHA1(a.ovf)= ${d1}\n`)).toEqual({ entries: [{ algorithm: 'SHA1', file: 'a.ovf', digest: d1, line: 1 }], rules: [] });
  });
  it.each([
    ['spaced', `SHA1 (a.ovf) = ${d1}\n`],
    ['CRLF', `SHA1(a.ovf)= ${d1}\r\n`],
    ['upper-case hex', `SHA1(a.ovf)= ${d1.toUpperCase()}\n`],
    ['no final newline', `SHA1(a.ovf)= ${d1}`],
  ])('tolerates the %s variant as OVF-MF-009', (_, text) => {
    const { entries, rules } = parse(text);
    expect(entries[0]).toMatchObject({ file: 'a.ovf', digest: d1 });
    expect(rules).toEqual(['OVF-MF-009']);
  });
  it('OVF-MF-001: wrong digest length and unknown algorithm', () => {
    expect(parse(`SHA1(a.ovf)= abc\nMD5(a.ovf)= ${'0'.repeat(32)}\n`).rules).toEqual(['OVF-MF-001', 'OVF-MF-001']);
  });
  it('accepts SHA512 in 2.x only with OVF-MF-003', () => {
    expect(parse(`SHA512(a.ovf)= ${'b'.repeat(128)}\n`, 2).rules).toEqual(['OVF-MF-003']);
  });
});

describe('unreadable input', () => {
  it('a missing path, a non-TAR .ova and binary junk are read errors', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'x.ova'), 'not a tar');
    await writeFile(join(dir, 'x.bin'), Buffer.from([0, 1, 2, 3]));
    for (const p of [join(dir, 'missing.ovf'), join(dir, 'x.ova'), join(dir, 'x.bin')]) {
      expect((await validatePath(p)).readError).toContain(p);
    }
  });
});

describe('packages real importers refuse are invalid; a bare descriptor is not', () => {
  async function ovaOf(edit: (p: GeneratedPackage) => void): Promise<string> {
    const pkg = basePackage();
    edit(pkg);
    return writeOva(pkg, await tempDir());
  }
  const judged = async (path: string, options = {}) => {
    const r = await validatePath(path, options);
    return { valid: r.valid, errors: [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))], notes: r.notes };
  };

  it('an OVA without the disk its descriptor references (OVF-REF-003)', async () => {
    expect(await judged(await ovaOf((p) => p.payloads.clear()))).toEqual({ valid: false, errors: ['OVF-REF-003'], notes: [] });
  });

  it('an OVA whose ovf:size differs from the stored size (OVF-REF-005)', async () => {
    expect(await judged(await ovaOf((p) => { p.envelope.files[0]!.size = String(payload.length * 2); }))).toEqual({ valid: false, errors: ['OVF-REF-005'], notes: [] });
  });

  it('an OVA whose HostResource names no Disk (OVF-RASD-007)', async () => {
    const ova = await ovaOf((p) => {
      const disk = p.envelope.content!.hardware[0]!.items.find((i) => i.props.ResourceType?.[0] === '17')!;
      disk.props.HostResource = ['ovf:/disk/no-such-disk'];
    });
    expect(await judged(ova)).toEqual({ valid: false, errors: ['OVF-RASD-007'], notes: [] });
  });

  it('a folder missing a referenced file is invalid; the descriptor alone is bare and valid, with a note', async () => {
    const pkg = basePackage();
    pkg.payloads.clear();
    const descriptor = await folderWith(pkg);
    expect((await judged(join(descriptor, '..'))).errors).toEqual(['OVF-REF-003']);
    const bare = await judged(descriptor);
    expect(bare).toMatchObject({ valid: true, errors: [] });
    expect(bare.notes).toEqual([expect.stringMatching(/file checks not possible: the one referenced file is not beside the descriptor/)]);
  });

  it('--descriptor-only skips the file checks even where the files are there, and says so', async () => {
    const pkg = basePackage();
    pkg.envelope.files[0]!.size = '1';
    const ova = await ovaOf((p) => { p.envelope.files[0]!.size = '1'; });
    expect((await judged(ova)).errors).toEqual(['OVF-REF-005']);
    const only = await judged(ova, { descriptorOnly: true });
    expect(only).toMatchObject({ valid: true, errors: [] });
    expect(only.notes).toEqual([expect.stringMatching(/^file checks skipped \(--descriptor-only\)/)]);
    const folder = await folderWith(pkg);
    expect((await judged(join(folder, '..'), { descriptorOnly: true })).errors).toEqual([]);
  });
});
