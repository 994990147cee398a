// What a run cost the account it ran against: on a real cloud every machine is a paid boot and every
// request counts against rate limits, so results.json says what was planned, created and sent.

import type { CheckResult, LedgerEntry, ResourceCount, RunCost } from '../model/run.js';
import { countOf, type ResourcePlan } from './resourcePlan.js';

/** Resources the ledger saw created, by type (counted once each, however often they were retried). */
function createdByType(entries: readonly LedgerEntry[]): Record<string, number> {
  const seen = new Map<string, string>();
  for (const e of entries) if (e.kind === 'created' && e.id) seen.set(e.id, e.resourceType ?? e.collection);
  const out: Record<string, number> = {};
  for (const type of seen.values()) out[type] = (out[type] ?? 0) + 1;
  return out;
}

/**
 * Requests the checks sent: each check's own exchanges, plus each fixture's set-up once (its exchanges
 * head the transcript of every check that uses it). The cleanup sweep's requests are not recorded.
 */
function requestsSent(checks: readonly CheckResult[]): number {
  const setups = new Map<string, number>();
  let own = 0;
  for (const c of checks) {
    const perSetup = new Map<string, number>();
    for (const e of c.transcript) {
      if (e.setup === undefined) own++;
      else perSetup.set(e.setup, (perSetup.get(e.setup) ?? 0) + 1);
    }
    for (const [key, n] of perSetup) setups.set(key, Math.max(setups.get(key) ?? 0, n));
  }
  return own + [...setups.values()].reduce((a, b) => a + b, 0);
}

const total = (byType: Record<string, number>): number => Object.values(byType).reduce((a, b) => a + b, 0);

/** What the ledger's lines say was created, by type, machines apart. */
export function createdCount(ledger: readonly LedgerEntry[], machineTypes: readonly string[]): ResourceCount {
  const created = createdByType(ledger);
  return { total: total(created), machines: countOf(created, machineTypes), byType: created };
}

export function runCost(plan: ResourcePlan | undefined, ledger: readonly LedgerEntry[], checks: readonly CheckResult[], machineTypes: readonly string[]): RunCost {
  return {
    ...(plan ? { planned: { total: plan.total, machines: plan.machines, byType: plan.byType } } : {}),
    created: createdCount(ledger, machineTypes),
    requests: requestsSent(checks),
  };
}
