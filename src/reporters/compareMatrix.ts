// The comparison (our wpt.fyi): conformance runs of several providers side by side — requirements grouped by
// feature, one column per provider, each cell linking to its evidence — with an interop figure per requirement,
// and the portability runs between them as a from × to table. Runs of different tool or catalogue versions are
// flagged, never silently mixed. This file builds the model; compareMarkdown.ts and compareHtml.ts lay it out.

import { createHash } from 'node:crypto';
import type { Outcome, Requirement, RunResults, ScoreLine, Verdict } from '../model/run.js';
import type { PortabilityResults, PortabilityVerdict } from './portabilityResults.js';

/** A run as compare read it: its results and where its folder is, relative to the comparison's output. */
export interface LocatedRun<R> {
  results: R;
  /** Relative URL of the run folder (posix separators), e.g. `../reports/20261205T161816Z-726165`. */
  folder: string;
}

export interface ComparedProvider {
  /** Column heading: the profile name, made unique with the run id when two runs share it. */
  name: string;
  runId: string;
  suite: string;
  specVersion: string;
  endpoint: string;
  toolVersion: string;
  catalogueDigest: string;
  verdict: Verdict;
  score: ScoreLine;
  finishedAt: string;
  report: string;
}

export interface ComparedCell {
  outcome?: Outcome;
  /** The run's index.html#<requirement-id>. */
  evidence?: string;
}

export interface ComparedRequirement {
  id: string;
  level: string;
  clause: string;
  feature: string;
  statement: string;
  cells: ComparedCell[];
  /** Share of all compared providers that pass it: what a customer can rely on everywhere. */
  interop: { passing: number; of: number; percent: number };
  /** Whether the judged outcomes disagree (one passes where another fails). */
  differs: boolean;
  /** Whether the runs' catalogues define it differently (level, clause, statement, ...). */
  definitionDiffers: boolean;
}

export interface PortabilityPair {
  from: string;
  to: string;
  back: boolean;
  verdict: PortabilityVerdict;
  findings: number;
  bySeverity: Record<string, number>;
  toolVersion: string;
  report: string;
}

export interface Comparison {
  providers: ComparedProvider[];
  features: { feature: string; requirements: ComparedRequirement[] }[];
  portability: PortabilityPair[];
  /** Why these runs should not be read as one picture (mixed tool or catalogue versions, suites, spec versions). */
  warnings: string[];
}

const JUDGED: Outcome[] = ['PASS', 'WARN', 'FAIL', 'ERROR'];

/** The requirement definitions a run was scored against: the same digest means the same catalogue. */
export function catalogueDigest(requirements: Requirement[]): string {
  const hash = createHash('sha256');
  for (const r of [...requirements].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(`${definition(r)}\n`);
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

function definition(r: Requirement): string {
  return JSON.stringify([r.id, r.spec, r.clause, r.level, r.feature, r.versions, r.statement, r.note ?? null]);
}

function link(folder: string, fragment?: string): string {
  const base = folder === '' || folder === '.' ? 'index.html' : `${folder.replace(/\/$/, '')}/index.html`;
  return fragment === undefined ? base : `${base}#${encodeURIComponent(fragment)}`;
}

export function buildComparison(runs: LocatedRun<RunResults>[], portability: LocatedRun<PortabilityResults>[] = []): Comparison {
  const names = runs.map((r) => r.results.profile.name);
  const providers: ComparedProvider[] = runs.map(({ results: r, folder }, i) => ({
    name: names.indexOf(names[i]!) === names.lastIndexOf(names[i]!) ? names[i]! : `${names[i]} (${r.runId})`,
    runId: r.runId,
    suite: r.suite,
    specVersion: r.profile.specVersion,
    endpoint: r.profile.endpoint,
    toolVersion: r.tool.version,
    catalogueDigest: catalogueDigest(r.requirements),
    verdict: r.verdict,
    score: r.score.overall,
    finishedAt: r.finishedAt,
    report: link(folder),
  }));
  const byId = new Map<string, ComparedRequirement>();
  const definitions = new Map<string, Set<string>>();
  runs.forEach(({ results, folder }, col) => {
    for (const r of results.requirements) {
      const row = byId.get(r.id) ?? {
        id: r.id, level: r.level, clause: r.clause, feature: r.feature, statement: r.statement,
        cells: runs.map(() => ({})), interop: { passing: 0, of: runs.length, percent: 0 }, differs: false, definitionDiffers: false,
      };
      row.cells[col] = { outcome: r.outcome, evidence: link(folder, r.id) };
      byId.set(r.id, row);
      definitions.set(r.id, (definitions.get(r.id) ?? new Set()).add(definition(r)));
    }
  });
  for (const row of byId.values()) {
    const outcomes = row.cells.map((c) => c.outcome);
    const passing = outcomes.filter((o) => o === 'PASS').length;
    row.interop = { passing, of: runs.length, percent: runs.length === 0 ? 0 : Math.round((passing / runs.length) * 1000) / 10 };
    row.differs = new Set(outcomes.filter((o): o is Outcome => o !== undefined && JUDGED.includes(o))).size > 1;
    row.definitionDiffers = definitions.get(row.id)!.size > 1;
  }
  const features = new Map<string, ComparedRequirement[]>();
  for (const row of byId.values()) features.set(row.feature, [...(features.get(row.feature) ?? []), row]);
  const pairs = portability.map(({ results: p, folder }) => ({
    from: p.from.name, to: p.to.name, back: p.back, verdict: p.verdict, findings: p.findings.length,
    bySeverity: p.findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.severity]: (acc[f.severity] ?? 0) + 1 }), {}),
    toolVersion: p.tool.version, report: link(folder),
  }));
  return {
    providers,
    features: [...features].map(([feature, requirements]) => ({ feature, requirements })),
    portability: pairs,
    warnings: mixWarnings(providers, pairs),
  };
}

function mixWarnings(providers: ComparedProvider[], pairs: PortabilityPair[]): string[] {
  const warnings: string[] = [];
  const spread = (label: string, values: [string, string][]): void => {
    const distinct = new Set(values.map(([, v]) => v));
    if (distinct.size > 1) warnings.push(`different ${label}: ${values.map(([who, v]) => `${who} ${v}`).join(', ')}`);
  };
  spread('tool versions', [...providers.map((p): [string, string] => [p.name, p.toolVersion]),
    ...pairs.map((p): [string, string] => [`${p.from} → ${p.to}`, p.toolVersion])]);
  spread('suites', providers.map((p) => [p.name, p.suite]));
  spread('catalogues (requirement definitions differ; rows marked ≠)', providers.map((p) => [p.name, p.catalogueDigest]));
  spread('spec versions', providers.map((p) => [p.name, p.specVersion]));
  return warnings;
}

/** The rows, flattened in feature order; `onlyDifferences` keeps those where the providers disagree. */
export function comparedRows(c: Comparison, onlyDifferences = false): ComparedRequirement[] {
  return c.features.flatMap((f) => f.requirements).filter((r) => !onlyDifferences || r.differs || r.definitionDiffers);
}
