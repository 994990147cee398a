// OVF validation of a large batch in one process: 5,000 generated descriptors (fixed seed, OVF 1.x and
// 2.x mixed) validated by one `cloudconform validate f1 … f5000` against `xmllint --schema` over the
// same files, one process per schema as for the corpus (two: 1.x and 2.x). Here process start-up is
// paid once on both sides, so the ratio is the cost per descriptor. Target: time ≤ 1.0× xmllint.
// The files are passed one by one: a folder holding them all would be read as one package.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { packageRoot } from '../src/harness/paths.js';
import { FindingSink } from '../src/ovf/finding.js';
import { validEnvelope } from '../src/ovf/generators/arbitraries.js';
import { parseXml } from '../src/ovf/safeXml.js';
import { serializeEnvelope } from '../src/ovf/serialize.js';
import { checkDescriptorText, validatePath } from '../src/ovf/validate.js';
import { available, measure } from './measure.js';
import { interleave, round, stats, timed } from './stats.js';
import type { BenchResult } from './result.js';

const shared = path.resolve(packageRoot, '../shared/ovf');
const SCHEMA = {
  1: 'http://schemas.dmtf.org/ovf/envelope/1/dsp8023_1.1.0.xsd',
  2: 'http://schemas.dmtf.org/ovf/envelope/2/dsp8023_2.0.1.xsd',
} as const;
export const BATCH_SEED = 20261207;

/** Writes `count` generated descriptors into `dir`; the files of each OVF major version. */
export function writeBatch(dir: string, count: number): { files: string[]; byVersion: Record<1 | 2, string[]>; texts: string[] } {
  const byVersion: Record<1 | 2, string[]> = { 1: [], 2: [] };
  const files: string[] = [];
  const texts: string[] = [];
  fc.sample(validEnvelope, { seed: BATCH_SEED, numRuns: count }).forEach((env, i) => {
    const file = path.join(dir, `d${String(i).padStart(5, '0')}.ovf`);
    const text = serializeEnvelope(env);
    fs.writeFileSync(file, text);
    files.push(file);
    texts.push(text);
    byVersion[env.version].push(file);
  });
  return { files, byVersion, texts };
}

export async function benchOvfBatch(count = 5000, repeats = 5): Promise<BenchResult> {
  if (!fs.existsSync(path.join(shared, 'xsd/catalog.xml'))) throw new Error(`${shared}/xsd is absent: the batch benchmark needs the DMTF schemas of ../shared/ovf`);
  if (!available('xmllint')) throw new Error('xmllint is needed for the baseline (Debian package libxml2-utils)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-batch-'));
  try {
    const { files, byVersion, texts } = writeBatch(dir, count);
    const bin = path.join(packageRoot, 'dist/cli/bin.js');
    const env = { ...process.env, XML_CATALOG_FILES: path.join(shared, 'xsd/catalog.xml') };
    const notes: string[] = [];
    // Once, outside the timing: the run must judge every file (exit 0 or 1, one result each).
    const check = measure(process.execPath, [bin, 'validate', ...files, '--format', 'json']);
    const judged = check.status === 0 || check.status === 1 ? (JSON.parse(check.stdout) as { results: unknown[] }).results.length : 0;
    if (judged !== count) notes.push(`validate judged ${judged} of ${count} files (exit ${check.status})`);
    const ours = async () => measure(process.execPath, [bin, 'validate', ...files, '--format', 'json']).seconds * 1000;
    const xmllint = async () => {
      let ms = 0;
      for (const v of [1, 2] as const) if (byVersion[v].length) ms += measure('xmllint', ['--noout', '--nonet', '--schema', SCHEMA[v], ...byVersion[v]], env).seconds * 1000;
      return ms;
    };
    const [subject, baseline] = await interleave(repeats, ours, xmllint);
    const ratio = round(subject.median / baseline.median, 3);

    // Where the time goes: start-up (one small descriptor), then the same work in this process, split
    // into parsing, the descriptor rules (parse included) and the whole path (file reads and package rules too).
    const startup = stats(Array.from({ length: repeats }, () => round(measure(process.execPath, [bin, 'validate', files[0] as string, '--format', 'json']).seconds * 1000, 1)));
    for (const t of texts) checkDescriptorText(t, new FindingSink('warm-up'));
    const parse = round(await timed(async () => { for (const t of texts) parseXml(t); }), 1);
    const rules = round(await timed(async () => { for (const t of texts) checkDescriptorText(t, new FindingSink('d.ovf')); }), 1);
    const whole = round(await timed(async () => { for (const f of files) await validatePath(f); }), 1);
    // The same descriptors one folder each: what the package reading costs without a folder shared by thousands.
    const own = files.map((f) => {
      const sub = path.join(dir, 'own', path.basename(f, '.ovf'));
      fs.mkdirSync(sub, { recursive: true });
      fs.copyFileSync(f, path.join(sub, path.basename(f)));
      return path.join(sub, path.basename(f));
    });
    const wholeOwn = round(await timed(async () => { for (const f of own) await validatePath(f); }), 1);
    const per = (ms: number) => round((ms * 1000) / count, 0);
    notes.push(
      `start-up (one descriptor): ${startup.median} ms median; in-process, start-up excluded: ${whole} ms for ${count} (${per(whole)} µs each): ` +
        `parse ${parse} ms (${per(parse)} µs each), descriptor rules ${round(rules - parse, 1)} ms, file reads and package rules ${round(whole - rules, 1)} ms`,
      `the same ${count} descriptors one folder each, in-process: ${wholeOwn} ms (${per(wholeOwn)} µs each): a shared folder costs no more than one each; what remains is about six file-system calls per descriptor (first block, stat, read, the .mf, .cert and referenced-file lookups) on the thread pool`,
      `xmllint: one process per schema (${byVersion[1].length} OVF 1.x, ${byVersion[2].length} OVF 2.x descriptors; seed ${BATCH_SEED})`,
    );
    return {
      name: `OVF validate, ${count} generated descriptors in one process`,
      unit: 'ms (whole batch, process start included)',
      subject,
      baseline: { name: 'xmllint --schema', stats: baseline },
      ratio,
      ratioMeaning: 'time(validate) / time(xmllint)',
      target: '≤ 1.0×',
      met: ratio <= 1.0,
      notes,
      extra: { startupMs: startup, inProcessMs: { parse, rules, whole, oneFolderEach: wholeOwn } },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
