// Driving a Machine through its lifecycle (§5.14.1.2, §5.8, §4.2.1.7): invoke an advertised action,
// watch the states the Machine passes through (bounded by limits.stateTimeoutMs), and know whether a
// transitional state was observable at all. Also the Machine capabilities the lifecycle depends on.

import { expect } from 'vitest';
import type { CheckContext } from './check.js';
import { expectOneOf } from './probes.js';
import type { CimiClient, CimiObject, CimiResponse } from './cimiClient.js';
import { HarnessError } from '../model/errors.js';
import { Poll } from '../harness/poll.js';
import { collectionItems, type Created } from './workspace.js';
import { FINAL_JOB_STATES, TRANSITIONAL_STATES, TRANSITIONS, stepTowards, type LifecycleAction } from './machineStates.js';

/** What watching needs: a client and the run's limits (a check's context, or a fixture's). */
type Watcher = Pick<CheckContext, 'cimi' | 'run'>;
/** What a walk through a Machine's life needs: a check's context, or a fixture's. */
export type Walker = Pick<CheckContext, 'cimi' | 'run' | 'ws' | 'notApplicable'>;

/** The state a read shows; `GONE` for 404. */
export const stateOf = (res: CimiResponse): string => (res.status === 404 ? 'GONE' : String(res.body?.['state'] ?? ''));

export interface Observed {
  /** The response to the request that started the work. */
  res: CimiResponse;
  /** Distinct successive states, from the first read after the response until settled (or GONE). */
  states: string[];
  /** The settled representation; undefined once the resource is gone. */
  final: CimiObject | undefined;
  /**
   * The work was demonstrably unfinished at the first read: its Job, read right after, was still
   * running. Only then may a check demand that the first read showed a transitional state.
   */
  inProgressAtFirstRead: boolean;
}

/** The Job a mutating response names: the CIMI-Job-URI header, else a Job body with an id (§4.2.1.6). */
export async function jobUrlOf(cimi: CimiClient, res: CimiResponse): Promise<string | undefined> {
  const header = res.headers['cimi-job-uri'];
  if (header) return cimi.resolve(header);
  const body = res.body;
  if (body && String(body['resourceURI'] ?? '').endsWith('/Job') && typeof body['id'] === 'string' && body['id'] !== '') return cimi.resolve(body['id']);
  return undefined;
}

const running = (job: CimiObject | undefined): boolean => job !== undefined && !FINAL_JOB_STATES.has(String(job['state'] ?? ''));

/** The state of `url` inside an expanded reference: the target itself or, for a collection, its member. */
async function stateIn(cimi: CimiClient, target: unknown, url: string): Promise<string | undefined> {
  if (typeof target !== 'object' || target === null) return undefined;
  for (const c of [target as CimiObject, ...collectionItems(target as CimiObject)]) {
    const id = c['id'] ?? c['href'];
    if (typeof id === 'string' && typeof c['state'] === 'string' && (await cimi.resolve(id)) === url) return c['state'];
  }
  return undefined;
}

/** The first look after a response: the resource's state, and whether its Job was still unfinished then. */
async function firstLook(ctx: Watcher, url: string, jobUrl: string | undefined): Promise<{ state: string; body?: CimiObject; inProgress: boolean }> {
  const { cimi } = ctx;
  // The Job read with its target expanded is one atomic snapshot of both (§4.1.6.4); two reads race the provider.
  if (jobUrl && ctx.run.features.includes('ExpandParameter')) {
    const snap = await cimi.get(jobUrl, { query: [['$expand', 'targetResource']] });
    const state = snap.status === 200 ? await stateIn(cimi, snap.body?.['targetResource'], url) : undefined;
    if (state !== undefined) return { state, inProgress: running(snap.body) };
  }
  const cur = await cimi.get(url);
  const job = jobUrl ? await cimi.get(jobUrl) : undefined;
  return { state: stateOf(cur), ...(cur.status === 200 && cur.body ? { body: cur.body } : {}), inProgress: job?.status === 200 && running(job.body) };
}

/** Looks right after `res`, then polls (bounded) until the resource leaves transitional states or is gone. */
export async function watch(ctx: Watcher, url: string, res: CimiResponse): Promise<Observed> {
  const first = await firstLook(ctx, url, await jobUrlOf(ctx.cimi, res));
  const states = [first.state];
  let body = first.body;
  // A snapshot carries no representation of the resource: read it at once.
  let immediate = body === undefined;
  const poll = new Poll(ctx.run, 5);
  while (states.at(-1) !== 'GONE' && (body === undefined || TRANSITIONAL_STATES.has(states.at(-1)!))) {
    if (!immediate && !(await poll.next())) throw new HarnessError('TIMEOUT', `${url} still ${states.at(-1)} after ${poll.timeout}; states seen: ${states.join(' → ')}`);
    immediate = false;
    const cur = await ctx.cimi.get(url);
    if (cur.status !== 200 && cur.status !== 404) continue;
    body = cur.status === 200 ? cur.body : undefined;
    if (stateOf(cur) !== states.at(-1)) states.push(stateOf(cur));
  }
  return { res, states, final: body, inProgressAtFirstRead: first.inProgress };
}

/** POSTs an advertised action and watches its effect; a precondition error when it is not advertised. */
export async function invoke(ctx: CheckContext, url: string, name: string, extra: CimiObject = {}): Promise<Observed> {
  const machine = (await ctx.cimi.get(url)).body ?? {};
  return watch(ctx, url, await ctx.cimi.action(machine, name, extra));
}

/** Invokes an action the settled Machine advertises (not applicable otherwise) and demands it be accepted. */
export async function runAction(ctx: CheckContext, url: string, name: string, rule: string, extra: CimiObject = {}): Promise<Observed> {
  const m = await settled(ctx, url);
  if (!ctx.cimi.operation(m, name)) ctx.notApplicable(`the ${String(m['state'])} Machine does not advertise '${name}'`);
  const obs = await invoke(ctx, url, name, extra);
  expect(Math.floor(obs.res.status / 100), `${rule}: the advertised '${name}' must be accepted (POST → ${obs.res.status})`).toBe(2);
  return obs;
}

/** The action passed through its transitional state when that was observable, and ended where §5.14.1.2 says. */
export function expectTransition(obs: Observed, action: LifecycleAction, rule: string): void {
  const { during, final } = TRANSITIONS[action];
  const seen = obs.states.join(' → ');
  if (obs.inProgressAtFirstRead) {
    expectOneOf(obs.states[0], during, `${rule}: while '${action}' was still running (its Job unfinished) the Machine must read ${during.join(' or ')} (states seen: ${seen})`);
  }
  expect(obs.states.at(-1), `${rule}: '${action}' must end ${final} (states seen: ${seen})`).toBe(final);
}

/** The Machine's current representation once settled, failing over to not-applicable when unusable. */
export async function settled(ctx: Walker, url: string): Promise<CimiObject> {
  const m = await ctx.ws.settle(url);
  // A Machine that could not be created properly is CIMI-MACH-004's business, not the caller's.
  if (m['state'] === 'ERROR' || m['state'] === 'FAILED') ctx.notApplicable(`precondition: the Machine is ${String(m['state'])}`);
  return m;
}

/** Drives the Machine to `target` with advertised actions; the reason when something is in the way. */
export async function tryBringTo(ctx: CheckContext, url: string, target: string): Promise<CimiObject | string> {
  for (let i = 0; i < 4; i++) {
    const m = await settled(ctx, url);
    const from = String(m['state']);
    if (from === target) return m;
    const next = stepTowards(from, target);
    if (!next || !ctx.cimi.operation(m, next)) return `cannot bring the Machine from ${from} to ${target}${next ? `: '${next}' is not advertised` : ''}`;
    const res = await ctx.cimi.action(m, next);
    if (res.status >= 300) return `'${next}' in ${from} answered ${res.status}`;
  }
  return `the Machine did not reach ${target}`;
}

/** Like tryBringTo; anything in the way makes the check not applicable (it is another rule's business). */
export async function bringTo(ctx: CheckContext, url: string, target: string): Promise<CimiObject> {
  const r = await tryBringTo(ctx, url, target);
  return typeof r === 'string' ? ctx.notApplicable(`precondition: ${r}`) : r;
}

/** Best effort, now rather than at the end of the check: stop the Machine if it must be stopped to be deleted, then delete it. */
export async function retire(ctx: Walker, url: string): Promise<void> {
  try {
    await ctx.ws.teardown(url, 'machines');
  } catch {
    // Cleanup must not mask the check's own outcome; the run's sweep reports what survives.
  }
}

export type Attempt = { created: Created; refused?: undefined } | { refused: number; created?: undefined };

/** A create that may legitimately be refused: the refusal status instead of a precondition error. */
export async function attemptCreate(ctx: Pick<CheckContext, 'ws'>, collection: string, type: string, body: CimiObject): Promise<Attempt> {
  const { res, created } = await ctx.ws.tryCreate(collection, type, body);
  return created ? { created } : { refused: res.status };
}

/** The ResourceMetadata entry describing `typeName` (dereferenced), or undefined when there is none. */
export async function metadataFor(cimi: CimiClient, typeName: string): Promise<CimiObject | undefined> {
  const rmUrl = await cimi.collectionUrl('resourceMetadata');
  if (!rmUrl) return undefined;
  const item = collectionItems((await cimi.get(rmUrl)).body).find((i) => i['typeURI'] === cimi.typeUri(typeName));
  if (!item || typeof item['id'] !== 'string') return item;
  const full = await cimi.get(await cimi.resolve(item['id']));
  return full.status === 200 && full.body ? full.body : item;
}

/** Capability name → value; an absent value means boolean true (§5.11.1). */
export function capabilities(rm: CimiObject | undefined): Map<string, unknown> {
  const caps = Array.isArray(rm?.['capabilities']) ? (rm['capabilities'] as CimiObject[]) : [];
  return new Map(caps.filter((c) => typeof c['name'] === 'string').map((c) => [String(c['name']), c['value'] ?? true]));
}

/** A boolean capability: absent means false (§5.11.1); XML carries the value as text. */
export const isTrue = (v: unknown): boolean => v === true || v === 'true';

/** An enumeration-valued capability (`InitialStates`): a list, or a comma/space separated string. */
export function valueList(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string' && v.trim() !== '') return v.split(/[\s,]+/).filter(Boolean);
  return undefined;
}
