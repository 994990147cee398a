// Jobs (§5.17.1): one per PUT/POST/DELETE when Jobs are exposed (§4.2.1.6). A Job starts RUNNING
// and ends SUCCESS or FAILED with progress 100. Finished Jobs beyond MAX_JOBS are forgotten, oldest
// first, so a long run cannot grow the provider without bound.

import { type Context, actionUri, collectionUrl, typeUri } from './context.js';
import { type Rep, tagged } from './representation.js';
import type { Resource } from './store.js';

const MAX_JOBS = 1000;

/** Starts a Job acting on `target`; `affected` are further resources it touches. Undefined when Jobs are off. */
export function beginJob(ctx: Context, action: string, target: string, affected: readonly string[] = []): Resource | undefined {
  if (!ctx.jobs) return undefined;
  const now = ctx.now();
  const refs = (ctx.quirk('job-affected-omits-target') ? affected : [target, ...affected]).map((href) => ({ href }));
  const job = ctx.store.add('Job', ctx.store.newId('jobs'), {
    created: now,
    updated: now,
    state: 'RUNNING',
    targetResource: { href: target },
    affectedResources: refs,
    action: actionUri(ctx, action),
    progress: 0,
    timeOfStatusChange: now,
    nestedJobs: [],
  });
  forgetOldJobs(ctx);
  return job;
}

export function endJob(ctx: Context, job: Resource | undefined, failure?: string): void {
  if (!job) return;
  Object.assign(job.values, {
    state: failure === undefined ? 'SUCCESS' : 'FAILED',
    progress: ctx.quirk('job-progress-not-100') ? 0 : 100,
    timeOfStatusChange: ctx.now(),
    ...(failure !== undefined ? { statusMessage: failure } : {}),
  });
  ctx.store.touch(job);
}

/** Quirk sync-job-not-final: the Job of a synchronous answer is reported RUNNING and ends later. */
export function delaySyncJob(ctx: Context, job: Resource | undefined): void {
  if (!job || !ctx.quirk('sync-job-not-final')) return;
  Object.assign(job.values, { state: 'RUNNING', progress: 0 });
  ctx.lifecycle.later(Math.max(ctx.transitionMs, 1000), () => endJob(ctx, job));
}

export const isRunning = (job: Resource): boolean => job.values['state'] === 'RUNNING';

function forgetOldJobs(ctx: Context): void {
  const jobs = ctx.store.list('Job');
  for (const j of jobs.slice(0, Math.max(0, jobs.length - MAX_JOBS))) if (!isRunning(j)) ctx.store.remove(j.id);
}

/** The transient Job every error response carries (§4.2.2): id "", state FAILED, no nested Jobs. */
export function errorJob(ctx: Context, status: number, message: string): Rep {
  const now = ctx.now();
  return tagged('Job', {
    resourceURI: typeUri(ctx, 'Job'),
    id: '',
    state: 'FAILED',
    progress: 100,
    statusMessage: `${status}: ${message}`,
    timeOfStatusChange: now,
  });
}

/** The Job of an `add`: the collection is the target, the new resource is affected (§5.17.1). */
export function beginAddJob(ctx: Context, collection: string, id: string): Resource | undefined {
  if (ctx.quirk('add-job-targets-resource')) return beginJob(ctx, 'add', id);
  return beginJob(ctx, 'add', collectionUrl(ctx, collection), [id]);
}
