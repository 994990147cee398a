// The comparison as Markdown: providers with verdict and score, then per feature a requirement × provider table
// whose cells link to each run's evidence, an interop column, and the portability pairs as a from × to table.

import { formatScore } from './digest.js';
import { escapeMarkdownInline as md } from './escape.js';
import { comparedRows, type Comparison, type PortabilityPair } from './compareMatrix.js';

/** A Markdown link target: no spaces or parentheses left to break it. */
function target(url: string): string {
  return url.replace(/[ ()]/g, (c) => encodeURIComponent(c));
}

export function renderCompareMarkdown(c: Comparison, onlyDifferences = false): string {
  const heads = c.providers.map((p) => md(p.name));
  const all = comparedRows(c);
  const shown = new Set(comparedRows(c, onlyDifferences));
  const lines = [
    `# Comparison of ${c.providers.length} provider${c.providers.length === 1 ? '' : 's'}`,
    '',
    ...c.warnings.map((w) => `> **Warning:** ${md(w)}. Do not read these columns as one picture.`),
    ...(c.warnings.length > 0 ? [''] : []),
    '| provider | suite | spec | verdict | score | tool | catalogue | report |',
    '|---|---|---|---|---|---|---|---|',
    ...c.providers.map((p, i) =>
      `| ${heads[i]} | ${md(p.suite)} | ${md(p.specVersion)} | ${p.verdict} | ${formatScore(p.score)} | ${md(p.toolVersion)} | ${p.catalogueDigest} | [${md(p.runId)}](${target(p.report)}) |`),
    '',
    `${shown.size} requirement${shown.size === 1 ? '' : 's'}${onlyDifferences ? ' where the providers disagree' : ''}; `
      + `${all.filter((r) => r.differs).length} differ; ${all.filter((r) => r.interop.passing === r.interop.of).length} pass everywhere. `
      + 'Interop: share of all providers that pass. ≠: the catalogues define the requirement differently.',
  ];
  for (const { feature, requirements } of c.features) {
    const rows = requirements.filter((r) => shown.has(r));
    if (rows.length === 0) continue;
    lines.push('', `## ${md(feature)}`, '', `| requirement | level | clause | ${heads.join(' | ')} | interop |`, `|---|---|---|${heads.map(() => '---').join('|')}|---:|`);
    for (const r of rows) {
      const id = `${r.differs ? `**${r.id}**` : r.id}${r.definitionDiffers ? ' ≠' : ''}`;
      const cells = r.cells.map((cell) => (cell.outcome ? `[${cell.outcome}](${target(cell.evidence!)})` : '—'));
      lines.push(`| ${id} | ${r.level} | ${md(r.clause)} | ${cells.join(' | ')} | ${r.interop.passing}/${r.interop.of} (${r.interop.percent.toFixed(1)}%) |`);
    }
  }
  if (c.portability.length > 0) lines.push('', '## Portability', '', ...portabilityTable(c.portability));
  return `${lines.join('\n')}\n`;
}

/** Endpoints in order of first appearance; a pair may have several runs (with and without --back). */
export function portabilityGrid(pairs: PortabilityPair[]): { names: string[]; at: (from: string, to: string) => PortabilityPair[] } {
  const names = [...new Set(pairs.flatMap((p) => [p.from, p.to]))];
  return { names, at: (from, to) => pairs.filter((p) => p.from === from && p.to === to) };
}

export function pairLabel(p: PortabilityPair): string {
  return `${p.verdict}${p.back ? ' (and back)' : ''}, ${p.findings} finding${p.findings === 1 ? '' : 's'}`;
}

function portabilityTable(pairs: PortabilityPair[]): string[] {
  const grid = portabilityGrid(pairs);
  return [
    `| from \\ to | ${grid.names.map(md).join(' | ')} |`,
    `|---|${grid.names.map(() => '---').join('|')}|`,
    ...grid.names.map((from) => {
      const cells = grid.names.map((to) => grid.at(from, to).map((p) => `[${pairLabel(p)}](${target(p.report)})`).join('<br>') || '—');
      return `| ${md(from)} | ${cells.join(' | ')} |`;
    }),
  ];
}
