// `cloudconform catalogue --trace`: requirement by requirement, where it is checked (file:line of the
// suite's `check(` calls, or of the OVF validator's rule) and which deviations show it failing: the
// reference provider's quirks (matched by the requirement ids they break) and, for OVF, the package
// mutators of src/ovf/generators/mutators.ts. suites/<suite>/traceability.md is this module's Markdown,
// committed; `npm run trace` rewrites it and test/cli/traceability.test.ts holds the two together.

import fs from 'node:fs';
import path from 'node:path';
import { REQUIREMENT_ID_PATTERN, type Level } from '../catalogue/requirement.js';
import { listSuites, loadCatalogue } from '../harness/catalogue.js';
import { checkSites } from '../harness/checkIndex.js';
import { packageRoot, suitesDir } from '../harness/paths.js';
import { MUTATORS } from '../ovf/generators/mutators.js';
import { QUIRKS, type QuirkInfo } from '../reference/quirks.js';
import { cell, markdownTable, textTable } from './catalogueCommand.js';

/** Suites judged by a library's rules rather than by test files: the folder whose quoted ids are the rules. */
const RULE_LIBRARIES: Record<string, string> = { ovf: 'src/ovf' };

export interface Site {
  /** Relative to `Trace.siteBase`. */
  file: string;
  line: number;
}

export interface TraceRow {
  id: string;
  level: Level;
  clause: string;
  sites: Site[];
  quirks: string[];
  mutators: string[];
}

export interface Trace {
  suite: string;
  /** `check`: the suite's check( calls; `rule`: the validator rules that emit the id. */
  siteKind: 'check' | 'rule';
  /** The folder the sites' files are relative to, e.g. `suites/cimi/`. */
  siteBase: string;
  rows: TraceRow[];
  /** Ids of requirements with no site: should be none. */
  unchecked: string[];
  /** Ids of requirements no quirk breaks. */
  noQuirk: string[];
  /** Ids no mutator breaks (suites that have mutators only). */
  noMutator?: string[];
  /** This suite's quirks that break no requirement and are caught by the portability tests instead. */
  portabilityQuirks: string[];
}

const quirkSuite = (q: QuirkInfo): string => (q as QuirkInfo & { suite?: string }).suite ?? 'cimi';
const hasTests = (suite: string): boolean => fs.readdirSync(path.join(suitesDir, suite)).some((n) => n.endsWith('.test.ts'));

/** Lines of a library's files that name a requirement id in quotes (how src/ovf emits its rules). */
function ruleSites(dir: string): Map<string, Site[]> {
  const quoted = new RegExp(`'(${REQUIREMENT_ID_PATTERN})'`, 'g');
  const root = path.join(packageRoot, dir);
  const out = new Map<string, Site[]>();
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.includes('mutators')).sort();
  for (const f of files) {
    const file = f.split(path.sep).join('/');
    fs.readFileSync(path.join(root, f), 'utf8').split('\n').forEach((text, i) => {
      for (const id of new Set([...text.matchAll(quoted)].map((m) => m[1]!))) out.set(id, [...(out.get(id) ?? []), { file, line: i + 1 }]);
    });
  }
  return out;
}

function siteIndex(suite: string): { kind: Trace['siteKind']; base: string; sites: Map<string, Site[]> } {
  const library = RULE_LIBRARIES[suite];
  if (library && !hasTests(suite)) return { kind: 'rule', base: `${library}/`, sites: ruleSites(library) };
  const base = `suites/${suite}/`;
  const sites = new Map<string, Site[]>();
  for (const s of checkSites(suite)) {
    for (const id of new Set(s.ids)) sites.set(id, [...(sites.get(id) ?? []), { file: s.file.slice(base.length), line: s.line }]);
  }
  return { kind: 'check', base, sites };
}

export function buildTrace(suite: string, quirks: readonly QuirkInfo[] = QUIRKS): Trace {
  const { kind, base, sites } = siteIndex(suite);
  const catalogue = loadCatalogue(suite);
  const ids = new Set(catalogue.map((r) => r.id));
  const suiteMutators = MUTATORS.filter((m) => ids.has(m.rule));
  const rows = catalogue.map((r) => ({
    id: r.id,
    level: r.level,
    clause: r.clause,
    sites: sites.get(r.id) ?? [],
    quirks: quirks.filter((q) => q.breaks.includes(r.id)).map((q) => q.name),
    mutators: [...new Set(suiteMutators.filter((m) => m.rule === r.id).map((m) => m.name))],
  }));
  return {
    suite,
    siteKind: kind,
    siteBase: base,
    rows,
    unchecked: rows.filter((r) => r.sites.length === 0).map((r) => r.id),
    noQuirk: rows.filter((r) => r.quirks.length === 0).map((r) => r.id),
    ...(suiteMutators.length ? { noMutator: rows.filter((r) => r.mutators.length === 0).map((r) => r.id) } : {}),
    portabilityQuirks: quirks.filter((q) => q.breaks.length === 0 && q.caughtBy === 'portability' && quirkSuite(q) === suite).map((q) => q.name),
  };
}

/** A trace worth a file: the suite has check or rule sites, or quirks that break its requirements. */
const worthTracing = (t: Trace): boolean => t.rows.some((r) => r.sites.length > 0 || r.quirks.length > 0);

/** Suites worth a trace (suites/<suite>/traceability.md). */
export function traceSuites(quirks: readonly QuirkInfo[] = QUIRKS): string[] {
  return listSuites().filter((s) => worthTracing(buildTrace(s, quirks)));
}

export const tracePath = (suite: string): string => path.join(suitesDir, suite, 'traceability.md');

const siteText = (s: Site): string => `${s.file}:${s.line}`;
const list = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : '—');

/** Whether the table has a quirks column: not for a suite no quirk touches whose mutators show it failing (OVF). */
const showQuirks = (t: Trace): boolean => !t.noMutator || t.noQuirk.length < t.rows.length;

/** The summary lines both formats print above the table. */
export function traceCounts(t: Trace): string[] {
  const n = t.rows.length;
  const what = t.siteKind === 'check' ? 'a check' : 'a rule';
  const lines = [`${n} requirements: ${n - t.unchecked.length} with ${what}, ${t.unchecked.length} without${t.unchecked.length ? ` (${t.unchecked.join(', ')})` : ''}.`];
  if (showQuirks(t)) lines.push(`${n - t.noQuirk.length} of ${n} have a quirk of the reference provider that breaks them; ${t.noQuirk.length} have none.`);
  else lines.push('No quirk of the reference provider breaks these requirements.');
  if (t.noMutator) lines.push(`${n - t.noMutator.length} of ${n} have a package mutator (src/ovf/generators/mutators.ts) that breaks them; ${t.noMutator.length} have none.`);
  if (t.portabilityQuirks.length) lines.push(`${t.portabilityQuirks.length} quirks break no requirement of this suite and are caught by the portability tests: ${t.portabilityQuirks.join(', ')}.`);
  return lines;
}

function columns(t: Trace): { head: string[]; rows: string[][] } {
  const siteHead = t.siteKind === 'check' ? `check in ${t.siteBase}` : `rule in ${t.siteBase}`;
  const quirks = showQuirks(t);
  const head = ['id', 'level', 'clause', siteHead, ...(quirks ? ['quirks'] : []), ...(t.noMutator ? ['mutators'] : [])];
  const rows = t.rows.map((r) => [
    r.id, r.level, r.clause,
    r.sites.length ? r.sites.map(siteText).join(', ') : `NO ${t.siteKind.toUpperCase()}`,
    ...(quirks ? [list(r.quirks)] : []),
    ...(t.noMutator ? [list(r.mutators)] : []),
  ]);
  return { head, rows };
}

export function traceMarkdown(t: Trace): string {
  const { head, rows } = columns(t);
  const out = [
    `# Traceability: ${t.suite}`,
    '',
    `Generated by \`cloudconform catalogue --trace --suite ${t.suite} --format md\`; \`npm run trace\` rewrites it. Do not edit by hand.`,
    '',
    ...traceCounts(t).map((l) => `- ${l}`),
    '',
    markdownTable(head, rows.map((r) => r.map(cell))),
  ];
  if (t.unchecked.length) out.push('', `Requirements with no ${t.siteKind} (${t.unchecked.length}): ${t.unchecked.join(', ')}.`);
  if (showQuirks(t)) out.push('', `Requirements no quirk breaks (${t.noQuirk.length}): ${list(t.noQuirk)}.`);
  if (t.noMutator) out.push('', `Requirements no mutator breaks (${t.noMutator.length}): ${list(t.noMutator)}.`);
  return `${out.join('\n')}\n`;
}

export function traceText(t: Trace): string {
  const { head, rows } = columns(t);
  return `${[`${t.suite}: traceability`, ...traceCounts(t), '', textTable(head, rows)].join('\n')}\n`;
}

/** Writes suites/<suite>/traceability.md for every suite worth a trace; returns the files written. */
export function writeTraces(): string[] {
  return listSuites().map((s) => buildTrace(s)).filter(worthTracing).map((t) => {
    const file = tracePath(t.suite);
    fs.writeFileSync(file, traceMarkdown(t));
    return path.relative(packageRoot, file);
  });
}
