// badge.svg: the verdict (and score) as a shields.io-style badge, for a README or a dashboard. Standalone SVG
// (no fonts, links or scripts to fetch); widths are estimated from the text, since nothing can measure it here.

import type { RunResults } from '../model/run.js';
import { escapeMarkup as text } from './escape.js';

const COLOURS: Record<string, string> = { CONFORMANT: '#2e7d32', 'NOT CONFORMANT': '#c62828', PORTABLE: '#2e7d32', 'NOT PORTABLE': '#c62828' };
/** Verdicts with no colour of their own (INCONCLUSIVE, PORTABLE WITH LOSSES and any the harness adds later) are amber. */
const OTHER = '#b26a00';

/** Verdana 11px averages ~6.5 px a character (upper case is wider); padding on both sides. */
function width(label: string): number {
  return Math.round([...label].reduce((w, c) => w + (c >= 'A' && c <= 'Z' ? 7.5 : 6.2), 0)) + 12;
}

export function badgeMessage(results: RunResults): string {
  const percent = results.score.overall.percent;
  return `${results.verdict} ${percent === null ? 'n/a' : `${percent.toFixed(1)}%`}`;
}

export function renderBadge(results: RunResults): string {
  return badgeSvg(`cloudconform ${results.suite}`, badgeMessage(results), results.verdict);
}

/** A badge for any run: `label` on grey, `message` in the colour of `verdict`. */
export function badgeSvg(label: string, message: string, verdict: string): string {
  const [lw, mw] = [width(label), width(message)];
  const colour = COLOURS[verdict] ?? OTHER;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + mw}" height="20" role="img" aria-label="${text(`${label}: ${message}`)}">
<title>${text(`${label}: ${message}`)}</title>
<rect width="${lw}" height="20" fill="#555"/>
<rect x="${lw}" width="${mw}" height="20" fill="${colour}"/>
<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${text(label)}</text>
<text x="${lw + mw / 2}" y="14">${text(message)}</text>
</g>
</svg>
`;
}
