// Shared plumbing for the reference provider's tests: start/stop, one-line HTTP calls, polling.

import { afterAll, beforeAll } from 'vitest';
import { type ReferenceOptions, type ReferenceProvider, startReferenceProvider } from '../../src/reference/server.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or {} when the body is empty or not JSON. */
  body: Json;
}

export const NS = 'http://schemas.dmtf.org/cimi/2';
export const action = (name: string): string => `${NS}/action/${name}`;

export async function call(method: string, url: string, opts: { body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...opts.headers };
  let payload: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  let body: Json = {};
  try {
    body = text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Json) : {};
  } catch {
    body = {};
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** Starts a provider for the file's tests; the returned object fills in once beforeAll ran. */
export function useProvider(opts: ReferenceOptions = {}): { p: ReferenceProvider; url: (path: string) => string } {
  const box = { p: undefined as unknown as ReferenceProvider, url: (path: string) => `${box.p.baseUrl}${path}` };
  beforeAll(async () => {
    box.p = await startReferenceProvider({ ...opts });
  });
  afterAll(async () => {
    await box.p.close();
  });
  return box;
}

export async function waitFor(url: string, pred: (b: Json) => boolean, timeoutMs = 5000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await call('GET', url);
    if (pred(r.body)) return r.body;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${url}: ${r.text}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

export const settled = (url: string): Promise<Json> => waitFor(url, (b) => typeof b['state'] === 'string' && !/ING$/.test(b['state']));

/** The href of the seeded item of `collection` named `name`. */
export async function seeded(base: string, collection: string, name: string): Promise<string> {
  const r = await call('GET', `${base}${collection}?$filter=name='${name}'`);
  const items = Object.values(r.body).find(Array.isArray) as Json[] | undefined;
  const id = items?.[0]?.['id'];
  if (typeof id !== 'string') throw new Error(`no seeded ${collection} named ${name}`);
  return id;
}

export function machineCreate(config: string, image: string, extra: Json = {}, template: Json = {}): Json {
  return {
    resourceURI: `${NS}/MachineCreate`,
    ...extra,
    machineTemplate: { machineConfig: { href: config }, machineImage: { href: image }, ...template },
  };
}

/** Creates a Machine from the seeded small config and Ubuntu image and waits for it to settle. */
export async function newMachine(base: string, extra: Json = {}, template: Json = {}): Promise<string> {
  const config = await seeded(base, 'machineConfigs', 'small');
  const image = await seeded(base, 'machineImages', 'ubuntu-24.04');
  const r = await call('POST', `${base}machines`, { body: machineCreate(config, image, extra, template) });
  if (r.status !== 201 && r.status !== 202) throw new Error(`create failed: ${r.status} ${r.text}`);
  const id = r.headers.get('location')!;
  await settled(id);
  return id;
}

export async function act(machine: string, name: string, extra: Json = {}, headers: Record<string, string> = {}): Promise<Res> {
  return call('POST', `${machine}/${name}`, { body: { resourceURI: `${NS}/Action`, action: action(name), ...extra }, headers });
}

export const rels = (b: Json): string[] => ((b['operations'] as Json[] | undefined) ?? []).map((o) => o['rel'] as string);

export async function gone(url: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await call('GET', url)).status !== 404) {
    if (Date.now() > deadline) throw new Error(`${url} still exists`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

/**
 * The state a read shows while the work of `res` (a 202 with its Job) runs. Read before the Job, so
 * when the Job is still RUNNING afterwards the state was read mid-transition: only then is it
 * returned; otherwise (a slow machine let the work finish) the expected value is returned.
 */
export async function stateDuring(url: string, res: Res, expected: string): Promise<string> {
  const state = (await call('GET', url)).body['state'] as string;
  const job = (await call('GET', res.headers.get('cimi-job-uri')!)).body;
  return job['state'] === 'RUNNING' ? state : expected;
}
