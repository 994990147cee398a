// What a reader (OVA or folder) found in a package, in a form the package rules can check
// without knowing where the bytes came from.
import type { FindingSink } from './finding.js';
import type { DigestAlgorithm } from './manifest.js';

export interface StoredFile {
  /** Name relative to the descriptor (an OVA member name, or a path relative to the descriptor's folder). */
  name: string;
  size: number;
  /** Lower-case hex digests, computed for the algorithms the manifest uses. */
  digests: Partial<Record<DigestAlgorithm, string>>;
  /** The first bytes, for format sniffing (gzip magic). */
  head: Buffer;
}

export interface PackageContents {
  /** An OVA (one TAR file) or a set of files in a folder (DSP0243 5.1). */
  layout: 'ova' | 'folder';
  descriptorName: string;
  /** Every file in the package by name, the descriptor, manifest and certificate included. */
  files: Map<string, StoredFile>;
  /** For a directory or OVA: the names of all files/members (for OVF-PKG-001..004). */
  allNames?: string[];
  manifest?: { name: string; bytes: Buffer };
  certificate?: { name: string; text: string };
  /** Findings about a file go to the sink this returns. */
  sinkFor(name: string): FindingSink;
}

/** The base name without extension: `pkg` for `dir/pkg.ovf`. */
export function baseName(name: string): string {
  return (name.split('/').pop() ?? name).replace(/\.[^.]*$/, '');
}

export function extensionOf(name: string): string {
  return /\.([^./]*)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** Chunk file name for chunk `n` of `href` (DSP0243 7.1: nine decimal digits from zero). */
export function chunkName(href: string, n: number): string {
  return `${href}.${String(n).padStart(9, '0')}`;
}

const CHUNK = /^(.*)\.(\d{9})$/;

export function parseChunkName(name: string): { href: string; index: number } | undefined {
  const m = CHUNK.exec(name);
  return m ? { href: m[1] as string, index: Number(m[2]) } : undefined;
}

/** The lower-cased URL scheme of an href (`https`, `file`), or undefined for a plain path. */
export function urlScheme(href: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href)?.[1]?.toLowerCase();
}

/** A path that climbs out of where it starts: absolute, or with a ".." segment. */
export function leavesFolder(path: string): boolean {
  return path.startsWith('/') || path.split(/[\\/]/).includes('..');
}

/** A relative href that names a file inside the package (not a URL). */
export function isLocalHref(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme === undefined || scheme === 'file';
}
