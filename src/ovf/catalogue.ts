// The OVF rule catalogue (suites/ovf/requirements.yaml) is the single source of each rule's
// severity, clause and fix hint; the validator looks rules up here instead of repeating them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CatalogueError, parseCatalogue as parseEntries, type Requirement } from '../catalogue/requirement.js';
import { readCatalogueCache } from './catalogueCache.js';

export type Severity = 'error' | 'warning' | 'portability';

export interface OvfRule extends Requirement {
  severity: Severity;
  hint: string;
  /** The document version, clause and line the level was checked against, and the verdict. */
  checked: string;
  /** `consumer`: the rule is what an importer must do; the package stays valid (portability). */
  duty?: 'consumer';
}

/** src/ovf and dist/ovf are both two levels below the package root. */
export const CATALOGUE_PATH = fileURLToPath(new URL('../../suites/ovf/requirements.yaml', import.meta.url));

const SEVERITIES: readonly string[] = ['error', 'warning', 'portability'];

export function parseCatalogue(text: string): Map<string, OvfRule> {
  const rules = new Map<string, OvfRule>();
  for (const entry of parseEntries(text, CATALOGUE_PATH, ['severity', 'hint', 'checked'])) {
    if (!SEVERITIES.includes(String(entry['severity']))) throw new CatalogueError(`${CATALOGUE_PATH}: rule ${entry.id}: bad severity`);
    if (entry['duty'] !== undefined && entry['duty'] !== 'consumer') throw new CatalogueError(`${CATALOGUE_PATH}: rule ${entry.id}: duty must be consumer`);
    const rule: OvfRule = { ...entry, severity: entry['severity'] as Severity, hint: String(entry['hint']), checked: String(entry['checked']) };
    if (entry['duty'] === 'consumer') rule.duty = 'consumer';
    rules.set(entry.id, rule);
  }
  return rules;
}

/** Written by `npm run build` (dist/ovf/ only): the parsed catalogue, see catalogueCache.ts. */
export const CATALOGUE_CACHE_PATH = fileURLToPath(new URL('./requirements.cache.json', import.meta.url));

let cached: Map<string, OvfRule> | undefined;

export function catalogue(): Map<string, OvfRule> {
  if (!cached) {
    const text = readFileSync(CATALOGUE_PATH, 'utf8');
    cached = readCatalogueCache(CATALOGUE_CACHE_PATH, text) ?? parseCatalogue(text);
  }
  return cached;
}

export function rule(id: string): OvfRule {
  const found = catalogue().get(id);
  // A rule id missing from the catalogue is a programming error, not a package problem.
  if (!found) throw new Error(`OVF rule ${id} is not catalogued in ${CATALOGUE_PATH}`);
  return found;
}
