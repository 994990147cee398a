// index.html: a self-contained report (no external assets, opens from file://) with a chart of the score by
// feature, a filterable table of requirements (each row an anchor: index.html#<requirement-id> opens its evidence)
// and the HTTP exchanges in a compressed block the page decodes on demand (transcriptArchive.ts). Everything from
// the run is escaped; a hash-pinned CSP blocks any script or resource the report did not ship itself, as a second
// line of defence against hostile provider text.

import { createHash } from 'node:crypto';
import type { CheckResult, RequirementResult, RunResults } from '../model/run.js';
import { checkLabel, costSentence, formatScore, levelAndClause, OUTCOME_ORDER, outcomeReason } from './digest.js';
import { escapeAttribute as attr, escapeMarkup as text } from './escape.js';
import { htmlPage } from './htmlPage.js';
import { REPORT_SCRIPT } from './htmlScript.js';
import { renderScoreChart } from './scoreChart.js';
import { packTranscripts } from './transcriptArchive.js';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
td.id { white-space: nowrap; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
summary { cursor: pointer; }
.o { font-weight: 600; white-space: nowrap; }
.PASS, .CONFORMANT { color: #17803d; } .FAIL, .ERROR, .NOT-CONFORMANT { color: #c62828; }
.WARN, .INCONCLUSIVE, .PARTIAL { color: #a15c00; } .WAIVED, .NOT_APPLICABLE, .SKIPPED { color: #666; }
.verdict { font-size: 1.4rem; font-weight: 700; }
.filters { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
tr:target { outline: 2px solid #1565c0; }
a { color: inherit; }
.chart text { fill: #1d1d1f; }
.check { border-left: 3px solid #ddd; padding-left: .6rem; margin: .5rem 0; }
`;

export function renderHtmlReport(results: RunResults): string {
  const scriptHash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'`;
  const title = `cloudconform ${results.suite}: ${results.profile.name}`;
  // Problems first; checks are numbered in this order, which is the index into the transcript archive.
  const sorted = [...results.requirements].sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome));
  const checks = new Map<CheckResult, number>();
  for (const req of sorted) for (const c of req.checks) if (!checks.has(c)) checks.set(c, checks.size);
  return htmlPage({ title: title, style: STYLE, csp }, `${header(results, title)}
${featureTable(results)}
${requirementsTable(sorted, checks)}
${otherProblems(results)}
<template id="transcripts" data-encoding="gzip+base64">${packTranscripts([...checks.keys()])}</template>
<script>${REPORT_SCRIPT}</script>
`);
}

function header(r: RunResults, title: string): string {
  const p = r.profile;
  const facts: [string, string][] = [
    ['endpoint', p.endpoint],
    ['spec version', p.specVersion],
    ['formats', p.formats.join(', ')],
    ['features', p.features.join(', ') || 'none'],
    ['certification mode', p.certification ? 'yes (waivers do not count)' : 'no'],
    ['run', `${r.runId}, started ${r.startedAt}, ${(r.durationMs / 1000).toFixed(1)} s`],
    ['tool', `${r.tool.name} ${r.tool.version}`],
  ];
  return `<h1>${text(title)}</h1>
<p><span class="verdict ${attr(r.verdict.replace(' ', '-'))}">${text(r.verdict)}</span> — score ${text(formatScore(r.score.overall))},
exit code ${r.exitCode}</p>
<table>${facts.map(([k, v]) => `<tr><th>${text(k)}</th><td>${text(v)}</td></tr>`).join('')}</table>`;
}

function featureTable(r: RunResults): string {
  const outcomes = OUTCOME_ORDER;
  const rows = Object.entries(r.score.byFeature).map(
    ([feature, line]) =>
      `<tr><td>${text(feature)}</td><td>${text(formatScore(line))}</td>${outcomes.map((o) => `<td>${line.counts[o]}</td>`).join('')}</tr>`,
  );
  return `<h2>Score by feature</h2>
${renderScoreChart(Object.entries(r.score.byFeature))}
<table><thead><tr><th>feature</th><th>score</th>${outcomes.map((o) => `<th>${o}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function requirementsTable(sorted: RequirementResult[], checks: Map<CheckResult, number>): string {
  const select = (id: string, all: string, values: string[]): string =>
    `<select id="${id}" aria-label="${id}"><option value="">${all}</option>${values.map((v) => `<option value="${attr(v)}">${text(v)}</option>`).join('')}</select>`;
  const distinct = (pick: (r: RequirementResult) => string): string[] => [...new Set(sorted.map(pick))];
  return `<h2>Requirements</h2>
<div class="filters">
<input id="q" type="search" placeholder="search: id, clause, text" aria-label="search">
${select('outcome', 'all outcomes', OUTCOME_ORDER.filter((o) => sorted.some((r) => r.outcome === o)))}
${select('feature', 'all features', distinct((r) => r.feature))}
${select('level', 'all levels', distinct((r) => r.level))}
<span id="shown"></span>
</div>
<table id="requirements"><thead><tr>
<th>id</th><th>feature</th><th>level</th><th>clause</th><th>outcome</th><th>statement and evidence</th>
</tr></thead>
<tbody>
${sorted.map((req) => requirementRow(req, checks)).join('\n')}
</tbody></table>`;
}

function requirementRow(req: RequirementResult, checks: Map<CheckResult, number>): string {
  const searchable = [req.id, req.clause, req.statement].join(' ').toLowerCase();
  const reason = outcomeReason(req);
  const details = [
    reason ? `<p>${text(reason)}</p>` : '',
    req.note ? `<p><em>Note: ${text(req.note)}</em></p>` : '',
    `<p>${text(levelAndClause(req))}; versions ${text(req.versions.join(', '))}</p>`,
    req.checks.length > 0 ? req.checks.map((c) => checkBlock(c, checks.get(c)!)).join('\n') : '<p>No check ran for this requirement.</p>',
  ].join('\n');
  return `<tr id="${attr(req.id)}" data-outcome="${attr(req.outcome)}" data-feature="${attr(req.feature)}" data-level="${attr(req.level)}" data-text="${attr(searchable)}">
<td class="id"><a href="#${attr(encodeURIComponent(req.id))}">${text(req.id)}</a></td><td>${text(req.feature)}</td><td>${text(req.level)}</td><td>${text(req.clause)}</td>
<td class="o ${attr(req.outcome)}">${text(req.outcome)}</td>
<td><details class="evidence"><summary>${text(req.statement)}</summary>
${details}
</details></td></tr>`;
}

function checkBlock(c: CheckResult, index: number): string {
  const label = checkLabel({ check: c.name, format: c.format });
  const facts = [
    c.message !== undefined ? labelled('message', c.message) : '',
    c.expected !== undefined ? labelled('expected', c.expected) : '',
    c.observed !== undefined ? labelled('observed', c.observed) : '',
    c.replay !== undefined ? labelled('replay', c.replay) : '',
  ].join('');
  const n = c.transcript.length;
  const exchanges = n > 0
    ? `<details class="exchanges" data-check="${index}"><summary>${n} HTTP exchange${n === 1 ? '' : 's'}</summary></details>`
    : '';
  return `<div class="check"><p><strong>${text(label)}</strong> — ${text(c.state)}, ${c.durationMs} ms, ${text(c.file)}</p>
${facts}${exchanges}</div>`;
}

function labelled(label: string, value: string): string {
  return `<p>${text(label)}:</p><pre>${text(value)}</pre>`;
}

function otherProblems(r: RunResults): string {
  const errors = r.harnessErrors.length > 0
    ? `<h2>Harness errors</h2><ul>${r.harnessErrors.map((e) => `<li><pre>${text(e)}</pre></li>`).join('')}</ul>`
    : '';
  const { created, deleted, leftovers } = r.cleanup;
  const left = leftovers.map((l) => `<li>${text(`${l.collection} ${l.id ?? l.name ?? '(unnamed)'}: ${l.reason}`)}</li>`);
  return `${errors}
<h2>Cleanup</h2>
<p>Created ${created}, deleted ${deleted}, left behind ${leftovers.length}.</p>
<p>Cost: ${text(costSentence(r))}.</p>
${left.length > 0 ? `<ul>${left.join('')}</ul>` : ''}`;
}
