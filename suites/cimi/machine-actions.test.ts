// Machine actions and the operations that advertise them (§4.2, §5.8, §5.14.1.2), the states that
// creation and deletion expose (§4.2.1.1, §4.2.1.4), and how actions travel over HTTP (§4.2.1.5, §4.2.1.7).
// One Machine (the `walked` fixture) serves every check but MACH-007, which needs its own initialState.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject } from '../../src/cimi/cimiClient.js';
import { expectOneOf, expectStatusClass } from '../../src/cimi/probes.js';
import { LIFECYCLE_ACTIONS, TRANSITIONAL_STATES, TRANSITIONS, predict, type LifecycleAction } from '../../src/cimi/machineStates.js';
import { fixture } from '../../src/cimi/check.js';
import { HarnessError } from '../../src/model/errors.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';
import {
  type Observed,
  attemptCreate, bringTo, tryBringTo, capabilities, expectTransition, invoke, isTrue, metadataFor,
  jobUrlOf, retire, runAction, settled, stateOf, valueList, watch,
} from '../../src/cimi/machineLifecycle.js';

const CPU_ARCHS = ['68000', 'Alpha', 'ARM', 'Itanium', 'MIPS', 'PA_RISC', 'POWER', 'PowerPC', 'x86', 'x86_64', 'z/Architecture', 'SPARC'];
const CORE_RELS = new Set(['add', 'edit', 'delete', 'insert', 'remove']);

const machineCaps = async (ctx: CheckContext) => capabilities(await metadataFor(ctx.cimi, 'Machine'));

/**
 * The Machine this file walks through the actions: each check first brings it to the state it needs,
 * and the last one deletes it. Its creation is watched once, for the rules about creating.
 */
const walked = fixture('machine-actions.test.ts: the Machine walked through the actions', { creates: { Machine: 1 } }, async (fx) => {
  const { res, url } = await fx.ws.createMachine();
  const creation = await watch(fx, url, res);
  return { url, creation };
});

/** Runs `fn` on the walked Machine, settled. */
async function onWalked<T>(ctx: CheckContext, fn: (url: string, machine: CimiObject) => Promise<T>): Promise<T> {
  const { url } = await ctx.use(walked);
  return fn(url, await settled(ctx, url));
}

// ---- Creation with an initial state (§5.14.2.1)

check('CIMI-MACH-007', 'a template initialState is the state the new Machine ends in (or creation fails)', async (ctx) => {
  const caps = await machineCaps(ctx);
  const allowed = valueList(caps.get('InitialStates'));
  const defaultState = String(caps.get('DefaultInitialState') ?? 'STOPPED');
  const target = ['STARTED', ...(allowed ?? [])].find((s) => s !== defaultState && (!allowed || allowed.includes(s)));
  if (!target) return ctx.notApplicable('InitialStates offers no state other than the default one');
  const attempt = await attemptCreate(ctx, 'machines', 'Machine', { machineTemplate: { ...(await ctx.ws.byValueTemplate()), initialState: target } });
  // §5.14.2.1 lets creation fail when the provider cannot reach the state.
  if (attempt.created === undefined) return;
  const { url } = attempt.created;
  try {
    const state = (await ctx.ws.settle(url))['state'];
    expectOneOf(state, [target, 'ERROR', 'FAILED'], `CIMI-MACH-007: created with initialState ${target}, the Machine must end ${target} (or its creation fail: ERROR/FAILED)`);
  } finally {
    await retire(ctx, url);
  }
}, { creates: { Machine: 1 } });

check('CIMI-MACH-008', 'cpuArch is a CIMI value or one the provider advertises', async (ctx) => {
  const arch = (await sharedMachine(ctx)).body['cpuArch'];
  if (arch === undefined) return ctx.notApplicable('the Machine has no cpuArch (that is CIMI-MACH-001)');
  const advertised = vscopeValues(await metadataFor(ctx.cimi, 'Machine'), 'cpuArch');
  expectOneOf(arch, [...CPU_ARCHS, ...advertised], 'CIMI-MACH-008: cpuArch must be a §5.14.1 value or one the Machine ResourceMetadata vscope advertises');
}, { uses: [sharedMachines] });

/** Values a ResourceMetadata vscope allows for `attr` (§5.5.14): enumerations and fixed values. */
function vscopeValues(rm: CimiObject | undefined, attr: string): string[] {
  const scopes = Array.isArray(rm?.['vscope']) ? (rm['vscope'] as CimiObject[]) : [];
  return scopes.flatMap((s) => {
    const scope = s[attr] as CimiObject | undefined;
    return [...(valueList(scope?.['values']) ?? []), ...(scope?.['value'] !== undefined ? [String(scope['value'])] : [])];
  });
}

// ---- The actions (§5.14.1.2)

check('CIMI-MACH-009', 'start on a STOPPED Machine passes through STARTING to STARTED', (ctx) =>
  onWalked(ctx, async (url) => {
    await bringTo(ctx, url, 'STOPPED');
    expectTransition(await runAction(ctx, url, 'start', 'CIMI-MACH-009'), 'start', 'CIMI-MACH-009');
  }),
{ uses: [walked] });

check('CIMI-MACH-010', 'stop passes through STOPPING to STOPPED; force is accepted with MachineStopForce', (ctx) =>
  onWalked(ctx, async (url) => {
    const rule = 'CIMI-MACH-010';
    await bringTo(ctx, url, 'STARTED');
    expectTransition(await runAction(ctx, url, 'stop', rule), 'stop', rule);
    if (!isTrue((await machineCaps(ctx)).get('MachineStopForce'))) return;
    await bringTo(ctx, url, 'STARTED');
    expectTransition(await runAction(ctx, url, 'stop', `${rule} (force=true, MachineStopForce advertised)`, { force: true }), 'stop', `${rule} (force=true)`);
  }),
{ uses: [walked] });

check('CIMI-MACH-011', 'restart from STOPPED and from STARTED ends STARTED', (ctx) =>
  onWalked(ctx, async (url) => {
    let tried = 0;
    for (const from of ['STOPPED', 'STARTED']) {
      if (!ctx.cimi.operation(await bringTo(ctx, url, from), 'restart')) continue;
      tried++;
      const obs = await runAction(ctx, url, 'restart', 'CIMI-MACH-011');
      expect(obs.states.at(-1), `CIMI-MACH-011: restart from ${from} must end STARTED (states seen: ${obs.states.join(' → ')})`).toBe('STARTED');
    }
    if (tried === 0) ctx.notApplicable('restart is advertised neither on a STOPPED nor on a STARTED Machine');
  }),
{ uses: [walked] });

check('CIMI-MACH-012', 'pause and suspend pass through PAUSING/SUSPENDING; start resumes both to STARTED', (ctx) =>
  onWalked(ctx, async (url) => {
    const rule = 'CIMI-MACH-012';
    let tried = 0;
    for (const action of ['pause', 'suspend'] as const) {
      if (!ctx.cimi.operation(await bringTo(ctx, url, 'STARTED'), action)) continue;
      tried++;
      const obs = await runAction(ctx, url, action, rule);
      expectTransition(obs, action, rule);
      expect(ctx.cimi.operation(obs.final, 'start'), `${rule}: a ${TRANSITIONS[action].final} Machine must offer start to resume it`).toBeDefined();
      expectTransition(await runAction(ctx, url, 'start', rule), 'start', `${rule} (resume from ${TRANSITIONS[action].final})`);
    }
    if (tried === 0) ctx.notApplicable('a STARTED Machine advertises neither pause nor suspend');
  }),
{ uses: [walked] });

// ---- operations (§4.2) and states (§5.8)

/** The operations-bearing representations a check can inspect: entry point, machines collection, a Machine STOPPED and STARTED. */
async function representations(ctx: CheckContext, url: string, machine: CimiObject): Promise<[string, CimiObject][]> {
  const coll = await ctx.cimi.get(await ctx.cimi.requireCollection('machines'));
  const out: [string, CimiObject][] = [['CloudEntryPoint', (await ctx.cimi.get(ctx.cimi.cepUrl)).body ?? {}], ['machines collection', coll.body ?? {}], [`${String(machine['state'])} Machine`, machine]];
  if (ctx.cimi.operation(machine, 'start')) {
    const started = (await invoke(ctx, url, 'start')).final;
    if (started) out.push([`${String(started['state'])} Machine`, started]);
  }
  return out;
}

const rawOperations = (r: CimiObject): unknown[] => (Array.isArray(r['operations']) ? r['operations'] : []);

check('CIMI-OPS-001', 'every operations entry has rel and href; available, if present, is boolean', (ctx) =>
  onWalked(ctx, async (url, machine) => {
    const bad: string[] = [];
    for (const [where, r] of await representations(ctx, url, machine)) {
      for (const op of rawOperations(r) as CimiObject[]) {
        const ok = typeof op?.['rel'] === 'string' && op['rel'] !== '' && typeof op['href'] === 'string' && op['href'] !== '' && (op['available'] === undefined || typeof op['available'] === 'boolean');
        if (!ok) bad.push(`${where}: ${JSON.stringify(op)}`);
      }
    }
    expect(bad, 'CIMI-OPS-001: operations entries without rel/href or with a non-boolean available').toEqual([]);
  }),
{ uses: [walked], format: 'each' });

check('CIMI-OPS-002', 'non-core operation rels are absolute URIs', (ctx) =>
  onWalked(ctx, async (url, machine) => {
    const relative: string[] = [];
    for (const [where, r] of await representations(ctx, url, machine)) {
      for (const { rel } of ctx.cimi.operations(r)) if (!CORE_RELS.has(rel) && !/^[a-z][a-z0-9+.-]*:/i.test(rel)) relative.push(`${where}: ${rel}`);
    }
    expect(relative, 'CIMI-OPS-002: rels other than add/edit/delete/insert/remove must be absolute URIs').toEqual([]);
  }),
{ uses: [walked] });

/** Actions a Machine advertises that the state machine forbids in its state (start while STARTED, …). */
const contradicted = (ctx: CheckContext, m: CimiObject): string[] =>
  LIFECYCLE_ACTIONS.filter((a) => ctx.cimi.operation(m, a) && predict(String(m['state']), a) === 'illegal').map((a) => `${String(m['state'])}: ${a}`);

check('CIMI-OPS-003', 'a Machine advertises only actions it can take in its current state', (ctx) =>
  onWalked(ctx, async (url, machine) => {
    const wrong = contradicted(ctx, machine);
    for (const target of ['STARTED', 'PAUSED', 'SUSPENDED']) {
      const m = await tryBringTo(ctx, url, target);
      if (typeof m !== 'string') wrong.push(...contradicted(ctx, m));
    }
    expect(wrong, 'CIMI-OPS-003: operations offered in a state that forbids them (§5.14.1.2; shared/spec/cimi.md §9.2)').toEqual([]);
  }),
{ uses: [walked] });

check('CIMI-OPS-004', 'each implemented action shows its transitional state (when observable) and then a final state', (ctx) =>
  onWalked(ctx, async (url) => {
    const walk: LifecycleAction[] = ['start', 'pause', 'start', 'suspend', 'start', 'stop', 'restart', 'stop'];
    const missed: string[] = [];
    let observable = 0;
    for (const action of walk) {
      const m = await settled(ctx, url);
      if (!ctx.cimi.operation(m, action)) continue;
      const obs = await invoke(ctx, url, action).catch((err: unknown) => {
        // The wait ran out: the action never reached a final state, which is this rule broken.
        if (err instanceof HarnessError && err.code === 'TIMEOUT') return `${action} from ${String(m['state'])}: ${err.message}`;
        throw err;
      });
      if (typeof obs === 'string') {
        missed.push(obs);
        break;
      }
      if (!obs.inProgressAtFirstRead) continue;
      observable++;
      if (!TRANSITIONS[action].during.includes(obs.states[0]!)) missed.push(`${action} from ${String(m['state'])}: read ${obs.states.join(' → ')} while its Job was running`);
    }
    if (observable === 0 && missed.length === 0) ctx.notApplicable('no action was still running at the first read (no unfinished Job observed)');
    expect(missed, 'CIMI-OPS-004: actions whose transitional state was not shown while they ran, or that never reached a final state').toEqual([]);
  }),
{ uses: [walked] });

/** Reads the Machine a few times over a short window; returns the distinct states seen. */
async function statesOverWindow(ctx: CheckContext, url: string): Promise<string[]> {
  const gap = Math.min(100, ctx.run.profile.limits.stateTimeoutMs / 40);
  const seen = new Set<string>();
  for (let i = 0; i < 5; i++) {
    seen.add(stateOf(await ctx.cimi.get(url)));
    await new Promise((r) => setTimeout(r, gap));
  }
  return [...seen];
}

check('CIMI-OPS-005', 'a settled Machine keeps its state while no operation is invoked', (ctx) =>
  onWalked(ctx, async (url, machine) => {
    const drift: string[] = [];
    const sample = async (from: string) => {
      const seen = (await statesOverWindow(ctx, url)).filter((s) => s !== 'ERROR');
      if (seen.some((s) => s !== from)) drift.push(`${from} → ${seen.join(', ')}`);
    };
    await sample(String(machine['state']));
    if (ctx.cimi.operation(machine, 'start')) {
      const started = (await invoke(ctx, url, 'start')).final;
      if (started) await sample(String(started['state']));
    }
    expect(drift, 'CIMI-OPS-005: state changed with no operation invoked (§5.8)').toEqual([]);
  }),
{ uses: [walked] });

check('CIMI-OPS-006', 'a STOPPED Machine advertises delete, and start when its metadata lists start', (ctx) =>
  onWalked(ctx, async (url) => {
    const m = await bringTo(ctx, url, 'STOPPED');
    const rels = ctx.cimi.operations(m).map((o) => o.rel).join(', ') || '(no operations)';
    // §7.1 requires Machines to be deletable; a consumer learns how only from operations (§4.2).
    expect(ctx.cimi.operation(m, 'delete'), `CIMI-OPS-006: a STOPPED Machine must advertise delete; it offers ${rels}`).toBeDefined();
    const actions = (await metadataFor(ctx.cimi, 'Machine'))?.['actions'];
    const listsStart = Array.isArray(actions) && (actions as CimiObject[]).some((a) => a['name'] === 'start' || a['uri'] === ctx.cimi.actionUri('start'));
    if (listsStart) expect(ctx.cimi.operation(m, 'start'), `CIMI-OPS-006: Machine metadata lists start, so a STOPPED Machine must advertise it; it offers ${rels}`).toBeDefined();
  }),
{ uses: [walked] });

check('CIMI-OPS-007', 'an operation the Machine does not advertise now is refused and has no effect', (ctx) =>
  onWalked(ctx, async (url) => {
    const stopped = await bringTo(ctx, url, 'STOPPED');
    const started = await bringTo(ctx, url, 'STARTED');
    const offered = new Set(ctx.cimi.operations(started).map((o) => o.rel));
    // Hrefs learnt while STOPPED, for operations a STARTED Machine no longer advertises; delete last.
    const gone = ctx.cimi.operations(stopped).filter((o) => !offered.has(o.rel) && o.rel !== 'edit');
    const stale = [...gone.filter((o) => o.rel !== 'delete'), ...gone.filter((o) => o.rel === 'delete')];
    if (stale.length === 0) ctx.notApplicable('a STARTED Machine advertises every operation a STOPPED one does');
    for (const op of stale) {
      const href = await ctx.cimi.resolve(op.href);
      const name = op.rel.slice(op.rel.lastIndexOf('/') + 1);
      const res = op.rel === 'delete' ? await ctx.cimi.delete(href) : await ctx.cimi.post(href, 'Action', { resourceURI: ctx.cimi.typeUri('Action'), action: ctx.cimi.actionUri(name) });
      expectStatusClass(res, 4, `CIMI-OPS-007: '${name}' is not advertised on the STARTED Machine, so it must be refused`);
      expect(stateOf(await ctx.cimi.get(url)), `CIMI-OPS-007: the refused '${name}' must leave the Machine STARTED`).toBe('STARTED');
    }
  }),
{ uses: [walked] });

// ---- Creation, deletion and actions over HTTP (§4.2.1)

check('CIMI-HTTP-004', 'a Machine reads CREATING while it is being created', async (ctx) => {
  const obs = (await ctx.use(walked)).creation;
  if (!obs.inProgressAtFirstRead && !obs.states.includes('CREATING')) return ctx.notApplicable('creation had finished before it could be observed (no unfinished Job at the first read)');
  expect(obs.states[0], `CIMI-HTTP-004: while its creation ran (Job unfinished) the Machine must read CREATING (states seen: ${obs.states.join(' → ')})`).toBe('CREATING');
}, { uses: [walked] });

check('CIMI-HTTP-013', 'an action POSTed as an Action body to its operation href is accepted', (ctx) =>
  onWalked(ctx, async (url, machine) => {
    const name = LIFECYCLE_ACTIONS.find((a) => ctx.cimi.operation(machine, a));
    if (!name) return ctx.notApplicable(`the ${String(machine['state'])} Machine advertises no action`);
    const res = await ctx.cimi.action(machine, name);
    expectStatusClass(res, 2, `CIMI-HTTP-013: POST of an Action body (${name}) to the advertised href`);
    if (res.text.trim() !== '') expect(res.decodeError, 'CIMI-HTTP-013: a response body, when sent, must be a decodable representation').toBeUndefined();
    await ctx.ws.settle(url);
  }),
{ uses: [walked], format: 'each' });

/** A non-202 success claims the work is done: the first read must not show it still running. */
function synchronousClaims(what: string, obs: Observed): string[] {
  if (obs.res.status === 202 || obs.res.status >= 300) return [];
  const running = TRANSITIONAL_STATES.has(obs.states[0]!) || obs.inProgressAtFirstRead;
  return running ? [`${what} answered ${obs.res.status} but was still running (read ${obs.states.join(' → ')})`] : [];
}

check('CIMI-HTTP-014', 'work still running when the response is sent is answered 202 Accepted', async (ctx) => {
  const { url, creation } = await ctx.use(walked);
  const claims = synchronousClaims('create', creation);
  for (const action of ['start', 'stop'] as const) {
    const m = await settled(ctx, url);
    if (ctx.cimi.operation(m, action)) claims.push(...synchronousClaims(action, await invoke(ctx, url, action)));
  }
  expect(claims, 'CIMI-HTTP-014: long-running operations must answer 202').toEqual([]);
}, { uses: [walked] });

// Last in the file: it deletes the walked Machine.
check('CIMI-HTTP-012', 'a Machine reads DELETING while it is being deleted', async (ctx) => {
  const { url } = await ctx.use(walked);
  const del = ctx.cimi.operation(await bringTo(ctx, url, 'STOPPED'), 'delete');
  if (!del) return ctx.notApplicable('the STOPPED Machine does not advertise delete');
  const res = await ctx.cimi.delete(await ctx.cimi.resolve(del.href));
  if (res.status >= 300) return ctx.notApplicable(`precondition: DELETE answered ${res.status} (that is CIMI-HTTP-011)`);
  const obs = await watch(ctx, url, res);
  const jobUrl = await jobUrlOf(ctx.cimi, res);
  const job = jobUrl ? String((await ctx.cimi.get(jobUrl)).body?.['state'] ?? '') : '';
  // A 202 says the deletion was under way: until the Machine is gone every read must show DELETING,
  // unless the deletion was only queued or failed. Otherwise only an unfinished Job proves it was running.
  const underWay = (res.status === 202 && !['QUEUED', 'FAILED'].includes(job)) || obs.inProgressAtFirstRead;
  const existing = obs.states.filter((s) => s !== 'GONE');
  if (!underWay || existing.length === 0) return ctx.notApplicable('the deletion could not be observed while it ran');
  expect(existing.filter((s) => s !== 'DELETING'), `CIMI-HTTP-012: states read while the deletion ran (states seen: ${obs.states.join(' → ')})`).toEqual([]);
}, { uses: [walked] });
