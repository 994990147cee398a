import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/reporters/htmlReport.js';
import type { ShownExchange } from '../../src/reporters/transcriptArchive.js';
import { check, everyOutcome, exchange, HOSTILE, largeRun, requirement, runResults } from './build.js';

/** The page's transcript archive, decoded as the page's script does. */
function archive(html: string): ShownExchange[][] {
  const b64 = /<template id="transcripts" data-encoding="gzip\+base64">([A-Za-z0-9+/=]*)<\/template>/.exec(html)![1]!;
  return JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')) as ShownExchange[][];
}

describe('index.html', () => {
  const html = renderHtmlReport(everyOutcome());

  it('is self-contained: no external URLs, scripts or stylesheets', () => {
    expect(html).not.toMatch(/\bsrc\s*=/i);
    // The only links are to anchors in the page itself.
    expect(html.match(/\bhref\s*=\s*"[^#][^"]*"/gi)).toBeNull();
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;;/);
  });

  it('pins its one inline script in the CSP', async () => {
    const { createHash } = await import('node:crypto');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src &#39;sha256-${hash}&#39;`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('has the verdict, the score with denominator, and one filterable row per requirement', () => {
    expect(html).toContain('NOT CONFORMANT</span> — score 6/14 (42.9%)');
    const rows = html.match(/<tr id="[A-Z0-9-]+" data-outcome="[A-Z_]+" data-feature="[^"]+" data-level="[^"]+" data-text="[^"]*">/g) ?? [];
    expect(rows).toHaveLength(7);
    expect(html).toContain('<input id="q" type="search"');
    expect(html).toContain('<select id="outcome" aria-label="outcome"><option value="">all outcomes</option><option value="ERROR">ERROR</option>');
    expect(html).toContain('<option value="machineImages">machineImages</option>');
    expect(html).toContain('<select id="level" aria-label="level"><option value="">all levels</option><option value="MUST">MUST</option><option value="SHOULD">SHOULD</option></select>');
    expect(html).toContain('<td class="id"><a href="#CIMI-QRY-004">CIMI-QRY-004</a></td>');
  });

  it('charts the score by feature as inline SVG bars sized by percent', () => {
    const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(chart.match(/<g>/g)).toHaveLength(3);
    // core: 3/5 earned (PASS MUST, WARN SHOULD) = 60% of a 360px bar, in red.
    expect(chart).toContain('<title>core: 3/5 (60.0%)</title>');
    expect(chart).toMatch(/width="216" height="16" fill="#c62828"/);
  });

  it('puts problems first and evidence in expandable details', () => {
    const first = /<tr id="[^"]+" data-outcome="([A-Z_]+)"/.exec(html)![1];
    expect(first).toBe('ERROR');
    expect(html).toContain('<details class="evidence"><summary>statement of CIMI-QRY-004</summary>');
    expect(html).toContain('<pre>5 machines</pre>');
  });

  it('keeps exchanges out of the markup, in a compressed archive indexed by each check block', () => {
    expect(html).not.toContain('cimi/machines →');
    const shown = archive(html);
    const index = Number(/<details class="exchanges" data-check="(\d+)"><summary>1 HTTP exchange<\/summary><\/details>/.exec(html)![1]);
    expect(shown).toHaveLength(7);
    expect(shown[index]![0]).toEqual({
      summary: '#1 GET http://127.0.0.1:4000/cimi/machines → 200 (3 ms)',
      request: 'GET http://127.0.0.1:4000/cimi/machines\naccept: application/json\nauthorization: [REDACTED]\n\n',
      response: '200, 11 bytes\ncontent-type: application/json\n\n{"count":0}',
      curl: "curl -sS -H 'accept: application/json' 'http://127.0.0.1:4000/cimi/machines'",
    });
  });

  it('stays under 3 MB for a run the size of a default run (155 requirements, ~10 MB of exchanges)', () => {
    const big = largeRun();
    const raw = big.requirements.flatMap((r) => r.checks.flatMap((c) => c.transcript)).reduce((n, x) => n + JSON.stringify(x).length, 0);
    expect(raw).toBeGreaterThan(10_000_000);
    const page = renderHtmlReport(big);
    expect(Buffer.byteLength(page)).toBeLessThan(3_000_000);
    expect(archive(page).flat()).toHaveLength(big.requirements.length * 2 * 17);
  });

  it('escapes hostile text everywhere it appears', () => {
    const hostile = check({
      name: HOSTILE,
      state: 'failed',
      observed: HOSTILE,
      transcript: [exchange({ url: `http://h/${HOSTILE}`, responseBody: HOSTILE, requestHeaders: { [HOSTILE]: HOSTILE } })],
    });
    const results = runResults([requirement({ id: 'CIMI-CEP-001', outcome: 'FAIL', statement: HOSTILE, feature: HOSTILE, checks: [hostile] })]);
    const page = renderHtmlReport(results);
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(page.match(/<script/g)).toHaveLength(1);
    // The archive keeps markup as text (the page uses textContent) and shows controls as escapes, like the rest.
    const response = archive(page)[0]![0]!.response;
    expect(response).toContain('<script>alert("x")</script>');
    expect(response).toContain('\\x00\\x07\\x1B[31mred');
    expect(response).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFE]|[\uD800-\uDFFF]/u);
  });
});
