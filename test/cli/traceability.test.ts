// `cloudconform catalogue --trace`: each requirement's check sites and the quirks that break it, and the
// committed suites/<suite>/traceability.md files and the README's count kept equal to what it computes.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildTrace, traceMarkdown, tracePath, traceSuites } from '../../src/cli/traceability.js';
import { packageRoot } from '../../src/harness/paths.js';
import type { QuirkInfo } from '../../src/reference/quirks.js';

afterEach(() => vi.restoreAllMocks());

async function stdoutOf(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { chunks.push(String(s)); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['node', 'cloudconform', ...args]);
  return { code, out: chunks.join('') };
}

/** Where two texts first differ, for a failure message that does not print 160 lines. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((l, n) => l !== y[n]);
  const at = i === -1 ? x.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(x[at] ?? '<end>')}, computed ${JSON.stringify(y[at] ?? '<end>')}`;
}

describe('cloudconform catalogue --trace', () => {
  it('prints a terminal table of the CIMI suite by default, with check sites and quirks', async () => {
    const { code, out } = await stdoutOf(['catalogue', '--trace']);
    expect(code).toBe(0);
    expect(out).toMatch(/^cimi: traceability$/m);
    expect(out).toMatch(/^id +level +clause +check in suites\/cimi\/ +quirks$/m);
    expect(out).toMatch(/^CIMI-Q-006 +MUST +§4\.1\.6\.1 +query-filter\.test\.ts:\d+.* filter-and-as-or$/m);
  });

  it('prints the Markdown the committed file holds with --format md', async () => {
    const { code, out } = await stdoutOf(['catalogue', '--trace', '--suite', 'cimi', '--format', 'md']);
    expect(code).toBe(0);
    expect(out).toBe(traceMarkdown(buildTrace('cimi')));
    expect(out).toMatch(/^\| id \| level \| clause \| check in suites\/cimi\/ \| quirks \|$/m);
  });

  it('traces the OVF rules to the validator code that emits them and to the mutators that break them', async () => {
    const { code, out } = await stdoutOf(['catalogue', '--trace', '--suite', 'ovf', '--format', 'md']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\| OVF-REF-003 \| MUST \| §7\.1 \| [^|]*packageRules\.ts:\d+[^|]* \| referenced-file-missing \|$/m);
  });

  it('refuses an unknown suite or format (exit 2)', async () => {
    expect((await stdoutOf(['catalogue', '--trace', '--suite', 'nope'])).code).toBe(2);
    expect((await stdoutOf(['catalogue', '--trace', '--format', 'xml'])).code).toBe(2);
  });

  it('flags requirements with no check and counts those no quirk breaks', () => {
    const quirks: QuirkInfo[] = [{ name: 'q', description: 'd', breaks: ['CIMI-Q-006'] }];
    const t = buildTrace('cimi', quirks);
    expect(t.unchecked).toEqual([]);
    expect(t.noQuirk).toHaveLength(t.rows.length - 1);
    expect(t.rows.find((r) => r.id === 'CIMI-Q-006')?.quirks).toEqual(['q']);
    expect(traceMarkdown(t)).toMatch(/^- 1 of \d+ have a quirk of the reference provider that breaks them; \d+ have none\.$/m);
  });

  it('matches a quirk to a suite by the ids it breaks, not by where it is listed', () => {
    const listedElsewhere = { name: 'v', description: 'd', breaks: ['CIMI-Q-006'], suite: 'vcloud' as const };
    expect(buildTrace('cimi', [listedElsewhere]).rows.find((r) => r.id === 'CIMI-Q-006')?.quirks).toEqual(['v']);
  });
});

describe('the committed traceability files', () => {
  const suites = traceSuites();

  it('cover the CIMI and OVF suites', () => {
    expect(suites).toEqual(expect.arrayContaining(['cimi', 'ovf']));
  });

  it.each(suites)('suites/%s/traceability.md is what --trace prints', (suite) => {
    const file = tracePath(suite);
    const rel = path.relative(packageRoot, file);
    const fresh = traceMarkdown(buildTrace(suite));
    const how = 'regenerate with `npm run trace` (npm run build && node scripts/trace.mjs) and commit it';
    expect(fs.existsSync(file), `${rel} is missing: ${how}`).toBe(true);
    const committed = fs.readFileSync(file, 'utf8');
    // Check sites are file:line, so any edit of a suite file can move them.
    expect(committed === fresh, `${rel} is out of date (${firstDifference(committed, fresh)}): ${how}`).toBe(true);
  });

  it('README states the CIMI quirk count --trace computes', () => {
    const t = buildTrace('cimi');
    const readme = fs.readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
    const m = /(\d+) of (\d+) CIMI requirements have a quirk that breaks them; the other (\d+)/.exec(readme);
    expect(m, 'README.md should say "N of M CIMI requirements have a quirk that breaks them; the other K …"').not.toBeNull();
    expect(m!.slice(1).map(Number), 'README.md: take the numbers from `cloudconform catalogue --trace`').toEqual([t.rows.length - t.noQuirk.length, t.rows.length, t.noQuirk.length]);
  });
});
