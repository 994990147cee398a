// `npm run bench`: every benchmark, side by side with its baseline in the same run; writes
// bench/results.json and bench/results.md (the table the README shows) and prints the table.
// `npm run bench -- harness provider` runs only the named ones.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/harness/paths.js';
import type { BenchResult } from './result.js';
import { benchFullRun } from './fullRun.bench.js';
import { benchOva } from './ova.bench.js';
import { benchOvfCorpus } from './ovfCorpus.bench.js';
import { benchOvfBatch } from './ovfBatch.bench.js';
import { benchHarnessClient } from './harnessClient.bench.js';
import { benchReferenceProvider } from './referenceProvider.bench.js';
import { benchRealCloudRun } from './realCloudRun.bench.js';

const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  run: async () => [benchFullRun()],
  ova: () => benchOva(),
  corpus: async () => [await benchOvfCorpus()],
  batch: async () => [await benchOvfBatch()],
  harness: async () => [await benchHarnessClient()],
  provider: async () => [await benchReferenceProvider()],
  cloud: async () => [await benchRealCloudRun()],
};

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));
const triple = (s: { min: number; median: number; max: number }) => `${fmt(s.min)} / **${fmt(s.median)}** / ${fmt(s.max)}`;

function table(results: BenchResult[]): string {
  const rows = results.map((r) => {
    const extra = r.extra?.['peakRssMiB'] ? ` · peak RSS ${fmt((r.extra['peakRssMiB'] as { max: number }).max)} MiB` : '';
    const met = r.met === null ? 'n/a' : r.met ? 'met' : '**missed**';
    return `| ${r.name} | ${r.unit} | ${triple(r.subject)} | ${r.baseline ? `${r.baseline.name}: ${triple(r.baseline.stats)}` : '—'} | ${r.ratio !== undefined ? `${fmt(r.ratio)}×` : '—'}${extra} | ${r.target} | ${met} |`;
  });
  return ['| benchmark | unit | ours (min / median / max) | baseline (min / median / max) | ratio | target | |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
const resultsFile = path.join(packageRoot, 'bench/results.json');
const fresh: BenchResult[] = [];
const failures: string[] = [];
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const measuredAt = new Date().toISOString();
    fresh.push(...(await bench()).map((r) => ({ ...r, measuredAt })));
  } catch (err) {
    failures.push(`${name}: ${(err as Error).message}`);
  }
}
// Lines not re-measured this time are kept, each with its own date.
const previous: BenchResult[] = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { results: BenchResult[] }).results : [];
const results = [...previous.filter((p) => !fresh.some((f) => f.name === p.name)), ...fresh];
// Memory must not grow with the OVA's size: compare the peaks of the sizes measured.
const ova = results.filter((r) => r.name.startsWith('OVA verify'));
const peaks = ova.map((r) => (r.extra?.['peakRssMiB'] as { max: number }).max);
if (peaks.length > 1) {
  const spread = (Math.max(...peaks) - Math.min(...peaks)) / Math.min(...peaks);
  for (const r of ova) r.notes = [...r.notes.filter((n) => !n.startsWith('peak RSS across sizes')), `peak RSS across sizes: ${peaks.map(fmt).join(' vs ')} MiB (spread ${fmt(spread * 100)}%)`];
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
const dates = results.map((r) => r.measuredAt?.slice(0, 16)).filter(Boolean).sort();
const md = [`Measured ${dates[0] ?? '?'}…${dates.at(-1) ?? '?'} (UTC) on ${machine}.`, '', table(results), '', ...results.flatMap((r) => r.notes.map((n) => `- ${r.name}: ${n}`)), ...failures.map((f) => `- not measured: ${f}`), ''].join('\n');
fs.writeFileSync(resultsFile, `${JSON.stringify({ machine, results, failures }, null, 2)}\n`);
fs.writeFileSync(path.join(packageRoot, 'bench/results.md'), md);
process.stdout.write(`${md}\n`);
process.exitCode = failures.length ? 1 : 0;
