// A loaded, validated profile: what to test and how hard. Produced by profileLoader.ts.

export type Format = 'json' | 'xml';

export type Auth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export interface Limits {
  /** Per HTTP request. */
  requestTimeoutMs: number;
  /** Waiting for a resource to leave a transitional state. */
  stateTimeoutMs: number;
  /** The whole run. */
  runTimeoutMs: number;
  /** Concurrent requests (and vitest workers) against the endpoint. */
  concurrency: number;
  /** Resources the suite may create over the whole run. */
  maxResources: number;
  /** HTTP requests per check; bounds every request loop. */
  maxRequestsPerCheck: number;
}

export interface Profile {
  /** Absolute path of the file it came from (or '<builtin>'). */
  source: string;
  name: string;
  /** `embedded`, or the absolute URL of the cloud entry point. */
  endpoint: string;
  auth: Auth;
  /**
   * The API family (the dialect that speaks it, and the suite under suites/) and its version: `discover`
   * (the default) uses the version the endpoint speaks; a pinned one must agree with it.
   */
  spec: { name: string; version: string };
  formats: Format[];
  /** `discover` reads them from the cloud entry point and its ResourceMetadata; a list pins them. */
  features: 'discover' | string[];
  limits: Limits;
  /** Cases per property: `numRuns` for those that only read, `creatingRuns` for those that create in every case. */
  property: { numRuns: number; creatingRuns: number; seed?: number };
  cleanup: 'always' | 'never';
  waivers: { requirement: string; reason: string; expires: string }[];
  /** In certification mode waivers do not count: a waived MUST still fails the verdict. */
  certification: boolean;
  /** Reference-provider knobs; only valid with `endpoint: embedded`. */
  reference?: { quirks: string[]; transitionMs: number; latencyMs: number; jobs: boolean; specVersion?: string };
  /** Secret values resolved from `${ENV_VAR}` references, for redaction. Never serialised. */
  secrets: string[];
}
