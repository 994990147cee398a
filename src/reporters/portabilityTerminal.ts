// What `cloudconform portability` prints when it is done: the verdict, the route, each finding on one
// line, the cleanup and the cost. Provider text is shown with its control characters made visible.

import { showControls } from './escape.js';
import { cleanupSentence, costSentence, route, severityCounts, sideApi, sortedFindings, stepText } from './portabilityDigest.js';
import type { PortabilityRunResults } from './portabilityResults.js';

export function renderPortabilityTerminal(r: PortabilityRunResults): string {
  const lines = [
    `Verdict: ${r.verdict}   ${severityCounts(r)}`,
    `${route(r)}: ${r.from.endpoint} (${sideApi(r.from)}) → ${r.to.endpoint} (${sideApi(r.to)}); workload ${r.package.name} (${r.package.digest})`,
    ...r.harnessErrors.map((e) => `  ERROR ${e}`),
    ...sortedFindings(r).map((f) => `  ${f.severity.toUpperCase()} ${f.field} [${stepText(f.leg, f.step)}]: ${f.message}`),
    '',
    cleanupSentence(r),
    costSentence(r),
    '',
  ];
  return showControls(lines.join('\n'));
}
