// Tasks (brief §8): what a 202 answers with and what created entities embed while work is under way.
// Waiting on one is bounded by the harness's Poll (limits.stateTimeoutMs, the run's deadline) and by
// the session's request budget; it records every status it saw, for the checks that judge the Task.

import type { RunContext } from '../harness/runContext.js';
import { Poll } from '../harness/poll.js';
import { HarnessError } from '../model/errors.js';
import type { VcloudClient } from './client.js';
import { type Element, attr, child, path } from './xml.js';
import { type Reference, type VcloudError, decodeError, reference } from './entities.js';
import { TRANSITIONAL } from './lifecycle.js';

/** Task status values of 1.5 (1.0's are a subset). */
export const TASK_STATUSES = ['queued', 'preRunning', 'running', 'success', 'error', 'canceled', 'aborted'] as const;
export const TERMINAL = new Set(['success', 'error', 'canceled', 'aborted']);

export interface TaskView {
  href: string;
  status: string;
  name?: string;
  operationName?: string;
  startTime?: string;
  endTime?: string;
  owner?: Reference;
  error?: VcloudError;
  el: Element;
}

export function decodeTask(el: Element): TaskView {
  const owner = child(el, 'Owner');
  const error = decodeError(child(el, 'Error'));
  const a = (n: string) => attr(el, n);
  return {
    href: a('href') ?? '',
    status: a('status') ?? '',
    ...(a('name') ? { name: a('name')! } : {}),
    ...(a('operationName') ? { operationName: a('operationName')! } : {}),
    ...(a('startTime') ? { startTime: a('startTime')! } : {}),
    ...(a('endTime') ? { endTime: a('endTime')! } : {}),
    ...(owner ? { owner: reference(owner) } : {}),
    ...(error ? { error } : {}),
    el,
  };
}

/** The Tasks an entity embeds (Tasks/Task), running or finished. */
export const embeddedTasks = (entity: Element): TaskView[] => path(entity, 'Tasks', 'Task').map(decodeTask);

/** Whether an entity still has work under way: an embedded Task that has not ended. */
export const busy = (entity: Element): boolean => embeddedTasks(entity).some((t) => !TERMINAL.has(t.status));

export interface Waited {
  final: TaskView;
  /** Successive distinct statuses, the one given first. */
  statuses: string[];
}

/** Polls a Task's href until it ends (success, error, canceled, aborted). */
export async function waitTask(ctx: { vcloud: VcloudClient; run: RunContext }, task: TaskView): Promise<Waited> {
  const poll = new Poll(ctx.run);
  let cur = task;
  const statuses = [task.status];
  while (!TERMINAL.has(cur.status)) {
    if (!cur.href) throw new HarnessError('PRECONDITION', `a ${cur.status} Task has no href to poll`);
    if (!(await poll.next())) throw new HarnessError('TIMEOUT', `Task ${cur.href} still ${cur.status} after ${poll.timeout}`);
    const res = await ctx.vcloud.get(cur.href);
    if (res.status !== 200 || res.root?.localName !== 'Task') throw new HarnessError('PRECONDITION', `polling Task ${res.exchange.url} answered ${res.status}`);
    cur = decodeTask(res.root);
    if (cur.status !== statuses.at(-1)) statuses.push(cur.status);
  }
  return { final: cur, statuses };
}

/**
 * Polls an entity until it is at rest: no embedded Task under way and its status (where it has one)
 * not transitional (being built, an upload pending). The entity answering 403 or 404 ends the wait.
 */
export async function settle(ctx: { vcloud: VcloudClient; run: RunContext }, href: string): Promise<Element> {
  const poll = new Poll(ctx.run);
  let last = '';
  for (;;) {
    const res = await ctx.vcloud.get(href);
    if (res.status === 403 || res.status === 404) throw new HarnessError('PRECONDITION', `${res.exchange.url} answered ${res.status} while waiting for it to settle`);
    if (res.status === 200 && res.root) {
      const status = attr(res.root, 'status');
      last = `status ${status ?? '-'}${busy(res.root) ? ', a Task running' : ''}`;
      if (!busy(res.root) && (status === undefined || !TRANSITIONAL.has(Number(status)))) return res.root;
    } else last = `GET answered ${res.status}`;
    if (!(await poll.next())) throw new HarnessError('TIMEOUT', `${href} not at rest after ${poll.timeout}; last: ${last}`);
  }
}
