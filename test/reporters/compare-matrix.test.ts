import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRows, renderCompareMarkdown } from '../../src/reporters/compareMatrix.js';
import { readResults } from '../../src/cli/compareCommand.js';
import { renderResultsJson } from '../../src/reporters/resultsJson.js';
import { requirement, runResults } from './build.js';

const a = runResults([requirement({ id: 'CIMI-A-001' }), requirement({ id: 'CIMI-A-002', outcome: 'FAIL' }), requirement({ id: 'CIMI-A-003', outcome: 'NOT_APPLICABLE' })], {
  profile: { name: 'vendor-a', endpoint: 'https://a.invalid', specVersion: '2.0', formats: ['json'], features: ['core'], certification: false },
});
const b = runResults([requirement({ id: 'CIMI-A-001' }), requirement({ id: 'CIMI-A-002' }), requirement({ id: 'CIMI-A-004', outcome: 'WARN' })], {
  profile: { name: 'vendor-b|pipe', endpoint: 'https://b.invalid', specVersion: '2.0', formats: ['json'], features: ['core'], certification: false },
});

describe('compare matrix', () => {
  it('lines up requirements across runs and marks where judged outcomes disagree', () => {
    const rows = compareRows([a, b]);
    expect(rows.map((r) => [r.id, r.outcomes, r.differs])).toEqual([
      ['CIMI-A-001', ['PASS', 'PASS'], false],
      ['CIMI-A-002', ['FAIL', 'PASS'], true],
      ['CIMI-A-003', ['NOT_APPLICABLE', undefined], false],
      ['CIMI-A-004', [undefined, 'WARN'], false],
    ]);
  });

  it('renders a Markdown matrix with escaped run names, and can keep only the differences', () => {
    const md = renderCompareMarkdown([a, b]);
    expect(md).toContain('| requirement | level | clause | vendor-a | vendor-b\\|pipe |');
    expect(md).toContain('| **CIMI-A-002** |');
    const diff = renderCompareMarkdown([a, b], true);
    expect(diff).toContain('CIMI-A-002');
    expect(diff).not.toContain('| CIMI-A-001 |');
  });

  it('reads run folders, and names the file of anything that is not a results.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-compare-'));
    fs.writeFileSync(path.join(dir, 'results.json'), renderResultsJson(a));
    expect(readResults(dir).profile.name).toBe('vendor-a');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 1}');
    expect(() => readResults(path.join(dir, 'bad.json'))).toThrow(/bad\.json.*not a cloudconform results\.json/s);
    fs.rmSync(dir, { recursive: true });
  });
});
