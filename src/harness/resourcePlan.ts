// What a run may create, declared by each check and fixture and added up before the first request:
// on a real cloud every machine is a paid boot, so the plan is printed and held to limits.maxResources.

import type { Limits } from './profile.js';
import { HarnessError } from '../model/errors.js';

/** Most resources created, by the dialect's type name. */
export type Creates = Readonly<Record<string, number>>;

/**
 * What one check (or fixture) may still create, by type: each create is counted against its declaration,
 * so the run's plan stays an upper bound. Undefined declaration: unbounded (the final sweep).
 */
export class CreateAllowance {
  private readonly spent = new Map<string, number>();

  constructor(private readonly declared?: Creates) {}

  spend(type: string): void {
    const n = (this.spent.get(type) ?? 0) + 1;
    const allowed = this.declared ? (this.declared[type] ?? 0) : Infinity;
    if (n > allowed) throw new HarnessError('INTERNAL', `creating ${type} #${n}, but the check declares at most ${allowed} (its \`creates\` option, which the run plan adds up)`);
    this.spent.set(type, n);
  }
}

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
  /** Resources of the dialect's machine types (Dialect.machineTypes). */
  machines: number;
  /** Distinct fixtures the selected checks use. */
  fixtures: FixtureUse[];
}

/** How many of `byType` are of the given types. */
export const countOf = (byType: Readonly<Record<string, number>>, types: readonly string[]): number => types.reduce((n, t) => n + (byType[t] ?? 0), 0);

function addCreates(into: Record<string, number>, more: Creates): void {
  for (const [type, n] of Object.entries(more)) into[type] = (into[type] ?? 0) + n;
}

export function planResources(checks: readonly PlannedCheck[], machineTypes: readonly string[]): ResourcePlan {
  const byType: Record<string, number> = {};
  const fixtures = new Map<string, FixtureUse>();
  for (const c of checks) {
    addCreates(byType, c.creates);
    for (const f of c.fixtures) fixtures.set(f.key, f);
  }
  for (const f of fixtures.values()) addCreates(byType, f.creates);
  const total = Object.values(byType).reduce((a, b) => a + b, 0);
  return { checks: checks.length, byType, total, machines: countOf(byType, machineTypes), fixtures: [...fixtures.values()] };
}

/** The plan as printed before the first check: what it may create, against what budget, with which waits. */
export function describePlan(plan: ResourcePlan, limits: Limits, machineTypes: readonly string[]): string {
  const rank = (t: string): number => (machineTypes.includes(t) ? 0 : 1);
  const types = Object.entries(plan.byType)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([t, n]) => `${n} ${t}`)
    .join(', ');
  return [
    `plan: ${plan.checks} checks; at most ${plan.total} resources (${types || 'none'}) (${plan.fixtures.length} shared fixtures among them); budget limits.maxResources = ${limits.maxResources}`,
    `plan: waits end after limits.stateTimeoutMs = ${seconds(limits.stateTimeoutMs)}, the run after limits.runTimeoutMs = ${seconds(limits.runTimeoutMs)}; concurrency ${limits.concurrency}`,
  ].join('\n');
}

const seconds = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);
