// The pieces of a junit.xml every report of this tool builds from: test cases with their outcome,
// test suites that total them, elements and attributes escaped for XML.

import type { Leftover } from '../model/run.js';
import { escapeAttribute, escapeMarkup } from './escape.js';

export interface Case {
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  durationMs: number;
  xml: string;
}

export function testsuite(name: string, cases: Case[], timestamp: string): { cases: Case[]; xml: string } {
  const durationMs = cases.reduce((sum, c) => sum + c.durationMs, 0);
  const open = `  <testsuite ${attributes({ name, ...totals(cases), time: seconds(durationMs), timestamp })}>`;
  return { cases, xml: [open, ...cases.map((c) => c.xml), '  </testsuite>'].join('\n') };
}

export function testcase(classname: string, name: string, durationMs: number, body: string): string {
  const open = `    <testcase ${attributes({ classname, name, time: seconds(durationMs) })}`;
  return body ? `${open}>\n      ${body}\n    </testcase>` : `${open}/>`;
}

export function element(tag: string, attrs: Record<string, string>, text?: string): string {
  const open = Object.keys(attrs).length > 0 ? `<${tag} ${attributes(attrs)}` : `<${tag}`;
  return text === undefined ? `${open}/>` : `${open}>${escapeMarkup(text)}</${tag}>`;
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([key, value]) => `${key}="${escapeAttribute(String(value))}"`)
    .join(' ');
}

function totals(cases: Case[]): Record<string, number> {
  const count = (outcome: Case['outcome']) => cases.filter((c) => c.outcome === outcome).length;
  return { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The whole document: the suites under one <testsuites> named `name`. */
export function testsuites(name: string, suites: { cases: Case[]; xml: string }[], durationMs: number): string {
  const all = suites.flatMap((s) => s.cases);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${attributes({ name, ...totals(all), time: seconds(durationMs) })}>`, ...suites.map((s) => s.xml), '</testsuites>', ''].join('\n');
}

/** Problems outside any judged case (harness errors, resources left behind) still have to turn a CI run red. */
export function harnessCases(classname: string, harnessErrors: readonly string[], leftovers: readonly Leftover[]): Case[] {
  const errors = harnessErrors.map((message, i) => ({
    outcome: 'error' as const,
    durationMs: 0,
    xml: testcase(classname, `harness error ${i + 1}`, 0, element('error', { message, type: 'HARNESS' }, message)),
  }));
  if (leftovers.length === 0) return errors;
  const text = leftovers.map((l) => `${l.collection} ${l.id ?? l.name ?? '?'}: ${l.reason}`).join('\n');
  const message = `${leftovers.length} resource(s) left behind`;
  const cleanup = testcase(classname, 'cleanup', 0, element('error', { message, type: 'LEFTOVERS' }, text));
  return [...errors, { outcome: 'error', durationMs: 0, xml: cleanup }];
}
