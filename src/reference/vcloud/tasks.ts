// Tasks (§8): every asynchronous operation is a Task that starts `running` and, transitionMs later,
// does its work and ends `success`, or `error` with an Error when the work throws; a cancel ends it
// `canceled`. A terminal status never changes again. While running, a Task keeps its subjects busy:
// a second operation on them is refused with BUSY_ENTITY.

import type { VcdContext } from './context.js';
import type { ErrorInfo, Ref, Task, TaskStatus, Uuid } from './entities.js';
import { VcdError, badRequest, busyEntity } from './errors.js';
import { newUuid } from './refs.js';

/** vCD purges task records about 90 days after their start. */
const EXPIRY_MS = 90 * 24 * 3600 * 1000;

export interface TaskSpec {
  owner: Ref;
  operationName: string;
  operation: string;
  subjects: Uuid[];
  work: () => void;
  onFail?: (task: Task) => void;
}

export const isRunning = (task: Task): boolean => task.status === 'running';

/** A running Task; its time starts with runTask, once the reply that carries it is rendered. */
export function newTask(ctx: VcdContext, spec: TaskSpec): Task {
  const startTime = ctx.now();
  const task: Task = { uuid: newUuid(), status: 'running', ...spec, startTime, expiryTime: new Date(Date.parse(startTime) + EXPIRY_MS).toISOString() };
  ctx.store.addTask(task);
  return task;
}

export function runTask(ctx: VcdContext, task: Task): void {
  ctx.lifecycle.later(ctx.transitionMs, () => {
    if (!isRunning(task)) return;
    try {
      task.work();
      end(ctx, task, 'success');
    } catch (e) {
      fail(ctx, task, e instanceof VcdError ? e : new VcdError(500, `internal error: ${(e as Error).message}`));
    }
  });
}

/** A Task that ends in error at once: a failure found while answering (an invalid descriptor). */
export function failedTask(ctx: VcdContext, spec: TaskSpec, error: VcdError): Task {
  const task = newTask(ctx, spec);
  fail(ctx, task, error);
  return task;
}

export function cancelTask(ctx: VcdContext, task: Task): void {
  if (!isRunning(task)) throw badRequest(`the task ${task.uuid} has already ended (${task.status}) and cannot be canceled`);
  end(ctx, task, 'canceled');
  task.onFail?.(task);
}

function fail(ctx: VcdContext, task: Task, e: VcdError): void {
  end(ctx, task, 'error', { major: e.status, minor: e.minor, message: e.message });
  task.onFail?.(task);
}

function end(ctx: VcdContext, task: Task, status: TaskStatus, error?: ErrorInfo): void {
  task.status = status;
  task.endTime = ctx.now();
  if (error) task.error = error;
}

/** True while a running Task holds any of `subjects`. */
export function busy(ctx: VcdContext, subjects: readonly Uuid[]): boolean {
  return [...ctx.store.tasks.values()].some((task) => isRunning(task) && task.subjects.some((s) => subjects.includes(s)));
}

/** 400 BUSY_ENTITY when a running Task holds any of `subjects`. */
export function ensureIdle(ctx: VcdContext, subjects: readonly Uuid[], name: string): void {
  if (busy(ctx, subjects)) throw busyEntity(name);
}

/** The Tasks an entity embeds: those running on it, and the one that failed it. */
export function embeddedTasks(ctx: VcdContext, ownerHref: string, failure?: Uuid): Task[] {
  return [...ctx.store.tasks.values()].filter((t) => (isRunning(t) && t.owner.href === ownerHref) || t.uuid === failure);
}
