// Self-validation: every quirk of the reference provider is caught. For each quirk, the checks of the
// requirements it breaks run against a provider with that quirk on; each requirement it names must
// FAIL (WARN for a SHOULD), and a broken MUST must make the run NOT CONFORMANT (exit 1). A quirk that
// only shows between two providers (`caughtBy: 'portability'`) must be one of the portability test's
// cases instead. `npm run selfcheck` runs the whole suite per quirk to list collateral failures too.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRKS, type QuirkInfo } from '../../src/reference/quirks.js';
import { loadCatalogue } from '../../src/harness/catalogue.js';
import { appliesToVersion } from '../../src/catalogue/requirement.js';
import type { RunResults } from '../../src/model/run.js';
import { cli, runDir, scratch, writeProfile, type CliResult } from './cli.js';
import { CASES } from './portabilityCases.js';

const catalogueOf = (suite: string) => new Map(loadCatalogue(suite).map((r) => [r.id, r]));
const catalogue = catalogueOf('cimi');
const vcloudCatalogue = catalogueOf('vcloud');
const suiteOf = (q: QuirkInfo): string => q.suite ?? 'cimi';

interface QuirkRun {
  cli: CliResult;
  results: RunResults | undefined;
}

// Transitional states (CREATING, STOPPING…) last 200 ms here, not the default 20: long enough to be
// observed on a loaded machine, so quirks that skip them are caught rather than judged not applicable.
const PROFILE = [
  'name: reference-self-check', 'endpoint: embedded', 'formats: [json, xml]',
  // Waits of 25 state transitions: a quirk whose deletions never show (unknown-200) runs every wait to the limit.
  'limits:', '  concurrency: 2', '  maxResources: 2000', '  stateTimeoutMs: 5000', 'property:', '  numRuns: 5', '  creatingRuns: 5',
  'reference:', '  transitionMs: 200', '',
].join('\n');

// The vCloud reference with Tasks of 100 ms: a quirk whose Task never ends fails within the 5 s waits.
const VCLOUD_PROFILE = [
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

// In CIMI 1.1 mode the quirks whose requirements apply to 1.x. All of them with CLOUDCONFORM_QUIRKS_1X=all
// (twice the test's time); by default a subset covering what differs between the versions: XML without
// grouping elements and in the cimi/1 namespace, type and action URIs, create bodies, templates, Jobs,
// collections and each query parameter.
const REPRESENTATIVE_1X = new Set([
  'xml-unsupported', 'xml-wrong-namespace', 'xml-collection-no-resourceuri', 'resourceuri-missing', 'empty-array-emitted',
  'empty-collection-array-emitted', 'empty-map-emitted', 'operations-stale', 'operations-not-advertised', 'action-rel-relative',
  'unknown-attribute-accepted', 'error-body-not-job', 'etag-ignored', 'filter-and-as-or', 'first-last-ignored',
  'select-collection-ignored', 'expand-ignored', 'format-param-ignored', 'job-header-missing', 'add-job-targets-resource',
  'stop-skips-stopping', 'initial-state-ignored', 'override-persisted', 'null-erase-ignored', 'deleted-stays-listed',
  'dangling-ref-kept', 'invalid-credential-accepted',
]);
const applies11 = (id: string) => catalogue.has(id) && appliesToVersion(catalogue.get(id)!, '1.1');
const QUIRKS_1X = QUIRKS.filter((q) => suiteOf(q) === 'cimi' && q.breaks.some(applies11) && (process.env['CLOUDCONFORM_QUIRKS_1X'] === 'all' || REPRESENTATIVE_1X.has(q.name)));

/** The quirks of `quirks`, each run against the reference in `mode`, each judged by what it breaks there. */
function quirksCaught(mode: { title: string; suite: string; dir: string; profile: string; version: string }, quirks: readonly QuirkInfo[]): void {
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

describe('every reference quirk is caught by the requirement it breaks', () => {
  it('every quirk names catalogued requirements', () => {
    const unknown = QUIRKS.flatMap((q) => q.breaks.filter((id) => !(suiteOf(q) === 'vcloud' ? vcloudCatalogue : catalogue).has(id)).map((id) => `${q.name} → ${id}`));
    expect(unknown).toEqual([]);
  });

  it('every quirk no requirement catches is a case of the portability test', () => {
    const exercised = new Set(CASES.flatMap((c) => [...(c.quirks.from ?? []), ...(c.quirks.to ?? [])]));
    const uncaught = QUIRKS.filter((q) => q.breaks.length === 0 && !(q.caughtBy === 'portability' && exercised.has(q.name))).map((q) => q.name);
    expect(uncaught).toEqual([]);
  });

  quirksCaught({ title: 'CIMI 2.0', suite: 'cimi', dir: 'quirks', profile: PROFILE, version: '2.0' }, QUIRKS.filter((q) => q.caughtBy === undefined && suiteOf(q) === 'cimi'));
  quirksCaught({ title: 'CIMI 1.1', suite: 'cimi', dir: 'quirks-1x', profile: `${PROFILE}  specVersion: '1.1'\n`, version: '1.1' }, QUIRKS_1X);
  quirksCaught({ title: 'vCloud API 5.1', suite: 'vcloud', dir: 'quirks-vcloud', profile: VCLOUD_PROFILE, version: '5.1' }, QUIRKS.filter((q) => suiteOf(q) === 'vcloud'));
});
