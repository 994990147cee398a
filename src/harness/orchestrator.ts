// One conformance run: preflight, the suite through vitest's programmatic API with the profile
// handed to the checks, the cleanup sweep, scoring, and the reports.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVitest, type TestModule } from 'vitest/node';
import type { Profile } from './profile.js';
import type { RunResults } from '../model/run.js';
import type { RunContext } from './runContext.js';
import { CheckCollector, type Progress } from './collector.js';
import { loadCatalogue } from './catalogue.js';
import { score } from './scoring.js';
import { runCost } from './runCost.js';
import { Ledger, ledgerCounts } from './ledger.js';
import { Redactor } from './redaction.js';
import { activeWaivers } from './profileLoader.js';
import { packageRoot, suitesDir } from './paths.js';
import { toolVersion } from './version.js';
import { newRunId } from './runId.js';
import { checkSites } from './checkIndex.js';
import { UsageError } from '../model/errors.js';
import { describePlan, planResources, type PlannedCheck, type ResourcePlan } from './resourcePlan.js';
import type { Dialect } from './dialect.js';
import { cleanAllureResults } from './allureResults.js';
import { takeTimeUp } from './timeUp.js';
import { writeReports } from '../reporters/writeReports.js';

export interface RunOptions {
  /** The API family the profile's `spec.name` names: its preflight, sessions and sweep. */
  dialect: Dialect;
  profile: Profile;
  cepUrl: string;
  suite: string;
  reportsDir: string;
  /** The run folder's name inside reportsDir (default: the run id). */
  folder?: string;
  /** Only checks whose name matches (requirement id or words of the title). */
  grep?: string;
  /** Only the checks of these requirement ids: also narrows the test files loaded to those naming them. */
  requirements?: string[];
  replay?: string;
  progress?: Progress;
  /** Shown in the report instead of the loopback URL of the embedded provider. */
  endpointLabel?: string;
  /** Aborting (e.g. on Ctrl-C) cancels the checks still running; cleanup and reports still happen. */
  signal?: AbortSignal;
  /** Where the plan is printed before the first check (stderr by the CLI). */
  log?: (line: string) => void;
}

export interface RunOutcome {
  results: RunResults;
  dir: string;
  files: string[];
}

/** The test files naming one of `ids` (all files when none is given or none names them). */
function suiteFiles(suite: string, ids: readonly string[] | undefined): string[] {
  if (!ids?.length) return [];
  const wanted = new Set(ids);
  const files = new Set(checkSites(suite).filter((s) => s.ids.some((id) => wanted.has(id))).map((s) => path.join(packageRoot, s.file)));
  return [...files];
}

/** The plan entries of the checks the run will execute (collected, not skipped by a filter). */
function plannedChecks(modules: readonly TestModule[]): PlannedCheck[] {
  const out: PlannedCheck[] = [];
  for (const mod of modules) {
    for (const tc of mod.children.allTests()) {
      if (tc.options.mode === 'skip' || tc.options.mode === 'todo') continue;
      out.push(tc.meta().cloudconform?.plan ?? { creates: {}, fixtures: [] });
    }
  }
  return out;
}

export async function runSuite(opts: RunOptions): Promise<RunOutcome> {
  const { profile, dialect } = opts;
  const catalogue = loadCatalogue(opts.suite);
  const started = new Date();
  const pre = await dialect.preflight(profile, opts.cepUrl);
  const runId = newRunId(started);
  const dir = path.resolve(opts.reportsDir, opts.folder ?? runId);
  const ledgerFile = path.join(dir, 'ledger.jsonl');
  const allureDir = path.join(dir, 'allure-results');

  const redactor = new Redactor(profile.secrets);
  const collector = new CheckCollector(opts.progress, (s) => redactor.text(s));
  const context: RunContext = { runId, suite: opts.suite, cepUrl: opts.cepUrl, profile, specVersion: pre.version.version, features: pre.features, ledgerFile, preexisting: pre.preexisting, deadline: started.getTime() + profile.limits.runTimeoutMs, ...(opts.replay ? { replay: opts.replay } : {}) };
  const exitCodeBefore = process.exitCode;
  const vitest = await createVitest('test', {
    watch: false,
    config: false,
    root: packageRoot,
    dir: path.join(suitesDir, opts.suite),
    include: ['**/*.test.ts'],
    provide: { cloudconform: context },
    // Allure results beside our own reports, labelled by the check wrapper (allureLabels.ts).
    setupFiles: [fileURLToPath(import.meta.resolve('allure-vitest/setup'))],
    reporters: [collector, ['allure-vitest/reporter', { resultsDir: allureDir }]],
    maxWorkers: profile.limits.concurrency,
    pool: 'threads',
    passWithNoTests: false,
    ...(opts.grep ? { testNamePattern: opts.grep } : {}),
  });
  let cancelled: string | undefined;
  let plan: ResourcePlan | undefined;
  let shared: { dispose(): Promise<void> } | undefined;
  try {
    // The plan first: what the selected checks may create, held to the budget before anything is created.
    const files = suiteFiles(opts.suite, opts.requirements);
    const collected = await vitest.collect(files);
    plan = planResources(plannedChecks(collected.testModules), dialect.machineTypes);
    opts.log?.(describePlan(plan, profile.limits, dialect.machineTypes));
    if (plan.total > profile.limits.maxResources) {
      throw new UsageError(
        `this run may create up to ${plan.total} resources (${plan.machines} Machines) but limits.maxResources is ${profile.limits.maxResources}: raise the limit in the profile, or select fewer checks with --requirement or --grep`,
        `profile '${profile.name}'`,
      );
    }
    // The run folder and its ledger exist before anything is created, so an interrupted run can be cleaned up.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(ledgerFile, '');
    const sharedResources = dialect.shared;
    if (sharedResources && plan.fixtures.some((f) => f.key === sharedResources.key)) {
      opts.log?.(`creating ${sharedResources.key} (each waits for its boot, up to limits.stateTimeoutMs)`);
      const made = await sharedResources.create(context);
      shared = made;
      vitest.provide('cloudconform', { ...context, shared: made.state });
    }
    // The run's time budget and the user's interrupt: cancel what is still running, then report what finished.
    const cancel = (why: string) => {
      cancelled ??= why;
      void vitest.cancelCurrentRun('keyboard-input');
    };
    // The run's clock started before preflight: the shared Machines' boots count against it too.
    const timedOut = `run cancelled after limits.runTimeoutMs = ${profile.limits.runTimeoutMs} ms`;
    const left = profile.limits.runTimeoutMs - (Date.now() - started.getTime());
    const timer = setTimeout(() => cancel(timedOut), Math.max(left, 0));
    const onAbort = () => cancel('run interrupted');
    opts.signal?.addEventListener('abort', onAbort);
    try {
      if (left <= 0) cancelled = timedOut;
      else if (opts.signal?.aborted) cancelled = 'run interrupted';
      else await vitest.start(files);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // A wait cut at the deadline may have ended the last check before the timer fired.
      if (takeTimeUp(ledgerFile)) cancelled ??= timedOut;
    }
  } finally {
    await shared?.dispose();
    await vitest.close();
    cleanAllureResults(allureDir, (text) => redactor.text(text));
    process.exitCode = exitCodeBefore;
  }
  if (cancelled) collector.harnessErrors.push(`${cancelled}; unfinished checks are not scored`);

  if (profile.cleanup === 'always') opts.log?.('checks done; deleting what the run created (the ledger lists it)');
  const swept = profile.cleanup === 'always' ? await dialect.sweep(profile, opts.cepUrl, ledgerFile, runId, pre.version.version) : { deleted: 0, leftovers: [] };
  const filter = opts.requirements?.length || opts.grep ? { ...(opts.requirements?.length ? { requirements: opts.requirements } : {}), ...(opts.grep && !opts.requirements?.length ? { grep: opts.grep } : {}) } : undefined;
  const ledger = Ledger.read(ledgerFile);
  const counts = ledgerCounts(ledger);
  const finished = new Date();
  const scored = score({
    catalogue,
    checks: collector.results,
    specVersion: pre.version.version,
    features: pre.features,
    waivers: activeWaivers(profile, finished),
    certification: profile.certification,
    harnessErrors: collector.harnessErrors,
    now: finished,
    filtered: filter !== undefined,
  });
  const results: RunResults = {
    schemaVersion: 1,
    tool: { name: 'cloudconform', version: toolVersion() },
    runId,
    suite: opts.suite,
    profile: {
      name: profile.name,
      endpoint: redactor.text(opts.endpointLabel ?? opts.cepUrl),
      specVersion: pre.version.version,
      specVersionSource: pre.version.source,
      specVersionEvidence: pre.version.evidence,
      formats: profile.formats,
      features: pre.features,
      certification: profile.certification,
    },
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    verdict: scored.verdict,
    exitCode: scored.exitCode,
    score: scored.score,
    requirements: scored.requirements,
    harnessErrors: collector.harnessErrors,
    cleanup: { created: counts.created, deleted: counts.deleted, leftovers: swept.leftovers },
    cost: runCost(plan, ledger, collector.results, dialect.machineTypes),
    ...(filter ? { filter } : {}),
  };
  const files = await writeReports(dir, results);
  return { results, dir, files };
}
