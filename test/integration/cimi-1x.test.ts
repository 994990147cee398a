// CIMI 1.x end to end: the reference provider in 1.1 mode (namespace cimi/1, CIMI-Specification-Version
// header, 1.x XML without grouping elements) is judged CONFORMANT on the requirements that apply to 1.1,
// and a profile that pins a version the endpoint contradicts stops before any check.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, runDir, scratch, writeProfile, type CliResult } from './cli.js';
import { loadCatalogue } from '../../src/harness/catalogue.js';
import type { RunResults } from '../../src/model/run.js';
import { startReferenceProvider, type ReferenceProvider } from '../../src/reference/server.js';

describe('cloudconform run against a CIMI 1.1 provider', () => {
  const root = scratch('cimi-1x');
  const reports = path.join(root, 'reports');
  let run: CliResult;
  let results: RunResults;

  beforeAll(async () => {
    run = await cli(['run', '--no-progress', '--profile', 'profiles/examples/reference-cimi-1.1.yaml', '--reports', reports], { timeoutMs: 240_000 });
    results = JSON.parse(fs.readFileSync(path.join(runDir(reports), 'results.json'), 'utf8')) as RunResults;
  }, 300_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is CONFORMANT, exits 0 and says which version it discovered', () => {
    const notPassed = results.requirements.filter((r) => !['PASS', 'NOT_APPLICABLE'].includes(r.outcome)).map((r) => [r.id, r.outcome, r.checks.map((c) => c.message)]);
    expect(results.verdict, JSON.stringify(notPassed, null, 1)).toBe('CONFORMANT');
    expect(run.code).toBe(0);
    expect(results.profile).toMatchObject({ specVersion: '1.1', specVersionSource: 'discovered' });
    expect(results.profile.specVersionEvidence).toBe('entry point resourceURI http://schemas.dmtf.org/cimi/1/CloudEntryPoint, CIMI-Specification-Version: 1.1.0');
    expect(run.stdout).toContain('CIMI 1.1 (discovered)');
  });

  it('judges the 1.x requirements, in JSON and XML, and none that is 2.0 only', () => {
    const v1 = new Set(loadCatalogue('cimi').filter((r) => r.versions.some((v) => v === '1.1' || v === '1.x')).map((r) => r.id));
    const passed = results.requirements.filter((r) => r.outcome === 'PASS');
    expect(passed.length).toBeGreaterThanOrEqual(100);
    expect(passed.filter((r) => !v1.has(r.id)).map((r) => r.id)).toEqual([]);
    const formats = new Set(passed.flatMap((r) => r.checks.map((c) => c.format)));
    expect([...formats].sort()).toEqual(expect.arrayContaining(['json', 'xml']));
  });
});

describe('a pinned spec.version the endpoint contradicts', () => {
  const root = scratch('cimi-version');
  let provider: ReferenceProvider;
  beforeAll(async () => {
    provider = await startReferenceProvider({ specVersion: '1.1' });
  });
  afterAll(async () => {
    await provider.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('stops before any check with exit 2, naming the profile field and what the endpoint said', async () => {
    const profile = writeProfile(root, 'pinned.yaml', `name: pinned\nendpoint: ${provider.cepUrl}\nspec:\n  version: '2.0'\n`);
    const reports = path.join(root, 'reports');
    const res = await cli(['run', '--no-progress', '--profile', profile, '--reports', reports]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      `${profile}: spec.version: spec.version is '2.0' but the endpoint speaks CIMI 1.1 (entry point resourceURI http://schemas.dmtf.org/cimi/1/CloudEntryPoint, CIMI-Specification-Version: 1.1.0); set spec.version to '1.1' or to discover`,
    );
    expect(fs.existsSync(reports) ? fs.readdirSync(reports) : []).toEqual([]);
  });

  it('the embedded provider too: reference.specVersion 1.1 against spec.version 2.0', async () => {
    const profile = writeProfile(root, 'embedded.yaml', `name: embedded\nendpoint: embedded\nspec:\n  version: '2.0'\nreference:\n  specVersion: '1.1'\n`);
    const res = await cli(['run', '--no-progress', '--profile', profile, '--reports', path.join(root, 'embedded-reports')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${profile}: spec.version: spec.version is '2.0' but the endpoint speaks CIMI 1.1`);
  });
});
