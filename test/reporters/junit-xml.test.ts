import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { renderJunitXml } from '../../src/reporters/junitXml.js';
import { check, everyOutcome, exchange, HOSTILE, requirement, runResults } from './build.js';
import { parseXml } from './xml.js';

function testcases(xml: string): Element[] {
  return Array.from(parseXml(xml).getElementsByTagName('testcase'));
}

function child(testcase: Element): string | undefined {
  return Array.from(testcase.childNodes).find((n): n is Element => n.nodeType === 1)?.tagName;
}

describe('junit.xml', () => {
  it('has one testcase per requirement, named ID: statement, classed suite.feature', () => {
    const results = everyOutcome();
    const cases = testcases(renderJunitXml(results));
    expect(cases).toHaveLength(results.requirements.length);
    const seen = cases.map((c) => `${c.getAttribute('classname')} ${c.getAttribute('name')}`).sort();
    expect(seen).toEqual(results.requirements.map((r) => `cimi.${r.feature} ${r.id}: ${r.statement}`).sort());
  });

  it('uses the element that matches each outcome', () => {
    const results = everyOutcome();
    const byId = Object.fromEntries(testcases(renderJunitXml(results)).map((c) => [c.getAttribute('name')!.split(':')[0], child(c)]));
    expect(byId).toEqual({
      'CIMI-CEP-001': undefined,
      'CIMI-CEP-002': 'system-out',
      'CIMI-QRY-004': 'failure',
      'CIMI-MCH-002': 'error',
      'CIMI-MCH-003': 'skipped',
      'CIMI-MCH-004': 'skipped',
      'CIMI-MCH-005': 'skipped',
    });
  });

  it('puts expected, observed, curl and replay in the failure body', () => {
    const doc = parseXml(renderJunitXml(everyOutcome()));
    const failure = doc.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe('$first ignored');
    expect(failure.textContent).toContain('FAIL (MUST, DSP0263 §4.1.6.2)');
    expect(failure.textContent).toContain('check: lists machines [json]');
    expect(failure.textContent).toContain('expected: 2 machines');
    expect(failure.textContent).toContain('observed: 5 machines');
    expect(failure.textContent).toContain("reproduce: curl -sS -H 'accept: application/json'");
    expect(failure.textContent).toContain('replay: 1234:0:1');
  });

  it('explains skipped outcomes and counts them', () => {
    const xml = renderJunitXml(everyOutcome());
    const doc = parseXml(xml);
    const messages = Array.from(doc.getElementsByTagName('skipped')).map((s) => s.getAttribute('message'));
    expect(messages).toContain('WAIVED: waived until 2027-01-01: vendor ticket 42');
    expect(messages.some((m) => m?.startsWith('NOT_APPLICABLE: '))).toBe(true);
    const root = doc.documentElement!;
    expect([root.getAttribute('tests'), root.getAttribute('failures'), root.getAttribute('errors'), root.getAttribute('skipped')])
      .toEqual(['7', '1', '1', '3']);
  });

  it('reports harness errors and leftovers as extra error cases', () => {
    const results = everyOutcome();
    results.harnessErrors.push('check "x" names unknown requirement CIMI-XXX-999');
    results.cleanup.leftovers.push({ collection: 'machines', id: 'm/9', reason: 'delete returned 500' });
    const harness = testcases(renderJunitXml(results)).filter((c) => c.getAttribute('classname') === 'cimi.harness');
    expect(harness.map((c) => [c.getAttribute('name'), child(c)])).toEqual([
      ['harness error 1', 'error'],
      ['cleanup', 'error'],
    ]);
  });

  it('stays well-formed and keeps hostile text readable', () => {
    const hostileCheck = check({
      state: 'failed',
      message: HOSTILE,
      expected: HOSTILE,
      observed: HOSTILE,
      transcript: [exchange({ curl: `curl '${HOSTILE}'` })],
    });
    const results = runResults([requirement({ id: 'CIMI-CEP-001', outcome: 'FAIL', statement: HOSTILE, feature: 'a<b&"c"', checks: [hostileCheck] })]);
    const xml = renderJunitXml(results);
    const testcase = testcases(xml)[0]!;
    expect(testcase.getAttribute('name')).toContain('a]]>b <script>alert("x")</script> & \'q\'');
    expect(testcase.getAttribute('name')).toContain('\\x00\\x07\\x1B[31mred');
    expect(testcase.getAttribute('name')).toContain('\\uFFFE \\uD800 ✓ 日本');
    expect(testcase.getAttribute('classname')).toBe('cimi.a<b&"c"');
    const failure = testcase.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toContain('\\x0D\n');
    expect(failure.textContent).toContain('observed: a]]>b <script>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});
