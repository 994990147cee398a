// pr-comment.md: the run in a form that fits a pull-request comment — at most 60 lines and far under GitHub's
// 65,536-character limit, whatever the run: the verdict and score, features that lost points, and as many failed
// requirements as fit, then where the rest is (summary.md and index.html in the run folder).

import type { RunResults } from '../model/run.js';
import { attention, evidenceOf, formatScore } from './digest.js';
import { escapeMarkdownInline as md } from './escape.js';

export const PR_COMMENT_MAX_LINES = 60;
/** Feature rows shown at most, so failures always get at least half the comment. */
const MAX_FEATURE_ROWS = 20;
/** Bounds every line, so the whole comment stays well under GitHub's limit (60 × 400 < 65,536). */
const MAX_LINE = 400;

function bounded(line: string): string {
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE - 1)}…`;
}

export function renderPrComment(results: RunResults): string {
  const p = results.profile;
  const head = [
    `### cloudconform ${md(results.suite)}: ${md(p.name)} — **${results.verdict}**, score ${formatScore(results.score.overall)}`,
    '',
    `${md(p.endpoint)} · spec ${md(p.specVersion)} · ${md(results.tool.name)} ${md(results.tool.version)} · run ${md(results.runId)} · exit code ${results.exitCode}`,
    '',
  ];
  const features = Object.entries(results.score.byFeature);
  const short = features.filter(([, line]) => line.percent !== null && line.percent < 100);
  const table = short.length === 0
    ? [`All ${features.length} features scored 100%.`, '']
    : [
        `| feature | score | fail | error | warn |`,
        '|---|---|---:|---:|---:|',
        ...short.slice(0, MAX_FEATURE_ROWS).map(([f, line]) => `| ${md(f)} | ${formatScore(line)} | ${line.counts.FAIL} | ${line.counts.ERROR} | ${line.counts.WARN} |`),
        ...(short.length > MAX_FEATURE_ROWS ? [`_… and ${short.length - MAX_FEATURE_ROWS} more features below 100%._`] : []),
        ...(features.length > short.length ? [`_${features.length - short.length} other features scored 100% or had nothing applicable._`] : []),
        '',
      ];
  const { failed, warned } = attention(results);
  const problems = [...failed, ...warned].map((req) => {
    const e = evidenceOf(req)[0];
    const why = e?.message ? ` — ${md(e.message)}` : '';
    return `- **${req.outcome}** \`${req.id}\` (${req.level}, ${md(req.clause)}): ${md(req.statement)}${why}`;
  });
  const footer = `Details: \`summary.md\` and \`index.html\` in the run folder \`${md(results.runId)}\`.`;
  const fixed = [...head, ...table];
  // What the list may use: the limit minus the fixed part, the list's title and blank lines, and the footer.
  const room = PR_COMMENT_MAX_LINES - fixed.length - 4;
  const shown = problems.length > room ? problems.slice(0, room - 1) : problems;
  const list = problems.length === 0
    ? []
    : [
        `**${failed.length} failed, ${warned.length} warned:**`,
        '',
        ...shown,
        ...(shown.length < problems.length ? [`- … and ${problems.length - shown.length} more`] : []),
        '',
      ];
  return `${[...fixed, ...list, footer].map(bounded).join('\n')}\n`;
}
