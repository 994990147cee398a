// What every report of a portability run says the same way: a value, a step with its leg, the count
// of findings by severity, the two endpoints and the API each spoke, the cleanup and the cost.

import { apiName } from './digest.js';
import type { FieldValue, Leg, PortabilityRunFinding, PortabilityRunResults, PortabilitySeverity, PortabilitySide } from './portabilityResults.js';

export const SEVERITIES: readonly PortabilitySeverity[] = ['error', 'warning', 'info'];

export const valueText = (v: FieldValue | undefined): string => (v === undefined ? '—' : String(v));

export const stepText = (leg: Leg, step: string): string => (leg === 'back' ? `${step} (back)` : step);

/** Findings worst first, in the order they were found within a severity. */
export function sortedFindings(r: PortabilityRunResults): PortabilityRunFinding[] {
  return [...r.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export function severityCounts(r: PortabilityRunResults): string {
  const n = (s: PortabilitySeverity) => r.findings.filter((f) => f.severity === s).length;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return [plural(n('error'), 'error'), plural(n('warning'), 'warning'), `${n('info')} info`].join(', ');
}

/** The API a side spoke and its version: "CIMI 2.0", "vCloud API 5.1". */
export const sideApi = (s: PortabilitySide): string => `${apiName(s.suite ?? 'cimi')}${s.specVersion ? ` ${s.specVersion}` : ''}`;

export const route = (r: PortabilityRunResults): string => `${r.from.name} → ${r.to.name}${r.back ? ' and back' : ''}`;

export function cleanupSentence(r: PortabilityRunResults): string {
  return `Cleanup: created ${r.cleanup.created}, deleted ${r.cleanup.deleted}, left behind ${r.cleanup.leftovers.length}`;
}

export function costSentence(r: PortabilityRunResults): string {
  const side = (name: string, c: PortabilityRunResults['cost']['from']) =>
    `${name}: ${c.created.total} resources created, ${c.created.machines} of them Machines, ${c.requests} requests`;
  return `Cost: ${side(r.from.name, r.cost.from)}; ${side(r.to.name, r.cost.to)}; ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** How many fields each leg compared and how many differ. */
export function comparedSentence(r: PortabilityRunResults): string {
  const legs: Leg[] = r.back ? ['there', 'back'] : ['there'];
  return legs
    .map((leg) => {
      const fields = r.compared.filter((c) => c.leg === leg);
      const what = leg === 'there' ? `${r.from.name} against ${r.to.name}` : `the original against the machine home again`;
      return `${fields.length} fields compared, ${what}: ${fields.filter((c) => !c.same).length} differ`;
    })
    .join('; ');
}
