// The end-of-run summary printed to the terminal: the essentials of summary.md as plain text.
// Provider text is passed through showControls so a hostile response cannot emit ANSI sequences.

import type { Outcome, RequirementResult, RunResults, Verdict } from '../model/run.js';
import { attention, costSentence, evidenceLines, evidenceOf, formatScore, levelAndClause, apiName } from './digest.js';
import { showControls } from './escape.js';

export interface TerminalOptions {
  /** ANSI colours; the caller decides (TTY, --no-color). */
  color?: boolean;
}

const COLOURS = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
type Colour = keyof typeof COLOURS;

const VERDICT_COLOUR: Record<Verdict, Colour> = { CONFORMANT: 'green', PARTIAL: 'yellow', 'NOT CONFORMANT': 'red', INCONCLUSIVE: 'yellow' };
const OUTCOME_COLOUR: Partial<Record<Outcome, Colour>> = { FAIL: 'red', ERROR: 'red', WARN: 'yellow' };

export function renderTerminalSummary(results: RunResults, options: TerminalOptions = {}): string {
  const paint = (colour: Colour, text: string) => (options.color ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text);
  const { failed, warned } = attention(results);
  const lines = [
    `${paint('bold', 'Verdict:')} ${paint(VERDICT_COLOUR[results.verdict], results.verdict)}   ` +
      `score ${formatScore(results.score.overall)}`,
    `${safe(results.profile.name)} (${safe(results.profile.endpoint)}), ${apiName(results.suite)} ${safe(results.profile.specVersion)}${results.profile.specVersionSource === 'discovered' ? ' (discovered)' : ''}, ` +
      `${(results.durationMs / 1000).toFixed(1)} s`,
    '',
    ...featureLines(results),
  ];

  for (const [title, reqs] of [['Failed', failed], ['Warnings', warned]] as const) {
    if (reqs.length === 0) continue;
    lines.push('', paint('bold', `${title} (${reqs.length}):`));
    for (const req of reqs) lines.push(...requirementLines(req, paint));
  }
  if (results.harnessErrors.length > 0) {
    lines.push('', paint('bold', 'Harness errors:'), ...results.harnessErrors.map((e) => `  ${paint('red', safe(e))}`));
  }
  const { created, deleted, leftovers } = results.cleanup;
  lines.push('', `Cleanup: created ${created}, deleted ${deleted}, left behind ${leftovers.length}`);
  lines.push(`Cost: ${costSentence(results)}`);
  for (const l of leftovers) lines.push(`  ${paint('yellow', safe(`${l.collection} ${l.id ?? l.name ?? '(unnamed)'}: ${l.reason}`))}`);
  return `${lines.join('\n')}\n`;
}

function featureLines(results: RunResults): string[] {
  // A feature none of whose requirements ran (all filtered out) is noise in a filtered run.
  const entries = Object.entries(results.score.byFeature).filter(([, line]) => line.counts.SKIPPED < Object.values(line.counts).reduce((a, b) => a + b, 0));
  const width = Math.max(0, ...entries.map(([feature]) => feature.length));
  return entries.map(([feature, line]) => {
    const c = line.counts;
    const tally = `${c.PASS} pass, ${c.WARN} warn, ${c.FAIL} fail, ${c.ERROR} error, ${c.WAIVED} waived, ${c.NOT_APPLICABLE} n/a`;
    return `  ${safe(feature).padEnd(width)}  ${formatScore(line).padEnd(18)}  ${tally}`;
  });
}

function requirementLines(req: RequirementResult, paint: (c: Colour, t: string) => string): string[] {
  const outcome = paint(OUTCOME_COLOUR[req.outcome] ?? 'dim', req.outcome);
  const head = `  ${outcome} ${safe(req.id)} (${safe(levelAndClause(req))}): ${safe(req.statement)}`;
  const evidence = evidenceOf(req).flatMap((e) => evidenceLines(e).map((line) => `      ${safe(line)}`));
  return [head, ...evidence];
}

/** One line of untrusted text: controls made visible, embedded newlines kept inside the line. */
function safe(text: string): string {
  return showControls(text).replace(/\n/g, '\\n');
}
