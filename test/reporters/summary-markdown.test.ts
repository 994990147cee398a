import { describe, expect, it } from 'vitest';
import { renderSummaryMarkdown } from '../../src/reporters/summaryMarkdown.js';
import { check, everyOutcome, exchange, HOSTILE, requirement, runResults } from './build.js';

describe('summary.md', () => {
  const md = renderSummaryMarkdown(everyOutcome());

  it('states the verdict and the score with its denominator', () => {
    expect(md).toContain('**Verdict: NOT CONFORMANT**');
    expect(md).toMatch(/score \d+\/\d+ \(\d+\.\d%\)/);
    expect(md).toContain('score 6/14 (42.9%)');
  });

  it('has a per-feature table', () => {
    expect(md).toContain('| feature | score |');
    expect(md).toMatch(/^\| machines \| 3\/9 \(33\.3%\) \| 0 \| 0 \| 1 \| 1 \| 1 \| 0 \| 1 \|$/m);
  });

  it('lists failed requirements with clause, level, evidence, curl and replay', () => {
    const failed = md.slice(md.indexOf('## Failed requirements'), md.indexOf('## Warnings'));
    expect(failed).toContain('### CIMI-QRY-004 — FAIL (MUST, DSP0263 §4.1.6.2)');
    expect(failed).toContain('### CIMI-MCH-002 — ERROR (MUST, DSP0263 §5.5.1)');
    expect(failed).toContain('  - expected: 2 machines');
    expect(failed).toContain('  - observed: 5 machines');
    expect(failed).toContain('  - replay: 1234:0:1');
    expect(failed).toContain("  ```sh\n  curl -sS -H 'accept: application/json'");
    expect(failed).not.toContain('CIMI-CEP-002');
  });

  it('lists warnings, waivers and cleanup', () => {
    expect(md).toContain('### CIMI-CEP-002 — WARN (SHOULD, DSP0263 §5.5.2)');
    expect(md).toContain('**CIMI-MCH-005** (MUST, DSP0263 §5.5.1): waived until 2027-01-01: vendor ticket 42');
    expect(md).toContain('Created 3, deleted 3, left behind 0.');
  });

  it('lists leftovers and harness errors', () => {
    const results = everyOutcome();
    results.cleanup.leftovers.push({ collection: 'machines', name: 'cc-7', reason: '409' });
    results.harnessErrors.push('worker crashed');
    const text = renderSummaryMarkdown(results);
    expect(text).toContain('- machines cc-7: 409');
    expect(text).toContain('## Harness errors\n\n- worker crashed');
  });

  it('leaves out empty sections and shows n/a for an empty score', () => {
    const text = renderSummaryMarkdown(runResults([requirement({ id: 'CIMI-CEP-001', outcome: 'NOT_APPLICABLE' })]));
    expect(text).not.toContain('## Failed requirements');
    expect(text).toContain('score 0/0 (n/a)');
  });

  it('neutralises hostile text', () => {
    const results = runResults([
      requirement({
        id: 'CIMI-CEP-001',
        outcome: 'FAIL',
        statement: HOSTILE,
        checks: [check({ state: 'failed', observed: HOSTILE, transcript: [exchange({ curl: 'curl ```x``` ````' })] })],
      }),
    ]);
    const text = renderSummaryMarkdown(results);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('\\x1B\\[31mred');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    // The fence outgrows the longest backtick run in the curl line.
    expect(text).toContain('`````sh\n  curl ```x``` ````\n  `````');
  });
});
