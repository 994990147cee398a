// The default run (`npm start`: the whole CIMI suite against the embedded reference provider),
// wall time of the CLI process. Absolute target: ≤ 30 s on this 2-core machine.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/harness/paths.js';
import { round, stats } from './stats.js';
import type { BenchResult } from './result.js';

export function benchFullRun(repeats = 3): BenchResult {
  const samples: number[] = [];
  const notes: string[] = [];
  for (let i = 0; i < repeats; i++) {
    const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-run-'));
    const t = Date.now();
    const res = spawnSync(process.execPath, [path.join(packageRoot, 'dist/cli/bin.js'), 'run', '--no-progress', '--reports', reports], { encoding: 'utf8' });
    samples.push(Date.now() - t);
    if (res.status !== 0) notes.push(`run ${i + 1} exited ${res.status}: ${res.stderr.split('\n').slice(-3).join(' ')}`);
    fs.rmSync(reports, { recursive: true, force: true });
  }
  const s = stats(samples.map((ms) => round(ms / 1000, 2)));
  return { name: 'full default run (npm start)', unit: 's wall time', subject: s, target: '≤ 30 s', met: s.median <= 30, notes };
}
