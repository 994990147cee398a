// index.html of a portability run: self-contained (no script, no external asset, a CSP that allows
// neither), with the verdict, both endpoints, the steps with each package's digest, the findings with
// both values, and every compared field. Everything from the run is escaped.

import { escapeAttribute as attr, escapeMarkup as text } from './escape.js';
import { htmlPage } from './htmlPage.js';
import { cleanupSentence, comparedSentence, costSentence, route, severityCounts, sideApi, sortedFindings, stepText, valueText } from './portabilityDigest.js';
import type { PortabilityRunResults } from './portabilityResults.js';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
code { word-break: break-all; }
.verdict { font-size: 1.4rem; font-weight: 700; }
.PORTABLE { color: #17803d; } .NOT-PORTABLE, .ERROR, .error { color: #c62828; } .PORTABLE-WITH-LOSSES, .warning { color: #a15c00; } .info { color: #666; }
tr.differs td { background: #fff4e0; }
`;

const cells = (values: string[], tag = 'td'): string => `<tr>${values.map((v) => `<${tag}>${v}</${tag}>`).join('')}</tr>`;
const table = (head: string[], rows: string[]): string => `<table>\n<thead>${cells(head.map(text), 'th')}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
const cls = (s: string): string => s.replace(/ /g, '-');

export function renderPortabilityHtml(r: PortabilityRunResults): string {
  const title = `cloudconform portability: ${route(r)}`;
  const name = (side: 'from' | 'to'): string => text(side === 'from' ? r.from.name : r.to.name);
  const findings = sortedFindings(r).map((f) =>
    cells([`<span class="${attr(f.severity)}">${text(f.severity)}</span>`, `<code>${text(f.field)}</code>`, text(stepText(f.leg, f.step)), text(valueText(f.from)), text(valueText(f.to)), text(f.message)]),
  );
  const steps = r.steps.map((s) =>
    cells([text(s.leg), text(s.name), name(s.side), text(s.status), s.digest ? `<code>${text(s.digest)}</code> (${s.bytes} bytes)` : '—', text(s.detail)]),
  );
  const compared = r.compared.map((c) =>
    `<tr${c.same ? '' : ' class="differs"'}>${[text(c.leg), `<code>${text(c.field)}</code>`, text(valueText(c.from)), text(valueText(c.to)), c.same ? 'same' : 'differs'].map((v) => `<td>${v}</td>`).join('')}</tr>`,
  );
  const leftovers = r.cleanup.leftovers.map((l) => cells([name(l.side), text(l.collection), text(l.id ?? l.name ?? '?'), text(l.reason)]));
  return htmlPage({ title: title, style: STYLE }, `<h1>${text(title)}</h1>
<p class="verdict ${attr(cls(r.verdict))}">${text(r.verdict)}</p>
<p>${text(severityCounts(r))}. ${text(comparedSentence(r))}.</p>
${table(['', 'provider', 'endpoint', 'API'], [
  cells(['from', text(r.from.name), text(r.from.endpoint), text(sideApi(r.from))]),
  cells(['to', text(r.to.name), text(r.to.endpoint), text(sideApi(r.to))]),
])}
<p>Workload: ${text(r.package.name)} (${text(r.package.source)}, ${r.package.bytes} bytes), <code>${text(r.package.digest)}</code>. Run ${text(r.runId)}, ${text(r.startedAt)}.</p>
${r.harnessErrors.length > 0 ? `<h2>Harness errors</h2>\n<ul>${r.harnessErrors.map((e) => `<li class="ERROR">${text(e)}</li>`).join('')}</ul>` : ''}
<h2>Findings</h2>
${findings.length > 0 ? table(['severity', 'field', 'step', 'from', 'to', 'finding'], findings) : '<p>None.</p>'}
<h2>Steps</h2>
${table(['leg', 'step', 'provider', 'status', 'package', 'detail'], steps)}
<h2>Compared fields</h2>
${table(['leg', 'field', 'from', 'to', ''], compared)}
<h2>Cleanup and cost</h2>
<p>${text(cleanupSentence(r))}. ${text(costSentence(r))}.</p>
${leftovers.length > 0 ? table(['provider', 'collection', 'resource', 'why'], leftovers) : ''}
`);
}
