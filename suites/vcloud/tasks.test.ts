// Tasks (brief §8): the Task a power operation answers with, read as it runs and once it ends — its
// status values, times, Owner, the 1.5 elements — polled reads, cancellation, and the org's TasksList.
// One vApp for the file; each check switches it on or off and judges that operation's Task.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/vcloud/check.js';
import { attr, children } from '../../src/vcloud/xml.js';
import { findLink, reference } from '../../src/vcloud/entities.js';
import { MEDIA, sameMediaType } from '../../src/vcloud/mediaTypes.js';
import { REL, STATUS } from '../../src/vcloud/lifecycle.js';
import { postOp, powerState } from '../../src/vcloud/power.js';
import { TASK_STATUSES, TERMINAL, type TaskView, type Waited, decodeTask, waitTask } from '../../src/vcloud/task.js';
import { expectEntity, expectStatus, expectTask } from '../../src/vcloud/probes.js';
import { HarnessError } from '../../src/model/errors.js';
import { stoppedVApp } from './fixtures.js';

const vapp = stoppedVApp('tasks.test.ts');
const uses = { uses: [vapp] };

/** Switches the vApp (powerOn when off, powerOff when on) and returns the 202's Task, and the Task waited on unless `wait` is false. */
async function someTask(ctx: CheckContext, wait = true): Promise<{ href: string; first: TaskView; waited?: Waited }> {
  const { href } = await ctx.use(vapp);
  const cur = await ctx.ws.settle(href);
  const op = powerState(cur).status === STATUS.POWERED_ON ? 'powerOff' : 'powerOn';
  const link = findLink(cur, REL[op]);
  if (!link) throw new HarnessError('PRECONDITION', `the vApp at status ${attr(cur, 'status') ?? '?'} does not advertise ${REL[op]}`);
  const first = expectTask(await postOp(ctx.vcloud, link.href, op), `POST ${REL[op]}`);
  return { href, first, ...(wait ? { waited: await waitTask(ctx, first) } : {}) };
}

check('VCD-077', 'a Task has a name and a status among the 1.5 values', async (ctx) => {
  const { first, waited } = await someTask(ctx);
  for (const t of [first, waited!.final]) {
    expect(t.name ?? '', `VCD-077: Task@name of ${t.href}`).not.toBe('');
    expect(TASK_STATUSES as readonly string[], `VCD-077: Task@status of ${t.href}`).toContain(t.status);
  }
}, uses);

check('VCD-078', 'a running Task has startTime and no endTime; a finished one has endTime', async (ctx) => {
  const { first, waited } = await someTask(ctx);
  if (first.status === 'running') expect({ startTime: !!first.startTime, endTime: first.endTime }, 'VCD-078: the running Task').toEqual({ startTime: true, endTime: undefined });
  else if (!TERMINAL.has(first.status)) expect(first.endTime, `VCD-078: the ${first.status} Task has no endTime`).toBeUndefined();
  expect(waited!.final.endTime ?? '', `VCD-078: endTime of the ${waited!.final.status} Task`).not.toBe('');
}, uses);

check('VCD-080', "a Task's Owner references the vApp it acts on, with type and href", async (ctx) => {
  const { href, first } = await someTask(ctx);
  expect(ctx.vcloud.resolve(first.owner?.href ?? ''), 'VCD-080: Task Owner@href').toBe(href);
  expect(sameMediaType(first.owner?.type, MEDIA.vApp), `VCD-080: Task Owner@type '${first.owner?.type ?? ''}'`).toBe(true);
}, uses);

const RANK: Record<string, number> = { queued: 0, preRunning: 1, running: 2, success: 3, error: 3, canceled: 3, aborted: 3 };

check('VCD-081', 'polling a Task returns the same Task, its status moving forward and never back from an end', async (ctx) => {
  const { first, waited } = await someTask(ctx);
  const seen = waited!.statuses;
  for (let i = 1; i < seen.length; i++) expect(RANK[seen[i]!]! >= RANK[seen[i - 1]!]!, `VCD-081: Task statuses polled: ${seen.join(' → ')}`).toBe(true);
  for (let i = 0; i < 2; i++) {
    const again = decodeTask(expectEntity(await ctx.vcloud.get(first.href), 'Task', 'VCD-081: GET the Task once ended'));
    expect({ href: ctx.vcloud.resolve(again.href), status: again.status }, 'VCD-081: the ended Task read again').toEqual({ href: ctx.vcloud.resolve(first.href), status: waited!.final.status });
  }
}, uses);

check('VCD-082', 'a Task carries operationName, User, Organization and Progress', async (ctx) => {
  const { first } = await someTask(ctx);
  const missing = [first.operationName ? [] : ['@operationName'], ...['User', 'Organization', 'Progress'].map((n) => (children(first.el, n).length ? [] : [n]))].flat();
  expect(missing, 'VCD-082: missing from the Task').toEqual([]);
}, uses);

check('VCD-083', 'a running Task offers task:cancel; POST answers 204 and the Task ends canceled', async (ctx) => {
  const { first } = await someTask(ctx, false);
  if (TERMINAL.has(first.status)) {
    await waitTask(ctx, first);
    return ctx.notApplicable(`the Task had already ended (${first.status}) when the 202 answered`);
  }
  const cancel = findLink(first.el, 'task:cancel');
  expect(cancel, 'VCD-083: Link rel="task:cancel" on the running Task').toBeDefined();
  const res = await ctx.vcloud.post(cancel!.href, undefined);
  const end = (await waitTask(ctx, first)).final;
  if (res.status === 204 && end.status === 'success') return ctx.notApplicable('the Task ended before the cancel took effect');
  expectStatus(res, 204, 'VCD-083: POST task:cancel');
  expect(end.status, 'VCD-083: the canceled Task').toBe('canceled');
}, uses);

check('VCD-084', "the org's TasksList includes the org's recent Tasks", async (ctx) => {
  const { first } = await someTask(ctx);
  const link = findLink(await ctx.vcloud.org(), 'down', MEDIA.tasksList);
  if (!link) return ctx.notApplicable('the Org has no tasksList link (VCD-022)');
  const list = expectEntity(await ctx.vcloud.get(link.href), 'TasksList', 'VCD-084: GET the tasksList link');
  expect(children(list, 'Task').map((t) => ctx.vcloud.resolve(reference(t).href)), 'VCD-084: the TasksList lists the Task just run').toContain(ctx.vcloud.resolve(first.href));
}, uses);
