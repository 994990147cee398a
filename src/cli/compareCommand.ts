// `cloudconform compare`: conformance runs of several providers (or versions of one) side by side, and the
// portability runs between them, as Markdown, HTML or JSON (rendered by compareRuns.ts, loaded on use).

import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';

export const FORMATS = ['md', 'html', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export function registerCompareCommand(program: Command): void {
  program
    .command('compare <runs...>')
    .description('providers side by side: a requirement × provider matrix by feature with interop, and portability pairs (run folders or results.json files)')
    .option('--differences', 'only the requirements where the providers disagree')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'md')
    .option('-o, --out <file>', 'write to a file instead of stdout (evidence links are relative to its folder)')
    .action(async (runs: string[], flags: { differences?: boolean; out?: string; format: string }) => {
      if (!FORMATS.includes(flags.format as Format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${flags.format}'`);
      const outDir = flags.out ? path.dirname(path.resolve(flags.out)) : process.cwd();
      const { renderComparison } = await import('./compareRuns.js');
      const rendered = renderComparison(runs, flags.format as Format, outDir, flags.differences === true);
      if (flags.out) fs.writeFileSync(flags.out, rendered);
      else process.stdout.write(rendered);
    });
}
