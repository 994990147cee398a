import { describe, expect, it } from 'vitest';
import { runCost } from '../../src/harness/runCost.js';
import { planResources } from '../../src/harness/resourcePlan.js';

const MACHINES = ['Machine'];
import type { LedgerEntry } from '../../src/model/run.js';
import { check, exchange } from '../reporters/build.js';

const entry = (seq: number, kind: LedgerEntry['kind'], id: string, resourceType?: string): LedgerEntry => ({ seq, at: '2026-12-07T00:00:00Z', kind, collection: 'machines', id, ...(resourceType ? { resourceType } : {}) });

describe('runCost', () => {
  it('counts each created resource once, by type, with the Machines among them', () => {
    const ledger = [entry(1, 'created', 'm/1', 'Machine'), entry(2, 'created', 'm/1', 'Machine'), entry(3, 'created', 't/1', 'MachineTemplate'), entry(4, 'deleted', 'm/1'), entry(5, 'refused', 'm/2', 'Machine')];
    expect(runCost(undefined, ledger, [], MACHINES).created).toEqual({ total: 2, machines: 1, byType: { Machine: 1, MachineTemplate: 1 } });
  });

  it("counts a fixture's set-up requests once however many checks' transcripts they head", () => {
    const setup = (seq: number) => exchange({ seq, setup: 'a Machine' });
    const checks = [
      check({ transcript: [setup(1), setup(2), exchange({ seq: 1 }), exchange({ seq: 2 })] }),
      check({ transcript: [setup(1), setup(2), exchange({ seq: 1 })] }),
      check({ transcript: [exchange({ seq: 1 })] }),
    ];
    expect(runCost(undefined, [], checks, MACHINES).requests).toBe(2 + 2 + 1 + 1);
  });

  it('carries the plan when there was one', () => {
    const plan = planResources([{ creates: { Machine: 2 }, fixtures: [{ key: 'f', creates: { Machine: 1, MachineTemplate: 1 } }] }], MACHINES);
    expect(runCost(plan, [], [], MACHINES).planned).toEqual({ total: 4, machines: 3, byType: { Machine: 3, MachineTemplate: 1 } });
  });
});
