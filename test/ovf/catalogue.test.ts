// The catalogue and the validator stay in sync: every rule the code can emit is catalogued, every
// catalogued rule is emitted somewhere, and every rule is exercised by a test or a mutator.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/ovf/catalogue.js';
import { MUTATORS } from '../../src/ovf/generators/mutators.js';
import { REQUIREMENT_ID } from '../../src/catalogue/requirement.js';
import { repoRoot } from './sharedOvf.js';

const RULE_ID = /'(OVF-[A-Z0-9]+-\d{3})'/g;

function idsIn(dir: string, filter: (name: string) => boolean): Set<string> {
  const ids = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !filter(entry.name)) continue;
    for (const m of readFileSync(join(entry.parentPath, entry.name), 'utf8').matchAll(RULE_ID)) ids.add(m[1] as string);
  }
  return ids;
}

describe('OVF rule catalogue', () => {
  const rules = catalogue();
  const emitted = idsIn(join(repoRoot, 'src/ovf'), (n) => n.endsWith('.ts') && !n.includes('mutators'));

  it('catalogues every rule the validator emits', () => {
    expect([...emitted].filter((id) => !rules.has(id))).toEqual([]);
  });

  it('catalogues nothing the validator cannot emit', () => {
    expect([...rules.keys()].filter((id) => !emitted.has(id))).toEqual([]);
  });

  it('has well-formed entries', () => {
    for (const r of rules.values()) {
      expect(r.id).toMatch(REQUIREMENT_ID);
      expect(r.id.startsWith('OVF-')).toBe(true);
      expect(r.spec).toBe('DSP0243');
      expect(r.clause).toMatch(/^§/);
      expect(r.versions.length).toBeGreaterThan(0);
    }
  });

  it('exercises every rule in a test or a mutator', () => {
    const tested = idsIn(join(repoRoot, 'test/ovf'), (n) => n.endsWith('.test.ts') && n !== 'catalogue.test.ts');
    for (const m of MUTATORS) tested.add(m.rule);
    expect([...rules.keys()].filter((id) => !tested.has(id))).toEqual([]);
  });
});
