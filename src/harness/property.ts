// Property-based checks with fast-check: sized by the profile, replayable with `--replay seed:path`,
// and failing with the counterexample and the exact command that reproduces it.

import fc from 'fast-check';
import type { CheckContext } from './check.js';
import { HarnessError } from '../model/errors.js';
import type { RunContext } from './runContext.js';

/** A provider broke a rule in a way the property found; counted as FAIL, like an assertion. */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}

/** Whether each generated case only reads, or creates resources (a Machine, an import) that a real account pays for. */
export type PropertyCost = 'reading' | 'creating';

/** Generated cases a property of that cost runs (and so, for `creating`, how many resources its plan counts). */
export function propertyRuns(run: RunContext, cost: PropertyCost): number {
  return cost === 'creating' ? run.profile.property.creatingRuns : run.profile.property.numRuns;
}

export function propertyParameters<T>(ctx: CheckContext, cost: PropertyCost = 'reading'): fc.Parameters<T> {
  const { property } = ctx.run.profile;
  // endOnFailure: no shrinking, whose every step would be another create.
  const params: fc.Parameters<T> = { numRuns: propertyRuns(ctx.run, cost), endOnFailure: true };
  if (property.seed !== undefined) params.seed = property.seed;
  if (ctx.run.replay) {
    const [seed, ...path] = ctx.run.replay.split(':');
    params.seed = Number(seed);
    if (path.length) params.path = path.join(':');
  }
  return params;
}

export async function assertProperty<T>(ctx: CheckContext, property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>, cost: PropertyCost = 'reading'): Promise<void> {
  const out = await fc.check(property, propertyParameters<T>(ctx, cost));
  if (!out.failed) return;
  const token = `${out.seed}:${out.counterexamplePath ?? ''}`.replace(/:$/, '');
  ctx.setReplay(token);
  const cause = out.errorInstance;
  const message =
    `property failed after ${out.numRuns} run(s) (seed ${out.seed}, path ${out.counterexamplePath ?? '-'})\n` +
    `counterexample: ${fc.stringify(out.counterexample)}\n` +
    `cause: ${cause instanceof Error ? cause.message : String(cause)}\n` +
    `replay: cloudconform run --replay ${token} --requirement ${ctx.requirements.join(' ')}`;
  if (cause instanceof HarnessError) throw new HarnessError(cause.code, message);
  const err = new ConformanceError(message);
  const c = cause as { expected?: unknown; actual?: unknown };
  Object.assign(err, { expected: c?.expected, actual: c?.actual });
  throw err;
}
