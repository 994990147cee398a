// The OVF catalogue agrees with ../shared/spec/levels-verified.md, which checks each OVF row's level
// against the DSP0243 text: confirmed MUSTs are errors, level changes are made, rows the spec does not
// hold are portability notes, and every row it lists is either catalogued or in unchecked.yaml.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogue, type OvfRule } from '../../src/ovf/catalogue.js';
import { repoRoot } from './sharedOvf.js';

const LEVELS = join(repoRoot, '../shared/spec/levels-verified.md');

interface VerifiedRow {
  id: string;
  /** The level ovf.md gave (section A) or the level proposed for a missing row (A.2). */
  level: string;
  found?: string;
  clause: string;
  verdict?: string;
}

/** Rows of the OVF tables: section A (6 columns) and A.2 (4 columns), up to section B. */
function verifiedRows(text: string): VerifiedRow[] {
  const section = text.slice(text.indexOf('## A.'), text.indexOf('## B.'));
  return section.split('\n').filter((l) => /^\| OVF-/.test(l)).map((line) => {
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const [id, level, third, fourth, fifth, verdict] = cells as string[];
    return cells.length >= 6
      ? { id: id!, level: level!, found: third!, clause: fifth!, verdict: verdict! }
      : { id: id!, level: level!, clause: fourth! };
  });
}

interface Unchecked { id: string; level: string; clause: string; reason: string }

const strictLevel = (s: string): string => (/^(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)/.exec(s)?.[1] ?? s);
const isMust = (level: string): boolean => level.startsWith('MUST');

/** What levels-verified.md's verdict asks of the catalogue entry. */
function expected(row: VerifiedRow, rule: OvfRule): { level?: string; severity: string } {
  const verdict = row.verdict ?? '';
  if (verdict.startsWith('NOT IN SPEC')) return { severity: 'portability' };
  if (verdict.startsWith('NOT VERIFIED')) return { severity: 'warning' };
  const change = /^CHANGE LEVEL to (MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)/.exec(verdict)?.[1];
  // A change "to SHOULD" may land as SHOULD NOT when the statement is phrased as a prohibition.
  if (change) return { level: change, severity: isMust(change) ? 'error' : 'warning' };
  const level = strictLevel(row.level);
  if (rule.duty === 'consumer') return { level, severity: 'portability' };
  return { level, severity: isMust(level) ? 'error' : 'warning' };
}

describe.skipIf(!existsSync(LEVELS))('OVF catalogue against levels-verified.md', () => {
  const rows = existsSync(LEVELS) ? verifiedRows(readFileSync(LEVELS, 'utf8')) : [];
  const rules = catalogue();
  const unchecked = parse(readFileSync(join(repoRoot, 'suites/ovf/unchecked.yaml'), 'utf8')) as Unchecked[];
  const uncheckedIds = new Set(unchecked.map((u) => u.id));

  it('reads the tables (section A and A.2)', () => {
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.filter((r) => r.verdict === undefined).length).toBeGreaterThan(10);
  });

  it('catalogues every row, or says in unchecked.yaml why it is not checked', () => {
    expect(rows.filter((r) => !rules.has(r.id) && !uncheckedIds.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('lists nothing as unchecked that is catalogued, and gives each a level, clause and reason', () => {
    for (const u of unchecked) {
      expect(rules.has(u.id), u.id).toBe(false);
      expect(u.level).toMatch(/^(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)$/);
      expect(u.clause).toMatch(/§\d/);
      expect(u.reason.length).toBeGreaterThan(20);
    }
  });

  it.each(rows.filter((r) => rules.has(r.id)).map((r) => [r.id, r] as const))('%s: level, severity and the clause checked', (id, row) => {
    const rule = rules.get(id)!;
    const want = row.verdict === undefined ? { level: strictLevel(row.level), severity: 'error' } : expected(row, rule);
    if (want.level === 'SHOULD' && rule.level === 'SHOULD NOT') want.level = 'SHOULD NOT';
    if (want.level) expect(rule.level).toBe(want.level);
    expect(rule.severity).toBe(want.severity);
    // The entry names the version and the first clause and line the row cites.
    const version = /\b(\d\.\d\.\d)\b/.exec(row.clause)?.[1] ?? '1.0.0';
    expect(rule.checked).toContain(`DSP0243 ${version}`);
    const clause = /§[\d.]+/.exec(row.clause)?.[0];
    if (clause) expect(rule.checked).toContain(clause);
    const line = /l\.\d+/.exec(row.clause)?.[0];
    if (line) expect(rule.checked).toContain(line);
    if (row.verdict?.startsWith('NOT IN SPEC')) expect(rule.note ?? '').toMatch(/interoperability advice/i);
  });

  it('says what every other rule rests on, and grounds 2.x-only rules in what was readable', () => {
    for (const rule of rules.values()) {
      expect(rule.checked.length, rule.id).toBeGreaterThan(20);
      if (rule.versions.length === 1 && rule.versions[0] === '2.x') expect(rule.checked, rule.id).toMatch(/2\.0\.1 schema|2\.1\.1/);
    }
  });
});
