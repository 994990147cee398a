// The walking skeleton end to end: the default run (`npm start`) runs every suite against the embedded
// reference provider — CIMI and vCloud — and writes one report with a section per suite.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, runDir, scratch, type CliResult } from './cli.js';
import { Ledger, outstanding } from '../../src/harness/ledger.js';
import type { RunResults } from '../../src/model/run.js';

describe('cloudconform run (default profiles, embedded reference provider)', () => {
  const reports = scratch('default');
  let run: CliResult;
  let combined: string;
  let dir: string;
  let results: RunResults;
  let vcloud: RunResults;

  beforeAll(async () => {
    run = await cli(['run', '--reports', reports, '--no-progress'], { timeoutMs: 240_000 });
    combined = runDir(reports);
    dir = path.join(combined, 'cimi');
    results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
    vcloud = JSON.parse(fs.readFileSync(path.join(combined, 'vcloud', 'results.json'), 'utf8')) as RunResults;
  }, 300_000);

  it('runs both suites into one report with a section per suite, both CONFORMANT', () => {
    expect(vcloud.verdict, JSON.stringify(vcloud.requirements.filter((r) => r.outcome !== 'PASS' && r.outcome !== 'NOT_APPLICABLE').map((r) => [r.id, r.outcome, r.checks.map((c) => c.message)]), null, 1)).toBe('CONFORMANT');
    expect(vcloud.suite).toBe('vcloud');
    expect(vcloud.requirements.filter((r) => r.outcome === 'PASS').length).toBeGreaterThanOrEqual(80);
    const suites = JSON.parse(fs.readFileSync(path.join(combined, 'suites.json'), 'utf8')) as { exitCode: number; suites: { suite: string; verdict: string; folder: string }[] };
    expect(suites.suites.map((s) => [s.suite, s.verdict, s.folder])).toEqual([['cimi', 'CONFORMANT', 'cimi'], ['vcloud', 'CONFORMANT', 'vcloud']]);
    expect(suites.exitCode).toBe(0);
    const html = fs.readFileSync(path.join(combined, 'index.html'), 'utf8');
    for (const suite of ['cimi', 'vcloud']) {
      expect(html).toContain(`<section id="suite-${suite}">`);
      expect(html).toContain(`href="${suite}/index.html"`);
    }
    const md = fs.readFileSync(path.join(combined, 'summary.md'), 'utf8');
    expect(md).toMatch(/^## cloudconform cimi: reference$/m);
    expect(md).toMatch(/^## cloudconform vcloud: reference-vcloud$/m);
    expect(run.stdout).toContain('cimi: CONFORMANT · vcloud: CONFORMANT');
  });
  afterAll(() => fs.rmSync(reports, { recursive: true, force: true }));

  it('is CONFORMANT and exits 0', () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(results.verdict, JSON.stringify(results.requirements.filter((r) => r.outcome !== 'PASS' && r.outcome !== 'NOT_APPLICABLE').map((r) => [r.id, r.outcome, r.checks.map((c) => c.message)]), null, 1)).toBe('CONFORMANT');
    expect(run.code).toBe(0);
  });

  it('judged every core requirement and passed it', () => {
    const core = results.requirements.filter((r) => r.feature === 'core' && r.versions.includes('2.0'));
    expect(core.length).toBeGreaterThanOrEqual(15);
    expect(core.filter((r) => r.outcome !== 'PASS' && r.outcome !== 'WARN').map((r) => `${r.id}: ${r.outcome}`)).toEqual([]);
    expect(results.score.overall.possible).toBeGreaterThan(0);
  });

  it('prints the verdict, the score with its denominator and the report folder', () => {
    expect(run.stdout).toContain('CONFORMANT');
    expect(run.stdout).toMatch(/\d+\s*\/\s*\d+/);
    expect(run.stdout).toContain(path.basename(combined));
  });

  it('writes results.json, junit.xml, summary.md and index.html', () => {
    for (const f of ['results.json', 'junit.xml', 'summary.md', 'index.html']) expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    const junit = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(results.requirements.length);
  });

  it('leaves no machine behind: every created resource is deleted and none is a leftover', () => {
    const entries = Ledger.read(path.join(dir, 'ledger.jsonl'));
    expect(entries.filter((e) => e.kind === 'created').length).toBeGreaterThan(0);
    expect(outstanding(entries)).toEqual([]);
    expect(results.cleanup.leftovers).toEqual([]);
    expect(results.cleanup.deleted).toBe(results.cleanup.created);
    const vcloudLedger = Ledger.read(path.join(combined, 'vcloud', 'ledger.jsonl'));
    expect(vcloudLedger.filter((e) => e.kind === 'created').length).toBeGreaterThan(0);
    expect(outstanding(vcloudLedger)).toEqual([]);
    expect(vcloud.cleanup.leftovers).toEqual([]);
  });

  it('records evidence: transcripts with curl lines for the checks', () => {
    const checks = results.requirements.flatMap((r) => r.checks);
    const withTranscript = checks.filter((c) => c.transcript.length > 0);
    expect(withTranscript.length).toBeGreaterThan(checks.length / 2);
    expect(withTranscript[0]!.transcript[0]!.curl).toMatch(/^curl /);
  });
});
