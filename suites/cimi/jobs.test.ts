// Jobs (§4.1.7.1, §4.2.1.6, §5.17.1): the CIMI-Job-URI header on every mutating answer, the Job
// behind synchronous and asynchronous answers, and what a Job reports about its work.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import { isRef, type CimiObject, type CimiResponse } from '../../src/cimi/cimiClient.js';
import { HarnessError } from '../../src/model/errors.js';
import { Poll } from '../../src/harness/poll.js';
import { jobUrlOf, retire, settled } from '../../src/cimi/machineLifecycle.js';
import { FINAL_JOB_STATES } from '../../src/cimi/machineStates.js';
import { expectOneOf, fullBody } from '../../src/cimi/probes.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { fixture } from '../../src/cimi/check.js';

const JOB_STATES = ['QUEUED', 'RUNNING', 'FAILED', 'SUCCESS', 'STOPPING', 'STOPPED'];

interface Mutation {
  what: string;
  res: CimiResponse;
  /** The resource acted upon (the new one for an add). */
  target: string;
}

/** A mutation as it was answered, with its Job as found right then and every read of it until final. */
interface Walked {
  m: Mutation;
  /** The Job found right after the answer, before anything else could change it. */
  atAnswer?: { url: string; job: CimiObject };
  /** The Job read until final, starting with `atAnswer.job`; empty when no Job was found. */
  reads: CimiObject[];
}

/**
 * One Machine's life as the mutating requests a consumer sends (add, edit, start, stop, delete — those
 * advertised), every answer's Job looked up at once and followed to its end before the next request.
 * All the file's checks judge this one recorded walk: one Machine for the file, not one per check.
 */
const walk = fixture('jobs.test.ts: a Machine walked through add, edit, start, stop and delete', { creates: { Machine: 1 } }, async (fx) => {
  const { cimi, ws } = fx;
  const { res, url } = await ws.createMachine();
  const done: Walked[] = [];
  const record = async (what: string, r: CimiResponse): Promise<void> => {
    const m = { what, res: r, target: url };
    const atAnswer = await findJob(fx, m);
    done.push({ m, ...(atAnswer ? { atAnswer } : {}), reads: atAnswer ? [atAnswer.job, ...(await followJob(fx, atAnswer.url))] : [] });
  };
  try {
    await record('POST to add (create)', res);
    const m = await settled(fx, url);
    const edit = cimi.operation(m, 'edit');
    if (edit) await record('PUT to edit', await cimi.put(await cimi.resolve(edit.href), 'Machine', fullBody(m, { description: 'edited by cloudconform' })));
    for (const action of ['start', 'stop']) {
      const cur = await settled(fx, url);
      if (cimi.operation(cur, action)) await record(`POST ${action}`, await cimi.action(cur, action));
    }
    if (cimi.operation(await settled(fx, url), 'delete')) await record('DELETE', await ws.remove(url));
  } finally {
    await retire(fx, url);
  }
  return done;
});

type JobReader = Pick<CheckContext, 'cimi' | 'run'>;

/** The Job behind a mutation: the header or a Job body, else the newest Job in the jobs collection naming its target. */
async function findJob(ctx: JobReader, m: Mutation): Promise<{ url: string; job: CimiObject } | undefined> {
  const { cimi } = ctx;
  const direct = await jobUrlOf(cimi, m.res);
  if (direct) {
    const r = await cimi.get(direct);
    return r.status === 200 && r.body ? { url: direct, job: r.body } : undefined;
  }
  const items = collectionItems((await cimi.get(await cimi.requireCollection('jobs'))).body)
    .map((job, i) => ({ job, i }))
    .sort((a, b) => String(b.job['created'] ?? '').localeCompare(String(a.job['created'] ?? '')) || b.i - a.i);
  for (const { job } of items.slice(0, 50)) {
    if ((await refsOf(ctx, job)).includes(m.target) && typeof job['id'] === 'string') return { url: await cimi.resolve(job['id']), job };
  }
  return undefined;
}

/** targetResource and affectedResources of a Job, resolved. */
async function refsOf(ctx: JobReader, job: CimiObject): Promise<string[]> {
  const affected = Array.isArray(job['affectedResources']) ? job['affectedResources'] : [];
  const refs = [job['targetResource'], ...affected].filter(isRef);
  return Promise.all(refs.map((r) => ctx.cimi.resolve(r.href)));
}

/** Reads a Job until it is final (bounded by limits.stateTimeoutMs); every representation read. */
async function followJob(ctx: JobReader, url: string): Promise<CimiObject[]> {
  const seen: CimiObject[] = [];
  const poll = new Poll(ctx.run, 5);
  for (;;) {
    const r = await ctx.cimi.get(url);
    if (r.status === 200 && r.body) seen.push(r.body);
    if (r.status !== 200 || FINAL_JOB_STATES.has(String(r.body?.['state'] ?? ''))) return seen;
    if (!(await poll.next())) throw new HarnessError('TIMEOUT', `Job ${url} still ${String(r.body?.['state'])} after ${poll.timeout}`);
  }
}

/** The walk's mutations whose Job was found, each with its reads. */
async function followedJobs(ctx: CheckContext): Promise<Walked[]> {
  const out = (await ctx.use(walk)).filter((w) => w.atAnswer);
  if (out.length === 0) ctx.notApplicable('no Job could be found for any mutation');
  return out;
}

const show = (m: Mutation): string => `${m.what} → ${m.res.status}`;

check('CIMI-JOB-001', 'every PUT, POST and DELETE answer carries an absolute CIMI-Job-URI', async (ctx) => {
  const missing: string[] = [];
  for (const { m } of await ctx.use(walk)) {
    const header = m.res.headers['cimi-job-uri'];
    if (m.res.status < 300 && !(header && /^[a-z][a-z0-9+.-]*:\/\//i.test(header))) missing.push(`${show(m)}: CIMI-Job-URI ${header === undefined ? 'absent' : `"${header}" is not absolute`}`);
  }
  expect(missing, 'CIMI-JOB-001: with Jobs exposed, every PUT/POST/DELETE must name its Job in an absolute CIMI-Job-URI').toEqual([]);
}, { uses: [walk] });

check('CIMI-JOB-002', 'the Job of a synchronous (non-202) answer is already final', async (ctx) => {
  const unfinished: string[] = [];
  let sync = 0;
  for (const { m, atAnswer } of await ctx.use(walk)) {
    if (m.res.status === 202 || m.res.status >= 300 || !atAnswer) continue;
    sync++;
    if (!FINAL_JOB_STATES.has(String(atAnswer.job['state']))) unfinished.push(`${show(m)}: Job ${atAnswer.url} is ${String(atAnswer.job['state'])}`);
  }
  if (sync === 0) ctx.notApplicable('no mutation was answered synchronously with a Job');
  expect(unfinished, 'CIMI-JOB-002: a synchronous answer means the work is done, so its Job must be final').toEqual([]);
}, { uses: [walk] });

check('CIMI-JOB-003', 'every 202 Accepted corresponds to a Job', async (ctx) => {
  const orphans: string[] = [];
  for (const { m, atAnswer } of await ctx.use(walk)) if (m.res.status === 202 && !atAnswer) orphans.push(show(m));
  expect(orphans, 'CIMI-JOB-003: 202 answers with no Job (no CIMI-Job-URI, no Job body, none in the jobs collection naming the resource)').toEqual([]);
}, { uses: [walk] });

check('CIMI-JOB-004', 'a Job state is one of QUEUED, RUNNING, FAILED, SUCCESS, STOPPING, STOPPED', async (ctx) => {
  const bad = (await followedJobs(ctx)).flatMap(({ m, reads }) => reads.filter((j) => !JOB_STATES.includes(String(j['state']))).map((j) => `${show(m)}: state ${String(j['state'])}`));
  expect(bad, 'CIMI-JOB-004: Job states outside the §5.17.1 enumeration').toEqual([]);
}, { uses: [walk] });

check('CIMI-JOB-005', 'affectedResources always contains targetResource', async (ctx) => {
  const bad: string[] = [];
  for (const { m, reads } of await followedJobs(ctx)) {
    for (const job of reads) {
      // A deleted target is dropped from the Job (§5.10.1, §5.17.1): nothing left to contain.
      if (!isRef(job['targetResource'])) continue;
      const target = await ctx.cimi.resolve(job['targetResource'].href);
      const affected = await refsOf(ctx, { affectedResources: job['affectedResources'] });
      if (!affected.includes(target)) bad.push(`${show(m)}: ${String(job['state'])} Job targets ${target}, affectedResources [${affected.join(', ')}]`);
    }
  }
  expect(bad, 'CIMI-JOB-005: Jobs whose affectedResources lack their targetResource').toEqual([]);
}, { uses: [walk] });

check('CIMI-JOB-006', 'the Job of an add targets the collection and lists the new resource as affected', async (ctx) => {
  const jobs = (await followedJobs(ctx)).filter(({ m }) => m.what.startsWith('POST to add'));
  if (jobs.length === 0) return ctx.notApplicable('the create answered without a Job that could be found');
  const coll = await ctx.cimi.requireCollection('machines');
  for (const { m, reads } of jobs) {
    const job = reads[0]!;
    const target = isRef(job['targetResource']) ? await ctx.cimi.resolve(job['targetResource'].href) : '(none)';
    expect(target, 'CIMI-JOB-006: the Job of an add must target the collection').toBe(coll);
    const affected = await refsOf(ctx, { affectedResources: job['affectedResources'] });
    expectOneOf(m.target, affected, 'CIMI-JOB-006: the new resource must be in the add Job affectedResources');
  }
}, { uses: [walk] });

check('CIMI-JOB-007', 'progress stays within 0..100 and is 100 once the Job is final', async (ctx) => {
  const bad: string[] = [];
  for (const { m, reads } of await followedJobs(ctx)) {
    for (const job of reads) {
      const p = job['progress'];
      if (p === undefined) continue;
      if (typeof p !== 'number' || p < 0 || p > 100) bad.push(`${show(m)}: progress ${String(p)}`);
      else if (FINAL_JOB_STATES.has(String(job['state'])) && p !== 100) bad.push(`${show(m)}: ${String(job['state'])} Job with progress ${p}`);
    }
  }
  expect(bad, 'CIMI-JOB-007: progress must be 0..100, and 100 when the Job no longer executes').toEqual([]);
}, { uses: [walk] });

check('CIMI-JOB-009', 'a Job is SUCCESS only if all its nested Jobs are SUCCESS', async (ctx) => {
  const jobs = (await followedJobs(ctx)).map(({ reads }) => reads.at(-1)!);
  const listed = collectionItems((await ctx.cimi.get(await ctx.cimi.requireCollection('jobs'))).body);
  const parents = [...jobs, ...listed].filter((j) => j['state'] === 'SUCCESS' && Array.isArray(j['nestedJobs']) && j['nestedJobs'].length > 0);
  if (parents.length === 0) return ctx.notApplicable('no SUCCESS Job with nested Jobs was seen');
  const bad: string[] = [];
  for (const parent of parents.slice(0, 10)) {
    for (const ref of (parent['nestedJobs'] as unknown[]).filter(isRef)) {
      const nested = await ctx.cimi.get(await ctx.cimi.resolve(ref.href));
      if (nested.status === 200 && nested.body?.['state'] !== 'SUCCESS') bad.push(`${String(parent['id'])}: nested ${ref.href} is ${String(nested.body?.['state'])}`);
    }
  }
  expect(bad, 'CIMI-JOB-009: SUCCESS Jobs with a nested Job that is not SUCCESS').toEqual([]);
}, { uses: [walk] });
