// A failing property-based check prints a replay token; `run --replay <token>` reproduces the same
// failure (same seed, same shrunk counterexample path) without searching again.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../src/model/run.js';
import { cli, runDir, scratch } from './cli.js';

const dir = scratch('replay');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Enough generated filters that a random seed finds the quirk (at 5 a run, about one seed in a few
// hundred found none): the test is about replaying a failure, not about finding one.
const profile = path.join(dir, 'replay.yaml');
fs.writeFileSync(profile, ['name: replay', 'endpoint: embedded', 'limits:', '  stateTimeoutMs: 30000', 'property:', '  numRuns: 100', ''].join('\n'));

async function run(name: string, extra: string[]) {
  const reports = path.join(dir, name);
  const res = await cli(['run', '--profile', profile, '--no-progress', '--reports', reports, '--quirk', 'filter-and-as-or', '--requirement', 'CIMI-Q-004', ...extra]);
  const results = JSON.parse(fs.readFileSync(path.join(runDir(reports), 'results.json'), 'utf8')) as RunResults;
  const check = results.requirements.find((r) => r.id === 'CIMI-Q-004')!.checks.find((c) => c.state === 'failed');
  return { res, check };
}

describe('--replay', () => {
  it('reproduces a failing property check from the token it printed', async () => {
    const first = await run('first', []);
    expect(first.res.code).toBe(1);
    const token = first.check?.replay;
    expect(token, 'the failed property check records a replay token').toMatch(/^-?\d+(:\d+)*$/);
    expect(first.check!.message).toContain(`cloudconform run --replay ${token} --requirement CIMI-Q-004`);
    expect(first.res.stdout).toContain(`replay: ${token}`);

    const again = await run('again', ['--replay', token!]);
    expect(again.res.code).toBe(1);
    expect(again.check?.replay).toBe(token);
    // The counterexample's shape is reproduced: the same $filter, up to the run-specific name prefix.
    const shape = (m: string) => /counterexample: (.*)/.exec(m)?.[1]?.replace(/cc-[0-9a-f]{6}-[\w-]+/g, 'NAME');
    expect(shape(again.check!.message!)).toBe(shape(first.check!.message!));
  });

  it('refuses a malformed token', async () => {
    const res = await cli(['run', '--replay', 'seed-please', '--no-progress', '--reports', path.join(dir, 'bad')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--replay takes seed:path/);
  });
});
