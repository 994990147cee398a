// Allure results of a run, so a team that already reads Allure reports finds the conformance run
// there too, grouped and filtered the way our own report is: the suite as epic, the requirement's
// feature, the requirement id as story (and as a `requirement` label), its clause and level, and an
// Allure severity from the level (a broken MUST is critical, a SHOULD normal, a MAY minor). After the
// run the results are cleaned like every other report: allure-vitest records each expect() call as a
// step with its values (whole response bodies), which are dropped, and profile secrets are redacted.

import fs from 'node:fs';
import path from 'node:path';
import type { Requirement } from '../catalogue/requirement.js';

export interface AllureLabel {
  name: string;
  value: string;
}

const SEVERITY: Record<string, string> = { MUST: 'critical', 'MUST NOT': 'critical', SHOULD: 'normal', 'SHOULD NOT': 'normal', MAY: 'minor' };

/** The labels of a check naming `requirements` of `suite`: one set per requirement, the severity of the strictest. */
export function allureLabels(suite: string, requirements: readonly Requirement[]): AllureLabel[] {
  const labels: AllureLabel[] = [{ name: 'epic', value: suite }, { name: 'parentSuite', value: suite }];
  for (const r of requirements) {
    labels.push(
      { name: 'requirement', value: r.id },
      { name: 'story', value: r.id },
      { name: 'feature', value: r.feature },
      { name: 'clause', value: `${r.spec} ${r.clause}` },
      { name: 'level', value: r.level },
    );
  }
  const ranks = ['critical', 'normal', 'minor'];
  const severity = requirements.map((r) => SEVERITY[r.level] ?? 'normal').sort((a, b) => ranks.indexOf(a) - ranks.indexOf(b))[0];
  if (severity) labels.push({ name: 'severity', value: severity });
  return labels;
}

interface AllureStep {
  name?: string;
  steps?: AllureStep[];
}

/** The steps that are not recordings of expect() calls, at every depth. */
function ownSteps(steps: readonly AllureStep[] | undefined): AllureStep[] {
  return (steps ?? []).filter((s) => !s.name?.startsWith('expect(')).map((s) => ({ ...s, steps: ownSteps(s.steps) }));
}

/** Rewrites every result file of `dir` without its expect() steps and with `redact` applied to all its text. */
export function cleanAllureResults(dir: string, redact: (text: string) => string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.endsWith('-result.json')) {
      if (name.endsWith('.json') || name.endsWith('.txt')) fs.writeFileSync(file, redact(fs.readFileSync(file, 'utf8')));
      continue;
    }
    const result = JSON.parse(fs.readFileSync(file, 'utf8')) as AllureStep;
    fs.writeFileSync(file, redact(JSON.stringify({ ...result, steps: ownSteps(result.steps) })));
  }
}
