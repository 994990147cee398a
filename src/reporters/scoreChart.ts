// The score by feature as an inline SVG bar chart: no script, no external asset, readable without colour
// (every bar carries its score as text).

import type { ScoreLine } from '../model/run.js';
import { formatScore } from './digest.js';
import { escapeMarkup as text } from './escape.js';

const ROW = 22;
const LABEL = 170;
const BAR = 360;

/** Green at 100 %, amber from 80 %, red below; grey when nothing was applicable. */
export function scoreColour(percent: number | null): string {
  if (percent === null) return '#9e9e9e';
  if (percent >= 100) return '#17803d';
  return percent >= 80 ? '#a15c00' : '#c62828';
}

export function renderScoreChart(lines: [string, ScoreLine][]): string {
  const height = lines.length * ROW + 4;
  const bars = lines.map(([feature, line], i) => {
    const y = i * ROW + 2;
    const width = line.percent === null ? 0 : Math.round((BAR * line.percent) / 100);
    return `<g><title>${text(`${feature}: ${formatScore(line)}`)}</title>
<text x="${LABEL - 6}" y="${y + 15}" text-anchor="end">${text(feature)}</text>
<rect x="${LABEL}" y="${y + 2}" width="${BAR}" height="${ROW - 6}" fill="#eee"/>
<rect x="${LABEL}" y="${y + 2}" width="${width}" height="${ROW - 6}" fill="${scoreColour(line.percent)}"/>
<text x="${LABEL + BAR + 6}" y="${y + 15}">${text(formatScore(line))}</text></g>`;
  });
  return `<svg class="chart" role="img" aria-label="score by feature" width="${LABEL + BAR + 130}" height="${height}" font-size="12">
${bars.join('\n')}
</svg>`;
}
