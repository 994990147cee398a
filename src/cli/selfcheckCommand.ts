// `cloudconform selfcheck`: each suite judged against itself. One full run against the clean reference
// provider (must be CONFORMANT), then one full run per quirk: the requirements a quirk names must break,
// and whatever else breaks is listed as collateral, so imprecise checks show up.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { profilesDir } from '../harness/paths.js';
import type { RunResults } from '../model/run.js';

interface Row {
  quirk: string;
  breaks: string[];
  broken: string[];
  missed: string[];
  collateral: string[];
  verdict: string;
}

const cell = (ids: string[]): string => (ids.length ? ids.join(', ') : '—');

/** Each suite's reference profile: the embedded provider speaking that suite's API. */
const SUITE_PROFILES: Record<string, string> = { cimi: 'reference.yaml', vcloud: 'reference-vcloud.yaml' };

interface SuiteCheck {
  suite: string;
  clean: RunResults;
  rows: Row[];
}

export function registerSelfcheckCommand(program: Command): void {
  program
    .command('selfcheck')
    .description('run each suite against the reference provider once clean and once per quirk; report what each quirk breaks')
    .option('-o, --out <file>', 'Markdown report', path.join('reports', 'selfcheck.md'))
    .option('-q, --quirk <name...>', 'only these quirks (and only the suites they belong to)')
    .action(async (flags: { out: string; quirk?: string[] }) => {
      // Loaded here, not at start-up, so that the other commands (validate above all) start fast.
      const [{ loadProfile }, { QUIRKS }, { resolveTarget }, { loadDialect }, { runSuite }] = await Promise.all([
        import('../harness/profileLoader.js'),
        import('../reference/quirks.js'),
        import('./embedded.js'),
        import('./dialects.js'),
        import('../harness/orchestrator.js'),
      ]);
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-selfcheck-'));
      const named = flags.quirk ? QUIRKS.filter((q) => flags.quirk!.includes(q.name)) : QUIRKS;
      // Quirks only a move between two clouds shows are the portability tests' to catch, not the suite's.
      const portabilityOnly = named.filter((q) => q.caughtBy === 'portability').map((q) => q.name);
      const suites = Object.keys(SUITE_PROFILES).filter((suite) => !flags.quirk || named.some((q) => (q.suite ?? 'cimi') === suite));
      const checked: SuiteCheck[] = [];
      try {
        for (const suite of suites) {
          const profile = loadProfile(path.join(profilesDir, SUITE_PROFILES[suite]!));
          const dialect = await loadDialect(suite);
          const judge = async (quirk?: string) => {
            const target = await resolveTarget(profile, quirk ? [quirk] : []);
            try {
              return (await runSuite({ dialect, profile: target.profile, cepUrl: target.cepUrl, suite, reportsDir: scratch })).results;
            } finally {
              await target.close();
            }
          };
          const clean = await judge();
          const cleanBroken = clean.requirements.filter((r) => r.outcome === 'FAIL' || r.outcome === 'WARN' || r.outcome === 'ERROR').map((r) => r.id);
          process.stderr.write(`${suite}: clean reference: ${clean.verdict}${cleanBroken.length ? ` (${cleanBroken.join(', ')})` : ''}\n`);
          const rows: Row[] = [];
          for (const q of named.filter((x) => x.caughtBy !== 'portability' && (x.suite ?? 'cimi') === suite)) {
            const results = await judge(q.name);
            const broken = results.requirements.filter((r) => r.outcome === 'FAIL' || r.outcome === 'WARN').map((r) => r.id);
            const row = {
              quirk: q.name,
              breaks: q.breaks,
              broken,
              missed: q.breaks.filter((id) => !broken.includes(id)),
              collateral: broken.filter((id) => !q.breaks.includes(id) && !cleanBroken.includes(id)),
              verdict: results.verdict,
            };
            rows.push(row);
            process.stderr.write(`${q.name}: ${row.missed.length ? `MISSED ${cell(row.missed)}` : 'caught'}${row.collateral.length ? `; collateral ${cell(row.collateral)}` : ''}\n`);
          }
          checked.push({ suite, clean, rows });
        }
        const md = [
          `# Self-check of the suites (${new Date().toISOString()})`,
          '',
          ...(portabilityOnly.length ? [`Not run here (caught by \`cloudconform portability\`, test/integration/portability.test.ts): ${portabilityOnly.join(', ')}.`, ''] : []),
          ...checked.flatMap(suiteSection),
        ].join('\n');
        fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
        fs.writeFileSync(flags.out, md);
        process.stdout.write(`${md}\nWritten to ${flags.out}\n`);
        process.exitCode = checked.every((c) => c.clean.verdict === 'CONFORMANT' && c.rows.every((r) => r.missed.length === 0)) ? 0 : 1;
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    });
}

function suiteSection({ suite, clean, rows }: SuiteCheck): string[] {
  const missed = rows.filter((r) => r.missed.length);
  return [
    `## ${suite}`,
    '',
    `Clean reference provider: **${clean.verdict}**, score ${clean.score.overall.earned}/${clean.score.overall.possible}.`,
    `Quirks: ${rows.length}; caught: ${rows.length - missed.length}; missed: ${missed.length}; with collateral failures: ${rows.filter((r) => r.collateral.length).length}.`,
    '',
    '| quirk | breaks | verdict | missed | collateral |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.quirk} | ${cell(r.breaks)} | ${r.verdict} | ${cell(r.missed)} | ${cell(r.collateral)} |`),
    '',
  ];
}
