import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allureLabels, cleanAllureResults } from '../../src/harness/allureResults.js';
import type { Requirement } from '../../src/catalogue/requirement.js';

const req = (id: string, level: Requirement['level'], feature = 'core'): Requirement => ({ id, spec: 'VCD', clause: '§2', level, feature, versions: ['1.5'], statement: 's' });

describe('allureLabels', () => {
  it('labels each requirement and takes the severity of the strictest', () => {
    const labels = allureLabels('vcloud', [req('VCD-012', 'SHOULD', 'query'), req('VCD-009', 'MUST')]);
    expect(labels.filter((l) => l.name === 'requirement').map((l) => l.value)).toEqual(['VCD-012', 'VCD-009']);
    expect(labels.filter((l) => l.name === 'feature').map((l) => l.value)).toEqual(['query', 'core']);
    expect(labels.find((l) => l.name === 'severity')?.value).toBe('critical');
    expect(allureLabels('vcloud', [req('VCD-018', 'MAY')]).find((l) => l.name === 'severity')?.value).toBe('minor');
  });
});

describe('cleanAllureResults', () => {
  it('drops expect() steps at every depth and redacts every file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-allure-clean-'));
    try {
      const result = { name: 'VCD-009 — login', steps: [{ name: 'expect("tok-SECRET").toBe(x)', steps: [] }, { name: 'log in', steps: [{ name: 'expect(1).toBe(1)', steps: [] }] }] };
      fs.writeFileSync(path.join(dir, 'a-result.json'), JSON.stringify(result));
      fs.writeFileSync(path.join(dir, 'b-attachment.txt'), 'password SECRET');
      cleanAllureResults(dir, (t) => t.replaceAll('SECRET', '«redacted»'));
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'a-result.json'), 'utf8'))).toEqual({ name: 'VCD-009 — login', steps: [{ name: 'log in', steps: [] }] });
      expect(fs.readFileSync(path.join(dir, 'b-attachment.txt'), 'utf8')).toBe('password «redacted»');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
