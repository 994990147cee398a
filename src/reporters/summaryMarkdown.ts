// summary.md: the run at a glance for a pull request or a ticket — verdict, score with its denominator, the
// per-feature table, and for every failed requirement what was expected, what was seen and how to reproduce it.

import type { RequirementResult, RunResults } from '../model/run.js';
import { attention, checkLabel, costSentence, evidenceOf, formatScore, levelAndClause, outcomeReason, type Evidence } from './digest.js';
import { escapeMarkdownInline as md, markdownCodeBlock } from './escape.js';

export function renderSummaryMarkdown(results: RunResults): string {
  const { failed, warned } = attention(results);
  const waived = results.requirements.filter((r) => r.outcome === 'WAIVED');
  const sections = [
    header(results),
    featureTable(results),
    section('Failed requirements', failed.map(requirementSection).join('\n\n')),
    section('Warnings (SHOULD not met)', warned.map(requirementSection).join('\n\n')),
    section('Waived', waived.map((r) => `- **${md(r.id)}** (${md(levelAndClause(r))}): ${md(outcomeReason(r) ?? '')}`).join('\n')),
    section('Harness errors', results.harnessErrors.map((e) => `- ${md(e)}`).join('\n')),
    cleanupSection(results),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function header(r: RunResults): string {
  const p = r.profile;
  const features = p.features.length > 0 ? p.features.join(', ') : 'none';
  return [
    `# cloudconform ${md(r.suite)}: ${md(p.name)}`,
    '',
    `**Verdict: ${r.verdict}** · score ${formatScore(r.score.overall)} · exit code ${r.exitCode}`,
    '',
    `- endpoint: ${md(p.endpoint)}`,
    `- spec version ${md(p.specVersion)}${p.specVersionEvidence ? ` (${md(p.specVersionSource ?? '')}: ${md(p.specVersionEvidence)})` : ''}, formats ${md(p.formats.join(', '))}, features ${md(features)}`,
    `- certification mode: ${p.certification ? 'yes (waivers do not count)' : 'no'}`,
    `- run ${md(r.runId)}, started ${md(r.startedAt)}, ${(r.durationMs / 1000).toFixed(1)} s, ${md(r.tool.name)} ${md(r.tool.version)}`,
  ].join('\n');
}

function featureTable(r: RunResults): string {
  const rows = Object.entries(r.score.byFeature).map(([feature, line]) => {
    const c = line.counts;
    const cells = [md(feature), formatScore(line), c.PASS, c.WARN, c.FAIL, c.ERROR, c.WAIVED, c.NOT_APPLICABLE, c.SKIPPED];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '## Score by feature',
    '',
    '| feature | score | pass | warn | fail | error | waived | n/a | skipped |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function requirementSection(req: RequirementResult): string {
  const lines = [`### ${md(req.id)} — ${req.outcome} (${md(levelAndClause(req))})`, '', md(req.statement)];
  if (req.note) lines.push('', `_Note: ${md(req.note)}_`);
  for (const e of evidenceOf(req)) lines.push('', evidenceBlock(e));
  return lines.join('\n');
}

function evidenceBlock(e: Evidence): string {
  const lines = [`- check: ${md(checkLabel(e))}`];
  if (e.message) lines.push(`  - message: ${md(e.message)}`);
  if (e.expected !== undefined) lines.push(`  - expected: ${md(e.expected)}`);
  if (e.observed !== undefined) lines.push(`  - observed: ${md(e.observed)}`);
  if (e.replay) lines.push(`  - replay: ${md(e.replay)}`);
  if (e.curl) lines.push('', indent(markdownCodeBlock(e.curl, 'sh'), '  '));
  return lines.join('\n');
}

function cleanupSection(r: RunResults): string {
  const { created, deleted, leftovers } = r.cleanup;
  const lines = [`## Cleanup`, '', `Created ${created}, deleted ${deleted}, left behind ${leftovers.length}.`, '', `Cost: ${md(costSentence(r))}.`];
  if (leftovers.length > 0) {
    lines.push('', ...leftovers.map((l) => `- ${md(l.collection)} ${md(l.id ?? l.name ?? '(unnamed)')}: ${md(l.reason)}`));
  }
  return lines.join('\n');
}

/** An empty section is left out rather than shown as "none". */
function section(title: string, body: string): string {
  return body === '' ? '' : `## ${title}\n\n${body}`;
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => prefix + line).join('\n');
}
