// Runs the validator over every file of the shared real-world corpus and compares with the
// hand-written expectations (fixtures/ovf/corpus-expectations.yaml).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validatePath } from '../../src/ovf/validate.js';
import { hasSharedOvf, repoRoot, sharedOvf } from './sharedOvf.js';

interface Expectation { file: string; verdict: 'valid' | 'invalid'; rules: string[]; xsd: string; bare?: boolean; reason: string }

const expectations = parse(readFileSync(join(repoRoot, 'fixtures/ovf/corpus-expectations.yaml'), 'utf8')) as Expectation[];

describe.skipIf(!hasSharedOvf)('shared OVF corpus', () => {
  const corpus = join(sharedOvf, 'corpus');
  // The describe body runs at collection even when skipped: read the folder only when it is there.
  const files = hasSharedOvf
    ? readdirSync(corpus, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(ovf|mf)$/.test(e.name))
        .map((e) => relative(corpus, join(e.parentPath, e.name)))
        .sort()
    : [];

  it('has one expectation per corpus file', () => {
    expect(expectations.map((e) => e.file).sort()).toEqual(files);
  });

  it.each(expectations.map((e) => [e.file, e] as const))('%s', async (file, expected) => {
    const result = await validatePath(join(corpus, file));
    expect(result.readError).toBeUndefined();
    expect({ verdict: result.valid ? 'valid' : 'invalid', rules: [...new Set(result.findings.map((f) => f.rule))].sort(), bare: result.notes.some((n) => n.includes('bare descriptor')) })
      .toEqual({ verdict: expected.verdict, rules: [...expected.rules].sort(), bare: expected.bare === true });
  });

  it('records the XSD verdict of corpus/index.tsv and explains every disagreement', () => {
    const index = new Map(readFileSync(join(corpus, 'index.tsv'), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split('\t')).map((c) => [c[0], c[2]] as const));
    for (const e of expectations) {
      expect(e.xsd, e.file).toBe(index.get(e.file));
      if (e.xsd !== 'n/a' && e.xsd !== e.verdict) expect(e.reason, e.file).toMatch(/^DISAGREES WITH XSD/);
    }
  });
});
