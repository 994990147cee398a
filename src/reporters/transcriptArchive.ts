// The HTTP exchanges of a run, packed for index.html: one gzip-compressed, base64-encoded JSON array with one entry
// per check, decoded by the page only when a reader opens a check's exchanges. A default run records ~10 MB of
// exchanges; inline markup made the report too big to open, compressed they are about a tenth of that.

import { gzipSync } from 'node:zlib';
import type { CheckResult, Exchange } from '../model/run.js';
import { showControls } from './escape.js';

/**
 * An exchange as the page shows it: a one-line summary, then the request, the response and a curl line.
 * Control characters and lone surrogates are shown as escapes, as everywhere else in the report: raw, some of
 * them crash Chromium's renderer (a provider's response body could take the reader's browser down).
 */
export interface ShownExchange {
  summary: string;
  request: string;
  response: string;
  curl: string;
}

export function showExchange(x: Exchange): ShownExchange {
  const outcome = x.status !== undefined ? String(x.status) : `no response (${x.error ?? 'unknown'})`;
  const request = [`${x.method} ${x.url}`, ...headerLines(x.requestHeaders), '', x.requestBody ?? ''].join('\n');
  const response = [
    `${outcome}${x.responseBytes !== undefined ? `, ${x.responseBytes} bytes` : ''}`,
    ...headerLines(x.responseHeaders ?? {}),
    '',
    x.responseBody ?? '',
  ].join('\n');
  const summary = `#${x.seq} ${x.method} ${x.url} → ${outcome} (${x.durationMs} ms)`;
  return { summary: showControls(summary), request: showControls(request), response: showControls(response), curl: showControls(x.curl) };
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

/** base64(gzip(JSON)) of every check's shown exchanges, in the order the checks are given (the page's index). */
export function packTranscripts(checks: CheckResult[]): string {
  const json = JSON.stringify(checks.map((c) => c.transcript.map(showExchange)));
  return gzipSync(json, { level: 9 }).toString('base64');
}
