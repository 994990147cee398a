// `cloudconform compare`: runs of several providers (or versions of one) side by side.

import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { RunResults } from '../harness/model.js';
import { UsageError } from '../harness/errors.js';
import { resultsSchemaErrors } from '../reporters/resultsJson.js';
import { renderCompareMarkdown } from '../reporters/compareMatrix.js';

/** A run folder or its results.json, validated against reporters/results.schema.json. */
export function readResults(arg: string): RunResults {
  const file = fs.existsSync(arg) && fs.statSync(arg).isDirectory() ? path.join(arg, 'results.json') : arg;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`not a readable results.json (${(err as Error).message})`, file);
  }
  const errors = resultsSchemaErrors(value);
  if (errors.length) throw new UsageError(`not a cloudconform results.json:\n${errors.slice(0, 5).join('\n')}`, file);
  return value as RunResults;
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare <runs...>')
    .description('a requirement-by-requirement matrix of several runs (run folders or results.json files)')
    .option('--differences', 'only the requirements where the runs disagree')
    .option('-o, --out <file>', 'write the Markdown matrix to a file instead of stdout')
    .action((runs: string[], flags: { differences?: boolean; out?: string }) => {
      if (runs.length < 2) throw new UsageError('compare needs at least two runs');
      const md = renderCompareMarkdown(runs.map(readResults), flags.differences === true);
      if (flags.out) fs.writeFileSync(flags.out, md);
      else process.stdout.write(md);
    });
}
