// Self-validation: every quirk of the reference provider is caught. For each quirk, the checks of the
// requirements it breaks run against a provider with that quirk on; each requirement it names must
// FAIL (WARN for a SHOULD), and a broken MUST must make the run NOT CONFORMANT (exit 1). A quirk that
// only shows between two providers (`caughtBy: 'portability'`) must be one of the portability test's
// cases instead. This file: the switchboard's own rules and the CIMI 2.0 quirks; CIMI 1.1 and vCloud
// have a file each (quirkRuns.ts). `npm run selfcheck` runs the whole suite per quirk to list collateral failures too.

import { describe, expect, it } from 'vitest';
import { QUIRKS } from '../../src/reference/quirks.js';
import { CASES } from './portabilityCases.js';
import { CIMI_PROFILE, catalogueOf, quirksCaught, suiteOf } from './quirkRuns.js';

const catalogues = { cimi: catalogueOf('cimi'), vcloud: catalogueOf('vcloud') };

describe('every reference quirk is caught by the requirement it breaks', () => {
  it('every quirk names catalogued requirements', () => {
    const unknown = QUIRKS.flatMap((q) => q.breaks.filter((id) => !catalogues[suiteOf(q) === 'vcloud' ? 'vcloud' : 'cimi'].has(id)).map((id) => `${q.name} → ${id}`));
    expect(unknown).toEqual([]);
  });

  it('every quirk no requirement catches is a case of the portability test', () => {
    const exercised = new Set(CASES.flatMap((c) => [...(c.quirks.from ?? []), ...(c.quirks.to ?? [])]));
    const uncaught = QUIRKS.filter((q) => q.breaks.length === 0 && !(q.caughtBy === 'portability' && exercised.has(q.name))).map((q) => q.name);
    expect(uncaught).toEqual([]);
  });

  quirksCaught({ title: 'CIMI 2.0', suite: 'cimi', dir: 'quirks', profile: CIMI_PROFILE, version: '2.0' }, QUIRKS.filter((q) => q.caughtBy === undefined && suiteOf(q) === 'cimi'));
});
