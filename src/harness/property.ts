// Property-based checks with fast-check: sized by the profile, replayable with `--replay seed:path`,
// and failing with the counterexample and the exact command that reproduces it.

import fc from 'fast-check';
import type { CheckContext } from './check.js';
import { HarnessError } from './errors.js';

/** A provider broke a rule in a way the property found; counted as FAIL, like an assertion. */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}

export function propertyParameters<T>(ctx: CheckContext): fc.Parameters<T> {
  const { property } = ctx.run.profile;
  const params: fc.Parameters<T> = { numRuns: property.numRuns, endOnFailure: true };
  if (property.seed !== undefined) params.seed = property.seed;
  if (ctx.run.replay) {
    const [seed, ...path] = ctx.run.replay.split(':');
    params.seed = Number(seed);
    if (path.length) params.path = path.join(':');
  }
  return params;
}

export async function assertProperty<T>(ctx: CheckContext, property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>): Promise<void> {
  const out = await fc.check(property, propertyParameters<T>(ctx));
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
