// index.html as a reader sees it: rendered by headless Chromium (Debian package `chromium`), its script run under
// the report's own CSP. Filters come from the URL query and the opened requirement from the hash, so --dump-dom
// shows the page after the script applied them.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/reporters/htmlReport.js';
import { check, everyOutcome, exchange, HOSTILE, requirement } from './build.js';

const CHROMIUM = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!CHROMIUM) console.warn('html-chromium.test.ts skipped: no chromium (apt-get install -y chromium, or set CHROMIUM=<path>)');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-html-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The DOM after the page's script ran (virtual time lets the on-demand decoding finish). */
async function renderedDom(file: string, suffix: string): Promise<string> {
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(dir, 'profile')}`, '--virtual-time-budget=5000'];
  const { stdout } = await promisify(execFile)(CHROMIUM!, [...flags, '--dump-dom', pathToFileURL(file).href + suffix], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return stdout;
}

function visibleIds(dom: string): string[] {
  return [...dom.matchAll(/<tr id="([^"]+)"([^>]*)>/g)].filter(([, , rest]) => !/\bhidden\b/.test(rest!)).map(([, id]) => id!);
}

describe.skipIf(!CHROMIUM)('index.html in headless Chromium', () => {
  const hostile = check({ requirements: ['CIMI-EVIL-001'], state: 'failed', transcript: [exchange({ seq: 7, responseBody: HOSTILE })] });
  const results = everyOutcome();
  results.requirements.push(requirement({ id: 'CIMI-EVIL-001', outcome: 'FAIL', feature: 'machines', checks: [hostile] }));
  const file = path.join(dir, 'index.html');
  fs.writeFileSync(file, renderHtmlReport(results));

  it('shows every requirement when no filter is given', async () => {
    const dom = await renderedDom(file, '');
    expect(visibleIds(dom)).toHaveLength(8);
    expect(dom).toContain('id="shown">8 of 8 shown</span>');
    expect(dom).toContain('NOT CONFORMANT</span>');
  }, 90_000);

  it('applies the filters of the URL query: feature, outcome and search text', async () => {
    const dom = await renderedDom(file, '?feature=machines&outcome=FAIL');
    expect(visibleIds(dom).sort()).toEqual(['CIMI-EVIL-001', 'CIMI-QRY-004']);
    expect(dom).toContain('id="shown">2 of 8 shown</span>');
    const searched = await renderedDom(file, '?q=cimi-mch-00');
    expect(visibleIds(searched).sort()).toEqual(['CIMI-MCH-002', 'CIMI-MCH-003', 'CIMI-MCH-004', 'CIMI-MCH-005']);
  }, 90_000);

  it('opens the requirement of the URL hash and decodes its exchanges as text, never as markup', async () => {
    const dom = await renderedDom(file, '#CIMI-EVIL-001');
    const row = /<tr id="CIMI-EVIL-001"[\s\S]*?<\/tr>/.exec(dom)![0];
    expect(row).toContain('<details class="evidence" open="">');
    expect(row).toContain('<summary>#7 GET http://127.0.0.1:4000/cimi/machines → 200 (3 ms)</summary>');
    expect(row).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
    expect(dom).not.toContain('<script>alert');
  }, 90_000);
});
