// What `compare` reads from a portability run folder (written by `cloudconform portability`): the two endpoints,
// the verdict and the findings. Only the fields compare uses are checked here; the portability command owns the
// full format. A conformance results.json has no `kind`.

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
