// The requirement catalogue: suites/<suite>/requirements.yaml, validated on load.

import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import type { Requirement } from './model.js';
import { UsageError } from './errors.js';
import { suitesDir } from './paths.js';

export const REQUIREMENT_ID = /^[A-Z]+-[A-Z]+-\d{3}$/;
const LEVELS = new Set(['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY']);
const REQUIRED_FIELDS = ['id', 'spec', 'clause', 'level', 'feature', 'versions', 'statement'] as const;

export interface CatalogueEntry extends Requirement {
  /** Extra fields some suites use (OVF: severity, hint). */
  [extra: string]: unknown;
}

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

export function parseCatalogue(text: string, file: string): CatalogueEntry[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) throw new UsageError(doc.errors[0]!.message, file);
  const data: unknown = doc.toJS();
  if (!Array.isArray(data)) throw new UsageError('the catalogue must be a YAML list of requirements', file);
  const seen = new Set<string>();
  const problems: string[] = [];
  data.forEach((raw: Record<string, unknown>, i) => {
    const where = `${file}: entry ${i + 1}${typeof raw?.['id'] === 'string' ? ` (${raw['id']})` : ''}`;
    for (const f of REQUIRED_FIELDS) if (raw?.[f] === undefined || raw[f] === '') problems.push(`${where}: missing '${f}'`);
    if (typeof raw?.['id'] === 'string') {
      if (!REQUIREMENT_ID.test(raw['id'])) problems.push(`${where}: id must look like CIMI-QRY-001`);
      if (seen.has(raw['id'])) problems.push(`${where}: duplicate id`);
      seen.add(raw['id']);
    }
    if (raw?.['level'] !== undefined && !LEVELS.has(String(raw['level']))) problems.push(`${where}: level must be one of ${[...LEVELS].join(', ')}`);
    if (raw?.['versions'] !== undefined && (!Array.isArray(raw['versions']) || raw['versions'].length === 0)) problems.push(`${where}: versions must be a non-empty list`);
    if (typeof raw?.['clause'] === 'string' && !/\d/.test(raw['clause'])) problems.push(`${where}: clause must cite a clause number`);
  });
  if (problems.length) throw new UsageError(`invalid catalogue:\n${problems.join('\n')}`);
  return (data as CatalogueEntry[]).map((e) => ({ ...e, versions: e.versions.map(String), clause: String(e.clause) }));
}

/** Whether a requirement applies to a spec version: `2.0` matches `2.0`, `2.x` and `2`. */
export function appliesToVersion(req: Requirement, version: string): boolean {
  const major = version.split('.')[0];
  return req.versions.some((v) => v === version || v === `${major}.x` || v === major);
}
