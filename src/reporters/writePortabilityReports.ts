// Writes every report of a portability run into its folder (beside the ledger.jsonl the run kept).
// results.json is rendered first: it validates the results, so no report is written from invalid ones.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badgeSvg } from './badge.js';
import { renderPortabilityHtml } from './portabilityHtml.js';
import { renderPortabilityJson } from './portabilityJson.js';
import { renderPortabilityJunit } from './portabilityJunit.js';
import type { PortabilityRunResults } from './portabilityResults.js';
import { renderPortabilitySummary } from './portabilitySummary.js';

/** Writes results.json, junit.xml, summary.md, badge.svg and index.html into `dir`; returns their paths. */
export async function writePortabilityReports(dir: string, results: PortabilityRunResults): Promise<string[]> {
  const reports: [string, string][] = [
    ['results.json', renderPortabilityJson(results)],
    ['junit.xml', renderPortabilityJunit(results)],
    ['summary.md', renderPortabilitySummary(results)],
    ['badge.svg', badgeSvg('cloudconform portability', results.verdict, results.verdict)],
    ['index.html', renderPortabilityHtml(results)],
  ];
  await mkdir(dir, { recursive: true });
  const paths = reports.map(([name]) => join(dir, name));
  await Promise.all(reports.map(([, content], i) => writeFile(paths[i]!, content, 'utf8')));
  return paths;
}
