// `cloudconform catalogue`: the requirement catalogue as Markdown or JSON (and the reference quirks).

import type { Command } from 'commander';
import { listSuites, loadCatalogue } from '../harness/catalogue.js';
import { UsageError } from '../harness/errors.js';
import { QUIRKS } from '../reference/quirks.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function registerCatalogueCommand(program: Command): void {
  program
    .command('catalogue')
    .description('print the requirement catalogue (id, spec, clause, level, feature, versions, statement)')
    .option('-s, --suite <name>', 'only this suite')
    .option('-f, --format <md|json>', 'output format', 'md')
    .option('--quirks', 'list the reference provider quirks and the requirements each breaks')
    .action((flags: { suite?: string; format: string; quirks?: boolean }) => {
      if (flags.format !== 'md' && flags.format !== 'json') throw new UsageError(`--format must be md or json, got '${flags.format}'`);
      if (flags.quirks) {
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify(QUIRKS, null, 2)}\n`);
        else process.stdout.write(['| quirk | breaks | what it does |', '|---|---|---|', ...QUIRKS.map((q) => `| ${q.name} | ${q.caughtBy === 'portability' ? '(portability: caught by `cloudconform portability`)' : q.breaks.join(', ')} | ${cell(q.description)} |`)].join('\n') + '\n');
        return;
      }
      const suites = flags.suite ? [flags.suite] : listSuites();
      const data = Object.fromEntries(suites.map((s) => [s, loadCatalogue(s)]));
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const out: string[] = [];
      for (const [suite, reqs] of Object.entries(data)) {
        // Suites whose levels were checked against the spec text (OVF) say against what.
        const checked = reqs.some((r) => typeof r['checked'] === 'string');
        out.push(`## ${suite} (${reqs.length} requirements)`, '', `| id | level | spec | clause | feature | versions | statement |${checked ? ' checked against |' : ''}`, `|---|---|---|---|---|---|---|${checked ? '---|' : ''}`);
        for (const r of reqs) out.push(`| ${r.id} | ${r.level} | ${r.spec} | ${cell(r.clause)} | ${r.feature} | ${r.versions.join(', ')} | ${cell(r.statement)}${r.note ? ` _(${cell(r.note)})_` : ''} |${checked ? ` ${cell(String(r['checked'] ?? ''))} |` : ''}`);
        out.push('');
      }
      process.stdout.write(out.join('\n'));
    });
}
