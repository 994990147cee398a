// The OVF rule catalogue (suites/ovf/requirements.yaml) is the single source of each rule's
// severity, clause and fix hint; the validator looks rules up here instead of repeating them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Requirement } from '../harness/model.js';

export type Severity = 'error' | 'warning' | 'portability';

export interface OvfRule extends Requirement {
  severity: Severity;
  hint: string;
}

/** src/ovf and dist/ovf are both two levels below the package root. */
export const CATALOGUE_PATH = fileURLToPath(new URL('../../suites/ovf/requirements.yaml', import.meta.url));

const SEVERITIES: readonly string[] = ['error', 'warning', 'portability'];
const LEVELS: readonly string[] = ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY'];

export function parseCatalogue(text: string): Map<string, OvfRule> {
  const raw: unknown = parse(text);
  if (!Array.isArray(raw)) throw new Error(`${CATALOGUE_PATH}: expected a YAML list of rules`);
  const rules = new Map<string, OvfRule>();
  for (const entry of raw as Record<string, unknown>[]) {
    const id = String(entry.id);
    const missing = ['id', 'spec', 'clause', 'level', 'feature', 'versions', 'statement', 'severity', 'hint'].filter(
      (k) => entry[k] === undefined,
    );
    if (missing.length > 0) throw new Error(`${CATALOGUE_PATH}: rule ${id} lacks ${missing.join(', ')}`);
    if (!SEVERITIES.includes(String(entry.severity))) throw new Error(`${CATALOGUE_PATH}: rule ${id}: bad severity`);
    if (!LEVELS.includes(String(entry.level))) throw new Error(`${CATALOGUE_PATH}: rule ${id}: bad level`);
    if (rules.has(id)) throw new Error(`${CATALOGUE_PATH}: rule ${id} catalogued twice`);
    rules.set(id, entry as unknown as OvfRule);
  }
  return rules;
}

let cached: Map<string, OvfRule> | undefined;

export function catalogue(): Map<string, OvfRule> {
  cached ??= parseCatalogue(readFileSync(CATALOGUE_PATH, 'utf8'));
  return cached;
}

export function rule(id: string): OvfRule {
  const found = catalogue().get(id);
  // A rule id missing from the catalogue is a programming error, not a package problem.
  if (!found) throw new Error(`OVF rule ${id} is not catalogued in ${CATALOGUE_PATH}`);
  return found;
}
