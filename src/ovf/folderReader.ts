// A package as a set of files (DSP0243 5.4): a descriptor plus the files next to it. Only the files
// the descriptor references, and its own .mf/.cert, belong to the package; a folder often holds more.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { digestStream, FileDigest, READ_CHUNK } from './fileDigest.js';
import { type DigestAlgorithm, parseManifest } from './manifest.js';
import { FindingSink } from './finding.js';
import type { PackageContents, StoredFile } from './packageContents.js';
import { baseName, isLocalHref, parseChunkName } from './packageContents.js';
import type { Envelope } from './descriptorModel.js';

/** The file's bytes, or undefined when there is no such file (one call instead of stat + read). */
async function readIfFile(path: string): Promise<Buffer | undefined> {
  return readFile(path).catch(() => undefined);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** The names the package may hold next to the descriptor: referenced files and their chunks. */
async function referencedNames(dir: string, env: Envelope | undefined): Promise<string[]> {
  const names: string[] = [];
  const listings = new Map<string, string[]>();
  for (const f of env?.files ?? []) {
    if (f.href === undefined || !isLocalHref(f.href)) continue;
    const href = f.href.replace(/^file:(\/\/)?/i, '');
    names.push(href);
    // Chunks count only with ovf:chunkSize (7.1): listing the folder for every File would cost a
    // folder of thousands of descriptors a listing each (quadratic in a batch).
    if (f.chunkSize === undefined) continue;
    const sub = posix.dirname(href);
    if (!listings.has(sub)) listings.set(sub, await readdir(join(dir, sub)).catch(() => []));
    for (const n of listings.get(sub) ?? []) {
      const rel = sub === '.' ? n : `${sub}/${n}`;
      if (parseChunkName(rel)?.href === href) names.push(rel);
    }
  }
  return names;
}

/**
 * Collects the package around `descriptorPath`. The manifest is read first so each file is hashed
 * once, with exactly the algorithms the manifest uses.
 */
export async function readFolder(
  descriptorPath: string,
  env: Envelope | undefined,
  sinkFor: (name: string) => FindingSink,
  allNames?: string[],
  options: { packageFiles?: boolean; descriptorBytes?: Buffer } = {},
): Promise<PackageContents> {
  const dir = dirname(descriptorPath);
  const descriptorName = basename(descriptorPath);
  const base = baseName(descriptorName);
  const contents: PackageContents = { layout: 'folder', descriptorName, files: new Map(), sinkFor };
  if (allNames) contents.allNames = allNames;
  const mfName = `${base}.mf`;
  const certName = `${base}.cert`;
  // The descriptor's bytes, when the caller has read them already, are digested in memory.
  const descriptor = (algorithms: Iterable<DigestAlgorithm>): Promise<StoredFile> => {
    if (!options.descriptorBytes) return digestStream(descriptorName, createReadStream(descriptorPath, { highWaterMark: READ_CHUNK }), algorithms);
    const d = new FileDigest(descriptorName, algorithms);
    d.update(options.descriptorBytes);
    return Promise.resolve(d.done());
  };
  // Without package files (--descriptor-only) the descriptor is all there is to read.
  if (options.packageFiles === false) {
    contents.files.set(descriptorName, await descriptor([]));
    return contents;
  }
  const mf = await readIfFile(join(dir, mfName));
  if (mf) contents.manifest = { name: mfName, bytes: mf };
  const cert = await readIfFile(join(dir, certName));
  if (cert) contents.certificate = { name: certName, text: cert.toString('utf8') };

  const wanted = new Map<string, Set<DigestAlgorithm>>();
  if (contents.manifest) {
    // A throwaway sink: the manifest's findings are reported once, by the package rules.
    for (const e of parseManifest(contents.manifest.bytes.toString('utf8'), env?.version, new FindingSink(mfName))) {
      wanted.set(e.file, (wanted.get(e.file) ?? new Set()).add(e.algorithm));
    }
  }
  contents.files.set(descriptorName, await descriptor(wanted.get(descriptorName) ?? []));
  for (const name of await referencedNames(dir, env)) {
    const path = join(dir, name);
    if (contents.files.has(name) || !(await exists(path))) continue;
    const file: StoredFile = await digestStream(name, createReadStream(path, { highWaterMark: READ_CHUNK }), wanted.get(name) ?? []);
    contents.files.set(name, file);
  }
  return contents;
}
