// `cloudconform catalogue`: the requirement catalogue as Markdown or JSON, the reference quirks, and
// (--trace) each requirement's checks and the quirks that break it (src/cli/traceability.ts).

import type { Command } from 'commander';
import { listSuites, loadCatalogue } from '../harness/catalogue.js';
import { UsageError } from '../model/errors.js';
import { QUIRKS } from '../reference/quirks.js';

/** A Markdown table cell: pipes escaped, newlines flattened. */
export const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table; cells are taken as they are (pass them through `cell`). */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---|').join('')}`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** A plain-text table for a terminal: columns padded to their widest cell, two spaces apart. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface Flags {
  suite?: string;
  format?: string;
  quirks?: boolean;
  trace?: boolean;
}

export function registerCatalogueCommand(program: Command): void {
  program
    .command('catalogue')
    .description('print the requirement catalogue (id, spec, clause, level, feature, versions, statement)')
    .option('-s, --suite <name>', 'only this suite (with --trace: the suite to trace, default cimi)')
    .option('-f, --format <md|json|text>', 'output format (default md; with --trace, text: a terminal table)')
    .option('--quirks', 'list the reference provider quirks and the requirements each breaks')
    .option('--trace', 'each requirement with its level, clause, the check sites (file:line) naming it and the quirks that break it')
    .action(async (flags: Flags) => {
      if (flags.trace) {
        const format = flags.format ?? 'text';
        if (!['text', 'md', 'json'].includes(format)) throw new UsageError(`--format must be text, md or json, got '${format}'`);
        const suite = flags.suite ?? 'cimi';
        loadCatalogue(suite); // an unknown suite is a usage error naming the known ones
        const { buildTrace, traceMarkdown, traceText } = await import('./traceability.js');
        const trace = buildTrace(suite);
        process.stdout.write(format === 'md' ? traceMarkdown(trace) : format === 'json' ? `${JSON.stringify(trace, null, 2)}\n` : traceText(trace));
        return;
      }
      const format = flags.format ?? 'md';
      if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, got '${format}'`);
      if (flags.quirks) {
        if (format === 'json') process.stdout.write(`${JSON.stringify(QUIRKS, null, 2)}\n`);
        else process.stdout.write(`${markdownTable(['quirk', 'breaks', 'what it does'], QUIRKS.map((q) => [q.name, q.caughtBy === 'portability' ? '(portability: caught by `cloudconform portability`)' : q.breaks.join(', '), cell(q.description)]))}\n`);
        return;
      }
      const suites = flags.suite ? [flags.suite] : listSuites();
      const data = Object.fromEntries(suites.map((s) => [s, loadCatalogue(s)]));
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const [suite, reqs] of Object.entries(data)) {
        // Suites whose levels were checked against the spec text (OVF) say against what.
        const checked = reqs.some((r) => typeof r['checked'] === 'string');
        const head = ['id', 'level', 'spec', 'clause', 'feature', 'versions', 'statement', ...(checked ? ['checked against'] : [])];
        const rows = reqs.map((r) => [r.id, r.level, r.spec, cell(r.clause), r.feature, r.versions.join(', '), `${cell(r.statement)}${r.note ? ` _(${cell(r.note)})_` : ''}`, ...(checked ? [cell(String(r['checked'] ?? ''))] : [])]);
        out.push(`## ${suite} (${reqs.length} requirements)`, '', markdownTable(head, rows), '');
      }
      process.stdout.write(out.join('\n'));
    });
}
