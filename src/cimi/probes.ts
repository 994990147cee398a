// Shared probes (Schemathesis style: one named property each), reused by every suite. They fail with
// an assertion error carrying what was expected and what was observed; the transcript holds the rest.

import { expect } from 'vitest';
import type { CheckContext } from './check.js';
import type { CimiClient, CimiObject, CimiResponse } from './cimiClient.js';
import type { Created } from './workspace.js';
import { HarnessError } from '../model/errors.js';
import type { Fixture } from '../harness/fixture.js';
import { fixture } from './check.js';

const show = (res: CimiResponse): string => `${res.exchange.method} ${res.exchange.url} → ${res.status}`;

export function expectStatus(res: CimiResponse, expected: number | number[], rule: string): void {
  expectOneOf(res.status, Array.isArray(expected) ? expected : [expected], `${rule} (${show(res)})`);
}

export function expectStatusClass(res: CimiResponse, cls: 2 | 4, rule: string): void {
  expect(Math.floor(res.status / 100), `${rule}: expected a ${cls}xx status (${show(res)})`).toBe(cls);
}

/** A body that decoded as the representation asked for. */
export function expectBody(res: CimiResponse, rule: string): CimiObject {
  expect(res.decodeError, `${rule}: body must decode (${show(res)})`).toBeUndefined();
  expect(res.body, `${rule}: body expected (${show(res)})`).toBeDefined();
  return res.body!;
}

/** 200 with a decodable representation of the named resource type (§4.1.4). */
export function expectResource(res: CimiResponse, typeUri: string, rule: string): CimiObject {
  expectStatus(res, 200, rule);
  const body = expectBody(res, rule);
  expect(body['resourceURI'], `${rule}: resourceURI of ${show(res)}`).toBe(typeUri);
  return body;
}

export function expectHeaders(res: CimiResponse, names: string[], rule: string): void {
  const missing = names.filter((n) => res.headers[n.toLowerCase()] === undefined);
  expect(missing, `${rule}: headers missing on ${show(res)}`).toEqual([]);
}

/** An error response: the status class, and a body that is a Job representation (§4.2.2). */
export function expectCimiError(res: CimiResponse, jobTypeUri: string, rule: string): void {
  const body = expectBody(res, rule);
  // In XML only the element name is this rule's business; its namespace is CIMI-GEN-006's.
  const xmlRoot = (body['$xml'] as { root?: string } | undefined)?.root;
  if (xmlRoot !== undefined) expect(xmlRoot, `${rule}: error body must be a <Job> (${show(res)})`).toBe('Job');
  else expect(body['resourceURI'], `${rule}: error body must be a Job (${show(res)})`).toBe(jobTypeUri);
}

export function expectAttributes(resource: CimiObject, names: string[], rule: string): void {
  const missing = names.filter((n) => resource[n] === undefined);
  expect(missing, `${rule}: attributes missing on ${String(resource['id'] ?? 'resource')}`).toEqual([]);
}

export interface Crawled {
  url: string;
  res: CimiResponse;
}

/**
 * What a consumer can reach from the entry point by following hrefs (§4.1), breadth first: every
 * href is followed (operations excepted: they are targets of other verbs), but only the first
 * `perCollection` members of a collection, and at most `limit` GETs, all on the entry point's origin.
 * `seeds` are fetched first (resources a check made and must see, wherever they are listed); other
 * resources that answer 404 are left out.
 */
export async function crawl(cimi: CimiClient, opts: { seeds?: string[]; limit?: number; perCollection?: number } = {}): Promise<Crawled[]> {
  const { limit = 60, perCollection = 2 } = opts;
  const origin = new URL(cimi.cepUrl).origin;
  const queue = [cimi.cepUrl, ...(opts.seeds ?? [])];
  const seen = new Set(queue);
  const out: Crawled[] = [];
  const follow = async (href: unknown): Promise<void> => {
    if (typeof href !== 'string' || href === '') return;
    const url = await cimi.resolve(href);
    if (new URL(url).origin === origin && !seen.has(url)) {
      seen.add(url);
      queue.push(url);
    }
  };
  const walk = async (v: unknown, isRoot: boolean): Promise<void> => {
    if (Array.isArray(v)) {
      // Members of a collection: the first few are enough to see every kind of resource it holds.
      const members = isRoot ? v.slice(0, perCollection) : v;
      for (const m of members) await walk(m, false);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as CimiObject;
    if (!isRoot && typeof o['id'] === 'string') await follow(o['id']);
    await follow(o['href']);
    for (const [k, child] of Object.entries(o)) {
      if (k !== 'operations' && k !== '$xml') await walk(child, isRoot && Array.isArray(child));
    }
  };
  const seeds = new Set(opts.seeds);
  while (queue.length > 0 && out.length < limit) {
    const url = queue.shift()!;
    const res = await cimi.get(url);
    // Other checks delete their resources concurrently: a member gone since its listing is no finding.
    if (res.status === 404 && url !== cimi.cepUrl && !seeds.has(url)) continue;
    out.push({ url, res });
    if (res.status === 200 && res.body) await walk(res.body, true);
  }
  return out;
}

/** A full-update body (§4.2.1.3): the representation as read, with `changes` applied. */
export function fullBody(rep: CimiObject, changes: CimiObject = {}): CimiObject {
  const { $xml: _xml, ...body } = rep;
  return { ...body, ...changes };
}

/** A Machine the checks of one test file edit in turn (each sets what it needs first: see editableMachine). */
export const editableFixture = (key: string): Fixture<string> => fixture(key, { creates: { Machine: 1 } }, async ({ ws }) => (await ws.createMachine()).url);

/**
 * The file's editable Machine, settled, with `seed` applied first by a full PUT (so each check starts from
 * the attributes it expects, whatever the previous check left), and its edit href; not applicable when
 * edit is not advertised.
 */
export async function editableMachine(ctx: CheckContext, from: Fixture<string>, seed: CimiObject = {}): Promise<{ url: string; machine: CimiObject; edit: string }> {
  const url = await ctx.use(from);
  let machine = await ctx.ws.settle(url);
  const op = ctx.cimi.operation(machine, 'edit');
  if (!op) return ctx.notApplicable('the Machine does not advertise edit');
  const edit = await ctx.cimi.resolve(op.href);
  if (Object.keys(seed).length > 0) {
    const res = await ctx.cimi.put(edit, 'Machine', fullBody(machine, seed));
    if (res.status >= 300) throw new HarnessError('PRECONDITION', `seeding the shared Machine with ${Object.keys(seed).join(', ')} answered ${res.status} (CIMI-HTTP-007 judges full updates)`);
    machine = await ctx.ws.settle(url);
  }
  return { url, machine, edit };
}

/** `value` is one of `allowed`; expected and observed are plain strings, which read well in every report. */
export function expectOneOf(value: unknown, allowed: readonly unknown[], rule: string): void {
  if (allowed.includes(value)) return;
  expect(String(value), rule).toBe(`one of ${allowed.map(String).join(', ')}`);
}

/** A MachineConfiguration of the check's own shaped like the first one offered; undefined when machineConfigs has no add. */
export async function createConfiguration({ cimi, ws }: Pick<CheckContext, 'cimi' | 'ws'>): Promise<{ res: CimiResponse; created?: Created } | undefined> {
  const url = await cimi.requireCollection('machineConfigs');
  if (!cimi.operation((await cimi.get(url)).body, 'add')) return undefined;
  const source = (await cimi.get(await ws.firstItem('machineConfigs'))).body ?? {};
  // A body of our own, typed as §5.5 says, whatever the provider's serialisation (that is CIMI-SER-004's).
  const shape = { cpu: Number(source['cpu']), memory: Number(source['memory']), cpuArch: source['cpuArch'], cpuSpeed: Number(source['cpuSpeed']) };
  return ws.tryCreate('machineConfigs', 'MachineConfiguration', Object.fromEntries(Object.entries(shape).filter(([, v]) => v !== undefined && !Number.isNaN(v))));
}
