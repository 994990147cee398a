import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/reporters/htmlReport.js';
import { check, everyOutcome, exchange, HOSTILE, requirement, runResults } from './build.js';

describe('index.html', () => {
  const html = renderHtmlReport(everyOutcome());

  it('is self-contained: no external URLs, scripts or stylesheets', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
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
    const rows = html.match(/<tr data-outcome="[A-Z_]+" data-text="[^"]*">/g) ?? [];
    expect(rows).toHaveLength(7);
    expect(html).toContain('<select id="outcome"');
    expect(html).toContain('<input id="q" type="search"');
  });

  it('puts problems first and evidence in expandable details', () => {
    const first = /<tr data-outcome="([A-Z_]+)"/.exec(html)![1];
    expect(first).toBe('ERROR');
    expect(html).toContain('<details><summary>statement of CIMI-QRY-004</summary>');
    expect(html).toContain('<pre>5 machines</pre>');
    expect(html).toContain('#1 GET http://127.0.0.1:4000/cimi/machines → 200 (3 ms)');
    expect(html).toContain('curl -sS -H &#39;accept: application/json&#39;');
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
  });
});
