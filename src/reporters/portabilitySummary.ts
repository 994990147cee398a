// summary.md of a portability run: the verdict, both endpoints and the workload, the findings with both
// values and the step that lost them, the steps with each package's digest, the cleanup and the cost.

import { escapeMarkdownInline as md } from './escape.js';
import { cleanupSentence, comparedSentence, costSentence, route, severityCounts, sideApi, sortedFindings, stepText, valueText } from './portabilityDigest.js';
import type { PortabilityRunResults } from './portabilityResults.js';

const row = (cells: string[]): string => `| ${cells.map(md).join(' | ')} |`;

export function renderPortabilitySummary(r: PortabilityRunResults): string {
  const lines = [
    `# cloudconform portability: ${md(route(r))}`,
    '',
    `**${r.verdict}** — ${severityCounts(r)}`,
    '',
    `- from: **${md(r.from.name)}** (${md(r.from.endpoint)}), ${md(sideApi(r.from))}`,
    `- to: **${md(r.to.name)}** (${md(r.to.endpoint)}), ${md(sideApi(r.to))}`,
    `- workload: ${md(r.package.name)} (${r.package.source}, ${r.package.bytes} bytes), \`${r.package.digest}\``,
    `- ${md(comparedSentence(r))}`,
  ];
  if (r.harnessErrors.length > 0) lines.push('', '## Harness errors', '', ...r.harnessErrors.map((e) => `- ${md(e)}`));
  if (r.findings.length > 0) {
    lines.push('', '## Findings', '', '| severity | field | step | from | to | finding |', '|---|---|---|---|---|---|');
    for (const f of sortedFindings(r)) lines.push(row([f.severity, f.field, stepText(f.leg, f.step), valueText(f.from), valueText(f.to), f.message]));
  }
  lines.push('', '## Steps', '', '| leg | step | provider | status | package | detail |', '|---|---|---|---|---|---|');
  for (const s of r.steps) {
    const pkg = s.digest ? `${s.digest.slice(0, 19)}… (${s.bytes} bytes)` : '—';
    lines.push(row([s.leg, s.name, s.side === 'from' ? r.from.name : r.to.name, s.status, pkg, s.detail]));
  }
  lines.push('', md(cleanupSentence(r)));
  for (const l of r.cleanup.leftovers) lines.push(`- left on ${md(l.side === 'from' ? r.from.name : r.to.name)}: ${md(`${l.collection} ${l.id ?? l.name ?? '?'}: ${l.reason}`)}`);
  lines.push('', md(costSentence(r)), '');
  return lines.join('\n');
}
