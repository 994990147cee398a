// The data model shared by the harness, the suites and the reporters.
// Everything here is plain JSON so it can cross vitest's worker boundary and land in results.json.

export type { Level, Requirement } from '../catalogue/requirement.js';
import type { Requirement } from '../catalogue/requirement.js';

export const OUTCOMES = ['PASS', 'WARN', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'SKIPPED', 'WAIVED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** PARTIAL: a filtered run in which nothing failed; only an unfiltered run can be CONFORMANT. */
export type Verdict = 'CONFORMANT' | 'PARTIAL' | 'NOT CONFORMANT' | 'INCONCLUSIVE';

/** One recorded HTTP exchange, secrets already redacted. */
export interface Exchange {
  seq: number;
  startedAt: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** Body excerpt (truncated to a bound). */
  responseBody?: string;
  responseBytes?: number;
  durationMs: number;
  /** Network or timeout error, when there was no response. */
  error?: string;
  curl: string;
  /** The fixture this exchange belongs to, when it set up resources the check shares with others. */
  setup?: string;
}

/** What one check (a vitest test) produced. */
export interface CheckResult {
  name: string;
  file: string;
  requirements: string[];
  /** The check's own outcome before requirement levels and waivers are applied. */
  state: 'passed' | 'failed' | 'error' | 'not-applicable' | 'skipped';
  durationMs: number;
  message?: string;
  expected?: string;
  observed?: string;
  transcript: Exchange[];
  /** seq of the last exchange before the check failed: the request its assertion was about. */
  failedExchange?: number;
  /** fast-check replay token `seed:path` for property checks. */
  replay?: string;
  /** Format the check ran in, when it was run once per format. */
  format?: string;
}

export interface Waiver {
  requirement: string;
  reason: string;
  expires: string;
}

export interface RequirementResult extends Requirement {
  outcome: Outcome;
  checks: CheckResult[];
  waiver?: Waiver;
}

export interface ScoreLine {
  earned: number;
  possible: number;
  /** 0..100, one decimal; null when nothing was applicable. */
  percent: number | null;
  counts: Record<Outcome, number>;
}

export interface LedgerEntry {
  seq: number;
  at: string;
  kind: 'create-intent' | 'created' | 'refused' | 'deleted' | 'delete-failed';
  collection: string;
  name?: string;
  id?: string;
  resourceType?: string;
  detail?: string;
  /** The cloud entry point the resource is on, when a ledger spans two providers (a portability run). */
  endpoint?: string;
}

/** Resources counted by type, with their total and the Machines among them. */
export interface ResourceCount {
  total: number;
  machines: number;
  byType: Record<string, number>;
}

/** What the run cost the account: resources planned (absent when it stopped before planning) and created, requests sent. */
export interface RunCost {
  planned?: ResourceCount;
  created: ResourceCount;
  requests: number;
}

export interface Leftover {
  id?: string;
  name?: string;
  collection: string;
  reason: string;
}

export interface RunResults {
  schemaVersion: 1;
  tool: { name: string; version: string };
  runId: string;
  suite: string;
  profile: {
    name: string;
    endpoint: string;
    specVersion: string;
    /** Whether specVersion was pinned by the profile (and confirmed), discovered from the endpoint, or assumed. */
    specVersionSource?: 'profile' | 'discovered' | 'assumed';
    /** What the endpoint said about its version (entry point namespace, CIMI-Specification-Version). */
    specVersionEvidence?: string;
    formats: string[];
    features: string[];
    certification: boolean;
  };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  score: { overall: ScoreLine; byFeature: Record<string, ScoreLine> };
  requirements: RequirementResult[];
  /** Checks that named no catalogued requirement or crashed outside any check. */
  harnessErrors: string[];
  cleanup: { created: number; deleted: number; leftovers: Leftover[] };
  cost: RunCost;
  /** The selection of a filtered run (its verdict is at best PARTIAL). */
  filter?: { requirements?: string[]; grep?: string };
}
