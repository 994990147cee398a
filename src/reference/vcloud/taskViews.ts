// The Task representation (§8) with its name="task", status, times (endTime only once finished),
// Owner, Error, User, Organization and Progress, the cancel link while running; the org's TasksList;
// and the 202 reply that carries a new Task.

import type { Reply, VcdContext } from './context.js';
import type { Task } from './entities.js';
import { MEDIA } from './media-types.js';
import { hrefOf, urnOf } from './refs.js';
import { isRunning, runTask } from './tasks.js';
import { entityAttrs, errorElement, link, orgRef, refElement, tasksListHref, userRef } from './views.js';
import { el, textEl, type XmlElement } from './xml.js';

export function taskElement(ctx: VcdContext, task: Task): XmlElement {
  const href = hrefOf(ctx.apiUrl, 'task', task.uuid);
  const running = isRunning(task);
  return el('Task', {
    status: task.status,
    operation: task.operation,
    operationName: task.operationName,
    startTime: task.startTime,
    endTime: ctx.quirk('vcloud-task-no-endtime') ? undefined : task.endTime,
    expiryTime: task.expiryTime,
    ...entityAttrs({ name: 'task', id: urnOf('task', task.uuid), href, type: MEDIA.task }),
  },
    running && link('task:cancel', `${href}/action/cancel`),
    refElement('Owner', task.owner),
    task.error && errorElement(task.error),
    refElement('User', userRef(ctx)),
    refElement('Organization', orgRef(ctx)),
    textEl('Progress', task.status === 'success' ? 100 : 0),
  );
}

/** The Tasks element of an entity, or nothing when it embeds none. */
export const tasksElement = (ctx: VcdContext, tasks: readonly Task[]): XmlElement | undefined =>
  tasks.length > 0 ? el('Tasks', {}, tasks.map((t) => taskElement(ctx, t))) : undefined;

export function tasksListElement(ctx: VcdContext): XmlElement {
  return el('TasksList', { name: 'Tasks Lists', href: tasksListHref(ctx), type: MEDIA.tasksList },
    [...ctx.store.tasks.values()].map((t) => taskElement(ctx, t)),
  );
}

/** 202 Accepted with the Task (and its href in Location); the Task's time starts once this is rendered. */
export function acceptedTask(ctx: VcdContext, task: Task): Reply {
  return { status: 202, headers: { location: hrefOf(ctx.apiUrl, 'task', task.uuid) }, xml: { root: taskElement(ctx, task), media: MEDIA.task }, after: () => runTask(ctx, task) };
}
