import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../src/model/errors.js';
import { renderResultsJson, resultsSchemaErrors } from '../../src/reporters/resultsJson.js';
import { everyOutcome, exchange, HOSTILE, requirement, runResults } from './build.js';

describe('results.json', () => {
  it('validates a run with every outcome and every optional field', () => {
    const results = everyOutcome();
    results.requirements[0]!.note = 'assumed';
    results.requirements[0]!.checks[0]!.transcript.push(exchange({ seq: 2, status: undefined, error: 'ECONNRESET' }));
    results.harnessErrors.push('boom');
    results.cleanup.leftovers.push({ collection: 'machines', id: 'm/1', name: 'cc-1', reason: '409 Conflict' });
    expect(resultsSchemaErrors(JSON.parse(renderResultsJson(results)))).toEqual([]);
  });

  it('round-trips hostile text', () => {
    const results = runResults([requirement({ id: 'CIMI-CEP-001', statement: HOSTILE })]);
    expect(JSON.parse(renderResultsJson(results)).requirements[0].statement).toBe(HOSTILE);
  });

  it('rejects a results object that breaks the schema, naming the place', () => {
    const broken = { ...everyOutcome(), verdict: 'MOSTLY FINE' } as never;
    expect(() => renderResultsJson(broken)).toThrow(HarnessError);
    expect(() => renderResultsJson(broken)).toThrow(/\/verdict: must be equal to one of the allowed values/);
  });

  it.each([
    ['unknown field', (r: Record<string, unknown>) => ({ ...r, extra: 1 }), /\/: must NOT have additional properties 'extra'/],
    ['missing field', ({ runId: _, ...r }: Record<string, unknown>) => r, /must have required property 'runId'/],
    ['bad outcome', (r: Record<string, unknown>) => withFirstOutcome(r, 'MAYBE'), /\/requirements\/0\/outcome/],
    ['NaN score', (r: Record<string, unknown>) => withOverallEarned(r, Number.NaN), /\/score\/overall\/earned: must be number/],
  ])('rejects %s', (_label, mutate, message) => {
    const value = JSON.parse(JSON.stringify(mutate(everyOutcome() as unknown as Record<string, unknown>)));
    expect(resultsSchemaErrors(value).join('\n')).toMatch(message);
  });

  it('validates what is written: NaN (written as null) is refused', () => {
    const results = everyOutcome();
    results.score.overall.earned = Number.NaN;
    expect(() => renderResultsJson(results)).toThrow(/earned: must be number/);
  });
});

function withFirstOutcome(r: Record<string, unknown>, outcome: string): Record<string, unknown> {
  const [first, ...rest] = r.requirements as Record<string, unknown>[];
  return { ...r, requirements: [{ ...first, outcome }, ...rest] };
}

function withOverallEarned(r: Record<string, unknown>, earned: number): Record<string, unknown> {
  const score = r.score as { overall: object; byFeature: object };
  return { ...r, score: { ...score, overall: { ...score.overall, earned } } };
}
