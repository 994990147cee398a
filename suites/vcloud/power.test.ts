// The vApp and its Vms, power operations, deploy and undeploy (brief §6, §7), judged against
// src/vcloud/lifecycle.ts: the links each state advertises, where each operation ends, and the
// refusal of operations a state does not allow. One vApp for the file, brought by each check to the
// state it starts from.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/vcloud/check.js';
import { attr, path, type Element } from '../../src/vcloud/xml.js';
import { findLink, links } from '../../src/vcloud/entities.js';
import { type PowerOp, REL, STATUS, STATUSES_OF, effect, expectedLinks, matches, vAppStatus } from '../../src/vcloud/lifecycle.js';
import { type Acted, type OpOptions, act, postOp, powerState } from '../../src/vcloud/power.js';
import { decodeTask, waitTask } from '../../src/vcloud/task.js';
import { expectError, expectStatus, expectTask, show } from '../../src/vcloud/probes.js';
import { stoppedVApp } from './fixtures.js';
import { type Target, bringTo } from './walk.js';

const vapp = stoppedVApp('power.test.ts');
const uses = { uses: [vapp] };

async function at(ctx: CheckContext, target: Target): Promise<{ href: string; el: Element }> {
  const { href } = await ctx.use(vapp);
  return { href, el: await bringTo(ctx, href, target) };
}

/** Runs an advertised operation: 202 with a Task that succeeds, and the state lifecycle.ts predicts. */
async function expectOp(ctx: CheckContext, href: string, op: PowerOp, rule: string, opts: OpOptions = {}): Promise<Acted> {
  const before = powerState(await ctx.ws.settle(href));
  const done = await act(ctx, href, op, opts);
  expect(done, `${rule}: the vApp (status ${before.status}${before.deployed ? ', deployed' : ''}) advertises ${REL[op]}`).toBeDefined();
  expectTask(done!.res, `${rule}: POST ${REL[op]}`);
  expect(done!.task?.final.status, `${rule}: the Task of ${REL[op]}`).toBe('success');
  const e = effect(before, op, opts.undeploy === '' || opts.undeploy === 'omit' ? {} : { ...(opts.powerOn === undefined ? {} : { powerOn: opts.powerOn }), ...(opts.undeploy ? { undeploy: opts.undeploy } : {}) });
  expect(matches(e, done!.state), `${rule}: ${op} from status ${before.status}${before.deployed ? ' (deployed)' : ''} must end ${JSON.stringify(e)}; it ended ${JSON.stringify(done!.state)}`).toBe(true);
  return done!;
}

const rels = (el: Element): string[] => links(el).map((l) => l.rel);

function expectLinksOf(el: Element, rule: string): void {
  const s = powerState(el);
  const { present, absent } = expectedLinks(s);
  const shown = rels(el);
  expect(present.filter((r) => !shown.includes(r)), `${rule}: links missing from a vApp at status ${s.status}${s.deployed ? ' (deployed)' : ''}`).toEqual([]);
  expect(absent.filter((r) => shown.includes(r)), `${rule}: links a vApp at status ${s.status}${s.deployed ? ' (deployed)' : ''} must not offer`).toEqual([]);
}

check('VCD-064', 'a powered-off undeployed vApp offers powerOn and remove; a powered-on one no remove', async (ctx) => {
  expectLinksOf((await at(ctx, 'off-undeployed')).el, 'VCD-064');
  expect(rels((await at(ctx, 'on')).el), 'VCD-064: links of the powered-on vApp').not.toContain('remove');
}, uses);

check('VCD-063', 'a powered-on vApp offers powerOff, reset, shutdown, suspend, reboot and undeploy', async (ctx) => {
  expectLinksOf((await at(ctx, 'on')).el, 'VCD-063');
}, uses);

check('VCD-061', 'the vApp lists its Vms under Children, each with href, status and deployed', async (ctx) => {
  const { el } = await at(ctx, 'off-undeployed');
  const vms = path(el, 'Children', 'Vm');
  expect(vms.length, 'VCD-061: Children/Vm of the vApp').toBeGreaterThan(0);
  for (const vm of vms) expect({ href: !!attr(vm, 'href'), status: attr(vm, 'status') !== undefined, deployed: attr(vm, 'deployed') !== undefined }, `VCD-061: Vm ${attr(vm, 'name') ?? ''}`).toEqual({ href: true, status: true, deployed: true });
}, uses);

check('VCD-062', "status codes are the table's, and a vApp's status is its Vms' common one (else 10)", async (ctx) => {
  for (const target of ['off-undeployed', 'on'] as const) {
    const { el } = await at(ctx, target);
    const vms = path(el, 'Children', 'Vm').map((vm) => Number(attr(vm, 'status')));
    expect(STATUSES_OF.vApp as readonly number[], `VCD-062: vApp status (${target})`).toContain(powerState(el).status);
    for (const s of vms) expect(STATUSES_OF.vm as readonly number[], `VCD-062: Vm status (${target})`).toContain(s);
    expect(powerState(el).status, `VCD-062: vApp status from its Vms' ${vms.join(', ')} (${target})`).toBe(vAppStatus(vms));
  }
}, uses);

check('VCD-066', 'powerOn on an undeployed vApp deploys it', async (ctx) => {
  const { href } = await at(ctx, 'off-undeployed');
  await expectOp(ctx, href, 'powerOn', 'VCD-066');
}, uses);

check('VCD-065', 'powerOn on a powered-off vApp answers 202; it ends status 4, deployed', async (ctx) => {
  const { href } = await at(ctx, 'off-deployed');
  await expectOp(ctx, href, 'powerOn', 'VCD-065');
}, uses);

check('VCD-067', 'powerOff on a powered-on vApp answers 202; it ends status 8', async (ctx) => {
  const { href } = await at(ctx, 'on');
  await expectOp(ctx, href, 'powerOff', 'VCD-067');
}, uses);

check('VCD-068', 'reset, suspend, shutdown and reboot of a powered-on vApp answer 202; suspend ends at 3', async (ctx) => {
  let { href } = await at(ctx, 'on');
  await expectOp(ctx, href, 'reset', 'VCD-068');
  await expectOp(ctx, href, 'suspend', 'VCD-068');
  // shutdown and reboot need the guest's tools: their Tasks may fail; the request must be accepted.
  for (const op of ['shutdown', 'reboot'] as const) {
    ({ href } = await at(ctx, 'on'));
    const done = await act(ctx, href, op);
    expect(done, `VCD-068: the powered-on vApp advertises ${REL[op]}`).toBeDefined();
    expectTask(done!.res, `VCD-068: POST ${REL[op]}`);
  }
}, uses);

/** The power:* links of the powered-on vApp, then probes them on the powered-off one (VCD-069, VCD-070). */
async function probeRefusals(ctx: CheckContext): Promise<{ op: PowerOp; res: Awaited<ReturnType<typeof postOp>>; taskStatus?: string }[]> {
  const { href, el: on } = await at(ctx, 'on');
  const stale = (['powerOff', 'reset', 'suspend', 'shutdown'] as const).map((op) => ({ op, link: findLink(on, REL[op]) })).filter((p) => p.link);
  await bringTo(ctx, href, 'off-undeployed');
  const out = [];
  for (const { op, link } of stale) {
    const res = await postOp(ctx.vcloud, link!.href, op);
    const task = res.status === 202 && res.root?.localName === 'Task' ? await waitTask(ctx, decodeTask(res.root)) : undefined;
    const after = powerState(await ctx.ws.settle(href));
    expect(after, `VCD-069: ${op} refused must leave the vApp powered off and undeployed`).toEqual({ status: STATUS.POWERED_OFF, deployed: false });
    out.push({ op, res, ...(task ? { taskStatus: task.final.status } : {}) });
  }
  return out;
}

check('VCD-069', 'powerOff, reset, suspend and shutdown of a vApp that is not powered on are refused', async (ctx) => {
  for (const p of await probeRefusals(ctx)) {
    if (p.res.status === 202) expect(p.taskStatus, `VCD-069: ${p.op} on a powered-off vApp was accepted; its Task must end in error (${show(p.res)})`).toBe('error');
    else expectError(p.res, [400, 409], `VCD-069: ${p.op} on a powered-off vApp`);
  }
}, uses);

check('VCD-070', 'the synchronous refusal is majorErrorCode 400, minorErrorCode BAD_REQUEST', async (ctx) => {
  const sync = (await probeRefusals(ctx)).filter((p) => p.res.status !== 202);
  if (sync.length === 0) return ctx.notApplicable('every refusal came as a Task ending in error');
  for (const p of sync) expectError(p.res, [400], `VCD-070: ${p.op} on a powered-off vApp`, 'BAD_REQUEST');
}, uses);

check('VCD-071', 'power actions work on an individual Vm', async (ctx) => {
  const { href, el } = await at(ctx, 'off-undeployed');
  const vmHref = ctx.vcloud.resolve(attr(path(el, 'Children', 'Vm')[0], 'href') ?? '');
  expect(vmHref, 'VCD-071: the vApp has a Vm').not.toBe('');
  await expectOp(ctx, vmHref, 'powerOn', 'VCD-071');
  await expectOp(ctx, vmHref, 'powerOff', 'VCD-071');
  await bringTo(ctx, href, 'off-undeployed');
}, uses);

check('VCD-072', 'deploy with DeployVAppParams (powerOn omitted) answers 202; the vApp ends powered on', async (ctx) => {
  const { href } = await at(ctx, 'off-undeployed');
  await expectOp(ctx, href, 'deploy', 'VCD-072');
}, uses);

check('VCD-073', 'undeploy with UndeployPowerAction powerOff answers 202; the vApp ends undeployed, status 8', async (ctx) => {
  const { href } = await at(ctx, 'on');
  await expectOp(ctx, href, 'undeploy', 'VCD-073', { undeploy: 'powerOff' });
}, uses);

check('VCD-074', 'an empty or absent UndeployPowerAction behaves as powerOff', async (ctx) => {
  for (const undeploy of ['', 'omit'] as const) {
    const { href } = await at(ctx, 'on');
    const done = await expectOp(ctx, href, 'undeploy', `VCD-074 (UndeployPowerAction ${undeploy === '' ? 'empty' : 'absent'})`, { undeploy });
    expect(done.state, `VCD-074: undeploy with UndeployPowerAction ${undeploy === '' ? 'empty' : 'absent'} ends like powerOff`).toEqual({ status: STATUS.POWERED_OFF, deployed: false });
  }
}, uses);

check('VCD-075', 'UndeployPowerAction suspend, shutdown, force and default are accepted', async (ctx) => {
  for (const undeploy of ['suspend', 'shutdown', 'force', 'default'] as const) {
    const { href } = await at(ctx, 'on');
    const done = await act(ctx, href, 'undeploy', { undeploy });
    expect(done, 'VCD-075: the powered-on vApp advertises undeploy').toBeDefined();
    expectStatus(done!.res, 202, `VCD-075: undeploy with UndeployPowerAction ${undeploy}`);
  }
}, uses);
