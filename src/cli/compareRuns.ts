// The rendering behind `cloudconform compare`: results files read and checked, then the comparison as
// Markdown, HTML or JSON. Apart from compareCommand.ts so that the CLI loads it only for `compare`.

import fs from 'node:fs';
import path from 'node:path';
import type { RunResults } from '../model/run.js';
import { UsageError } from '../model/errors.js';
import { resultsSchemaErrors } from '../reporters/resultsJson.js';
import { buildComparison, type LocatedRun } from '../reporters/compareMatrix.js';
import { renderCompareMarkdown } from '../reporters/compareMarkdown.js';
import { renderCompareHtml } from '../reporters/compareHtml.js';
import { isPortabilityResults, portabilityResultsErrors, type PortabilityResults } from '../reporters/portabilityResults.js';
import type { Format } from './compareCommand.js';

type AnyResults = { kind: 'conformance'; file: string; results: RunResults } | { kind: 'portability'; file: string; results: PortabilityResults };

function resultsFile(arg: string): string {
  return fs.existsSync(arg) && fs.statSync(arg).isDirectory() ? path.join(arg, 'results.json') : arg;
}

function parse(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`not a readable results.json (${(err as Error).message})`, file);
  }
}

/** A run folder or its results.json, of either kind (a results.json without `kind` is a conformance run). */
export function readAnyResults(arg: string): AnyResults {
  const file = resultsFile(arg);
  const value = parse(file);
  if (isPortabilityResults(value)) {
    const errors = portabilityResultsErrors(value);
    if (errors.length) throw new UsageError(`not a cloudconform portability results.json:\n${errors.slice(0, 5).join('\n')}`, file);
    return { kind: 'portability', file, results: value as PortabilityResults };
  }
  const errors = resultsSchemaErrors(value);
  if (errors.length) throw new UsageError(`not a cloudconform results.json:\n${errors.slice(0, 5).join('\n')}`, file);
  return { kind: 'conformance', file, results: value as RunResults };
}

/** The run folder as a relative URL from the directory the comparison is written to. */
function folderUrl(resultsJson: string, outDir: string): string {
  const rel = path.relative(outDir, path.dirname(path.resolve(resultsJson))).split(path.sep).join('/');
  return rel.split('/').map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
}

export function renderComparison(args: string[], format: Format, outDir: string, onlyDifferences: boolean): string {
  const read = args.map(readAnyResults);
  const located = <R>(r: { file: string; results: R }): LocatedRun<R> => ({ results: r.results, folder: folderUrl(r.file, outDir) });
  const conformance = read.filter((r) => r.kind === 'conformance').map(located);
  const portability = read.filter((r) => r.kind === 'portability').map(located);
  if (portability.length === 0 && conformance.length < 2) {
    throw new UsageError('compare needs at least two conformance runs, or at least one portability run');
  }
  const comparison = buildComparison(conformance, portability);
  if (format === 'json') return `${JSON.stringify({ schemaVersion: 1, kind: 'comparison', ...comparison }, null, 2)}\n`;
  return format === 'html' ? renderCompareHtml(comparison, onlyDifferences) : renderCompareMarkdown(comparison, onlyDifferences);
}

