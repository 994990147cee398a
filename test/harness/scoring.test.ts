import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkOutcome, score, worst, type ScoringInput } from '../../src/harness/scoring.js';
import type { CheckResult, Outcome, Requirement } from '../../src/model/run.js';

const req = (id: string, level: Requirement['level'] = 'MUST', feature = 'core', versions = ['2.0']): Requirement => ({
  id, spec: 'DSP0263', clause: '§1', level, feature, versions, statement: id,
});
const chk = (ids: string[], state: CheckResult['state']): CheckResult => ({ name: ids.join(), file: 'f', requirements: ids, state, durationMs: 1, transcript: [] });
const input = (catalogue: Requirement[], checks: CheckResult[], over: Partial<ScoringInput> = {}): ScoringInput => ({
  catalogue, checks, specVersion: '2.0', features: ['core'], waivers: [], certification: false, harnessErrors: [], now: new Date('2026-01-01'), ...over,
});

describe('scoring', () => {
  it('a failed MUST is FAIL, a failed SHOULD or MAY is WARN', () => {
    expect(checkOutcome('failed', 'MUST')).toBe('FAIL');
    expect(checkOutcome('failed', 'MUST NOT')).toBe('FAIL');
    expect(checkOutcome('failed', 'SHOULD')).toBe('WARN');
    expect(checkOutcome('failed', 'MAY')).toBe('WARN');
  });

  it('a requirement is the worst of its checks', () => {
    const s = score(input([req('A-B-001')], [chk(['A-B-001'], 'passed'), chk(['A-B-001'], 'failed'), chk(['A-B-001'], 'error')]));
    expect(s.requirements[0]!.outcome).toBe('FAIL');
    expect(worst(['PASS', 'NOT_APPLICABLE'])).toBe('PASS');
    expect(worst(['ERROR', 'WARN', 'PASS'])).toBe('ERROR');
  });

  it('weights MUST 3, SHOULD 2, MAY 1 over applicable requirements only', () => {
    const cat = [req('A-B-001'), req('A-B-002', 'SHOULD'), req('A-B-003', 'MAY'), req('A-B-004', 'MUST', 'jobs'), req('A-B-005')];
    const s = score(input(cat, [chk(['A-B-001'], 'passed'), chk(['A-B-002'], 'failed'), chk(['A-B-003'], 'passed'), chk(['A-B-004'], 'passed')]));
    expect(s.requirements.map((r) => r.outcome)).toEqual(['PASS', 'WARN', 'PASS', 'NOT_APPLICABLE', 'SKIPPED']);
    expect(s.score.overall).toMatchObject({ earned: 4, possible: 6, percent: 66.7 });
    expect(s.verdict).toBe('CONFORMANT');
    expect(s.exitCode).toBe(0);
  });

  it('a FAIL makes the run NOT CONFORMANT (exit 1); an ERROR alone makes it INCONCLUSIVE (exit 2)', () => {
    expect(score(input([req('A-B-001')], [chk(['A-B-001'], 'failed')]))).toMatchObject({ verdict: 'NOT CONFORMANT', exitCode: 1 });
    expect(score(input([req('A-B-001')], [chk(['A-B-001'], 'error')]))).toMatchObject({ verdict: 'INCONCLUSIVE', exitCode: 2 });
    expect(score(input([req('A-B-001')], [chk(['A-B-001'], 'passed')], { harnessErrors: ['boom'] }))).toMatchObject({ verdict: 'INCONCLUSIVE' });
  });

  it('a filtered run is PARTIAL (exit 0) when nothing failed, never CONFORMANT; a failure still makes it NOT CONFORMANT', () => {
    expect(score(input([req('A-B-001')], [chk(['A-B-001'], 'passed')], { filtered: true }))).toMatchObject({ verdict: 'PARTIAL', exitCode: 0 });
    expect(score(input([req('A-B-001')], [chk(['A-B-001'], 'failed')], { filtered: true }))).toMatchObject({ verdict: 'NOT CONFORMANT', exitCode: 1 });
    expect(score(input([req('A-B-001')], [chk(['A-B-001'], 'error')], { filtered: true }))).toMatchObject({ verdict: 'INCONCLUSIVE', exitCode: 2 });
  });

  it('requirements of other spec versions are NOT_APPLICABLE even when a check ran', () => {
    const s = score(input([req('A-B-001', 'MUST', 'core', ['1.x'])], [chk(['A-B-001'], 'failed')]));
    expect(s.requirements[0]!.outcome).toBe('NOT_APPLICABLE');
    expect(s.verdict).toBe('CONFORMANT');
  });

  it('an active waiver turns a FAIL into WAIVED; an expired one or certification mode does not', () => {
    const waiver = { requirement: 'A-B-001', reason: 'known', expires: '2026-06-01' };
    const failing = [chk(['A-B-001'], 'failed')];
    expect(score(input([req('A-B-001')], failing, { waivers: [waiver] })).requirements[0]).toMatchObject({ outcome: 'WAIVED', waiver });
    expect(score(input([req('A-B-001')], failing, { waivers: [waiver], now: new Date('2026-07-01') })).requirements[0]!.outcome).toBe('FAIL');
    expect(score(input([req('A-B-001')], failing, { waivers: [waiver], certification: true })).verdict).toBe('NOT CONFORMANT');
  });

  it('property: earned never exceeds possible, and the verdict is CONFORMANT exactly when nothing FAILs or ERRORs', () => {
    const states = fc.constantFrom<CheckResult['state']>('passed', 'failed', 'error', 'not-applicable', 'skipped');
    const levels = fc.constantFrom<Requirement['level']>('MUST', 'SHOULD', 'MAY');
    fc.assert(
      fc.property(fc.array(fc.tuple(levels, fc.array(states, { maxLength: 3 })), { maxLength: 12 }), (rows) => {
        const cat = rows.map(([level], i) => req(`A-B-${String(i).padStart(3, '0')}`, level));
        const checks = rows.flatMap(([, ss], i) => ss.map((s) => chk([`A-B-${String(i).padStart(3, '0')}`], s)));
        const s = score(input(cat, checks));
        expect(s.score.overall.earned).toBeLessThanOrEqual(s.score.overall.possible);
        const bad = s.requirements.some((r) => (['FAIL', 'ERROR'] as Outcome[]).includes(r.outcome));
        expect(s.verdict === 'CONFORMANT').toBe(!bad);
        const sumFeatures = Object.values(s.score.byFeature).reduce((a, l) => a + l.possible, 0);
        expect(sumFeatures).toBe(s.score.overall.possible);
      }),
    );
  });
});
