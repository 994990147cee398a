// The progress line: on a log (not a TTY) a slow check is named at least every heartbeat, with how
// long it has run; on a terminal the line is redrawn in place within the terminal's width.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressLine } from '../../src/cli/progress.js';
import type { CheckResult } from '../../src/model/run.js';

function stream(tty: boolean, columns = 100): NodeJS.WriteStream & { out: string } {
  const s = { out: '', isTTY: tty, columns, write: (chunk: string) => ((s.out += chunk), true) };
  return s as unknown as NodeJS.WriteStream & { out: string };
}

const passed = (name: string): CheckResult => ({ name, file: 'f', requirements: ['CIMI-X-001'], durationMs: 1, transcript: [], state: 'passed' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('progress on a log', () => {
  it('names the longest-running check every heartbeat while checks run, and is silent when none do', () => {
    const s = stream(false);
    const p = progressLine(s, 30_000);
    p.onStart('a', 'CIMI-MACH-004 machine lifecycle [json]');
    vi.advanceTimersByTime(10_000);
    p.onStart('b', 'CIMI-Q-004 property');
    vi.advanceTimersByTime(25_000);
    expect(s.out).toBe('     0 checks  pass 0  fail 0  error 0  n/a 0  running 2; longest 30 s: CIMI-MACH-004 machine lifecycle [json]\n');
    p.onCheck('a', passed('a'), 1);
    p.onCheck('b', passed('b'), 2);
    const before = s.out;
    vi.advanceTimersByTime(120_000);
    expect(s.out, 'no heartbeat while nothing runs').toBe(before);
    p.end();
  });

  it('writes a line every 25 checks and nothing after end()', () => {
    const s = stream(false);
    const p = progressLine(s, 30_000);
    for (let i = 1; i <= 50; i++) {
      p.onStart(String(i), `c${i}`);
      p.onCheck(String(i), passed(`c${i}`), i);
    }
    expect(s.out.split('\n').filter(Boolean)).toEqual(['    25 checks  pass 25  fail 0  error 0  n/a 0', '    50 checks  pass 50  fail 0  error 0  n/a 0']);
    p.onStart('x', 'still running');
    p.end();
    vi.advanceTimersByTime(60_000);
    expect(s.out.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('progress on a terminal', () => {
  it('redraws in place each second, counting the wait up, cut to the width', () => {
    const s = stream(true, 90);
    const p = progressLine(s);
    p.onStart('a', 'CIMI-MACH-004 a check with a very long name that does not fit in the terminal');
    vi.advanceTimersByTime(3000);
    const frames = s.out.split('\r').filter(Boolean);
    expect(frames.length).toBe(3);
    expect(frames.at(-1)).toContain('running 1; longest 3 s: CIMI-MACH-004 a');
    expect(frames.at(-1)).not.toContain('terminal');
    for (const f of frames) expect(f.length).toBeLessThanOrEqual(89);
    p.end();
    expect(s.out.endsWith('\r')).toBe(true);
  });
});
