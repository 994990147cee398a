// The comparison as one self-contained HTML page (no script; CSS only): providers, a requirement × provider grid per
// feature whose cells link to each run's evidence (relative links to <run>/index.html#<id>), interop per
// requirement, and the portability pairs.

import { formatScore } from './digest.js';
import { escapeAttribute as attr, escapeMarkup as text } from './escape.js';
import { htmlPage } from './htmlPage.js';
import { comparedRows, type Comparison } from './compareMatrix.js';
import { pairLabel, portabilityGrid } from './compareMarkdown.js';
import { scoreColour } from './scoreChart.js';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
td.cell { text-align: center; font-weight: 600; white-space: nowrap; }
td.cell a { color: inherit; text-decoration: none; display: block; }
.PASS { background: #e3f4e8; color: #17803d; } .FAIL, .ERROR { background: #fde7e7; color: #c62828; }
.WARN { background: #fff4e0; color: #a15c00; } .WAIVED, .NOT_APPLICABLE, .SKIPPED, .none { color: #666; }
.PORTABLE { background: #e3f4e8; } .PORTABLE-WITH-LOSSES { background: #fff4e0; } .NOT-PORTABLE, .ERROR-p { background: #fde7e7; }
.warning { background: #fff4e0; border-left: 4px solid #a15c00; padding: .5rem .8rem; }
.differs td.id { font-weight: 700; }
`;

export function renderCompareHtml(c: Comparison, onlyDifferences = false): string {
  const shown = new Set(comparedRows(c, onlyDifferences));
  const heads = c.providers.map((p) => `<th>${text(p.name)}</th>`).join('');
  const features = c.features.map(({ feature, requirements }) => {
    const rows = requirements.filter((r) => shown.has(r));
    if (rows.length === 0) return '';
    const body = rows.map((r) => {
      const cells = r.cells.map((cell) => cell.outcome
        ? `<td class="cell ${attr(cell.outcome)}"><a href="${attr(cell.evidence!)}">${text(cell.outcome)}</a></td>`
        : '<td class="cell none">—</td>').join('');
      const id = `${text(r.id)}${r.definitionDiffers ? ' <span title="the catalogues define it differently">≠</span>' : ''}`;
      return `<tr${r.differs ? ' class="differs"' : ''}><td class="id" title="${attr(r.statement)}">${id}</td><td>${text(r.level)}</td><td>${text(r.clause)}</td>${cells}<td style="color:${scoreColour(r.interop.percent)}">${r.interop.passing}/${r.interop.of} (${r.interop.percent.toFixed(1)}%)</td></tr>`;
    }).join('\n');
    return `<h3>${text(feature)}</h3>
<table><thead><tr><th>requirement</th><th>level</th><th>clause</th>${heads}<th>interop</th></tr></thead>
<tbody>${body}</tbody></table>`;
  }).join('\n');
  return htmlPage({ title: `cloudconform comparison of ${c.providers.length} providers`, style: STYLE }, `<h1>Comparison of ${c.providers.length} providers</h1>
${c.warnings.map((w) => `<p class="warning"><strong>Warning:</strong> ${text(w)}. Do not read these columns as one picture.</p>`).join('\n')}
<table><thead><tr><th>provider</th><th>suite</th><th>spec</th><th>verdict</th><th>score</th><th>tool</th><th>catalogue</th><th>report</th></tr></thead>
<tbody>${c.providers.map((p) => `<tr><td>${text(p.name)}</td><td>${text(p.suite)}</td><td>${text(p.specVersion)}</td><td>${text(p.verdict)}</td><td style="color:${scoreColour(p.score.percent)}">${text(formatScore(p.score))}</td><td>${text(p.toolVersion)}</td><td>${text(p.catalogueDigest)}</td><td><a href="${attr(p.report)}">${text(p.runId)}</a></td></tr>`).join('\n')}</tbody></table>
<h2>Requirements by feature</h2>
<p>Interop: the share of all compared providers that pass. Bold ids: the providers disagree. ≠: the catalogues define the requirement differently.</p>
${features}
${portabilitySection(c)}
`);
}

function portabilitySection(c: Comparison): string {
  if (c.portability.length === 0) return '';
  const grid = portabilityGrid(c.portability);
  const rows = grid.names.map((from) => {
    const cells = grid.names.map((to) => {
      const pairs = grid.at(from, to);
      if (pairs.length === 0) return '<td class="none">—</td>';
      const cls = pairs.length === 1 ? pairs[0]!.verdict.replace(/ /g, '-') + (pairs[0]!.verdict === 'ERROR' ? '-p' : '') : '';
      return `<td class="${attr(cls)}">${pairs.map((p) => `<a href="${attr(p.report)}">${text(pairLabel(p))}</a>`).join('<br>')}</td>`;
    }).join('');
    return `<tr><th>${text(from)}</th>${cells}</tr>`;
  }).join('\n');
  return `<h2>Portability</h2>
<table><thead><tr><th>from \\ to</th>${grid.names.map((n) => `<th>${text(n)}</th>`).join('')}</tr></thead>
<tbody>${rows}</tbody></table>`;
}
