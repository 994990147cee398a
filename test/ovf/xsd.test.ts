// The optional schema check agrees with the shared corpus's xmllint results (corpus/index.tsv).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xsdValidate } from '../../src/ovf/xsdValidate.js';
import { hasSharedOvf, sharedOvf } from './sharedOvf.js';

describe.skipIf(!hasSharedOvf)('XSD validation (xmllint-wasm, offline catalog)', () => {
  it('reproduces validate.sh verdicts for every corpus descriptor in one batch per schema', async () => {
    const rows = readFileSync(join(sharedOvf, 'corpus/index.tsv'), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split('\t')).filter((c) => c[1] === 'descriptor');
    const docs = rows.map((c) => ({ name: c[0] as string, text: readFileSync(join(sharedOvf, 'corpus', c[0] as string), 'utf8') }));
    const verdicts = await xsdValidate(docs, join(sharedOvf, 'xsd'));
    expect(verdicts.map((v) => [v.name, v.valid ? 'valid' : 'invalid'])).toEqual(rows.map((c) => [c[0], c[2]]));
    const invalid = verdicts.find((v) => !v.valid);
    expect(invalid?.findings[0]).toMatchObject({ rule: 'OVF-ENV-002', severity: 'error', location: { line: expect.any(Number) } });
  });
});
