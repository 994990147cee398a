// junit.xml of a portability run: one <testcase> per compared field, in one <testsuite> per leg; a
// field with an error finding is a <failure>, one with a warning or info passes with it in <system-out>.
// Findings about the package or the machine (a refusal, a validator finding) are cases of their own,
// and harness errors and resources left behind turn the run red as in every report.

import { type Case, element, harnessCases, testcase, testsuite, testsuites } from './junitParts.js';
import { stepText, valueText } from './portabilityDigest.js';
import type { Leg, PortabilityRunFinding, PortabilityRunResults } from './portabilityResults.js';

function fieldCase(classname: string, name: string, findings: PortabilityRunFinding[], same: string): Case {
  const lines = findings.map((f) => `${f.severity.toUpperCase()} at ${stepText(f.leg, f.step)}: ${f.message}`).join('\n');
  const error = findings.find((f) => f.severity === 'error');
  if (error) return { outcome: 'failure', durationMs: 0, xml: testcase(classname, name, 0, element('failure', { message: error.message, type: 'NOT PORTABLE' }, lines)) };
  const note = findings.length > 0 ? lines : same;
  return { outcome: 'pass', durationMs: 0, xml: testcase(classname, name, 0, note ? element('system-out', {}, note) : '') };
}

export function renderPortabilityJunit(r: PortabilityRunResults): string {
  const legs: Leg[] = r.back ? ['there', 'back'] : ['there'];
  const suites = legs.map((leg) => {
    const classname = `portability.${leg}`;
    const mine = r.findings.filter((f) => f.leg === leg);
    const compared = r.compared.filter((c) => c.leg === leg);
    const fields = compared.map((c) => {
      const earlier = !c.same && !mine.some((f) => f.field === c.field) ? `differs: ${valueText(c.from)} → ${valueText(c.to)}, lost on the way there` : '';
      return fieldCase(classname, c.field, mine.filter((f) => f.field === c.field), earlier);
    });
    const others = [...new Set(mine.filter((f) => !compared.some((c) => c.field === f.field)).map((f) => f.field))];
    return testsuite(classname, [...fields, ...others.map((field) => fieldCase(classname, field, mine.filter((f) => f.field === field), ''))], r.startedAt);
  });
  const harness = harnessCases('portability.harness', r.harnessErrors, r.cleanup.leftovers);
  if (harness.length > 0) suites.push(testsuite('portability.harness', harness, r.startedAt));
  return testsuites(`cloudconform portability: ${r.from.name} → ${r.to.name}`, suites, r.durationMs);
}
