// The onboarding scenario: a consumer brings a workload in from a template (by value; by reference
// when MachineTemplates are offered), walks it through every lifecycle action it advertises, and
// deletes it. One check per template mode; a failing step names the rule it is evidence for.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject } from '../../src/cimi/cimiClient.js';
import { expectStatusClass } from '../../src/cimi/probes.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { invoke, retire, stateOf } from '../../src/cimi/machineLifecycle.js';
import { predict, type LifecycleAction } from '../../src/cimi/machineStates.js';

/** The walk: every action once from each state it is meant for; steps not advertised are skipped. */
const WALK: LifecycleAction[] = ['start', 'pause', 'start', 'suspend', 'start', 'restart', 'stop', 'restart', 'stop'];
const RULE_OF: Record<LifecycleAction, string> = { start: 'CIMI-MACH-009', stop: 'CIMI-MACH-010', restart: 'CIMI-MACH-011', pause: 'CIMI-MACH-012', suspend: 'CIMI-MACH-012' };

async function onboard(ctx: CheckContext, scenario: string, createRule: string, machineTemplate: CimiObject): Promise<void> {
  const { cimi, ws } = ctx;
  const { url } = await ws.create('machines', 'Machine', { machineTemplate, description: 'workload onboarded by cloudconform' });
  try {
    const first = await ws.settle(url);
    expect(['ERROR', 'FAILED'].includes(String(first['state'])), `${scenario} (${createRule}): onboarding ended ${String(first['state'])}`).toBe(false);
    const walked: string[] = [];
    for (const action of WALK) {
      const m = await ws.settle(url);
      if (!cimi.operation(m, action)) continue;
      const from = String(m['state']);
      const obs = await invoke(ctx, url, action);
      const step = `${scenario} step ${walked.length + 1}, ${action} from ${from} (${RULE_OF[action]}; so far: ${walked.join(', ') || '-'})`;
      expectStatusClass(obs.res, 2, `${step}: the advertised action must be accepted`);
      const expected = predict(from, action);
      if (expected !== 'unspecified' && expected !== 'illegal') expect(obs.states.at(-1), `${step}: states seen ${obs.states.join(' → ')}`).toBe(expected);
      walked.push(`${action} → ${String(obs.states.at(-1))}`);
      if (action === 'pause' || action === 'suspend') expect(cimi.operation(obs.final, 'start'), `${step}: the held workload must offer start to resume it`).toBeDefined();
    }
    // Offboarding: a running workload is stopped first when delete is not offered in its state.
    let m = await ws.settle(url);
    if (!cimi.operation(m, 'delete') && cimi.operation(m, 'stop')) m = (await invoke(ctx, url, 'stop')).final ?? m;
    if (!cimi.operation(m, 'delete')) return ctx.notApplicable(`${scenario}: the ${String(m['state'])} workload offers no delete to offboard it`);
    const res = await ws.remove(url);
    expectStatusClass(res, 2, `${scenario} offboarding (CIMI-HTTP-011): DELETE of the ${String(m['state'])} workload`);
    expect(stateOf(await cimi.get(url)), `${scenario} offboarding (CIMI-HTTP-011): the workload must be gone`).toBe('GONE');
  } finally {
    await retire(ctx, url);
  }
}

check('CIMI-SCN-001', 'onboard a workload from a by-value template, walk its lifecycle, delete it', async (ctx) => {
  await onboard(ctx, 'by-value onboarding', 'CIMI-MACH-004', await ctx.ws.byValueTemplate());
}, { creates: { Machine: 1 } });

check('CIMI-SCN-002', 'onboard a workload from a MachineTemplate by reference, walk its lifecycle, delete it', async (ctx) => {
  // A template the provider offers (not one another check of this run is making), else one of our own.
  const listed = collectionItems((await ctx.cimi.get(await ctx.cimi.requireCollection('machineTemplates'))).body);
  const offered = listed.find((t) => typeof t['id'] === 'string' && !String(t['name'] ?? '').startsWith('cc-'));
  const href = offered ? String(offered['id']) : (await ctx.ws.createTemplate('machineTemplates', 'MachineTemplate', await ctx.ws.byValueTemplate())).url;
  await onboard(ctx, 'by-reference onboarding', 'CIMI-MACH-027', { href });
}, { creates: { Machine: 1 } });
