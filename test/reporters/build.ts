// Builders of RunResults fixtures: small defaults, override what a test is about.

import { createHash } from 'node:crypto';
import type { CheckResult, Exchange, Outcome, RequirementResult, RunResults, ScoreLine } from '../../src/model/run.js';
import { OUTCOMES } from '../../src/model/run.js';

export function exchange(overrides: Partial<Exchange> = {}): Exchange {
  return {
    seq: 1,
    startedAt: '2026-01-02T03:04:05.000Z',
    method: 'GET',
    url: 'http://127.0.0.1:4000/cimi/machines',
    requestHeaders: { accept: 'application/json', authorization: '[REDACTED]' },
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"count":0}',
    responseBytes: 11,
    durationMs: 3,
    curl: "curl -sS -H 'accept: application/json' 'http://127.0.0.1:4000/cimi/machines'",
    ...overrides,
  };
}

export function check(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    name: 'lists machines',
    file: 'suites/cimi/machines.test.ts',
    requirements: ['CIMI-MCH-001'],
    state: 'passed',
    durationMs: 12,
    transcript: [exchange()],
    ...overrides,
  };
}

const STATE: Record<Outcome, CheckResult['state']> = {
  PASS: 'passed',
  WARN: 'failed',
  FAIL: 'failed',
  ERROR: 'error',
  NOT_APPLICABLE: 'not-applicable',
  SKIPPED: 'skipped',
  WAIVED: 'failed',
};

export function requirement(overrides: Partial<RequirementResult> & { id: string }): RequirementResult {
  const outcome = overrides.outcome ?? 'PASS';
  const failing = STATE[outcome] === 'failed' || STATE[outcome] === 'error';
  return {
    spec: 'DSP0263',
    clause: '§5.5.1',
    level: 'MUST',
    feature: 'core',
    versions: ['1.1', '2.0'],
    statement: `statement of ${overrides.id}`,
    outcome,
    checks: [
      check({
        requirements: [overrides.id],
        state: STATE[outcome],
        ...(failing ? { message: 'expected 201, got 400', expected: 'status 201', observed: 'status 400' } : {}),
      }),
    ],
    ...overrides,
  };
}

const WEIGHT = { MUST: 3, 'MUST NOT': 3, SHOULD: 2, 'SHOULD NOT': 2, MAY: 1 } as const;

/** A score line computed the simple way, so fixtures are internally consistent. */
function scoreLine(reqs: RequirementResult[]): ScoreLine {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, reqs.filter((r) => r.outcome === o).length])) as ScoreLine['counts'];
  const applicable = reqs.filter((r) => r.outcome !== 'NOT_APPLICABLE' && r.outcome !== 'SKIPPED');
  const possible = applicable.reduce((sum, r) => sum + WEIGHT[r.level], 0);
  const earned = applicable.filter((r) => r.outcome === 'PASS' || r.outcome === 'WAIVED').reduce((sum, r) => sum + WEIGHT[r.level], 0);
  return { earned, possible, percent: possible === 0 ? null : Math.round((earned / possible) * 1000) / 10, counts };
}

export function runResults(requirements: RequirementResult[], overrides: Partial<RunResults> = {}): RunResults {
  const features = [...new Set(requirements.map((r) => r.feature))];
  const failed = requirements.some((r) => r.outcome === 'FAIL' || r.outcome === 'ERROR');
  return {
    schemaVersion: 1,
    tool: { name: 'cloudconform', version: '0.1.0' },
    runId: 'run-20260102-abc',
    suite: 'cimi',
    profile: {
      name: 'reference',
      endpoint: 'embedded',
      specVersion: '2.0',
      formats: ['json', 'xml'],
      features: features.filter((f) => f !== 'core'),
      certification: false,
    },
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:05:05.000Z',
    durationMs: 60000,
    verdict: failed ? 'NOT CONFORMANT' : 'CONFORMANT',
    exitCode: failed ? 1 : 0,
    score: {
      overall: scoreLine(requirements),
      byFeature: Object.fromEntries(features.map((f) => [f, scoreLine(requirements.filter((r) => r.feature === f))])),
    },
    requirements,
    harnessErrors: [],
    cleanup: { created: 3, deleted: 3, leftovers: [] },
    cost: { planned: { total: 4, machines: 2, byType: { Machine: 2, MachineTemplate: 2 } }, created: { total: 3, machines: 2, byType: { Machine: 2, MachineTemplate: 1 } }, requests: 120 },
    ...overrides,
  };
}

/** One requirement per outcome, across two features. */
export function everyOutcome(): RunResults {
  return runResults([
    requirement({ id: 'CIMI-CEP-001', outcome: 'PASS' }),
    requirement({ id: 'CIMI-CEP-002', outcome: 'WARN', level: 'SHOULD', clause: '§5.5.2' }),
    requirement({
      id: 'CIMI-QRY-004',
      outcome: 'FAIL',
      feature: 'machines',
      clause: '§4.1.6.2',
      checks: [
        check({
          requirements: ['CIMI-QRY-004'],
          state: 'failed',
          format: 'json',
          message: '$first ignored',
          expected: '2 machines',
          observed: '5 machines',
          replay: '1234:0:1',
        }),
      ],
    }),
    requirement({ id: 'CIMI-MCH-002', outcome: 'ERROR', feature: 'machines' }),
    requirement({ id: 'CIMI-MCH-003', outcome: 'NOT_APPLICABLE', feature: 'machineImages' }),
    requirement({ id: 'CIMI-MCH-004', outcome: 'SKIPPED', feature: 'machines' }),
    requirement({
      id: 'CIMI-MCH-005',
      outcome: 'WAIVED',
      feature: 'machines',
      waiver: { requirement: 'CIMI-MCH-005', reason: 'vendor ticket 42', expires: '2027-01-01' },
    }),
  ]);
}

/** Text that breaks naive XML, HTML, Markdown and terminal output. */
export const HOSTILE = 'a]]>b <script>alert("x")</script> & \'q\' \u0000\u0007\u001b[31mred\u001b[0m \uFFFE \uD800 ✓ 日本 | `tick` \r\n';

/** A results model the size of a default run: 155 requirements, 2 checks each, 17 exchanges per check with
 * CIMI-like bodies full of distinct ids and timestamps (as compressible as real traffic, not more). */
export function largeRun(): RunResults {
  let seq = 0;
  const uuid = (n: number): string => createHash('sha256').update(String(n)).digest('hex').slice(0, 32);
  const body = (n: number): string =>
    JSON.stringify({
      resourceURI: 'http://schemas.dmtf.org/cimi/2/MachineCollection',
      id: `http://127.0.0.1:38079/cimi/machines?$first=${n % 7}`,
      count: 4,
      machines: [0, 1, 2, 3].map((i) => ({
        id: `http://127.0.0.1:38079/cimi/machines/${uuid(n * 10 + i)}`,
        name: `cc-${uuid(n).slice(0, 6)}-${i}`,
        created: new Date(1_764_950_000_000 + n * 997 + i).toISOString(),
        state: ['STARTED', 'STOPPED', 'PAUSED'][i % 3],
        cpu: 1 + (n % 4),
        memory: 1_048_576 * (1 + (i % 3)),
        operations: ['start', 'stop', 'restart', 'delete'].map((rel) => ({ rel: `http://schemas.dmtf.org/cimi/2/action/${rel}`, href: `http://127.0.0.1:38079/cimi/machines/${uuid(n * 10 + i)}/${rel}` })),
      })),
    }, null, 2);
  const checks = (id: string): CheckResult[] =>
    [0, 1].map((k) =>
      check({
        name: `${id} check ${k}`,
        requirements: [id],
        transcript: Array.from({ length: 17 }, () => {
          seq += 1;
          const url = `http://127.0.0.1:38079/cimi/machines?$filter=name='cc-${uuid(seq).slice(0, 12)}'`;
          return exchange({ seq, url, responseBody: body(seq), responseBytes: 2400, curl: `curl -sS -i -H 'Accept: application/json' '${url}'` });
        }),
      }),
    );
  const features = ['core', 'FilterParameter', 'SelectParameter', 'jobs', 'machineTemplates', 'credentials'];
  return runResults(
    Array.from({ length: 155 }, (_, i) => {
      const id = `CIMI-GEN-${String(i).padStart(3, '0')}`;
      return requirement({ id, feature: features[i % features.length]!, statement: `Requirement ${i}: a sentence of about the length of a real catalogue statement.`, checks: checks(id) });
    }),
  );
}
