// One requirement-id grammar (src/catalogue/requirement.ts): the catalogues' ids follow it, the check
// index reads ids with it, and the JSON schemas (profiles' waivers, results' requirements) use it.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENT_ID, REQUIREMENT_ID_PATTERN, requirementIdsIn } from '../../src/catalogue/requirement.js';
import { loadCatalogue } from '../../src/harness/catalogue.js';
import { packageRoot } from '../../src/harness/paths.js';

/** The `pattern`s of a schema's id properties: every pattern that spells three digits. */
function idPatterns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) idPatterns(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string' && v.includes('\\d{3}')) out.push(v);
      else idPatterns(v, out);
    }
  }
  return out;
}

describe('the requirement-id grammar', () => {
  it('accepts both catalogues’ ids, digits in the area included (OVF-V2-001)', () => {
    const ids = [...loadCatalogue('cimi'), ...loadCatalogue('ovf')].map((r) => r.id);
    expect(ids.filter((id) => !REQUIREMENT_ID.test(id))).toEqual([]);
    expect(ids.some((id) => /^OVF-V2-\d{3}$/.test(id))).toBe(true);
  });

  it('takes the vCloud brief ids, which have no area', () => {
    for (const good of ['VCD-001', 'VCD-100']) expect(REQUIREMENT_ID.test(good), good).toBe(true);
  });

  it('refuses what is not an id', () => {
    for (const bad of ['CIMI-Q-04', 'cimi-q-004', 'CIMI-Q-0040', 'CIMIQ-04', 'CIMI-Q-004 ', 'VCD-01', 'VCD-', '-VCD-001']) expect(REQUIREMENT_ID.test(bad), bad).toBe(false);
  });

  it('reads the ids a check names, in order, and no part of a longer token', () => {
    expect(requirementIdsIn("['CIMI-Q-004', 'OVF-V2-001', \"CIMI-HTTP-011\"]")).toEqual(['CIMI-Q-004', 'OVF-V2-001', 'CIMI-HTTP-011']);
    expect(requirementIdsIn('XCIMI-Q-0041 and CIMI-Q-0045')).toEqual([]);
    expect(requirementIdsIn("['VCD-001', 'VCD-017'] and VCD-0012")).toEqual(['VCD-001', 'VCD-017']);
  });

  it.each(['profiles/profile.schema.json', 'reporters/results.schema.json'])('%s spells ids with the same grammar', (file) => {
    const patterns = idPatterns(JSON.parse(fs.readFileSync(path.join(packageRoot, file), 'utf8')));
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(p).toBe(`^${REQUIREMENT_ID_PATTERN}$`);
  });
});
