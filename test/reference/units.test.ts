import { describe, expect, it } from 'vitest';
import { CimiError } from '../../src/reference/errors.js';
import { Lifecycle } from '../../src/reference/lifecycle.js';
import { MACHINE_STATES, actionsIn, deletableIn, plan } from '../../src/reference/machineStateMachine.js';
import { Store } from '../../src/reference/store.js';

describe('machine state machine', () => {
  it('offers exactly the actions of §9.2 in each state', () => {
    const table = Object.fromEntries(MACHINE_STATES.map((s) => [s, actionsIn(s)]).filter(([, a]) => (a as string[]).length > 0));
    expect(table).toEqual({
      STARTED: ['stop', 'restart', 'pause', 'suspend', 'capture'],
      STOPPING: ['stop'],
      STOPPED: ['start', 'restart', 'capture'],
      PAUSED: ['start', 'capture'],
      SUSPENDED: ['start', 'capture'],
    });
    expect(plan('STARTED', 'restart')).toEqual({ during: ['STOPPING', 'STARTING'], final: 'STARTED' });
    expect(plan('STARTED', 'start')).toBeUndefined();
    expect(MACHINE_STATES.filter(deletableIn)).toEqual(['STOPPED', 'SUSPENDED', 'ERROR', 'FAILED']);
  });
});

describe('store', () => {
  it('refuses resources beyond its limit with 403, Jobs not counted; ids are never reused', () => {
    const s = new Store('http://h/cimi/', 2, new Set(['Job']));
    const a = s.add('MachineConfiguration', s.newId('machineConfigs'), {});
    s.add('MachineConfiguration', s.newId('machineConfigs'), {});
    s.add('Job', s.newId('jobs'), {});
    expect(() => s.add('MachineConfiguration', s.newId('machineConfigs'), {})).toThrow(CimiError);
    s.remove(a.id);
    const c = s.add('MachineConfiguration', s.newId('machineConfigs'), {});
    expect(c.id).not.toBe(a.id);
    expect(s.list('MachineConfiguration').map((r) => r.id)).toEqual(['http://h/cimi/machineConfigs/2', c.id]);
  });

  it('keeps ghosts listed but unreadable', () => {
    const s = new Store('http://h/cimi/', 10, new Set());
    const r = s.add('Machine', s.newId('machines'), {});
    s.remove(r.id, true);
    expect(s.get(r.id)).toBeUndefined();
    expect(s.list('Machine')).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  it('runs steps transitionMs apart, replaces work in flight and finishes every waiting job', async () => {
    const l = new Lifecycle();
    const seen: string[] = [];
    const done: unknown[][] = [];
    const job = (n: number) => ({ type: 'Job', id: `j${n}`, values: {}, version: 1 });
    l.run('m', 20, [() => seen.push('STOPPING'), () => seen.push('STOPPED-1')], job(1), (jobs) => done.push(jobs));
    expect(l.busy('m')).toBe(true);
    l.run('m', 20, [() => seen.push('STOPPING'), () => seen.push('STOPPED-2')], job(2), (jobs) => done.push(jobs));
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).toEqual(['STOPPING', 'STOPPING', 'STOPPED-2']);
    expect(done).toEqual([[job(1), job(2)]]);
    expect(l.busy('m')).toBe(false);
    l.run('n', 0, [() => seen.push('now')], undefined, () => seen.push('finished'));
    expect(seen.slice(-2)).toEqual(['now', 'finished']);
    l.run('o', 1000, [() => undefined, () => seen.push('never')], undefined, () => undefined);
    l.close();
    expect(l.busy('o')).toBe(false);
  });
});
