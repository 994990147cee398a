// The suite-facing API. A check is one vitest test that names the requirement(s) it verifies; the
// wrapper decides applicability from the catalogue, opens a session of the suite's dialect (a
// recording client, a ledgered workspace), and leaves the evidence on the task for the collector.
// A dialect binds it once (`export const check = defineCheck(dialect)`); suites import that binding.

import { test, inject, type TestContext } from 'vitest';
import * as allure from 'allure-js-commons';
import type { Format } from './profile.js';
import type { CheckMeta, RunContext } from './runContext.js';
import type { Dialect, Session } from './dialect.js';
import { HarnessError } from '../model/errors.js';
import { loadCatalogue } from './catalogue.js';
import { allureLabels } from './allureResults.js';
import { markTimeUp, timeIsUp } from './timeUp.js';
import { appliesToVersion, type CatalogueEntry } from '../catalogue/requirement.js';
import type { Creates } from './resourcePlan.js';
import type { Fixture } from './fixture.js';
import type { Exchange } from '../model/run.js';

/** What every check gets, whatever the dialect. */
export interface BaseCheckContext {
  run: RunContext;
  /** The requirement ids this check verifies. */
  requirements: string[];
  format: Format;
  /** Declares the check not applicable here (a feature or operation the provider does not offer). */
  notApplicable(reason: string): never;
  /** Records a fast-check replay token for the report. */
  setReplay(token: string): void;
  /** A fixture named in the check's `uses`: set up on first use in this file, its set-up exchanges head the transcript. */
  use<T>(f: Fixture<T>): Promise<T>;
}

/** A check's context: the common part and the dialect's session (its client, its workspace). */
export type CheckContext<S extends Session = Session> = BaseCheckContext & Omit<S, 'dispose'>;

export interface CheckOptions {
  /** `each`: run once per format of the profile; a format: only in that one. Default: the first format. */
  format?: 'each' | Format;
  timeoutMs?: number;
  /**
   * Most resources of each type the check creates itself, for the run's plan (a bound its workspace
   * enforces); a function when it depends on the profile (property runs).
   */
  creates?: Creates | ((run: RunContext) => Creates);
  /** The fixtures the check uses (shared resources, counted once in the plan). */
  uses?: Fixture<unknown>[];
}

export type CheckFn<S extends Session> = (ids: string | string[], title: string, fn: (ctx: CheckContext<S>) => Promise<void>, opts?: CheckOptions) => void;

class NotApplicable extends Error {
  override readonly name = 'NotApplicable';
}

/** The `check` function of a dialect's suites. */
export function defineCheck<S extends Session>(dialect: Dialect<S>): CheckFn<S> {
  return (ids, title, fn, opts = {}) => declareCheck(dialect, ids, title, fn, opts);
}

function declareCheck<S extends Session>(dialect: Dialect<S>, ids: string | string[], title: string, fn: (ctx: CheckContext<S>) => Promise<void>, opts: CheckOptions): void {
  const requirements = Array.isArray(ids) ? ids : [ids];
  const run = inject('cloudconform');
  const formats = opts.format === 'each' ? run.profile.formats : [opts.format ?? run.profile.formats[0] ?? 'json'];
  for (const format of formats) {
    if (!run.profile.formats.includes(format)) continue;
    const name = `${requirements.join(', ')} — ${title}${formats.length > 1 ? ` [${format}]` : ''}`;
    const creates = typeof opts.creates === 'function' ? opts.creates(run) : (opts.creates ?? {});
    const uses = opts.uses ?? [];
    const meta: CheckMeta = { requirements, format, plan: { creates, fixtures: uses.map((f) => f.use(run, format)) } };
    const timeout = opts.timeoutMs ?? run.profile.limits.stateTimeoutMs * 2 + run.profile.limits.requestTimeoutMs;
    test(name, { meta: { cloudconform: meta }, timeout }, (t) => runCheck(t, dialect, run, requirements, format, fn, creates, uses));
  }
}

async function runCheck<S extends Session>(
  t: TestContext,
  dialect: Dialect<S>,
  run: RunContext,
  requirements: string[],
  format: Format,
  fn: (ctx: CheckContext<S>) => Promise<void>,
  creates: Creates,
  uses: readonly Fixture<unknown>[],
): Promise<void> {
  const meta = t.task.meta.cloudconform!;
  // First, so a check that is not applicable or fails early still carries them.
  await allure.labels(...allureLabels(run.suite, catalogueEntries(run, requirements)));
  const reason = inapplicable(run, requirements);
  if (reason) {
    meta.state = 'not-applicable';
    t.skip(reason);
  }
  // Checks still queued when the run's time is up create nothing: the run is being cancelled.
  if (timeIsUp(run)) t.skip('not run: limits.runTimeoutMs ran out before this check started');
  const session = dialect.open(run, format, creates);
  const { http } = session;
  const setups: Exchange[][] = [];
  const ctx: CheckContext<S> = {
    ...session,
    run,
    requirements,
    format,
    notApplicable: (why) => {
      throw new NotApplicable(why);
    },
    setReplay: (token) => {
      meta.replay = token;
    },
    use: async <T>(f: Fixture<T>): Promise<T> => {
      if (!uses.includes(f as Fixture<unknown>)) throw new HarnessError('INTERNAL', 'the check uses a fixture it does not name in its `uses` option (the run plan would not count it)');
      const { value, transcript } = await f.acquire(run, format);
      setups.push(transcript);
      return value;
    },
  };
  try {
    await fn(ctx);
  } catch (err) {
    if (err instanceof HarnessError && err.code === 'RUN_TIMEOUT') markTimeUp(run);
    // Cleanup exchanges follow in the transcript; remember which request the failure was about.
    if (http.exchanges.length) meta.failedExchange = http.exchanges.length + setups.flat().length;
    if (err instanceof NotApplicable) {
      meta.state = 'not-applicable';
      t.skip(err.message);
    }
    meta.state = isAssertion(err) ? 'failed' : 'error';
    throw err;
  } finally {
    await session.dispose();
    meta.transcript = withSetups(setups, http.transcript());
  }
}

/** The fixtures' set-up exchanges first, then the check's own, numbered as one sequence. */
function withSetups(setups: readonly Exchange[][], own: readonly Exchange[]): Exchange[] {
  if (setups.length === 0) return [...own];
  return [...setups.flat(), ...own].map((e, i) => ({ ...e, seq: i + 1 }));
}

/**
 * A broken rule (FAIL) is an assertion: vitest's AssertionError, a custom matcher's error (it carries
 * actual and expected), or a property's ConformanceError. Anything else — network, timeouts, a check
 * that crashed on a response it could not read — means the rule could not be judged (ERROR).
 */
function isAssertion(err: unknown): boolean {
  if (err instanceof HarnessError || !(err instanceof Error)) return false;
  return err.name === 'AssertionError' || err.name === 'ConformanceError' || ('actual' in err && 'expected' in err);
}

/** The catalogue entries of the requirements a check names; naming one the catalogue lacks is a defect of the suite. */
function catalogueEntries(run: RunContext, requirements: readonly string[]): CatalogueEntry[] {
  const catalogue = new Map(loadCatalogue(run.suite).map((r) => [r.id, r]));
  return requirements.map((id) => {
    const req = catalogue.get(id);
    if (!req) throw new HarnessError('INTERNAL', `check names ${id}, which is not in suites/${run.suite}/requirements.yaml`);
    return req;
  });
}

/** Why none of the named requirements applies to this run, or undefined when one does. */
function inapplicable(run: RunContext, requirements: string[]): string | undefined {
  const reasons: string[] = [];
  for (const req of catalogueEntries(run, requirements)) {
    const id = req.id;
    if (!appliesToVersion(req, run.specVersion)) reasons.push(`${id} does not apply to ${run.profile.spec.name} ${run.specVersion}`);
    else if (req.feature !== 'core' && !run.features.includes(req.feature)) reasons.push(`${id} needs feature '${req.feature}', which the provider does not claim`);
    else return undefined;
  }
  return `not applicable: ${reasons.join('; ')}`;
}
