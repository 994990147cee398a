// The default run (`npm start`: the CIMI and the vCloud suite against the embedded reference provider,
// one after the other), wall time of the CLI process. Absolute target: ≤ 30 s per suite on this 2-core
// machine, so ≤ 60 s for the two; each suite's own time (its results.json) is in the notes.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/harness/paths.js';
import type { RunResults } from '../src/model/run.js';
import { round, stats } from './stats.js';
import type { BenchResult } from './result.js';

const SUITES = ['cimi', 'vcloud'];
const TARGET_S = 30 * SUITES.length;

export function benchFullRun(repeats = 3): BenchResult {
  const samples: number[] = [];
  const perSuite = new Map<string, number[]>(SUITES.map((s) => [s, []]));
  const notes: string[] = [];
  for (let i = 0; i < repeats; i++) {
    const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-run-'));
    const t = Date.now();
    const res = spawnSync(process.execPath, [path.join(packageRoot, 'dist/cli/bin.js'), 'run', '--no-progress', '--reports', reports], { encoding: 'utf8' });
    samples.push(Date.now() - t);
    if (res.status !== 0) notes.push(`run ${i + 1} exited ${res.status}: ${res.stderr.split('\n').slice(-3).join(' ')}`);
    const [combined] = fs.readdirSync(reports);
    for (const suite of SUITES) {
      const file = combined ? path.join(reports, combined, suite, 'results.json') : '';
      if (file && fs.existsSync(file)) perSuite.get(suite)!.push((JSON.parse(fs.readFileSync(file, 'utf8')) as RunResults).durationMs / 1000);
    }
    fs.rmSync(reports, { recursive: true, force: true });
  }
  for (const [suite, s] of perSuite) if (s.length) notes.push(`${suite} suite: ${round(stats(s).median, 1)} s median (its results.json durationMs)`);
  const s = stats(samples.map((ms) => round(ms / 1000, 2)));
  return { name: 'full default run (npm start)', unit: 's wall time (CIMI and vCloud suites)', subject: s, target: `≤ ${TARGET_S} s (30 s a suite)`, met: s.median <= TARGET_S, notes };
}
