// The self-validation runs shared by the quirk tests (quirks.test.ts: CIMI 2.0, quirks-cimi-1x.test.ts,
// quirks-vcloud.test.ts, one file each so that vitest spreads them over its workers): each quirk of the
// reference provider is switched on alone, the checks of the requirements it breaks are run against it,
// and each requirement it names must FAIL (WARN for a SHOULD), a broken MUST making the run NOT CONFORMANT.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuirkInfo } from '../../src/reference/quirks.js';
import { loadCatalogue } from '../../src/harness/catalogue.js';
import { appliesToVersion } from '../../src/catalogue/requirement.js';
import type { RunResults } from '../../src/model/run.js';
import { cli, runDir, scratch, writeProfile, type CliResult } from './cli.js';

export const catalogueOf = (suite: string) => new Map(loadCatalogue(suite).map((r) => [r.id, r]));
export const suiteOf = (q: QuirkInfo): string => q.suite ?? 'cimi';

interface QuirkRun {
  cli: CliResult;
  results: RunResults | undefined;
}

// Transitional states (CREATING, STOPPING…) last 200 ms here, not the default 20: long enough to be
// observed on a loaded machine, so quirks that skip them are caught rather than judged not applicable.
export const CIMI_PROFILE = [
  'name: reference-self-check', 'endpoint: embedded', 'formats: [json, xml]',
  // Waits of 25 state transitions: a quirk whose deletions never show (unknown-200) runs every wait to the limit.
  'limits:', '  concurrency: 2', '  maxResources: 2000', '  stateTimeoutMs: 5000', 'property:', '  numRuns: 5', '  creatingRuns: 5',
  'reference:', '  transitionMs: 200', '',
].join('\n');

// The vCloud reference with Tasks of 100 ms: a quirk whose Task never ends fails within the 5 s waits.
export const VCLOUD_PROFILE = [
  'name: reference-vcloud-self-check', 'endpoint: embedded', 'spec:', '  name: vcloud', 'formats: [xml]',
  'limits:', '  concurrency: 2', '  maxResources: 500', '  stateTimeoutMs: 5000', 'property:', '  numRuns: 3', '  creatingRuns: 2',
  'reference:', '  transitionMs: 100', '',
].join('\n');

async function runQuirk(q: QuirkInfo, root: string, profile: string): Promise<QuirkRun> {
  const reports = path.join(root, q.name);
  const res = await cli(['run', '--no-progress', '--profile', profile, '--reports', reports, '--quirk', q.name, '--requirement', ...q.breaks], { timeoutMs: 120_000 });
  const file = fs.existsSync(reports) ? path.join(runDir(reports), 'results.json') : undefined;
  return { cli: res, results: file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as RunResults) : undefined };
}

/** Two at a time: a run is a vitest process of its own, and this machine has two cores. */
async function pool<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<Map<T, R>> {
  const out = new Map<T, R>();
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.set(item, await fn(item));
  }));
  return out;
}

/** The quirks of `quirks`, each run against the reference in `mode`, each judged by what it breaks there. */
export function quirksCaught(mode: { title: string; suite: string; dir: string; profile: string; version: string }, quirks: readonly QuirkInfo[]): void {
  const catalogue = catalogueOf(mode.suite);
  const strict = (id: string) => /^MUST/.test(catalogue.get(id)?.level ?? '');
  describe(mode.title, () => {
    const root = scratch(mode.dir);
    let runs: Map<QuirkInfo, QuirkRun>;
    beforeAll(async () => {
      const profile = writeProfile(root, 'reference-self-check.yaml', mode.profile);
      runs = await pool(quirks, 2, (q) => runQuirk(q, root, profile));
    }, 900_000);
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it.each(quirks.map((q) => [q.name, q] as const))('%s', (_name, q) => {
      const run = runs.get(q)!;
      expect(run.results, `no results: ${run.cli.stderr}`).toBeDefined();
      const outcome = (id: string) => run.results!.requirements.find((r) => r.id === id)?.outcome;
      const applies = (id: string) => appliesToVersion(catalogue.get(id)!, mode.version);
      const observed = Object.fromEntries(q.breaks.map((id) => [id, outcome(id)]));
      // A requirement of another version is not judged; every one of this version must be broken.
      const expected = Object.fromEntries(q.breaks.map((id) => [id, !applies(id) ? 'NOT_APPLICABLE' : strict(id) ? 'FAIL' : 'WARN']));
      expect(observed, `${q.name} must break ${q.breaks.filter(applies).join(', ')} in ${mode.title}`).toEqual(expected);
      if (q.breaks.some((id) => applies(id) && strict(id))) {
        expect(run.results!.verdict).toBe('NOT CONFORMANT');
        expect(run.cli.code).toBe(1);
      }
    });
  });
}
