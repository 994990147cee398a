import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../src/reporters/writeReports.js';
import { resultsSchemaErrors } from '../../src/reporters/resultsJson.js';
import { everyOutcome } from './build.js';
import { parseXml } from './xml.js';

describe('writeReports', () => {
  it('writes results.json, junit.xml, summary.md, pr-comment.md, badge.svg and index.html into a new directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-reports-')), 'nested', 'run');
    const files = await writeReports(dir, everyOutcome());
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['results.json', 'junit.xml', 'summary.md', 'pr-comment.md', 'badge.svg', 'index.html']);
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    expect(resultsSchemaErrors(JSON.parse(read('results.json')))).toEqual([]);
    expect(parseXml(read('junit.xml')).getElementsByTagName('testcase')).toHaveLength(7);
    expect(read('summary.md')).toContain('**Verdict: NOT CONFORMANT**');
    expect(read('index.html')).toMatch(/^<!DOCTYPE html>/);
  });

  it('writes nothing when the results break the schema', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cc-reports-')), 'run');
    const broken = { ...everyOutcome(), exitCode: 7 } as never;
    await expect(writeReports(dir, broken)).rejects.toThrow(/exitCode/);
    expect(() => readFileSync(join(dir, 'junit.xml'))).toThrow(/ENOENT/);
  });
});
