import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildComparison, catalogueDigest, comparedRows } from '../../src/reporters/compareMatrix.js';
import { renderCompareMarkdown } from '../../src/reporters/compareMarkdown.js';
import { renderCompareHtml } from '../../src/reporters/compareHtml.js';
import { readAnyResults, renderComparison } from '../../src/cli/compareRuns.js';
import type { PortabilityResults } from '../../src/reporters/portabilityResults.js';
import { renderResultsJson } from '../../src/reporters/resultsJson.js';
import { HOSTILE, requirement, runResults } from './build.js';

const profile = (name: string) => ({ name, endpoint: `https://${name}.invalid`, specVersion: '2.0', formats: ['json'], features: ['jobs'], certification: false });
const a = runResults([requirement({ id: 'CIMI-A-001' }), requirement({ id: 'CIMI-A-002', outcome: 'FAIL' }), requirement({ id: 'CIMI-J-001', feature: 'jobs', outcome: 'NOT_APPLICABLE' })], { profile: profile('vendor-a'), runId: 'run-a' });
const b = runResults([requirement({ id: 'CIMI-A-001' }), requirement({ id: 'CIMI-A-002' }), requirement({ id: 'CIMI-J-001', feature: 'jobs' })], { profile: profile('vendor-b|pipe'), runId: 'run-b' });

function portability(from: string, to: string, overrides: Partial<PortabilityResults> = {}): PortabilityResults {
  return {
    schemaVersion: 1, kind: 'portability', tool: { name: 'cloudconform', version: '0.1.0' }, runId: `port-${from}-${to}`,
    from: { name: from, endpoint: `https://${from}.invalid` }, to: { name: to, endpoint: `https://${to}.invalid` }, back: false,
    verdict: 'PORTABLE WITH LOSSES', exitCode: 1,
    findings: [
      { severity: 'loss', field: 'productProperties', step: 'export', from: 'x', to: null, message: 'dropped on export' },
      { severity: 'loss', field: 'memory', step: 'import', from: 1000, to: 1024, message: 'rounded to GiB' },
    ],
    ...overrides,
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-compare-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function runFolder(name: string, json: string): string {
  const dir = path.join(tmp, 'reports', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'results.json'), json);
  return dir;
}

describe('compare model', () => {
  const c = buildComparison([{ results: a, folder: '../reports/run-a' }, { results: b, folder: 'run b' }]);

  it('groups requirements by feature, one cell per provider linking to its evidence', () => {
    expect(c.features.map((f) => [f.feature, f.requirements.map((r) => r.id)])).toEqual([
      ['core', ['CIMI-A-001', 'CIMI-A-002']],
      ['jobs', ['CIMI-J-001']],
    ]);
    const row = comparedRows(c).find((r) => r.id === 'CIMI-A-002')!;
    expect(row.cells).toEqual([
      { outcome: 'FAIL', evidence: '../reports/run-a/index.html#CIMI-A-002' },
      { outcome: 'PASS', evidence: 'run b/index.html#CIMI-A-002' },
    ]);
    expect(c.providers.map((p) => [p.name, p.verdict, p.score.percent, p.report])).toEqual([
      ['vendor-a', 'NOT CONFORMANT', 50, '../reports/run-a/index.html'],
      ['vendor-b|pipe', 'CONFORMANT', 100, 'run b/index.html'],
    ]);
  });

  it('gives each requirement an interop figure: the share of all providers that pass it', () => {
    expect(comparedRows(c).map((r) => [r.id, r.interop.passing, r.interop.of, r.interop.percent, r.differs])).toEqual([
      ['CIMI-A-001', 2, 2, 100, false],
      ['CIMI-A-002', 1, 2, 50, true],
      ['CIMI-J-001', 1, 2, 50, false],
    ]);
  });

  it('has no warnings for runs of the same tool and catalogue', () => {
    expect(c.warnings).toEqual([]);
    expect(c.providers[0]!.catalogueDigest).toBe(c.providers[1]!.catalogueDigest);
  });

  it('flags runs of different tool or catalogue versions, and the rows whose definitions differ', () => {
    const newer = runResults([requirement({ id: 'CIMI-A-001', level: 'SHOULD' }), requirement({ id: 'CIMI-A-002' })], {
      profile: profile('vendor-c'), tool: { name: 'cloudconform', version: '0.2.0' },
    });
    const mixed = buildComparison([{ results: a, folder: 'a' }, { results: newer, folder: 'c' }]);
    expect(mixed.warnings).toEqual([
      'different tool versions: vendor-a 0.1.0, vendor-c 0.2.0',
      `different catalogues (requirement definitions differ; rows marked ≠): vendor-a ${catalogueDigest(a.requirements)}, vendor-c ${catalogueDigest(newer.requirements)}`,
    ]);
    expect(comparedRows(mixed).filter((r) => r.definitionDiffers).map((r) => r.id)).toEqual(['CIMI-A-001']);
    expect(renderCompareMarkdown(mixed)).toContain('> **Warning:** different tool versions: vendor-a 0.1.0, vendor-c 0.2.0.');
    expect(renderCompareMarkdown(mixed)).toContain('| CIMI-A-001 ≠ | MUST |');
    expect(renderCompareHtml(mixed)).toContain('<p class="warning"><strong>Warning:</strong> different tool versions');
  });

  it('a catalogue digest depends on the definitions, not on their order or the outcomes', () => {
    const reordered = [...b.requirements].reverse().map((r) => ({ ...r, outcome: 'FAIL' as const }));
    expect(catalogueDigest(reordered)).toBe(catalogueDigest(a.requirements));
    expect(catalogueDigest([{ ...a.requirements[0]!, clause: '§9' }, ...a.requirements.slice(1)])).not.toBe(catalogueDigest(a.requirements));
  });

  it('puts portability runs in a from × to table with verdict, findings and a link', () => {
    const p = buildComparison([{ results: a, folder: 'a' }, { results: b, folder: 'b' }], [
      { results: portability('vendor-a', 'vendor-b'), folder: 'p1' },
      { results: portability('vendor-b', 'vendor-a', { verdict: 'PORTABLE', exitCode: 0, findings: [], back: true }), folder: 'p2' },
    ]);
    expect(p.portability.map((x) => [x.from, x.to, x.verdict, x.findings, x.bySeverity, x.report])).toEqual([
      ['vendor-a', 'vendor-b', 'PORTABLE WITH LOSSES', 2, { loss: 2 }, 'p1/index.html'],
      ['vendor-b', 'vendor-a', 'PORTABLE', 0, {}, 'p2/index.html'],
    ]);
    const md = renderCompareMarkdown(p);
    expect(md).toContain('| from \\ to | vendor-a | vendor-b |');
    expect(md).toContain('| vendor-a | — | [PORTABLE WITH LOSSES, 2 findings](p1/index.html) |');
    expect(md).toContain('| vendor-b | [PORTABLE (and back), 0 findings](p2/index.html) | — |');
    const html = renderCompareHtml(p);
    expect(html).toContain('<td class="PORTABLE-WITH-LOSSES"><a href="p1/index.html">PORTABLE WITH LOSSES, 2 findings</a></td>');
  });
});

describe('compare renderings', () => {
  const c = buildComparison([{ results: a, folder: 'run a' }, { results: b, folder: 'b' }]);

  it('Markdown: providers with verdict and score, per-feature tables with linked, escaped cells', () => {
    const md = renderCompareMarkdown(c);
    expect(md).toContain('| vendor-b\\|pipe | cimi | 2.0 | CONFORMANT | 9/9 (100.0%) | 0.1.0 |');
    expect(md).toContain('## jobs');
    expect(md).toContain('| requirement | level | clause | vendor-a | vendor-b\\|pipe | interop |');
    expect(md).toContain('| **CIMI-A-002** | MUST | §5.5.1 | [FAIL](run%20a/index.html#CIMI-A-002) | [PASS](b/index.html#CIMI-A-002) | 1/2 (50.0%) |');
    const diff = renderCompareMarkdown(c, true);
    expect(diff).toContain('CIMI-A-002');
    expect(diff).not.toContain('| CIMI-A-001 |');
    expect(diff).not.toContain('## jobs');
  });

  it('HTML: self-contained, escaped, with links only to the runs\' reports', () => {
    const hostile = runResults([requirement({ id: 'CIMI-A-001', statement: HOSTILE, clause: HOSTILE })], { profile: profile(HOSTILE) });
    const html = renderCompareHtml(buildComparison([{ results: a, folder: 'a' }, { results: hostile, folder: 'h' }]));
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.every((h) => /^(a|h)\/index\.html(#CIMI-[A-Z]-\d{3})?$/.test(h!))).toBe(true);
    expect(renderCompareHtml(c)).toContain('<td class="cell FAIL"><a href="run a/index.html#CIMI-A-002">FAIL</a></td>');
  });
});

describe('compare command', () => {
  const dirA = runFolder('run-a', renderResultsJson(a));
  const dirB = runFolder('run-b', renderResultsJson(b));
  const dirP = runFolder('port-ab', JSON.stringify(portability('vendor-a', 'vendor-b')));

  it('reads both kinds of run folder, and links evidence relative to the output folder', () => {
    expect(readAnyResults(dirP).kind).toBe('portability');
    expect(readAnyResults(path.join(dirA, 'results.json')).kind).toBe('conformance');
    const out = path.join(tmp, 'site');
    const json = JSON.parse(renderComparison([dirA, dirB, dirP], 'json', out, false));
    expect(json.kind).toBe('comparison');
    expect(json.features[0].requirements[0].cells[0].evidence).toBe('../reports/run-a/index.html#CIMI-A-001');
    expect(json.portability[0].report).toBe('../reports/port-ab/index.html');
    expect(renderComparison([dirA, dirB], 'html', out, false)).toMatch(/^<!DOCTYPE html>/);
  });

  it('names the file and the field of anything that is not a results.json', () => {
    fs.writeFileSync(path.join(tmp, 'bad.json'), '{"schemaVersion": 1}');
    expect(() => readAnyResults(path.join(tmp, 'bad.json'))).toThrow(/bad\.json.*not a cloudconform results\.json/s);
    const badPort = runFolder('bad-port', JSON.stringify({ ...portability('x', 'y'), verdict: 'MAYBE', back: 'no' }));
    expect(() => readAnyResults(badPort)).toThrow(/bad-port.*portability results\.json:\n\/back: must be a boolean\n\/verdict: must be one of/s);
    expect(() => renderComparison([dirA], 'md', tmp, false)).toThrow(/at least two conformance runs/);
  });
});
