// index.html: a self-contained report (no external assets, opens from file://) with a filterable table of
// requirements and expandable evidence. Everything from the run is escaped; a hash-pinned CSP blocks any script
// or resource the report did not ship itself, as a second line of defence against hostile provider text.

import { createHash } from 'node:crypto';
import type { CheckResult, Exchange, RequirementResult, RunResults } from '../harness/model.js';
import { checkLabel, formatScore, levelAndClause, OUTCOME_ORDER, outcomeReason } from './digest.js';
import { escapeAttribute as attr, escapeMarkup as text } from './escape.js';

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
.WARN, .INCONCLUSIVE { color: #a15c00; } .WAIVED, .NOT_APPLICABLE, .SKIPPED { color: #666; }
.verdict { font-size: 1.4rem; font-weight: 700; }
.filters { display: flex; gap: 1rem; align-items: center; }
.check { border-left: 3px solid #ddd; padding-left: .6rem; margin: .5rem 0; }
`;

// Filters rows by free text and outcome; rows carry their searchable text in data attributes.
const SCRIPT = `
const q = document.getElementById('q'), outcome = document.getElementById('outcome'), shown = document.getElementById('shown');
function apply() {
  const needle = q.value.trim().toLowerCase();
  let n = 0;
  for (const row of document.querySelectorAll('#requirements tbody tr')) {
    const ok = (!outcome.value || row.dataset.outcome === outcome.value) && row.dataset.text.includes(needle);
    row.hidden = !ok;
    if (ok) n++;
  }
  shown.textContent = n + ' shown';
}
q.addEventListener('input', apply);
outcome.addEventListener('change', apply);
apply();
`;

export function renderHtmlReport(results: RunResults): string {
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'`;
  const title = `cloudconform ${results.suite}: ${results.profile.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${header(results, title)}
${featureTable(results)}
${requirementsTable(results)}
${otherProblems(results)}
<script>${SCRIPT}</script>
</body>
</html>
`;
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
<table><thead><tr><th>feature</th><th>score</th>${outcomes.map((o) => `<th>${o}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function requirementsTable(r: RunResults): string {
  const sorted = [...r.requirements].sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome));
  const options = OUTCOME_ORDER.map((o) => `<option value="${o}">${o}</option>`).join('');
  return `<h2>Requirements</h2>
<div class="filters">
<input id="q" type="search" placeholder="filter: id, feature, clause, text" aria-label="filter">
<select id="outcome" aria-label="outcome"><option value="">all outcomes</option>${options}</select>
<span id="shown"></span>
</div>
<table id="requirements"><thead><tr>
<th>id</th><th>feature</th><th>level</th><th>clause</th><th>outcome</th><th>statement and evidence</th>
</tr></thead>
<tbody>
${sorted.map(requirementRow).join('\n')}
</tbody></table>`;
}

function requirementRow(req: RequirementResult): string {
  const searchable = [req.id, req.feature, req.level, req.clause, req.outcome, req.statement].join(' ').toLowerCase();
  const reason = outcomeReason(req);
  const details = [
    reason ? `<p>${text(reason)}</p>` : '',
    req.note ? `<p><em>Note: ${text(req.note)}</em></p>` : '',
    `<p>${text(levelAndClause(req))}; versions ${text(req.versions.join(', '))}</p>`,
    req.checks.length > 0 ? req.checks.map(checkBlock).join('\n') : '<p>No check ran for this requirement.</p>',
  ].join('\n');
  return `<tr data-outcome="${attr(req.outcome)}" data-text="${attr(searchable)}">
<td class="id">${text(req.id)}</td><td>${text(req.feature)}</td><td>${text(req.level)}</td><td>${text(req.clause)}</td>
<td class="o ${attr(req.outcome)}">${text(req.outcome)}</td>
<td><details><summary>${text(req.statement)}</summary>
${details}
</details></td></tr>`;
}

function checkBlock(c: CheckResult): string {
  const label = checkLabel({ check: c.name, format: c.format });
  const facts = [
    c.message !== undefined ? labelled('message', c.message) : '',
    c.expected !== undefined ? labelled('expected', c.expected) : '',
    c.observed !== undefined ? labelled('observed', c.observed) : '',
    c.replay !== undefined ? labelled('replay', c.replay) : '',
  ].join('');
  return `<div class="check"><p><strong>${text(label)}</strong> — ${text(c.state)}, ${c.durationMs} ms, ${text(c.file)}</p>
${facts}${c.transcript.map(exchangeBlock).join('\n')}</div>`;
}

function labelled(label: string, value: string): string {
  return `<p>${text(label)}:</p><pre>${text(value)}</pre>`;
}

function exchangeBlock(x: Exchange): string {
  const outcome = x.status !== undefined ? String(x.status) : `no response (${x.error ?? 'unknown'})`;
  const request = [`${x.method} ${x.url}`, ...headerLines(x.requestHeaders), '', x.requestBody ?? ''].join('\n');
  const response = [
    `${outcome}${x.responseBytes !== undefined ? `, ${x.responseBytes} bytes` : ''}`,
    ...headerLines(x.responseHeaders ?? {}),
    '',
    x.responseBody ?? '',
  ].join('\n');
  return `<details><summary>#${x.seq} ${text(x.method)} ${text(x.url)} → ${text(outcome)} (${x.durationMs} ms)</summary>
<p>request</p><pre>${text(request)}</pre>
<p>response</p><pre>${text(response)}</pre>
<p>reproduce</p><pre>${text(x.curl)}</pre>
</details>`;
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
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
${left.length > 0 ? `<ul>${left.join('')}</ul>` : ''}`;
}
