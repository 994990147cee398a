// Writes every report of a run into one directory. results.json is rendered first: it validates the results,
// so no report is written from results the schema rejects.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../model/run.js';
import { renderBadge } from './badge.js';
import { renderHtmlReport } from './htmlReport.js';
import { renderJunitXml } from './junitXml.js';
import { renderPrComment } from './prComment.js';
import { renderResultsJson } from './resultsJson.js';
import { renderSummaryMarkdown } from './summaryMarkdown.js';

/** Writes results.json, junit.xml, summary.md, pr-comment.md, badge.svg and index.html into `dir`; returns their paths. */
export async function writeReports(dir: string, results: RunResults): Promise<string[]> {
  const reports: [string, string][] = [
    ['results.json', renderResultsJson(results)],
    ['junit.xml', renderJunitXml(results)],
    ['summary.md', renderSummaryMarkdown(results)],
    ['pr-comment.md', renderPrComment(results)],
    ['badge.svg', renderBadge(results)],
    ['index.html', renderHtmlReport(results)],
  ];
  await mkdir(dir, { recursive: true });
  const paths = reports.map(([name]) => join(dir, name));
  await Promise.all(reports.map(([, content], i) => writeFile(paths[i]!, content, 'utf8')));
  return paths;
}
