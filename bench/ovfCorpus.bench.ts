// OVF validation over every descriptor of ../shared/ovf/corpus: `cloudconform validate` with all the
// files in one process, against `xmllint --schema` over the same files (one process per schema,
// as ../shared/ovf/validate.sh picks it). Target: time ≤ 3× xmllint: Node's own start-up is several
// times xmllint's whole run here, so the per-descriptor cost is judged by the batch row (ovfBatch.bench.ts).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/harness/paths.js';
import { validatePath } from '../src/ovf/validate.js';
import { available, measure } from './measure.js';
import { interleave, round, stats, timed } from './stats.js';
import type { BenchResult } from './result.js';

const shared = path.resolve(packageRoot, '../shared/ovf');
const SCHEMA: Record<string, string> = {
  'http://schemas.dmtf.org/ovf/envelope/2': 'http://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd',
};
const DEFAULT_SCHEMA = 'http://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.0.xsd';

function descriptors(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ovf$/i.test(e.name)) out.push(p);
    }
  };
  walk(path.join(shared, 'corpus'));
  return out.sort();
}

/** Groups files by the schema their root namespace selects (like validate.sh). */
function bySchema(files: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const ns = spawnSync('xmllint', ['--nonet', '--xpath', 'namespace-uri(/*)', f], { encoding: 'utf8' }).stdout.trim();
    const schema = SCHEMA[ns] ?? DEFAULT_SCHEMA;
    groups.set(schema, [...(groups.get(schema) ?? []), f]);
  }
  return groups;
}

export async function benchOvfCorpus(repeats = 7): Promise<BenchResult> {
  if (!fs.existsSync(shared)) throw new Error(`${shared} is absent: the corpus benchmark needs ../shared/ovf`);
  if (!available('xmllint')) throw new Error('xmllint is needed for the baseline (Debian package libxml2-utils)');
  const files = descriptors();
  const groups = bySchema(files);
  const env = { ...process.env, XML_CATALOG_FILES: path.join(shared, 'xsd/catalog.xml') };
  const ours = async () => measure(process.execPath, [path.join(packageRoot, 'dist/cli/bin.js'), 'validate', ...files, '--format', 'json']).seconds * 1000;
  const xmllint = async () => {
    let ms = 0;
    for (const [schema, group] of groups) ms += measure('xmllint', ['--noout', '--nonet', '--schema', schema, ...group], env).seconds * 1000;
    return ms;
  };
  const [subject, baseline] = await interleave(repeats, ours, xmllint);
  const ratio = round(subject.median / baseline.median, 3);
  // The same work without Node's start-up and module loading, which alone exceed xmllint's whole run.
  await Promise.all(files.map((f) => validatePath(f)));
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) samples.push(round(await timed(async () => { for (const f of files) await validatePath(f); }), 1));
  const inProcess = stats(samples);
  // Node's bare start-up, the floor under the ratio: `node -e 0`, and without NODE_EXTRA_CA_CERTS when
  // the environment sets it (Node then reads the extra certificates at every start).
  const nodeAlone = (e: NodeJS.ProcessEnv) => stats(Array.from({ length: repeats }, () => round(measure(process.execPath, ['-e', '0'], e).seconds * 1000, 1)));
  const bare = nodeAlone(process.env);
  const { NODE_EXTRA_CA_CERTS: extraCerts, ...withoutCerts } = process.env;
  const bareNoCerts = extraCerts === undefined ? undefined : nodeAlone(withoutCerts);
  return {
    name: `OVF validate, ${files.length} corpus descriptors`,
    unit: 'ms (whole corpus, process start included)',
    subject,
    baseline: { name: 'xmllint --schema', stats: baseline },
    ratio,
    ratioMeaning: 'time(validate) / time(xmllint)',
    target: '≤ 3×',
    met: ratio <= 3,
    notes: [
      `in-process, start-up excluded: ${inProcess.median} ms median for the corpus (${round(inProcess.median / baseline.median, 2)}× xmllint's whole run)`,
      `node -e 0 alone: ${bare.median} ms median (${round(bare.median / baseline.median, 2)}× xmllint's whole run)` +
        (bareNoCerts ? `; ${bareNoCerts.median} ms without NODE_EXTRA_CA_CERTS, which this environment sets` : ''),
    ],
    extra: { inProcessMs: inProcess, nodeStartMs: bare, ...(bareNoCerts ? { nodeStartNoExtraCertsMs: bareNoCerts } : {}) },
  };
}
