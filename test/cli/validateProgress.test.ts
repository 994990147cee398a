// validate's progress line: only on a terminal, redrawn at most every 100 ms, the total shown as far as
// it is known, the current path cut from its start to fit, cleared at the end and before a result.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressText, validateProgress } from '../../src/cli/validateProgress.js';
import { runValidateCommand } from '../../src/cli/validateCommand.js';

function stream(tty: boolean, columns = 100): { out: string; isTTY: boolean; columns: number; write(chunk: string): boolean } {
  const s = { out: '', isTTY: tty, columns, write: (chunk: string) => ((s.out += chunk), true) };
  return s;
}
const frames = (s: { out: string }): string[] => s.out.split('\r').map((f) => f.trimEnd()).filter(Boolean);

describe('progress line', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is never drawn on a log', () => {
    const s = stream(false);
    const p = validateProgress(s);
    p.start('a.ova');
    p.done('a.ova', 'invalid');
    p.total(1, true);
    vi.advanceTimersByTime(1000);
    p.end();
    expect(s.out).toBe('');
  });

  it('counts, shows the oldest running path, and the total as far as it is known', () => {
    const s = stream(true);
    const p = validateProgress(s);
    p.start('a.ova');
    expect(frames(s).at(-1)).toBe('validated 0 · 0 invalid · 0 unreadable · current: a.ova');
    p.start('b.ova');
    p.done('a.ova', 'invalid');
    p.total(50, false);
    vi.advanceTimersByTime(100);
    expect(frames(s).at(-1)).toBe('validated 1/50+ · 1 invalid · 0 unreadable · current: b.ova');
    p.done('b.ova', 'unreadable');
    p.total(2, true);
    vi.advanceTimersByTime(100);
    expect(frames(s).at(-1)).toBe('validated 2/2 · 1 invalid · 1 unreadable');
    p.total(60, false); // a late lower bound does not undo a final count
    p.reclassify('invalid', 'unreadable');
    vi.advanceTimersByTime(100);
    expect(frames(s).at(-1)).toBe('validated 2/2 · 0 invalid · 2 unreadable');
    p.activity('xsd check of 200 descriptors');
    vi.advanceTimersByTime(100);
    expect(frames(s).at(-1)).toBe('validated 2/2 · 0 invalid · 2 unreadable · current: xsd check of 200 descriptors');
    p.end();
  });

  it('redraws at most every 100 ms however many results arrive, and the last state is drawn', () => {
    const s = stream(true);
    const p = validateProgress(s);
    for (let i = 0; i < 1000; i++) {
      p.start(`p${i}.ova`);
      p.done(`p${i}.ova`, 'valid');
      if (i % 100 === 99) vi.advanceTimersByTime(50);
    }
    // 1000 events in 500 ms: the first drawn at once, then one every 100 ms at most.
    expect(frames(s).length).toBeLessThanOrEqual(6);
    vi.advanceTimersByTime(100);
    expect(frames(s).at(-1)).toBe('validated 1000 · 0 invalid · 0 unreadable');
    const before = s.out;
    vi.advanceTimersByTime(10_000);
    expect(s.out, 'nothing new to draw').toBe(before);
    p.end();
  });

  it('fits the terminal, cutting the current path from its start', () => {
    const s = stream(true, 80);
    const p = validateProgress(s);
    p.start('/very/long/path/to/a/release/folder/with/many/levels/appliance.ova');
    const frame = frames(s).at(-1)!;
    expect(frame.length).toBeLessThanOrEqual(79);
    expect(frame).toMatch(/current: ….*\/appliance\.ova$/);
    expect(progressText({ done: 1, total: 0, final: false, invalid: 0, unreadable: 0, current: 'x.ova' }, 20)).toBe('validated 1 · 0 inva');
    p.end();
  });

  it('is cleared at the end and not drawn again', () => {
    const s = stream(true);
    const p = validateProgress(s);
    p.start('a.ova');
    p.done('a.ova', 'valid');
    p.end();
    expect(s.out.endsWith(`\r${' '.repeat('validated 0 · 0 invalid · 0 unreadable · current: a.ova'.length)}\r`)).toBe(true);
    const before = s.out;
    p.start('b.ova');
    vi.advanceTimersByTime(1000);
    expect(s.out).toBe(before);
  });
});

describe('progress during validate', () => {
  it('goes to stderr on a terminal, is cleared before each result written to the same terminal, and at the end', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ovf-progress-'));
    try {
      await mkdir(join(root, 'sub'));
      const bare = '<?xml version="1.0"?><x/>';
      for (const n of ['a', 'b', 'c']) await writeFile(join(root, 'sub', `${n}.ovf`), bare);
      const log: { to: string; chunk: string }[] = [];
      const tty = (to: string) => ({ isTTY: true, columns: 200, write: (chunk: string) => (log.push({ to, chunk }), true) });
      expect(await runValidateCommand([root], {}, { stdout: tty('out'), stderr: tty('err') })).toBe(1);
      const err = log.filter((e) => e.to === 'err').map((e) => e.chunk).join('');
      expect(err).toMatch(/validated \d+.* · current: .*\/sub\/a\.ovf/);
      expect(err.endsWith('\r')).toBe(true);
      let drawn = false;
      for (const e of log) {
        if (e.to === 'err') drawn = !/^\r *\r$/.test(e.chunk);
        else expect(drawn, `the progress line is cleared before ${e.chunk}`).toBe(false);
      }
      expect(log.filter((e) => e.to === 'out').at(-1)?.chunk).toBe('3 paths: 0 valid, 3 invalid, 0 unreadable\n');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
