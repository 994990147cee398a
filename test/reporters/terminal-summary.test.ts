import { describe, expect, it } from 'vitest';
import { renderTerminalSummary } from '../../src/reporters/terminalSummary.js';
import { everyOutcome, HOSTILE, requirement, runResults } from './build.js';

describe('terminal summary', () => {
  it('prints verdict, score with denominator, features and failures in plain text', () => {
    const text = renderTerminalSummary(everyOutcome());
    expect(text).toContain('Verdict: NOT CONFORMANT   score 6/14 (42.9%)');
    expect(text).toMatch(/^ {2}machines\s+3\/9 \(33\.3%\)\s+0 pass, 0 warn, 1 fail, 1 error, 1 waived, 0 n\/a$/m);
    expect(text).toContain('Failed (2):');
    expect(text).toContain('  FAIL CIMI-QRY-004 (MUST, DSP0263 §4.1.6.2): statement of CIMI-QRY-004');
    expect(text).toContain('      expected: 2 machines');
    expect(text).toContain("      reproduce: curl -sS -H 'accept: application/json'");
    expect(text).toContain('      replay: 1234:0:1');
    expect(text).toContain('Warnings (1):');
    expect(text).toContain('Cleanup: created 3, deleted 3, left behind 0');
    expect(text).not.toContain('\u001b');
  });

  it('colours only when asked', () => {
    const text = renderTerminalSummary(everyOutcome(), { color: true });
    expect(text).toContain('\u001b[31mNOT CONFORMANT\u001b[0m');
  });

  it('never passes provider control characters to the terminal', () => {
    const results = runResults([requirement({ id: 'CIMI-CEP-001', outcome: 'FAIL', statement: HOSTILE })]);
    const text = renderTerminalSummary(results, { color: true });
    expect(text).toContain('\\x1B[31mred');
    expect(text.replace(/\u001b\[\d+m/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  });
});
