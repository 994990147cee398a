// A secret from the profile never appears in any output or report file.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, runDir, scratch, writeProfile } from './cli.js';

const SECRET = 'Sup3r-S3cret-Passw0rd';

describe('redaction', () => {
  const dir = scratch('redaction');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the basic-auth password (and its base64 form) out of stdout, stderr and every report file', async () => {
    const file = writeProfile(dir, 'secret.yaml', [
      'name: secret', 'endpoint: embedded', 'formats: [json, xml]',
      'auth:', '  type: basic', '  username: tester', '  password: ${CC_TEST_SECRET}', '',
    ].join('\n'));
    const reports = path.join(dir, 'reports');
    // Includes a failing requirement so failure evidence (transcripts, curl lines) is written too.
    const res = await cli(['run', '--profile', file, '--reports', reports, '--no-progress', '--quirk', 'cep-missing-machines',
      '--requirement', 'CIMI-CEP-001', 'CIMI-CEP-002', 'CIMI-MACH-023', 'CIMI-HTTP-016'], { env: { CC_TEST_SECRET: SECRET } });
    expect(res.code, res.stderr).toBe(1);
    const forms = [SECRET, Buffer.from(`tester:${SECRET}`).toString('base64')];
    const run = runDir(reports);
    // Every file of the run folder, the Allure results in their subfolder included.
    const files = (fs.readdirSync(run, { recursive: true }) as string[]).map((f) => path.join(run, f)).filter((f) => fs.statSync(f).isFile());
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.some((f) => f.includes(`${path.sep}allure-results${path.sep}`))).toBe(true);
    for (const text of [res.stdout, res.stderr, ...files.map((f) => fs.readFileSync(f, 'utf8'))]) {
      for (const form of forms) expect(text).not.toContain(form);
    }
    const results = fs.readFileSync(path.join(run, 'results.json'), 'utf8');
    expect(results).toContain('«redacted»');
  });
});
