// Shared probes (Schemathesis style: one named property each), reused by every suite. They fail with
// an assertion error carrying what was expected and what was observed; the transcript holds the rest.

import { expect } from 'vitest';
import type { CimiObject, CimiResponse } from './cimiClient.js';

const show = (res: CimiResponse): string => `${res.exchange.method} ${res.exchange.url} → ${res.status}`;

export function expectStatus(res: CimiResponse, expected: number | number[], rule: string): void {
  const allowed = Array.isArray(expected) ? expected : [expected];
  expect(res.status, `${rule} (${show(res)})`).toBeOneOf(allowed);
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
  expect(body['resourceURI'], `${rule}: error body must be a Job (${show(res)})`).toBe(jobTypeUri);
}

export function expectAttributes(resource: CimiObject, names: string[], rule: string): void {
  const missing = names.filter((n) => resource[n] === undefined);
  expect(missing, `${rule}: attributes missing on ${String(resource['id'] ?? 'resource')}`).toEqual([]);
}
