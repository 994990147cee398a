// A default external run as a real cloud would see it: `cloudconform serve --transition-ms 5000
// --latency-ms 50` (every boot, stop and deletion takes 5 s, every answer 50 ms more) judged by a
// profile that names only the endpoint and concurrency 4. Reports wall time (target ≤ 10 minutes),
// Machines created and requests sent (from results.json's cost), against the same run without the
// delays, measured in the same bench run.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { packageRoot } from '../src/harness/paths.js';
import type { RunResults } from '../src/model/run.js';
import { round, stats } from './stats.js';
import { serveReference } from '../test/integration/serveProcess.js';
import type { BenchResult } from './result.js';

const BIN = path.join(packageRoot, 'dist/cli/bin.js');
const TRANSITION_MS = 5000;
const LATENCY_MS = 50;
const TARGET_S = 600;

interface Measured {
  seconds: number;
  verdict: string;
  machines: number;
  resources: number;
  requests: number;
}

async function runAgainst(transitionMs: number, latencyMs: number): Promise<Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-cloud-'));
  const { cepUrl, child } = await serveReference(['--transition-ms', String(transitionMs), '--latency-ms', String(latencyMs)]);
  try {
    const profile = path.join(dir, 'cloud.yaml');
    fs.writeFileSync(profile, ['name: real-cloud-bench', `endpoint: ${cepUrl}`, 'limits:', '  concurrency: 4', ''].join('\n'));
    const started = Date.now();
    const run = spawn(process.execPath, [BIN, 'run', '--profile', profile, '--no-progress', '--reports', path.join(dir, 'reports')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    run.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(run, 'exit')) as [number | null];
    const seconds = (Date.now() - started) / 1000;
    const [folder] = fs.readdirSync(path.join(dir, 'reports'));
    if (!folder) throw new Error(`run exited ${code} without a report: ${stderr.split('\n').slice(-3).join(' ')}`);
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'reports', folder, 'results.json'), 'utf8')) as RunResults;
    return { seconds, verdict: results.verdict, machines: results.cost.created.machines, resources: results.cost.created.total, requests: results.cost.requests };
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchRealCloudRun(): Promise<BenchResult> {
  // One sample each: a delayed run takes minutes, and its time is set by the waits, not by noise.
  const baseline = await runAgainst(0, 0);
  const cloud = await runAgainst(TRANSITION_MS, LATENCY_MS);
  const subject = stats([round(cloud.seconds, 1)]);
  const notes = [
    `delayed: ${cloud.verdict}, ${cloud.machines} Machines (${cloud.resources} resources) created, ${cloud.requests} requests; no delays: ${baseline.verdict}, ${baseline.machines} Machines, ${baseline.requests} requests`,
  ];
  const met = cloud.seconds <= TARGET_S && cloud.verdict === 'CONFORMANT';
  if (cloud.verdict !== 'CONFORMANT') notes.push(`the delayed run's verdict was ${cloud.verdict}, not CONFORMANT`);
  return {
    name: `default external run, transitions ${TRANSITION_MS / 1000} s, latency ${LATENCY_MS} ms, concurrency 4`,
    unit: 's wall time',
    subject,
    baseline: { name: 'same run, no delays', stats: stats([round(baseline.seconds, 1)]) },
    ratio: round(cloud.seconds / baseline.seconds, 2),
    target: `≤ ${TARGET_S / 60} min, CONFORMANT`,
    met,
    notes,
    extra: { machines: cloud.machines, resources: cloud.resources, requests: cloud.requests },
  };
}
