// junit.xml for CI systems: one <testcase> per requirement, grouped in one <testsuite> per feature.
// FAIL → <failure>, ERROR → <error>, not judged → <skipped>, WARN passes with its warning in <system-out>.

import type { RequirementResult, RunResults } from '../harness/model.js';
import { evidenceLines, groupByFeature, evidenceOf, levelAndClause, outcomeReason } from './digest.js';
import { escapeAttribute, escapeMarkup } from './escape.js';

export function renderJunitXml(results: RunResults): string {
  const suites = groupByFeature(results.requirements).map(([feature, reqs]) =>
    testsuite(`${results.suite}.${feature}`, reqs.map((r) => requirementCase(results.suite, r)), results.startedAt),
  );
  const harness = harnessCases(results);
  if (harness.length > 0) suites.push(testsuite(`${results.suite}.harness`, harness, results.startedAt));

  const name = `cloudconform ${results.suite}: ${results.profile.name}`;
  const all = suites.flatMap((s) => s.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name, ...totals(all), time: seconds(results.durationMs) })}>`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Case {
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  durationMs: number;
  xml: string;
}

function requirementCase(suite: string, req: RequirementResult): Case {
  const classname = `${suite}.${req.feature}`;
  const name = `${req.id}: ${req.statement}`;
  const durationMs = req.checks.reduce((sum, c) => sum + c.durationMs, 0);
  const evidence = evidenceOf(req).map((e) => evidenceLines(e).join('\n')).join('\n\n');
  const header = `${req.outcome} (${levelAndClause(req)})`;
  switch (req.outcome) {
    case 'FAIL':
    case 'ERROR': {
      const tag = req.outcome === 'FAIL' ? 'failure' : 'error';
      const message = evidenceOf(req).find((e) => e.message)?.message ?? header;
      const body = element(tag, { message, type: req.outcome }, `${header}\n${evidence}`);
      return { outcome: tag, durationMs, xml: testcase(classname, name, durationMs, body) };
    }
    case 'WARN': {
      const body = element('system-out', {}, `WARNING: ${header}\n${evidence}`);
      return { outcome: 'pass', durationMs, xml: testcase(classname, name, durationMs, body) };
    }
    case 'PASS':
      return { outcome: 'pass', durationMs, xml: testcase(classname, name, durationMs, '') };
    default: {
      const body = element('skipped', { message: `${req.outcome}: ${outcomeReason(req) ?? ''}` });
      return { outcome: 'skipped', durationMs, xml: testcase(classname, name, durationMs, body) };
    }
  }
}

/** Problems outside any requirement still have to turn a CI run red. */
function harnessCases(results: RunResults): Case[] {
  const classname = `${results.suite}.harness`;
  const errors = results.harnessErrors.map((message, i) => ({
    outcome: 'error' as const,
    durationMs: 0,
    xml: testcase(classname, `harness error ${i + 1}`, 0, element('error', { message, type: 'HARNESS' }, message)),
  }));
  const { leftovers } = results.cleanup;
  if (leftovers.length === 0) return errors;
  const text = leftovers.map((l) => `${l.collection} ${l.id ?? l.name ?? '?'}: ${l.reason}`).join('\n');
  const message = `${leftovers.length} resource(s) left behind`;
  const cleanup = testcase(classname, 'cleanup', 0, element('error', { message, type: 'LEFTOVERS' }, text));
  return [...errors, { outcome: 'error', durationMs: 0, xml: cleanup }];
}

function testsuite(name: string, cases: Case[], timestamp: string): { cases: Case[]; xml: string } {
  const durationMs = cases.reduce((sum, c) => sum + c.durationMs, 0);
  const open = `  <testsuite ${attributes({ name, ...totals(cases), time: seconds(durationMs), timestamp })}>`;
  return { cases, xml: [open, ...cases.map((c) => c.xml), '  </testsuite>'].join('\n') };
}

function testcase(classname: string, name: string, durationMs: number, body: string): string {
  const open = `    <testcase ${attributes({ classname, name, time: seconds(durationMs) })}`;
  return body ? `${open}>\n      ${body}\n    </testcase>` : `${open}/>`;
}

function element(tag: string, attrs: Record<string, string>, text?: string): string {
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
