// A run that selects only some checks is never CONFORMANT: its verdict is PARTIAL (exit 0 when nothing
// failed), results.json records the selection, and certification refuses a selection.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../src/model/run.js';
import { cli, runDir, scratch, writeProfile } from './cli.js';

describe('a filtered run', () => {
  const dir = scratch('filtered');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is PARTIAL, exits 0 and records its filter', async () => {
    const reports = path.join(dir, 'reports');
    const res = await cli(['run', '--no-progress', '--reports', reports, '--requirement', 'CIMI-CEP-001', 'CIMI-CEP-002']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Verdict: PARTIAL');
    expect(res.stdout).not.toMatch(/Verdict: CONFORMANT/);
    const results = JSON.parse(fs.readFileSync(path.join(runDir(reports), 'results.json'), 'utf8')) as RunResults;
    expect(results.verdict).toBe('PARTIAL');
    expect(results.filter).toEqual({ requirements: ['CIMI-CEP-001', 'CIMI-CEP-002'] });
  });

  it('is refused in certification mode (exit 2), before anything runs', async () => {
    const reports = path.join(dir, 'reports-cert');
    const profile = writeProfile(dir, 'cert.yaml', 'name: cert\nendpoint: embedded\ncertification: true\n');
    const res = await cli(['run', '--no-progress', '--profile', profile, '--reports', reports, '--grep', 'CEP']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/certification runs judge the whole suite: --requirement and --grep are refused/);
    expect(fs.existsSync(reports)).toBe(false);
  });
});
