// What `validate` is asked to check, as a lazy stream of targets: the paths given, where a folder that
// directly holds no .ovf descriptor is a tree of packages, walked for every .ova and .ovf in it. Nothing
// is collected: a tree of thousands of packages or a list of thousands of paths is read as it is used.
import { createReadStream, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { extensionOf } from './packageContents.js';

/** Folder levels walked below a tree's root; a deeper folder is reported, not walked. */
export const MAX_TREE_DEPTH = 32;

export interface Target {
  /** What validatePath gets: a descriptor, an OVA, a folder package, or any path the user gave. */
  path: string;
  /** Set when the target cannot be validated at all (a tree with no package, a folder that cannot be listed). */
  error?: string;
  /** The tree root when the target was found by walking a folder, not given as such. */
  tree?: string;
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const isPackageName = (name: string): boolean => {
  const ext = extensionOf(name);
  return ext === 'ova' || ext === 'ovf';
};

/**
 * The .ova and .ovf files below `dir`, depth first, each folder's entries in code-point order of their
 * names (so the order does not depend on the file system or the locale). Symbolic links to folders are
 * not followed (no cycles, no walking out of the tree); a symbolic link to a package file is a package.
 */
async function* walk(root: string, dir: string, entries: Dirent[], depth: number): AsyncGenerator<Target> {
  for (const e of entries.sort(byName)) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (depth + 1 > MAX_TREE_DEPTH) {
        yield { path, tree: root, error: `${path}: more than ${MAX_TREE_DEPTH} folder levels below ${root}; not walked` };
        continue;
      }
      let below: Dirent[];
      try {
        below = await readdir(path, { withFileTypes: true });
      } catch (err) {
        yield { path, tree: root, error: `${path}: cannot list the folder: ${(err as Error).message}` };
        continue;
      }
      yield* walk(root, path, below, depth + 1);
    } else if (isPackageName(e.name)) {
      if (e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile())) yield { path, tree: root };
    }
  }
}

/**
 * Expands the paths the user gave, in their order. A folder that directly holds a .ovf file stays one
 * package (as validatePath reads it); a folder that holds none is walked; a walk that finds nothing is
 * one error target naming the folder. Anything else (files, missing paths) is left to validatePath.
 */
export async function* expandTargets(paths: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Target> {
  for await (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory()) {
      yield { path };
      continue;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      yield { path }; // validatePath reports why it cannot be read
      continue;
    }
    if (entries.some((e) => e.isFile() && extensionOf(e.name) === 'ovf')) {
      yield { path };
      continue;
    }
    let found = 0;
    for await (const t of walk(path, path, entries, 0)) {
      found++;
      yield t;
    }
    if (found === 0) yield { path, error: `${path}: the folder holds no .ovf descriptor, and no .ova or .ovf is in the folders below it` };
  }
}

/** The non-blank lines of a stream, trailing whitespace (and CR) removed, read as they are used. */
export async function* linesOf(input: Readable): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const path = line.trimEnd();
      if (path !== '') yield path;
    }
  } finally {
    lines.close();
  }
}

/** The paths listed in a file, one a line (see linesOf). */
export function linesOfFile(file: string): AsyncGenerator<string> {
  return linesOf(createReadStream(file, { encoding: 'utf8' }));
}
