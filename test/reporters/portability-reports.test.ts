// The reports of a portability run folder: results.json holds to its schema (and compare's reader takes
// it), junit.xml has one testcase per compared field, and provider text — hostile included — is escaped
// in every medium.

import { describe, expect, it } from 'vitest';
import { badgeSvg } from '../../src/reporters/badge.js';
import { portabilitySchemaErrors, renderPortabilityJson } from '../../src/reporters/portabilityJson.js';
import { renderPortabilityHtml } from '../../src/reporters/portabilityHtml.js';
import { renderPortabilityJunit } from '../../src/reporters/portabilityJunit.js';
import { type PortabilityRunResults, portabilityResultsErrors } from '../../src/reporters/portabilityResults.js';
import { renderPortabilitySummary } from '../../src/reporters/portabilitySummary.js';
import { renderPortabilityTerminal } from '../../src/reporters/portabilityTerminal.js';
import { HOSTILE } from './build.js';
import { parseXml } from './xml.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const counts = { created: { total: 4, machines: 1, byType: { Machine: 1, SystemTemplate: 1, MachineTemplate: 1, MachineConfiguration: 1 } }, requests: 40 };

function run(overrides: Partial<PortabilityRunResults> = {}): PortabilityRunResults {
  return {
    schemaVersion: 1, kind: 'portability', tool: { name: 'cloudconform', version: '0.1.0' }, runId: 'run-p',
    from: { name: 'alpha', endpoint: 'https://alpha.invalid/cimi', specVersion: '2.0' }, to: { name: 'beta', endpoint: 'https://beta.invalid/cimi', specVersion: '2.0' },
    back: false, verdict: 'NOT PORTABLE', exitCode: 1,
    findings: [
      { severity: 'error', field: 'productProperties.port', step: 'export', leg: 'there', from: '8080', message: 'productProperties.port lost at export' },
      { severity: 'warning', field: 'memoryKiB', step: 'import', leg: 'there', from: 1572864, to: 2097152, message: `memoryKiB grown at import ${HOSTILE}` },
      { severity: 'info', field: 'package', step: 'validation', leg: 'there', message: 'OVF-X-001 advice' },
    ],
    startedAt: '2026-01-02T03:04:05.000Z', finishedAt: '2026-01-02T03:04:07.000Z', durationMs: 2000,
    package: { source: 'generated', name: 'cloudconform-workload.ova', digest: DIGEST, bytes: 10240 },
    steps: [{ leg: 'there', name: 'export', side: 'from', status: 'done', digest: DIGEST, bytes: 7680, durationMs: 12, detail: HOSTILE }],
    compared: [
      { leg: 'there', field: 'productProperties.port', from: '8080', same: false },
      { leg: 'there', field: 'memoryKiB', from: 1572864, to: 2097152, same: false },
      { leg: 'there', field: 'cpu.count', from: 2, to: 2, same: true },
    ],
    cost: { from: counts, to: counts },
    cleanup: { created: 8, deleted: 8, leftovers: [] },
    harnessErrors: [],
    ...overrides,
  };
}

describe('portability reports', () => {
  it('results.json matches its schema, and compare reads it; a wrong field is named', () => {
    const json = JSON.parse(renderPortabilityJson(run())) as unknown;
    expect(portabilitySchemaErrors(json)).toEqual([]);
    expect(portabilityResultsErrors(json)).toEqual([]);
    expect(portabilitySchemaErrors({ ...run(), verdict: 'MAYBE', extra: 1 })).toEqual([
      "/: must NOT have additional properties 'extra'",
      '/verdict: must be equal to one of the allowed values',
    ]);
    expect(() => renderPortabilityJson(run({ package: { source: 'generated', name: 'x.ova', digest: 'md5:1', bytes: 1 } }))).toThrow(/package\/digest/);
  });

  it('junit.xml: one testcase per compared field; an error fails it, a warning passes with its note; leftovers are an error', () => {
    const xml = renderPortabilityJunit(run({ cleanup: { created: 8, deleted: 7, leftovers: [{ collection: 'machines', id: 'm/1', reason: 'DELETE answered 500', side: 'to' }] } }));
    const doc = parseXml(xml);
    const cases = Array.from(doc.getElementsByTagName('testcase')).map((c) => [c.getAttribute('classname'), c.getAttribute('name'), c.getElementsByTagName('failure').length, c.getElementsByTagName('error').length]);
    expect(cases).toEqual([
      ['portability.there', 'productProperties.port', 1, 0],
      ['portability.there', 'memoryKiB', 0, 0],
      ['portability.there', 'cpu.count', 0, 0],
      ['portability.there', 'package', 0, 0],
      ['portability.harness', 'cleanup', 0, 1],
    ]);
    expect(doc.documentElement!.getAttribute('failures')).toBe('1');
  });

  it('escapes provider text in HTML, Markdown and on the terminal; the HTML runs no script', () => {
    const html = renderPortabilityHtml(run());
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
    // The policy allows no script and no outside resource (quotes escaped in the attribute).
    expect(html).toContain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;"');
    expect(html).toContain(DIGEST);
    const md = renderPortabilitySummary(run());
    expect(md).toContain('**NOT PORTABLE** — 1 error, 1 warning, 1 info');
    expect(md).toContain('| warning | memoryKiB | import | 1572864 | 2097152 |');
    expect(md).not.toContain('<script>');
    const term = renderPortabilityTerminal(run());
    expect(term).not.toMatch(/\u001b/);
    expect(term).toContain('ERROR productProperties.port [export]: productProperties.port lost at export');
  });

  it('the badge takes the verdict colour', () => {
    expect(badgeSvg('cloudconform portability', 'PORTABLE', 'PORTABLE')).toContain('fill="#2e7d32"');
    expect(badgeSvg('cloudconform portability', 'PORTABLE WITH LOSSES', 'PORTABLE WITH LOSSES')).toContain('fill="#b26a00"');
  });
});
