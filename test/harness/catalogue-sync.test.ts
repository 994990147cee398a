import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/harness/catalogue.js';
import { checkSites } from '../../src/harness/checkIndex.js';

// Every suite whose checks run against an endpoint.
describe.each(['cimi', 'vcloud'])('the %s catalogue and its checks are in sync', (suite) => {
  const catalogue = loadCatalogue(suite);
  const sites = checkSites(suite);

  it('has checks at all', () => {
    expect(sites.length).toBeGreaterThan(10);
  });

  it('every check names at least one requirement', () => {
    expect(sites.filter((s) => s.ids.length === 0).map((s) => `${s.file}:${s.line}`)).toEqual([]);
  });

  it('every check names only catalogued requirements', () => {
    const known = new Set(catalogue.map((r) => r.id));
    const unknown = sites.flatMap((s) => s.ids.filter((id) => !known.has(id)).map((id) => `${s.file}:${s.line} names ${id}`));
    expect(unknown).toEqual([]);
  });

  it('every requirement has a check', () => {
    const named = new Set(sites.flatMap((s) => s.ids));
    expect(catalogue.filter((r) => !named.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('every requirement cites a clause and a level', () => {
    for (const r of catalogue) {
      expect(r.clause, r.id).toMatch(/§\s?\d|Annex|Table/);
      expect(r.level, r.id).toMatch(/^(MUST|MUST NOT|SHOULD|SHOULD NOT|MAY)$/);
    }
  });
});
