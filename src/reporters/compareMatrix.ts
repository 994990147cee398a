// The comparison matrix (our wpt.fyi): several runs side by side, one row per requirement, one column
// per run, so a standards body or a customer sees at a glance where providers differ.

import type { Outcome, RunResults } from '../harness/model.js';
import { formatScore } from './digest.js';
import { escapeMarkdownInline } from './escape.js';

export interface MatrixRow {
  id: string;
  level: string;
  clause: string;
  feature: string;
  statement: string;
  outcomes: (Outcome | undefined)[];
  /** Whether the judged runs disagree (one passes where another fails). */
  differs: boolean;
}

const JUDGED: Outcome[] = ['PASS', 'WARN', 'FAIL', 'ERROR'];

export function compareRows(runs: RunResults[]): MatrixRow[] {
  const byId = new Map<string, MatrixRow>();
  runs.forEach((run, col) => {
    for (const r of run.requirements) {
      const row = byId.get(r.id) ?? { id: r.id, level: r.level, clause: r.clause, feature: r.feature, statement: r.statement, outcomes: runs.map(() => undefined), differs: false };
      row.outcomes[col] = r.outcome;
      byId.set(r.id, row);
    }
  });
  for (const row of byId.values()) {
    const judged = new Set(row.outcomes.filter((o): o is Outcome => o !== undefined && JUDGED.includes(o)));
    row.differs = judged.size > 1;
  }
  return [...byId.values()];
}

export function renderCompareMarkdown(runs: RunResults[], onlyDifferences = false): string {
  const rows = compareRows(runs).filter((r) => !onlyDifferences || r.differs);
  const heads = runs.map((r) => escapeMarkdownInline(r.profile.name));
  const lines = [
    `# Comparison of ${runs.length} runs`,
    '',
    '| run | suite | spec | verdict | score | finished |',
    '|---|---|---|---|---|---|',
    ...runs.map((r, i) => `| ${heads[i]} | ${r.suite} | ${r.profile.specVersion} | ${r.verdict} | ${formatScore(r.score.overall)} | ${r.finishedAt} |`),
    '',
    `${rows.length} requirement${rows.length === 1 ? '' : 's'}${onlyDifferences ? ' where the runs disagree' : ''}; ${compareRows(runs).filter((r) => r.differs).length} differ.`,
    '',
    `| requirement | level | clause | ${heads.join(' | ')} |`,
    `|---|---|---|${runs.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.differs ? '**' : ''}${r.id}${r.differs ? '**' : ''} | ${r.level} | ${escapeMarkdownInline(r.clause)} | ${r.outcomes.map((o) => o ?? '—').join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}
