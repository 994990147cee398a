// The results.json of a portability run folder (written by `cloudconform portability`). PortabilityResults is
// what `compare` reads: the two endpoints, the verdict and the findings, checked loosely here so that compare
// only needs those. PortabilityRunResults is the full format the command writes, checked against
// reporters/portability.schema.json before it is written (portabilityJson.ts). A conformance results.json has
// no `kind`.

import type { Leftover, ResourceCount } from '../model/run.js';

export type PortabilityVerdict = 'PORTABLE' | 'PORTABLE WITH LOSSES' | 'NOT PORTABLE' | 'ERROR';
const VERDICTS: readonly string[] = ['PORTABLE', 'PORTABLE WITH LOSSES', 'NOT PORTABLE', 'ERROR'];

export interface PortabilityFinding {
  severity: string;
  field: string;
  step: string;
  from?: unknown;
  to?: unknown;
  message: string;
}

export interface PortabilityResults {
  schemaVersion: number;
  kind: 'portability';
  tool: { name: string; version: string };
  runId: string;
  from: { name: string; endpoint: string };
  to: { name: string; endpoint: string };
  back: boolean;
  verdict: PortabilityVerdict;
  exitCode: number;
  findings: PortabilityFinding[];
}

/** error: the workload lost what it needs, or was refused (NOT PORTABLE); warning: it runs, but not as described
 * (PORTABLE WITH LOSSES); info: noted, no loss (the target added something, validator advice). */
export type PortabilitySeverity = 'error' | 'warning' | 'info';
/** The way out (from → to) and, with --back, the way home (to → from). */
export type Leg = 'there' | 'back';
/** Where a difference was lost. */
export type LossStep = 'export' | 'validation' | 'import' | 'instantiate';
export type StepName = 'onboard' | 'instantiate' | 'export' | 'validation' | 'import' | 'describe';
export type FieldValue = string | number;

export interface PortabilityRunFinding extends PortabilityFinding {
  severity: PortabilitySeverity;
  step: LossStep;
  leg: Leg;
  from?: FieldValue;
  to?: FieldValue;
}

export interface PortabilityStep {
  leg: Leg;
  name: StepName;
  /** The provider it ran on. */
  side: 'from' | 'to';
  status: 'done' | 'failed' | 'skipped';
  /** `sha256:<hex>` of the package the step produced or took. */
  digest?: string;
  bytes?: number;
  durationMs: number;
  detail: string;
}

/** One field of the normalised description, at both ends of a leg. */
export interface ComparedField {
  leg: Leg;
  field: string;
  from?: FieldValue;
  to?: FieldValue;
  same: boolean;
}

export interface PortabilitySide {
  name: string;
  endpoint: string;
  /** The API family the run spoke to it (the profile's spec.name: cimi, vcloud); absent in older runs, which spoke CIMI. */
  suite?: string;
  specVersion?: string;
}

export interface PortabilityRunResults extends PortabilityResults {
  from: PortabilitySide;
  to: PortabilitySide;
  findings: PortabilityRunFinding[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** The workload onboarded on `from`: generated, or the OVA given with --package. */
  package: { source: 'generated' | 'file'; name: string; digest: string; bytes: number };
  steps: PortabilityStep[];
  compared: ComparedField[];
  /** What each provider's account paid: resources its ledger lines say were created, requests sent. */
  cost: Record<'from' | 'to', { created: ResourceCount; requests: number }>;
  cleanup: { created: number; deleted: number; leftovers: (Leftover & { side: 'from' | 'to' })[] };
  /** Why the run could not judge (verdict ERROR). */
  harnessErrors: string[];
}

export function isPortabilityResults(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'portability';
}

/** Problems of a would-be portability results.json, as `path: message` lines; empty when usable. */
export function portabilityResultsErrors(value: unknown): string[] {
  const v = value as Record<string, unknown>;
  const errors: string[] = [];
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const str = (x: unknown): boolean => typeof x === 'string' && x.length > 0;
  if (typeof v.schemaVersion !== 'number') errors.push('/schemaVersion: must be a number');
  if (!isObject(v.tool) || !str(v.tool.name) || !str(v.tool.version)) errors.push('/tool: must have a name and a version');
  if (!str(v.runId)) errors.push('/runId: must be a non-empty string');
  for (const side of ['from', 'to'] as const) {
    const s = v[side];
    if (!isObject(s) || !str(s.name) || typeof s.endpoint !== 'string') errors.push(`/${side}: must have a name and an endpoint`);
  }
  if (typeof v.back !== 'boolean') errors.push('/back: must be a boolean');
  if (!VERDICTS.includes(v.verdict as string)) errors.push(`/verdict: must be one of ${VERDICTS.join(', ')}`);
  if (typeof v.exitCode !== 'number') errors.push('/exitCode: must be a number');
  if (!Array.isArray(v.findings)) errors.push('/findings: must be an array');
  else {
    v.findings.forEach((f, i) => {
      if (!isObject(f) || !str(f.severity) || typeof f.field !== 'string' || typeof f.step !== 'string' || typeof f.message !== 'string') {
        errors.push(`/findings/${i}: must have severity, field, step and message`);
      }
    });
  }
  return errors;
}
