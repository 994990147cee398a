// What an API family (a dialect under src/<name>/) supplies so the harness can run its suite: preflight and
// discovery, a recording session for each check or fixture (client, workspace, teardown), and the
// final sweep over the ledger. The harness knows no dialect by name; the CLI picks one by the
// profile's `spec.name`, and a suite's checks are bound to theirs (see defineCheck in check.ts).

import type { HttpClient } from './httpClient.js';
import type { Leftover } from '../model/run.js';
import type { Profile } from './profile.js';
import type { RunContext } from './runContext.js';
import type { Creates } from './resourcePlan.js';

/** The spec version a run judges, where it came from and what the endpoint said. */
export interface ResolvedVersion {
  version: string;
  /** `profile`: pinned and confirmed (or not contradicted); `discovered`: read from the endpoint; `assumed`: nothing said. */
  source: 'profile' | 'discovered' | 'assumed';
  evidence: string;
}

/** What preflight learnt before any check runs. */
export interface Discovery {
  version: ResolvedVersion;
  /** Features the provider claims (discovered or pinned); `core` is always there. */
  features: string[];
  /** Ids of provider-owned members of collections checks build on, taken before any check ran. */
  preexisting: Record<string, string[]>;
}

/** One check's (or fixture's) view of the provider: a recording client plus the dialect's objects. */
export interface Session {
  http: HttpClient;
  /** Deletes, newest first, what this session created; failures are left to the run's sweep. */
  dispose(): Promise<void>;
}

export interface SweepResult {
  deleted: number;
  leftovers: Leftover[];
}

/** Resources made once for the whole run, before the checks (e.g. machines every read-only check lists). */
export interface SharedResources {
  /** The fixture key checks name in `uses` to get them. */
  key: string;
  /** Creates them; `state` is handed to the workers through the run context, `dispose` ends them. */
  create(run: RunContext): Promise<{ state: unknown; dispose(): Promise<void> }>;
}

export interface Dialect<S extends Session = Session> {
  /** The profile's `spec.name` this dialect serves, and the suite folder under suites/. */
  readonly name: string;
  /** The resource types that are machines (each a paid boot on a real account), counted apart in plans and costs. */
  readonly machineTypes: readonly string[];
  /**
   * Is the endpoint reachable, are the credentials accepted, does it speak this API, what version and
   * features? Any "no" throws a UsageError (exit 2) before anything is created.
   */
  preflight(profile: Profile, endpoint: string): Promise<Discovery>;
  /** A session for one check or fixture, bounded by the profile's limits and by `allowance`. */
  open(run: RunContext, format: string, allowance: Creates): S;
  /** Deletes what the ledger says is still out there (lines of this endpoint only), and lists what survives. */
  sweep(profile: Profile, endpoint: string, ledgerFile: string, runId: string, version?: string): Promise<SweepResult>;
  shared?: SharedResources;
}
