// A requirement catalogue entry and the parsing of suites/<suite>/requirements.yaml. Shared by the
// harness (CIMI checks) and the OVF validator (its rules), so it depends on neither.

import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

// yaml is loaded on the first parse, not on import: the id grammar below is wanted without it, and
// `cloudconform validate` reads the OVF catalogue from its build-time cache (src/ovf/catalogueCache.ts).
let yaml: typeof Yaml | undefined;
const loadYaml = (): typeof Yaml => (yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export type Level = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY';

/** One testable statement from a spec, as catalogued in suites/<suite>/requirements.yaml. */
export interface Requirement {
  id: string;
  spec: string;
  clause: string;
  level: Level;
  /** `core`, or the optional feature (collection, capability) that makes it applicable. */
  feature: string;
  /** Spec versions it applies to, e.g. ['1.1', '2.0']. */
  versions: string[];
  statement: string;
  /** Where the brief marks the detail as unconfirmed or the spec as silent, what we assumed. */
  note?: string;
}

export interface CatalogueEntry extends Requirement {
  /** Extra fields some suites use (OVF: severity, hint). */
  [extra: string]: unknown;
}

/**
 * The one grammar of a requirement id: suite, an optional area (capitals and digits), three digits —
 * CIMI-Q-004, OVF-V2-001, and VCD-001 (the vCloud brief's checklist numbers its rows without areas).
 * The id patterns of profile.schema.json and results.schema.json are this text (a test holds them to
 * it), and the check index reads ids out of check names with it.
 */
export const REQUIREMENT_ID_PATTERN = '[A-Z]+(?:-[A-Z0-9]+)?-\\d{3}';
export const REQUIREMENT_ID = new RegExp(`^${REQUIREMENT_ID_PATTERN}$`);
export const REQUIREMENT_ID_EXAMPLE = 'CIMI-Q-004';

/** The requirement ids a text (a check's name or its first argument) names, in order. */
export function requirementIdsIn(text: string): string[] {
  return text.match(new RegExp(`\\b${REQUIREMENT_ID_PATTERN}\\b`, 'g')) ?? [];
}
const LEVELS = new Set(['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY']);
const REQUIRED_FIELDS = ['id', 'spec', 'clause', 'level', 'feature', 'versions', 'statement'];

/** A broken catalogue is a defect of the package, never of the user's input. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
}

/** Parses and checks a catalogue; `extraFields` are further fields every entry of this suite must have. */
export function parseCatalogue(text: string, file: string, extraFields: readonly string[] = []): CatalogueEntry[] {
  const doc = loadYaml().parseDocument(text);
  if (doc.errors.length) throw new CatalogueError(`${file}: ${doc.errors[0]!.message}`);
  const data: unknown = doc.toJS();
  if (!Array.isArray(data)) throw new CatalogueError(`${file}: the catalogue must be a YAML list of requirements`);
  const seen = new Set<string>();
  const problems: string[] = [];
  data.forEach((raw: Record<string, unknown>, i) => {
    const where = `${file}: entry ${i + 1}${typeof raw?.['id'] === 'string' ? ` (${raw['id']})` : ''}`;
    for (const f of [...REQUIRED_FIELDS, ...extraFields]) if (raw?.[f] === undefined || raw[f] === '') problems.push(`${where}: missing '${f}'`);
    if (typeof raw?.['id'] === 'string') {
      if (!REQUIREMENT_ID.test(raw['id'])) problems.push(`${where}: id must look like ${REQUIREMENT_ID_EXAMPLE} (${REQUIREMENT_ID.source})`);
      if (seen.has(raw['id'])) problems.push(`${where}: duplicate id`);
      seen.add(raw['id']);
    }
    if (raw?.['level'] !== undefined && !LEVELS.has(String(raw['level']))) problems.push(`${where}: level must be one of ${[...LEVELS].join(', ')}`);
    if (raw?.['versions'] !== undefined && (!Array.isArray(raw['versions']) || raw['versions'].length === 0)) problems.push(`${where}: versions must be a non-empty list`);
    if (typeof raw?.['clause'] === 'string' && !/\d/.test(raw['clause'])) problems.push(`${where}: clause must cite a clause number`);
  });
  if (problems.length) throw new CatalogueError(`invalid catalogue:\n${problems.join('\n')}`);
  return (data as CatalogueEntry[]).map((e) => ({ ...e, versions: e.versions.map(String), clause: String(e.clause) }));
}

/** Whether a requirement applies to a spec version: `2.0` matches `2.0`, `2.x` and `2`. */
export function appliesToVersion(req: Requirement, version: string): boolean {
  const major = version.split('.')[0];
  return req.versions.some((v) => v === version || v === `${major}.x` || v === major);
}
