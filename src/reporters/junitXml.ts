// junit.xml for CI systems: one <testcase> per requirement, grouped in one <testsuite> per feature.
// FAIL → <failure>, ERROR → <error>, not judged → <skipped>, WARN passes with its warning in <system-out>.

import type { RequirementResult, RunResults } from '../model/run.js';
import { evidenceLines, groupByFeature, evidenceOf, levelAndClause, outcomeReason } from './digest.js';
import { type Case, element, harnessCases, testcase, testsuite, testsuites } from './junitParts.js';

export function renderJunitXml(results: RunResults): string {
  const suites = groupByFeature(results.requirements).map(([feature, reqs]) =>
    testsuite(`${results.suite}.${feature}`, reqs.map((r) => requirementCase(results.suite, r)), results.startedAt),
  );
  const harness = harnessCases(`${results.suite}.harness`, results.harnessErrors, results.cleanup.leftovers);
  if (harness.length > 0) suites.push(testsuite(`${results.suite}.harness`, harness, results.startedAt));

  return testsuites(`cloudconform ${results.suite}: ${results.profile.name}`, suites, results.durationMs);
}

function requirementCase(suite: string, req: RequirementResult): Case {
  const classname = `${suite}.${req.feature}`;
  const name = `${req.id}: ${req.statement}`;
  const durationMs = req.checks.reduce((sum, c) => sum + c.durationMs, 0);
  const evidence = evidenceOf(req).map((e) => evidenceLines(e).join('\n')).join('\n\n');
  const header = `${req.outcome} (${levelAndClause(req)})`;
  switch (req.outcome) {
    case 'FAIL':
    case 'ERROR': {
      const tag = req.outcome === 'FAIL' ? 'failure' : 'error';
      const message = evidenceOf(req).find((e) => e.message)?.message ?? header;
      const body = element(tag, { message, type: req.outcome }, `${header}\n${evidence}`);
      return { outcome: tag, durationMs, xml: testcase(classname, name, durationMs, body) };
    }
    case 'WARN': {
      const body = element('system-out', {}, `WARNING: ${header}\n${evidence}`);
      return { outcome: 'pass', durationMs, xml: testcase(classname, name, durationMs, body) };
    }
    case 'PASS':
      return { outcome: 'pass', durationMs, xml: testcase(classname, name, durationMs, '') };
    default: {
      const body = element('skipped', { message: `${req.outcome}: ${outcomeReason(req) ?? ''}` });
      return { outcome: 'skipped', durationMs, xml: testcase(classname, name, durationMs, body) };
    }
  }
}
