// The suites' requirement catalogues on disk: suites/<suite>/requirements.yaml, parsed once per process.

import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';
import { suitesDir } from './paths.js';
import { parseCatalogue, type CatalogueEntry } from '../catalogue/requirement.js';

export function cataloguePath(suite: string): string {
  return path.join(suitesDir, suite, 'requirements.yaml');
}

export function listSuites(): string[] {
  return fs
    .readdirSync(suitesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(cataloguePath(d.name)))
    .map((d) => d.name)
    .sort();
}

const cache = new Map<string, CatalogueEntry[]>();

export function loadCatalogue(suite: string): CatalogueEntry[] {
  const hit = cache.get(suite);
  if (hit) return hit;
  const file = cataloguePath(suite);
  if (!fs.existsSync(file)) throw new UsageError(`no such suite '${suite}' (known: ${listSuites().join(', ')})`);
  const entries = parseCatalogue(fs.readFileSync(file, 'utf8'), file);
  cache.set(suite, entries);
  return entries;
}
