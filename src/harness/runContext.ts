// What the orchestrator hands to the suites running in vitest workers (via `provide`/`inject`).
// Plain data only: it is structured-cloned into each worker and never written to disk.

import type { Profile } from './profile.js';

export interface RunContext {
  runId: string;
  suite: string;
  /** Absolute URL of the cloud entry point under test. */
  cepUrl: string;
  profile: Profile;
  /** The spec version the checks judge: discovered by preflight, or the profile's pinned one it confirmed. */
  specVersion: string;
  /** Features the provider claims (discovered or pinned); `core` is always there. */
  features: string[];
  ledgerFile: string;
  /**
   * Ids of the members of the collections checks build on, before any check ran (Discovery.preexisting):
   * the provider's own, which no check deletes while another uses it.
   */
  preexisting: Record<string, string[]>;
  /** `seed:path` to replay one failing property check with fast-check. */
  replay?: string;
  /** Epoch ms at which limits.runTimeoutMs runs out: every wait of a check or fixture ends by then (not the final sweep's). */
  deadline?: number;
  /** The dialect's run-wide shared resources (Dialect.shared), when a selected check uses them. */
  shared?: unknown;
}

/** Metadata a check leaves on its vitest task for the collector. */
export interface CheckMeta {
  requirements: string[];
  format?: string;
  /** How the check ended when it did not pass: set by the check wrapper, which knows the error's kind. */
  state?: 'not-applicable' | 'failed' | 'error';
  transcript?: import('../model/run.js').Exchange[];
  failedExchange?: number;
  replay?: string;
  /** What the check (and the fixtures it uses) may create: read by the orchestrator's plan before the run. */
  plan?: import('./resourcePlan.js').PlannedCheck;
}

declare module 'vitest' {
  interface ProvidedContext {
    cloudconform: RunContext;
  }
  interface TaskMeta {
    cloudconform?: CheckMeta;
  }
}
