// Model-based: random sequences of Machine operations against a tiny pure model of the state machine
// (§5.14.1.2, §4.2; shared/spec/cimi.md §9.2). A command runs only when the model says the Machine
// advertises it — or, for the refusal probes, advertised it earlier and no longer does — so accepted
// and refused operations are checked against the advertised ones. run() does all the I/O.

import fc from 'fast-check';
import { expect, inject } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject } from '../../src/cimi/cimiClient.js';
import { expectStatusClass } from '../../src/cimi/probes.js';
import { assertProperty, propertyRuns } from '../../src/harness/property.js';
import { attemptCreate, invoke, retire, stateOf } from '../../src/cimi/machineLifecycle.js';
import { LIFECYCLE_ACTIONS, predict, type LifecycleAction } from '../../src/cimi/machineStates.js';

const RULE = 'CIMI-MACH-026';
const MAX_COMMANDS = 10;

interface Model {
  state: string;
  /** Operation names (core rels, action names) the Machine advertised at its last read. */
  offered: Set<string>;
  /** The href of every operation seen so far, by name: the refusal probes use stale ones. */
  seen: Map<string, string>;
  gone: boolean;
}

interface Real {
  ctx: CheckContext;
  url: string;
}

/** `start` for …/action/start; core rels stay as they are. */
const opName = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);

/** The model after a read of the Machine (undefined: it is gone). */
function observe(m: Model, ctx: CheckContext, machine: CimiObject | undefined): void {
  if (!machine) {
    m.gone = true;
    m.offered = new Set();
    return;
  }
  const ops = ctx.cimi.operations(machine).filter((o) => o.available !== false);
  m.state = String(machine['state']);
  m.offered = new Set(ops.map((o) => opName(o.rel)));
  for (const o of ops) m.seen.set(opName(o.rel), o.href);
}

/** An advertised action: accepted, and it ends where the state machine says (where 2.0 says anything). */
class ActionCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly name: LifecycleAction) {}
  check = (m: Readonly<Model>): boolean => !m.gone && m.offered.has(this.name);
  async run(m: Model, { ctx, url }: Real): Promise<void> {
    const expected = predict(m.state, this.name);
    expect(expected, `${RULE}: '${this.name}' is advertised on a ${m.state} Machine, which the state machine forbids`).not.toBe('illegal');
    const obs = await invoke(ctx, url, this.name);
    expectStatusClass(obs.res, 2, `${RULE}: the advertised '${this.name}' in ${m.state} must be accepted`);
    if (expected !== 'unspecified') expect(obs.states.at(-1), `${RULE}: '${this.name}' from ${m.state} must end ${expected} (states seen: ${obs.states.join(' → ')})`).toBe(expected);
    observe(m, ctx, obs.final);
    // start is the only way out of PAUSED and SUSPENDED (§5.14.1.2).
    if (['PAUSED', 'SUSPENDED'].includes(m.state)) expect(m.offered.has('start'), `${RULE}: a ${m.state} Machine must offer start to resume`).toBe(true);
  }
  toString = (): string => this.name;
}

/** capture, executed as a MachineImage create naming the Machine (§5.14.7.1): accepted, state unchanged. */
class CaptureCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>): boolean => !m.gone && m.offered.has('capture');
  async run(m: Model, { ctx, url }: Real): Promise<void> {
    const machine = (await ctx.cimi.get(url)).body ?? {};
    const attempt = await attemptCreate(ctx, 'machineImages', 'MachineImage', { imageLocation: String(machine['id'] ?? url) });
    expect(attempt.refused, `${RULE}: capture is advertised on the ${m.state} Machine, so capturing it must be accepted`).toBeUndefined();
    const after = await ctx.ws.settle(url);
    expect(after['state'], `${RULE}: capture must leave the Machine ${m.state}`).toBe(m.state);
    observe(m, ctx, after);
  }
  toString = (): string => 'capture';
}

/** An advertised delete: accepted, and the Machine goes away. */
class DeleteCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>): boolean => !m.gone && m.offered.has('delete');
  async run(m: Model, { ctx, url }: Real): Promise<void> {
    const res = await ctx.ws.remove(url);
    expectStatusClass(res, 2, `${RULE}: the advertised delete of a ${m.state} Machine must be accepted`);
    observe(m, ctx, undefined);
  }
  toString = (): string => 'delete';
}

/** An operation advertised earlier but not now, sent to its old href: refused, no effect. */
class RefusedCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly name: LifecycleAction | 'delete') {}
  check = (m: Readonly<Model>): boolean => !m.gone && !m.offered.has(this.name) && m.seen.has(this.name);
  async run(m: Model, { ctx, url }: Real): Promise<void> {
    const { cimi } = ctx;
    const href = await cimi.resolve(m.seen.get(this.name)!);
    const res = this.name === 'delete' ? await cimi.delete(href) : await cimi.post(href, 'Action', { resourceURI: cimi.typeUri('Action'), action: cimi.actionUri(this.name) });
    expectStatusClass(res, 4, `${RULE}: '${this.name}' is not advertised on the ${m.state} Machine, so it must be refused`);
    expect(stateOf(await cimi.get(url)), `${RULE}: the refused '${this.name}' must leave the Machine ${m.state}`).toBe(m.state);
  }
  toString = (): string => `unadvertised ${this.name}`;
}

// Actions weigh more than delete (which ends a run) and the refusal probes, so runs get somewhere.
const commands = [
  ...LIFECYCLE_ACTIONS.flatMap((a) => [1, 2, 3].map(() => fc.constant(new ActionCommand(a)))),
  fc.constant(new CaptureCommand()),
  fc.constant(new DeleteCommand()),
  ...[...LIFECYCLE_ACTIONS, 'delete' as const].map((a) => fc.constant(new RefusedCommand(a))),
];

const run = inject('cloudconform');

check('CIMI-MACH-026', 'any sequence of Machine operations follows the state machine and the advertised operations', async (ctx) => {
  await assertProperty(
    ctx,
    fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
      const { url } = await ctx.ws.createMachine();
      try {
        const setup = async () => {
          const model: Model = { state: '', offered: new Set(), seen: new Map(), gone: false };
          observe(model, ctx, await ctx.ws.settle(url));
          return { model, real: { ctx, url } };
        };
        await fc.asyncModelRun(setup, cmds);
      } finally {
        await retire(ctx, url);
      }
    }),
    'creating',
  );
}, { creates: (run) => ({ Machine: propertyRuns(run, 'creating'), MachineImage: propertyRuns(run, 'creating') }), timeoutMs: propertyRuns(run, 'creating') * (MAX_COMMANDS + 3) * run.profile.limits.stateTimeoutMs });
