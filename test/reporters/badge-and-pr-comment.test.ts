import { describe, expect, it } from 'vitest';
import { renderBadge } from '../../src/reporters/badge.js';
import { PR_COMMENT_MAX_LINES, renderPrComment } from '../../src/reporters/prComment.js';
import { everyOutcome, HOSTILE, requirement, runResults } from './build.js';
import { parseXml } from './xml.js';

describe('badge.svg', () => {
  it('is well-formed SVG with the verdict, the score and the verdict colour', () => {
    const svg = renderBadge(everyOutcome());
    const doc = parseXml(svg);
    expect(doc.documentElement!.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    const texts = [...Array.from(doc.getElementsByTagName('text'))].map((t) => t.textContent);
    expect(texts).toEqual(['cloudconform cimi', 'NOT CONFORMANT 42.9%']);
    expect(svg).toContain('fill="#c62828"');
    const clean = renderBadge(runResults([requirement({ id: 'CIMI-A-001' })]));
    expect(clean).toContain('CONFORMANT 100.0%');
    expect(clean).toContain('fill="#2e7d32"');
  });

  it('is wider for a longer message and stays well-formed with hostile names', () => {
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)![1]);
    const clean = renderBadge(runResults([requirement({ id: 'CIMI-A-001' })]));
    expect(width(renderBadge(everyOutcome()))).toBeGreaterThan(width(clean));
    const hostile = renderBadge(runResults([requirement({ id: 'CIMI-A-001' })], { suite: HOSTILE }));
    expect(() => parseXml(hostile)).not.toThrow();
    expect(hostile).not.toContain('<script>');
  });
});

describe('pr-comment.md', () => {
  it('gives the verdict, the score, the features below 100% and each failed requirement with its clause', () => {
    const md = renderPrComment(everyOutcome());
    expect(md).toContain('— **NOT CONFORMANT**, score 6/14 (42.9%)');
    expect(md).toContain('| core | 3/5 (60.0%) | 0 | 0 | 1 |');
    expect(md).toContain('**2 failed, 1 warned:**');
    expect(md).toContain('- **FAIL** `CIMI-QRY-004` (MUST, §4.1.6.2): statement of CIMI-QRY-004 — $first ignored');
    expect(md).not.toContain('CIMI-CEP-001');
  });

  it('stays within 60 lines and 65,536 characters for a run with hundreds of long failures', () => {
    const long = 'x'.repeat(5000);
    const reqs = Array.from({ length: 300 }, (_, i) =>
      requirement({ id: `CIMI-F-${i}`, outcome: 'FAIL', feature: `feature${i % 40}`, statement: long }));
    const md = renderPrComment(runResults(reqs));
    const lines = md.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(PR_COMMENT_MAX_LINES);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('_… and 20 more features below 100%._');
    const shown = lines.filter((l) => l.startsWith('- **FAIL**')).length;
    expect(shown).toBeGreaterThan(10);
    expect(md).toContain(`- … and ${300 - shown} more`);
    expect(lines.at(-1)).toContain('summary.md');
  });

  it('says so in one line when every feature scored 100%', () => {
    const md = renderPrComment(runResults([requirement({ id: 'CIMI-A-001' }), requirement({ id: 'CIMI-B-001', feature: 'jobs' })]));
    expect(md).toContain('All 2 features scored 100%.');
    expect(md).not.toContain('failed');
  });
});
