// A provider certifying itself with the least profile there is (a name and an endpoint, every limit
// at its default): against `cloudconform serve` the whole CIMI suite fits the default budget of 50
// resources, at most 30 of them Machines, and the run is CONFORMANT.

import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, runDir, scratch, writeProfile, type CliResult } from './cli.js';
import { serveReference } from './serveProcess.js';
import { Ledger } from '../../src/harness/ledger.js';
import type { RunResults } from '../../src/model/run.js';

describe('a default external profile against cloudconform serve', () => {
  const root = scratch('external');
  const reports = path.join(root, 'reports');
  let server: ChildProcess | undefined;
  let run: CliResult;
  let results: RunResults;
  let dir: string;

  beforeAll(async () => {
    const { child, cepUrl } = await serveReference();
    server = child;
    const profile = writeProfile(root, 'provider.yaml', `name: provider\nendpoint: ${cepUrl}\n`);
    run = await cli(['run', '--no-progress', '--profile', profile, '--reports', reports], { timeoutMs: 400_000 });
    dir = runDir(reports);
    results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
  }, 420_000);
  afterAll(() => {
    server?.kill('SIGINT');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('prints a plan within the default budget before the first check', () => {
    const plan = /plan: \d+ checks; at most (\d+) resources \((\d+) Machine[,)].*budget limits\.maxResources = (\d+)/.exec(run.stdout + run.stderr);
    expect(plan, run.stdout + run.stderr).not.toBeNull();
    const [, total, machines, budget] = plan!.map(Number);
    expect(budget).toBe(50);
    expect(total).toBeLessThanOrEqual(50);
    expect(machines).toBeLessThanOrEqual(30);
    expect(results.cost.planned).toMatchObject({ total, machines });
  });

  it('is CONFORMANT and exits 0', () => {
    const notPassed = results.requirements.filter((r) => !['PASS', 'NOT_APPLICABLE'].includes(r.outcome)).map((r) => [r.id, r.outcome, r.checks.map((c) => c.message)]);
    expect(results.verdict, JSON.stringify(notPassed, null, 1)).toBe('CONFORMANT');
    expect(run.code).toBe(0);
    expect(results.requirements.filter((r) => r.outcome === 'PASS').length).toBeGreaterThanOrEqual(140);
  });

  it('creates no more than planned, as its ledger shows, and leaves nothing behind', () => {
    const created = new Map(Ledger.read(path.join(dir, 'ledger.jsonl')).filter((e) => e.kind === 'created').map((e) => [e.id, e.resourceType]));
    const machines = [...created.values()].filter((t) => t === 'Machine').length;
    expect(created.size).toBeLessThanOrEqual(results.cost.planned!.total);
    expect(machines).toBeLessThanOrEqual(30);
    expect(results.cost.created).toMatchObject({ total: created.size, machines });
    expect(results.cost.requests).toBeGreaterThan(500);
    expect(results.cleanup.leftovers).toEqual([]);
    expect(run.stdout).toMatch(new RegExp(`Cost: ${created.size} resources created, ${machines} of them Machines`));
  });
});
