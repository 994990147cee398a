// Which requirement ids the checks of a suite name, read from the source without running anything
// (the Kubernetes-conformance habit: the catalogue and the tests are kept in sync by a test).

import fs from 'node:fs';
import path from 'node:path';
import { requirementIdsIn } from '../catalogue/requirement.js';
import { suitesDir } from './paths.js';

const CHECK_CALL = /\bcheck\(\s*(\[[^\]]*\]|'[^']*'|"[^"]*")/g;

export interface CheckSite {
  file: string;
  line: number;
  ids: string[];
}

export function checkSites(suite: string): CheckSite[] {
  const dir = path.join(suitesDir, suite);
  const sites: CheckSite[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(CHECK_CALL)) {
      const line = text.slice(0, m.index).split('\n').length;
      sites.push({ file: `suites/${suite}/${f}`, line, ids: requirementIdsIn(m[1]!) });
    }
  }
  return sites;
}
