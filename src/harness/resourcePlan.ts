// What a run may create, declared by each check and fixture and added up before the first request:
// on a real cloud every Machine is a paid boot, so the plan is printed and held to limits.maxResources.

import type { Limits } from './profile.js';

/** Most resources created, by CIMI type name (`Machine`, `MachineTemplate`…). */
export type Creates = Readonly<Record<string, number>>;

/** A fixture a check uses: resources created once and shared, counted once however many checks use them. */
export interface FixtureUse {
  key: string;
  creates: Creates;
}

export interface PlannedCheck {
  creates: Creates;
  fixtures: FixtureUse[];
}

export interface ResourcePlan {
  checks: number;
  /** Most resources of each type the run creates. */
  byType: Record<string, number>;
  total: number;
  machines: number;
  /** Distinct fixtures the selected checks use. */
  fixtures: FixtureUse[];
}

function addCreates(into: Record<string, number>, more: Creates): void {
  for (const [type, n] of Object.entries(more)) into[type] = (into[type] ?? 0) + n;
}

export function planResources(checks: readonly PlannedCheck[]): ResourcePlan {
  const byType: Record<string, number> = {};
  const fixtures = new Map<string, FixtureUse>();
  for (const c of checks) {
    addCreates(byType, c.creates);
    for (const f of c.fixtures) fixtures.set(f.key, f);
  }
  for (const f of fixtures.values()) addCreates(byType, f.creates);
  const total = Object.values(byType).reduce((a, b) => a + b, 0);
  return { checks: checks.length, byType, total, machines: byType['Machine'] ?? 0, fixtures: [...fixtures.values()] };
}

/** The plan as printed before the first check: what it may create, against what budget, with which waits. */
export function describePlan(plan: ResourcePlan, limits: Limits): string {
  const types = Object.entries(plan.byType)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a === 'Machine' ? -1 : b === 'Machine' ? 1 : a.localeCompare(b)))
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  return [
    `plan: ${plan.checks} checks; at most ${plan.total} resources (${types || 'none'}) (${plan.fixtures.length} shared fixtures among them); budget limits.maxResources = ${limits.maxResources}`,
    `plan: waits end after limits.stateTimeoutMs = ${seconds(limits.stateTimeoutMs)}, the run after limits.runTimeoutMs = ${seconds(limits.runTimeoutMs)}; concurrency ${limits.concurrency}`,
  ].join('\n');
}

const seconds = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);
