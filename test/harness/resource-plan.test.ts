// The run's resource plan: declared creates add up, a fixture counts once however many checks use it,
// and the printed plan names the budget and the waits.

import { describe, expect, it } from 'vitest';
import { describePlan, planResources } from '../../src/harness/resourcePlan.js';
import type { Limits } from '../../src/harness/profile.js';

/** The machine types of the dialect these plans are written in (CIMI's). */
const MACHINES = ['Machine'];

const limits: Limits = { requestTimeoutMs: 30_000, stateTimeoutMs: 600_000, runTimeoutMs: 3_600_000, concurrency: 4, maxResources: 50, maxRequestsPerCheck: 500 };

describe('planResources', () => {
  it('adds what checks create and counts each fixture once', () => {
    const shared = { key: 'shared', creates: { Machine: 4 } };
    const plan = planResources([
      { creates: { Machine: 1 }, fixtures: [shared] },
      { creates: { Machine: 2, MachineTemplate: 1 }, fixtures: [shared] },
      { creates: {}, fixtures: [shared, { key: 'file [xml]', creates: { Machine: 1, MachineConfiguration: 1 } }] },
    ], MACHINES);
    expect(plan.byType).toEqual({ Machine: 8, MachineTemplate: 1, MachineConfiguration: 1 });
    expect(plan.total).toBe(10);
    expect(plan.machines).toBe(8);
    expect(plan.fixtures.map((f) => f.key)).toEqual(['shared', 'file [xml]']);
    expect(plan.checks).toBe(3);
  });

  it('an empty selection plans nothing', () => {
    expect(planResources([], MACHINES)).toMatchObject({ total: 0, machines: 0, checks: 0 });
  });
});

describe('describePlan', () => {
  it('prints the most the run creates, Machines first, against the budget and with the wait limits', () => {
    const text = describePlan(planResources([{ creates: { MachineTemplate: 2, Machine: 3 }, fixtures: [] }], MACHINES), limits, MACHINES);
    expect(text).toContain('at most 5 resources (3 Machine, 2 MachineTemplate)');
    expect(text).toContain('limits.maxResources = 50');
    expect(text).toContain('limits.stateTimeoutMs = 10 min');
    expect(text).toContain('limits.runTimeoutMs = 60 min');
  });
});
