// The vCloud suite's shared probes: one named expectation each, failing with an assertion that says
// which rule, which request and what came back (the transcript holds the rest).

import { expect } from 'vitest';
import type { VcloudResponse } from './client.js';
import { type Element, NS } from './xml.js';
import { MEDIA, sameMediaType } from './mediaTypes.js';
import { type TaskView, decodeTask } from './task.js';

export const show = (res: VcloudResponse): string => `${res.exchange.method} ${res.exchange.url} → ${res.status}`;

export function expectStatus(res: VcloudResponse, expected: number | number[], rule: string): void {
  const allowed = Array.isArray(expected) ? expected : [expected];
  expect(allowed, `${rule} (${show(res)}${res.error?.message ? `: ${res.error.message}` : ''})`).toContain(res.status);
}

export function expectStatusClass(res: VcloudResponse, cls: 2 | 4, rule: string): void {
  expect(Math.floor(res.status / 100), `${rule}: expected a ${cls}xx status (${show(res)}${res.error?.message ? `: ${res.error.message}` : ''})`).toBe(cls);
}

/** A v1.5 root element named `localName`. */
export function expectRoot(res: VcloudResponse, localName: string, rule: string): Element {
  expect(res.decodeError, `${rule}: the body must be XML (${show(res)})`).toBeUndefined();
  expect(`{${res.root?.namespaceURI ?? ''}}${res.root?.localName ?? ''}`, `${rule}: root element of ${show(res)}`).toBe(`{${NS.v15}}${localName}`);
  return res.root!;
}

/** 200 and the entity `localName` (Org, Vdc, VApp…). */
export function expectEntity(res: VcloudResponse, localName: string, rule: string): Element {
  expectStatus(res, 200, rule);
  return expectRoot(res, localName, rule);
}

/** 202 and a Task (brief §7, §8). */
export function expectTask(res: VcloudResponse, rule: string): TaskView {
  expectStatus(res, 202, rule);
  return decodeTask(expectRoot(res, 'Task', rule));
}

/**
 * An error response (brief §10, VCD-088): one of `statuses`, Content-Type error+xml, an Error root
 * whose majorErrorCode is the HTTP status; `minor`, when given, is the expected minorErrorCode.
 */
export function expectError(res: VcloudResponse, statuses: number[], rule: string, minor?: string): void {
  expectStatus(res, statuses, rule);
  expect(sameMediaType(res.contentType, MEDIA.error), `${rule}: Content-Type of the error (${show(res)}) is '${res.contentType}', expected ${MEDIA.error}`).toBe(true);
  expectRoot(res, 'Error', rule);
  expect(res.error?.majorErrorCode, `${rule}: Error@majorErrorCode must equal the HTTP status (${show(res)})`).toBe(String(res.status));
  if (minor !== undefined) expect(res.error?.minorErrorCode, `${rule}: Error@minorErrorCode (${show(res)})`).toBe(minor);
}
