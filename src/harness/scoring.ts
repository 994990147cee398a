// Pure scoring: check results + catalogue + profile → requirement outcomes, score and verdict.

import type { CheckResult, Level, Outcome, Requirement, RequirementResult, ScoreLine, Verdict, Waiver } from '../model/run.js';
import { OUTCOMES } from '../model/run.js';
import { appliesToVersion } from '../catalogue/requirement.js';

export const LEVEL_WEIGHT: Record<Level, number> = { MUST: 3, 'MUST NOT': 3, SHOULD: 2, 'SHOULD NOT': 2, MAY: 1 };

// Worst first: a provider that broke a rule outranks a check that could not run.
const SEVERITY: Outcome[] = ['FAIL', 'ERROR', 'WARN', 'PASS', 'WAIVED', 'NOT_APPLICABLE', 'SKIPPED'];

export function worst(outcomes: Outcome[]): Outcome | undefined {
  return [...outcomes].sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b))[0];
}

const isStrict = (level: Level): boolean => level === 'MUST' || level === 'MUST NOT';

/** A check's outcome for one requirement: a failed SHOULD or MAY is a warning, not a failure. */
export function checkOutcome(state: CheckResult['state'], level: Level): Outcome {
  switch (state) {
    case 'passed':
      return 'PASS';
    case 'failed':
      return isStrict(level) ? 'FAIL' : 'WARN';
    case 'error':
      return 'ERROR';
    case 'not-applicable':
      return 'NOT_APPLICABLE';
    case 'skipped':
      return 'SKIPPED';
  }
}

export interface ScoringInput {
  catalogue: Requirement[];
  checks: CheckResult[];
  specVersion: string;
  features: string[];
  waivers: Waiver[];
  certification: boolean;
  harnessErrors: string[];
  now: Date;
  /** The run selected only some checks (--requirement, --grep): its verdict can be PARTIAL, never CONFORMANT. */
  filtered?: boolean;
}

export interface Scored {
  requirements: RequirementResult[];
  score: { overall: ScoreLine; byFeature: Record<string, ScoreLine> };
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
}

export function activeWaiver(waivers: Waiver[], id: string, now: Date): Waiver | undefined {
  return waivers.find((w) => w.requirement === id && new Date(w.expires).getTime() >= now.getTime());
}

export function requirementOutcome(req: Requirement, checks: CheckResult[], input: Pick<ScoringInput, 'specVersion' | 'features'>): Outcome {
  if (!appliesToVersion(req, input.specVersion)) return 'NOT_APPLICABLE';
  if (req.feature !== 'core' && !input.features.includes(req.feature)) return 'NOT_APPLICABLE';
  if (checks.length === 0) return 'SKIPPED';
  return worst(checks.map((c) => checkOutcome(c.state, req.level)))!;
}

function emptyLine(): ScoreLine {
  return { earned: 0, possible: 0, percent: null, counts: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number> };
}

function add(line: ScoreLine, r: RequirementResult): void {
  line.counts[r.outcome]++;
  // Applicable = judged: passed, warned, failed or errored. Waived, N/A and skipped are outside the denominator.
  if (r.outcome === 'PASS' || r.outcome === 'WARN' || r.outcome === 'FAIL' || r.outcome === 'ERROR') {
    const w = LEVEL_WEIGHT[r.level];
    line.possible += w;
    if (r.outcome === 'PASS') line.earned += w;
  }
  line.percent = line.possible === 0 ? null : Math.round((line.earned / line.possible) * 1000) / 10;
}

export function score(input: ScoringInput): Scored {
  const byReq = new Map<string, CheckResult[]>();
  for (const c of input.checks) for (const id of c.requirements) byReq.set(id, [...(byReq.get(id) ?? []), c]);

  const requirements: RequirementResult[] = input.catalogue.map((req) => {
    const checks = byReq.get(req.id) ?? [];
    let outcome = requirementOutcome(req, checks, input);
    const waiver = activeWaiver(input.waivers, req.id, input.now);
    // In certification mode a waiver is shown but does not change the outcome.
    if (waiver && !input.certification && (outcome === 'FAIL' || outcome === 'WARN' || outcome === 'ERROR')) outcome = 'WAIVED';
    return { ...req, outcome, checks, ...(waiver ? { waiver } : {}) };
  });

  const overall = emptyLine();
  const byFeature: Record<string, ScoreLine> = {};
  for (const r of requirements) {
    add(overall, r);
    add((byFeature[r.feature] ??= emptyLine()), r);
  }

  const failed = requirements.some((r) => r.outcome === 'FAIL');
  const errored = requirements.some((r) => r.outcome === 'ERROR') || input.harnessErrors.length > 0;
  const verdict: Verdict = failed ? 'NOT CONFORMANT' : errored ? 'INCONCLUSIVE' : input.filtered ? 'PARTIAL' : 'CONFORMANT';
  const exitCode = verdict === 'CONFORMANT' || verdict === 'PARTIAL' ? 0 : verdict === 'NOT CONFORMANT' ? 1 : 2;
  return { requirements, score: { overall, byFeature }, verdict, exitCode };
}
