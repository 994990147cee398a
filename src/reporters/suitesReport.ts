// The report of a run of several suites (`run` with more than one profile): each suite keeps its own
// complete run folder (results.json, index.html…, read by `compare` like any other), and the folder
// above them gets suites.json, summary.md and index.html with one section per suite and the worst verdict.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../model/run.js';
import { formatScore } from './digest.js';
import { escapeAttribute as attr, escapeMarkdownInline as md, escapeMarkup as text } from './escape.js';
import { htmlPage } from './htmlPage.js';
import { renderSummaryMarkdown } from './summaryMarkdown.js';

export interface SuiteRun {
  /** The suite's run folder, relative to the combined one. */
  folder: string;
  results: RunResults;
}

/** The exit code of the whole: the worst of the suites' (0 conformant, 1 not, 2 harness or usage error). */
export const combinedExitCode = (runs: readonly SuiteRun[]): number => Math.max(0, ...runs.map((r) => r.results.exitCode));

export function renderSuitesJson(runs: readonly SuiteRun[]): string {
  const suites = runs.map(({ folder, results: r }) => ({ suite: r.suite, profile: r.profile.name, endpoint: r.profile.endpoint, verdict: r.verdict, score: r.score.overall.percent, exitCode: r.exitCode, folder }));
  return `${JSON.stringify({ schemaVersion: 1, exitCode: combinedExitCode(runs), suites }, null, 2)}\n`;
}

/** Each suite's summary.md, one heading level down, under a table of the suites. */
export function renderSuitesMarkdown(runs: readonly SuiteRun[]): string {
  const rows = runs.map(({ folder, results: r }) => `| [${md(r.suite)}](${folder}/summary.md) | ${md(r.profile.name)} | **${r.verdict}** | ${formatScore(r.score.overall)} |`);
  const sections = runs.map(({ results }) => renderSummaryMarkdown(results).replace(/^(#+) /gm, '#$1 ').trimEnd());
  return [`# cloudconform: ${runs.length} suites`, '', '| suite | profile | verdict | score |', '|---|---|---|---|', ...rows, '', ...sections.flatMap((s) => [s, ''])].join('\n');
}

const STYLE = 'body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}.CONFORMANT{color:#1a7f37}.NON-CONFORMANT,.ERROR{color:#cf222e}.PARTIAL{color:#9a6700}';

export function renderSuitesHtml(runs: readonly SuiteRun[]): string {
  const sections = runs.map(({ folder, results: r }) => {
    const features = Object.entries(r.score.byFeature).map(([f, line]) => `<tr><td>${text(f)}</td><td>${formatScore(line)}</td><td>${line.counts.PASS}</td><td>${line.counts.FAIL}</td><td>${line.counts.WARN}</td></tr>`);
    return `<section id="suite-${attr(r.suite)}">
<h2>${text(r.suite)}: <span class="${attr(r.verdict)}">${text(r.verdict)}</span> · score ${formatScore(r.score.overall)}</h2>
<p>Profile ${text(r.profile.name)} against ${text(r.profile.endpoint)}, spec version ${text(r.profile.specVersion)}. <a href="${attr(folder)}/index.html">Full report</a> (every requirement with its evidence) · <a href="${attr(folder)}/summary.md">summary.md</a> · <a href="${attr(folder)}/results.json">results.json</a></p>
<table><thead><tr><th>feature</th><th>score</th><th>pass</th><th>fail</th><th>warn</th></tr></thead><tbody>${features.join('')}</tbody></table>
</section>`;
  });
  return htmlPage({ title: `cloudconform: ${runs.map((r) => r.results.suite).join(', ')}`, style: STYLE }, `<h1>cloudconform: ${runs.length} suites</h1>\n${sections.join('\n')}\n`);
}

export async function writeSuitesReports(dir: string, runs: readonly SuiteRun[]): Promise<string[]> {
  const reports: [string, string][] = [
    ['suites.json', renderSuitesJson(runs)],
    ['summary.md', renderSuitesMarkdown(runs)],
    ['index.html', renderSuitesHtml(runs)],
  ];
  await mkdir(dir, { recursive: true });
  await Promise.all(reports.map(([name, content]) => writeFile(join(dir, name), content, 'utf8')));
  return reports.map(([name]) => join(dir, name));
}
