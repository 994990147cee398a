// OVA verification (tar walk + manifest digests) of generated 1 GiB and 4 GiB OVAs by
// `cloudconform validate`, against `openssl dgst -sha256` on the same file (the hardware limit here)
// and `sha256sum`. Targets: throughput ≥ 0.8× openssl; peak RSS ≤ 120 MB and the same for both sizes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/harness/paths.js';
import { writeBigOva } from '../src/ovf/generators/bigOva.js';
import { available, measure } from './measure.js';
import { round, stats } from './stats.js';
import type { BenchResult } from './result.js';

const GiB = 1024 ** 3;

export async function benchOva(sizesGiB = [1, 4], repeats = 3): Promise<BenchResult[]> {
  if (!available('openssl')) throw new Error('openssl is needed for the OVA baseline');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-ova-'));
  const results: BenchResult[] = [];
  try {
    for (const size of sizesGiB) {
      const file = await writeBigOva(dir, size * GiB, `big${size}`, 'second');
      const bytes = fs.statSync(file).size;
      const mibps = (s: number) => round(bytes / 1024 ** 2 / s, 1);
      const ours: number[] = [];
      const rss: number[] = [];
      const openssl: number[] = [];
      const sha256sum: number[] = [];
      const notes: string[] = [];
      for (let i = 0; i < repeats; i++) {
        const v = measure(process.execPath, [path.join(packageRoot, 'dist/cli/bin.js'), 'validate', file, '--format', 'json']);
        if (v.status !== 0) notes.push(`validate exited ${v.status}`);
        ours.push(mibps(v.seconds));
        rss.push(round(v.maxRssMiB, 1));
        openssl.push(mibps(measure('openssl', ['dgst', '-sha256', file]).seconds));
        if (available('sha256sum')) sha256sum.push(mibps(measure('sha256sum', [file]).seconds));
      }
      const subject = stats(ours);
      const baseline = stats(openssl);
      const ratio = round(subject.median / baseline.median, 3);
      const peak = Math.max(...rss);
      results.push({
        name: `OVA verify, ${size} GiB (descriptor, manifest, disk)`,
        unit: 'MiB/s',
        subject,
        baseline: { name: 'openssl dgst -sha256', stats: baseline },
        ratio,
        ratioMeaning: 'throughput(validate) / throughput(openssl)',
        target: '≥ 0.8×; peak RSS ≤ 120 MB',
        met: ratio >= 0.8 && peak <= 120,
        notes,
        extra: { peakRssMiB: stats(rss), ...(sha256sum.length ? { sha256sum: stats(sha256sum) } : {}), bytes },
      });
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
