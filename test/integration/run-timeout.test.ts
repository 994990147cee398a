// limits.runTimeoutMs bounds the whole run, waits included: a provider whose deletions never show
// (quirk unknown-200) keeps a check waiting for a minute (stateTimeoutMs); with runTimeoutMs 20 s
// the wait is cut short, the run ends INCONCLUSIVE (exit 2) with a report, and nothing is left behind.
// The requirement has a check per format, run one after the other: the second, queued behind the cut
// wait, must not start (it would create a Machine whose deletion this provider never shows, a leftover
// the final sweep cannot clear). A minute of stateTimeoutMs keeps the final clean-up (bounded by
// stateTimeoutMs, not by the run) inside the CLI helper's 120 s limit.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../src/model/run.js';
import { cli, runDir, scratch, writeProfile } from './cli.js';

const dir = scratch('run-timeout');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('limits.runTimeoutMs', () => {
  it('ends a run whose waits would outlast it, with a report and a clean account', { timeout: 150_000 }, async () => {
    const profile = writeProfile(dir, 'short-run.yaml', ['name: short-run', 'endpoint: embedded', 'formats: [json, xml]', 'limits:', '  stateTimeoutMs: 60000', '  runTimeoutMs: 20000', 'reference:', '  transitionMs: 100', ''].join('\n'));
    const reports = path.join(dir, 'reports');
    const res = await cli(['run', '--profile', profile, '--quirk', 'unknown-200', '--requirement', 'CIMI-HTTP-011', '--reports', reports, '--no-progress']);
    expect(res.code, res.stderr).toBe(2);
    // Well inside two of the waits alone would take (start-up and the sweep included).
    expect(res.ms).toBeLessThan(120_000);
    const results = JSON.parse(fs.readFileSync(path.join(runDir(reports), 'results.json'), 'utf8')) as RunResults;
    expect(results.verdict).toBe('INCONCLUSIVE');
    expect(results.harnessErrors).toContain('run cancelled after limits.runTimeoutMs = 20000 ms; unfinished checks are not scored');
    const checks = results.requirements.find((r) => r.id === 'CIMI-HTTP-011')!.checks;
    expect(checks.length).toBeGreaterThan(0);
    // The check that was waiting ends as an ERROR (a wait cut short is nobody's FAIL); checks of the
    // requirement that had not started when the run ended are skipped, never passed or failed.
    const cut = checks.filter((c) => c.state === 'error');
    expect(cut.length, JSON.stringify(checks.map((c) => [c.name, c.state]))).toBeGreaterThan(0);
    for (const c of cut) expect(c.message).toContain('the run reached limits.runTimeoutMs = 20000 ms; this wait was cut short');
    expect(checks.filter((c) => c.state !== 'error').map((c) => c.state).filter((s) => s !== 'skipped')).toEqual([]);
    // The check queued behind the cut wait did not start, so created nothing.
    const queued = checks.filter((c) => c.state === 'skipped');
    expect(queued.map((c) => c.message)).toEqual(queued.map(() => 'not run: limits.runTimeoutMs ran out before this check started'));
    expect(results.cleanup.created).toBe(2 * cut.length);
    expect(results.cleanup.leftovers).toEqual([]);
    expect(res.stdout).toContain('Verdict: INCONCLUSIVE');
  });
});
