// The reading of RunResults that every human-facing report shares: score text, which requirements need attention,
// why one was not run, and the evidence of a failed check. Reports differ only in layout.

import type { CheckResult, Outcome, RequirementResult, RunResults, ScoreLine } from '../model/run.js';

/** Display order of outcomes: what needs attention first. */
export const OUTCOME_ORDER: readonly Outcome[] = ['ERROR', 'FAIL', 'WARN', 'WAIVED', 'PASS', 'NOT_APPLICABLE', 'SKIPPED'];

/** The API a suite judges, as its spec names it: `CIMI 2.0`, `vCloud API 5.1`. */
export const apiName = (suite: string): string => ({ cimi: 'CIMI', vcloud: 'vCloud API' })[suite] ?? suite;

/** What the run cost the account, in one sentence: resources and Machines created against the plan, requests, time. */
export function costSentence(r: RunResults): string {
  const { planned, created, requests } = r.cost;
  const plan = planned ? ` (planned at most ${planned.total}, ${planned.machines} Machines)` : '';
  return `${created.total} resources created, ${created.machines} of them Machines${plan}; ${requests} requests; ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** `earned/possible (pct%)`: the score is meaningless without its denominator. */
export function formatScore(line: ScoreLine): string {
  const percent = line.percent === null ? 'n/a' : `${line.percent.toFixed(1)}%`;
  return `${round(line.earned)}/${round(line.possible)} (${percent})`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Requirements a reader must act on (FAIL, ERROR), then those that only warn, in catalogue order. */
export function attention(results: RunResults): { failed: RequirementResult[]; warned: RequirementResult[] } {
  return {
    failed: results.requirements.filter((r) => r.outcome === 'FAIL' || r.outcome === 'ERROR'),
    warned: results.requirements.filter((r) => r.outcome === 'WARN'),
  };
}

/** Requirements per feature, features in order of first appearance (core first in a well-formed catalogue). */
export function groupByFeature(reqs: RequirementResult[]): [string, RequirementResult[]][] {
  const groups = new Map<string, RequirementResult[]>();
  for (const req of reqs) groups.set(req.feature, [...(groups.get(req.feature) ?? []), req]);
  return [...groups];
}

/** Why a requirement was not judged, for outcomes that carry no failure evidence. */
export function outcomeReason(req: RequirementResult): string | undefined {
  const message = req.checks.find((c) => c.message)?.message;
  switch (req.outcome) {
    case 'WAIVED':
      return req.waiver ? `waived until ${req.waiver.expires}: ${req.waiver.reason}` : 'waived';
    case 'NOT_APPLICABLE':
      return message ?? `feature ${req.feature} is not claimed`;
    case 'SKIPPED':
      return message ?? 'filtered out of this run';
    default:
      return undefined;
  }
}

/** What a failed or errored check showed, ready to print. */
export interface Evidence {
  check: string;
  format?: string;
  message?: string;
  expected?: string;
  observed?: string;
  /** Reproduces the request the failure was about (the last one before it failed). */
  curl?: string;
  replay?: string;
}

export function evidenceOf(req: RequirementResult): Evidence[] {
  return req.checks.filter(isBad).map((c) => ({
    check: c.name,
    format: c.format,
    message: c.message,
    expected: c.expected,
    observed: c.observed,
    curl: (c.failedExchange ? c.transcript.find((e) => e.seq === c.failedExchange) : undefined)?.curl ?? c.transcript.at(-1)?.curl,
    replay: c.replay,
  }));
}

function isBad(check: CheckResult): boolean {
  return check.state === 'failed' || check.state === 'error';
}

/** `name [json]`: a check that ran once per format is ambiguous without it (the harness may have named it so already). */
export function checkLabel(e: Pick<Evidence, 'check' | 'format'>): string {
  return e.format && !e.check.endsWith(`[${e.format}]`) ? `${e.check} [${e.format}]` : e.check;
}

/** Evidence as plain lines (JUnit bodies, the terminal); untrusted text is escaped by the caller's medium. */
export function evidenceLines(e: Evidence): string[] {
  const lines = [`check: ${checkLabel(e)}`];
  if (e.message) lines.push(`message: ${e.message}`);
  if (e.expected !== undefined) lines.push(`expected: ${e.expected}`);
  if (e.observed !== undefined) lines.push(`observed: ${e.observed}`);
  if (e.curl) lines.push(`reproduce: ${e.curl}`);
  if (e.replay) lines.push(`replay: ${e.replay}`);
  return lines;
}

/** `MUST, DSP0263 §4.1.6.2`. */
export function levelAndClause(req: RequirementResult): string {
  return `${req.level}, ${req.spec} ${req.clause}`;
}
