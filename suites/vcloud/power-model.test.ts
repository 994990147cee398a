// Model-based: random sequences of powerOn, powerOff, suspend, reset, deploy and undeploy against a
// real vApp, compared with src/vcloud/lifecycle.ts. A command runs only when the vApp advertises its
// link — and the state machine must allow what it advertises — or, for the refusal probes, when the
// vApp advertised it earlier and §7 forbids it now. The model is the last state and links read; run()
// does all the I/O.

import fc from 'fast-check';
import { expect, inject } from 'vitest';
import { check, type CheckContext } from '../../src/vcloud/check.js';
import { links } from '../../src/vcloud/entities.js';
import { type PowerOp, type PowerState, REL, allowed, effect, expectedLinks, matches, refused } from '../../src/vcloud/lifecycle.js';
import { act, postOp, powerState } from '../../src/vcloud/power.js';
import { decodeTask, waitTask } from '../../src/vcloud/task.js';
import type { Element } from '../../src/vcloud/xml.js';
import { assertProperty, propertyRuns } from '../../src/harness/property.js';
import { expectTask } from '../../src/vcloud/probes.js';
import { uploadedTemplate } from './fixtures.js';

const RULES = ['VCD-063', 'VCD-064', 'VCD-065', 'VCD-067', 'VCD-068', 'VCD-069', 'VCD-072', 'VCD-073'];
const MAX_COMMANDS = 8;
const OPS: readonly PowerOp[] = ['powerOn', 'powerOff', 'suspend', 'reset', 'deploy', 'undeploy'];

interface Model {
  state: PowerState;
  /** Link rels the vApp advertised at its last read. */
  offered: Set<string>;
  /** The href of every operation's link seen so far: the refusal probes use stale ones. */
  seen: Map<PowerOp, string>;
}

interface Real {
  ctx: CheckContext;
  href: string;
}

const describe = (s: PowerState): string => `status ${s.status}${s.deployed ? ' (deployed)' : ''}`;

/** The model after a read; the links must be those §7 requires of the state. */
function observe(m: Model, el: Element): void {
  m.state = powerState(el);
  m.offered = new Set(links(el).map((l) => l.rel));
  for (const op of OPS) {
    const l = links(el).find((k) => k.rel === REL[op]);
    if (l) m.seen.set(op, l.href);
  }
  const { present, absent } = expectedLinks(m.state);
  expect(present.filter((r) => !m.offered.has(r)), `VCD-063/VCD-064: links missing at ${describe(m.state)}`).toEqual([]);
  expect(absent.filter((r) => m.offered.has(r)), `VCD-064: links offered at ${describe(m.state)} that must not be`).toEqual([]);
}

/** An advertised operation: allowed by §7, accepted with a Task that succeeds, ending where §7 says. */
class OpCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: PowerOp) {}
  check = (m: Readonly<Model>): boolean => m.offered.has(REL[this.op]);
  async run(m: Model, { ctx, href }: Real): Promise<void> {
    expect(allowed(m.state, this.op), `${REL[this.op]} is advertised at ${describe(m.state)}, which §7 does not allow`).toBe(true);
    const done = (await act(ctx, href, this.op))!;
    expectTask(done.res, `POST ${REL[this.op]} at ${describe(m.state)}`);
    expect(done.task?.final.status, `the Task of ${REL[this.op]}`).toBe('success');
    const e = effect(m.state, this.op);
    expect(matches(e, done.state), `${this.op} from ${describe(m.state)} must end ${JSON.stringify(e)}; it ended ${describe(done.state)}`).toBe(true);
    observe(m, done.after);
  }
  toString = (): string => this.op;
}

/** An operation §7 forbids now, sent to the link it had earlier: refused (400, or a Task ending in error), no effect. */
class RefusedCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: PowerOp) {}
  check = (m: Readonly<Model>): boolean => refused(m.state, this.op) && !m.offered.has(REL[this.op]) && m.seen.has(this.op);
  async run(m: Model, { ctx, href }: Real): Promise<void> {
    const res = await postOp(ctx.vcloud, m.seen.get(this.op)!, this.op);
    if (res.status === 202 && res.root?.localName === 'Task') {
      expect((await waitTask(ctx, decodeTask(res.root))).final.status, `VCD-069: ${this.op} at ${describe(m.state)} was accepted; its Task must end in error`).toBe('error');
    } else expect(Math.floor(res.status / 100), `VCD-069: ${this.op} at ${describe(m.state)} must be refused (answered ${res.status})`).toBe(4);
    const after = await ctx.ws.settle(href);
    expect(powerState(after), `VCD-069: the refused ${this.op} must leave the vApp at ${describe(m.state)}`).toEqual(m.state);
    observe(m, after);
  }
  toString = (): string => `refused ${this.op}`;
}

const commands = [...OPS.flatMap((op) => [fc.constant(new OpCommand(op)), fc.constant(new OpCommand(op))]), ...(['powerOff', 'suspend', 'reset'] as const).map((op) => fc.constant(new RefusedCommand(op)))];

const template = uploadedTemplate('power-model.test.ts');
const run = inject('cloudconform');

check(RULES, 'any sequence of power operations follows the state machine and the advertised links', async (ctx) => {
  const t = await ctx.use(template);
  await assertProperty(
    ctx,
    fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
      const { href, vapp } = await ctx.ws.createVApp(t.href, { deploy: false, powerOn: false });
      const setup = () => {
        const model: Model = { state: { status: NaN, deployed: false }, offered: new Set(), seen: new Map() };
        observe(model, vapp);
        return { model, real: { ctx, href } };
      };
      try {
        await fc.asyncModelRun(setup, cmds);
      } finally {
        await ctx.ws.teardown(href, 'vApps').catch(() => undefined);
      }
    }),
    'creating',
  );
}, { uses: [template], creates: (r) => ({ VApp: propertyRuns(r, 'creating') }), timeoutMs: propertyRuns(run, 'creating') * (MAX_COMMANDS * 2 + 4) * run.profile.limits.stateTimeoutMs });
