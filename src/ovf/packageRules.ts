// Rules that need the package's files: existence, sizes, chunks, manifest coverage and digests,
// certificate, and the naming of descriptor/manifest/certificate (DSP0243 5.1, 7.1).
import { checkCertificate } from './certificate.js';
import type { Envelope, OvfFile } from './descriptorModel.js';
import type { FindingSink, Pos } from './finding.js';
import { type ManifestEntry, parseManifest } from './manifest.js';
import { baseName, chunkName, extensionOf, isLocalHref, leavesFolder, type PackageContents, parseChunkName, type StoredFile, urlScheme } from './packageContents.js';
import { parseUnsignedLong } from './units.js';

/** Where each referenced file's bytes are: one file, or its chunks in order. */
interface Stored {
  file: OvfFile;
  href: string;
  parts: StoredFile[];
  chunked: boolean;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export interface PackageScope {
  /** The referenced files are knowingly absent (a bare descriptor, or --descriptor-only): not an error. */
  filesAbsent?: boolean;
}

export function checkPackage(env: Envelope | undefined, pkg: PackageContents, scope: PackageScope = {}): void {
  const descriptorSink = pkg.sinkFor(pkg.descriptorName);
  checkNames(pkg);
  if (env && pkg.layout === 'ova') checkArchiveReferences(env, descriptorSink);
  if (env && pkg.layout === 'folder') checkFolderReferences(env, descriptorSink);
  const stored = env ? locateFiles(env, pkg, descriptorSink, scope.filesAbsent === true) : [];
  if (pkg.manifest) {
    const sink = pkg.sinkFor(pkg.manifest.name);
    const entries = parseManifest(pkg.manifest.bytes.toString('utf8'), env?.version, sink);
    checkCoverage(entries, stored, env ? localHrefs(env) : undefined, pkg, sink);
  }
  if (pkg.certificate) {
    const sink = pkg.sinkFor(pkg.certificate.name);
    checkCertificate(pkg.certificate.text, pkg.manifest?.name ?? `${baseName(pkg.descriptorName)}.mf`, pkg.manifest?.bytes, sink);
  }
}

function checkNames(pkg: PackageContents): void {
  const sink = pkg.sinkFor(pkg.descriptorName);
  const base = baseName(pkg.descriptorName);
  const names = pkg.allNames ?? [];
  const byExt = (ext: string): string[] => names.filter((n) => extensionOf(n) === ext);
  const descriptors = byExt('ovf');
  if (pkg.allNames && descriptors.length !== 1) sink.add('OVF-PKG-001', `package holds ${descriptors.length} .ovf descriptors: ${descriptors.join(', ')}`);
  for (const ext of ['mf', 'cert']) {
    const found = byExt(ext);
    if (found.length > 1) sink.add('OVF-PKG-002', `package holds ${found.length} .${ext} files: ${found.join(', ')}`);
    for (const f of found) if (baseName(f) !== base) sink.add('OVF-PKG-003', `${f} does not share the descriptor's base name "${base}"`);
  }
  if (pkg.certificate && !pkg.manifest) sink.add('OVF-PKG-004', `${pkg.certificate.name} signs a manifest, but the package has none`);
}

/** DSP0243 5.3: inside a TAR, every reference is a relative path to a member, without "..". */
function archiveReferenceProblem(href: string): 'OVF-OVA-010' | 'OVF-OVA-011' | undefined {
  if (urlScheme(href) !== undefined || href.startsWith('/')) return 'OVF-OVA-010';
  return leavesFolder(href) ? 'OVF-OVA-011' : undefined;
}

function checkArchiveReferences(env: Envelope, sink: FindingSink): void {
  for (const f of env.files) {
    const problem = f.href === undefined ? undefined : archiveReferenceProblem(f.href);
    if (problem === 'OVF-OVA-010') sink.add(problem, `ovf:href "${f.href}" is not a relative path; every file an OVA references is one of its members`, f.pos ?? {});
    if (problem === 'OVF-OVA-011') sink.add(problem, `ovf:href "${f.href}" contains a ".." segment`, f.pos ?? {});
  }
}

/** Allowed for a folder, but the file is lost when the folder is copied or packed as an OVA. */
function checkFolderReferences(env: Envelope, sink: FindingSink): void {
  for (const f of env.files) {
    if (f.href === undefined || urlScheme(f.href) !== undefined) continue;
    if (leavesFolder(f.href)) {
      sink.add('OVF-REF-009', `ovf:href "${f.href}" points outside the descriptor's folder`, f.pos ?? {});
    }
  }
}

export function localHrefs(env: Envelope): string[] {
  return env.files.flatMap((f) => (f.href !== undefined && isLocalHref(f.href) ? [f.href.replace(/^file:(\/\/)?/i, '')] : []));
}

function locateFiles(env: Envelope, pkg: PackageContents, sink: FindingSink, filesAbsent: boolean): Stored[] {
  const out: Stored[] = [];
  for (const file of env.files) {
    if (file.href === undefined || !isLocalHref(file.href)) continue;
    // Already refused as no archive reference at all: looking it up among the members adds nothing.
    if (pkg.layout === 'ova' && archiveReferenceProblem(file.href) !== undefined) continue;
    const href = file.href.replace(/^file:(\/\/)?/i, '');
    const pos = file.pos ?? {};
    const chunks = [...pkg.files.values()]
      .map((f) => ({ f, c: parseChunkName(f.name) }))
      .filter((x) => x.c?.href === href)
      .sort((a, b) => (a.c?.index ?? 0) - (b.c?.index ?? 0));
    const whole = pkg.files.get(href);
    if (file.chunkSize !== undefined && chunks.length > 0) {
      checkChunks(file, href, chunks.map((x) => ({ file: x.f, index: x.c?.index ?? 0 })), pos, sink);
      out.push({ file, href, parts: chunks.map((x) => x.f), chunked: true });
    } else if (whole) {
      if (file.chunkSize !== undefined) sink.add('OVF-CHK-005', `"${href}" declares ovf:chunkSize but is stored whole`, pos);
      out.push({ file, href, parts: [whole], chunked: false });
    } else {
      if (!filesAbsent) sink.add('OVF-REF-003', `referenced file "${href}" is not in the package`, pos);
      continue;
    }
    const last = out.at(-1) as Stored;
    const total = last.parts.reduce((n, p) => n + p.size, 0);
    const declared = parseUnsignedLong(file.size);
    if (file.size !== undefined && declared !== BigInt(total)) {
      sink.add('OVF-REF-005', `"${href}" has ovf:size="${file.size}" but ${total} bytes are stored`, pos);
    }
    const first = last.parts[0];
    if (file.compression === 'gzip' && first && !first.head.subarray(0, 2).equals(GZIP_MAGIC)) {
      sink.add('OVF-REF-006', `"${href}" is declared gzip-compressed but does not start with the gzip magic bytes`, pos);
    }
  }
  return out;
}

function checkChunks(file: OvfFile, href: string, chunks: { file: StoredFile; index: number }[], pos: Pos, sink: FindingSink): void {
  const chunkSize = Number(file.chunkSize);
  chunks.forEach((c, i) => {
    if (c.index !== i) sink.add('OVF-CHK-001', `chunk ${chunkName(href, i)} is missing (chunks must be numbered contiguously from 000000000)`, pos);
    const isLast = i === chunks.length - 1;
    if (isLast ? c.file.size < 1 || c.file.size > chunkSize : c.file.size !== chunkSize) {
      sink.add('OVF-CHK-002', `chunk ${c.file.name} is ${c.file.size} bytes; ${isLast ? `the last chunk holds 1..${chunkSize}` : `every chunk but the last holds exactly ${chunkSize}`}`, pos);
    }
  });
}

/** `referencedHrefs` is undefined when the descriptor could not be read: coverage is then unknown. */
function checkCoverage(entries: ManifestEntry[], stored: Stored[], referencedHrefs: string[] | undefined, pkg: PackageContents, sink: FindingSink): void {
  const listed = new Map<string, ManifestEntry[]>();
  for (const e of entries) listed.set(e.file, [...(listed.get(e.file) ?? []), e]);
  if (!listed.has(pkg.descriptorName)) sink.add('OVF-MF-004', `the descriptor ${pkg.descriptorName} is not listed`);
  // Referenced files that are missing are OVF-REF-003's business; listing them is not an error.
  const expected = new Set<string>([pkg.descriptorName, ...(referencedHrefs ?? [])]);
  const wholeNames = new Set<string>();
  for (const s of stored) {
    if (s.chunked) wholeNames.add(s.href);
    for (const part of s.parts) {
      expected.add(part.name);
      const count = listed.get(part.name)?.length ?? 0;
      if (count === 0) sink.add(s.chunked ? 'OVF-CHK-004' : 'OVF-MF-005', `${s.chunked ? 'chunk' : 'referenced file'} ${part.name} is not listed`);
    }
  }
  for (const [name, list] of listed) {
    if (list.length > 1) sink.add('OVF-MF-005', `${name} is listed ${list.length} times`, { line: list[1]?.line });
  }
  for (const e of entries) {
    const ext = extensionOf(e.file);
    if ((ext === 'mf' || ext === 'cert') && baseName(e.file) === baseName(pkg.descriptorName)) {
      sink.add('OVF-MF-006', `the manifest lists ${e.file}; manifests and certificates are never listed`, { line: e.line });
      continue;
    }
    if (referencedHrefs && !expected.has(e.file) && !wholeNames.has(e.file)) {
      sink.add('OVF-MF-007', `${e.file} is listed but is neither the descriptor nor a file in References`, { line: e.line });
      continue;
    }
    const actual = pkg.files.get(e.file)?.digests[e.algorithm];
    if (actual !== undefined && actual !== e.digest) {
      sink.add('OVF-MF-008', `${e.algorithm} of ${e.file} is ${actual}, the manifest says ${e.digest}`, { line: e.line });
    }
  }
}
