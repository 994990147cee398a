// `cloudconform selfcheck`: the suite judged against itself. One full run against the clean reference
// provider (must be CONFORMANT), then one full run per quirk: the requirements a quirk names must break,
// and whatever else breaks is listed as collateral, so imprecise checks show up.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { profilesDir } from '../harness/paths.js';

interface Row {
  quirk: string;
  breaks: string[];
  broken: string[];
  missed: string[];
  collateral: string[];
  verdict: string;
}

const cell = (ids: string[]): string => (ids.length ? ids.join(', ') : '—');

export function registerSelfcheckCommand(program: Command): void {
  program
    .command('selfcheck')
    .description('run the CIMI suite against the reference provider once clean and once per quirk; report what each quirk breaks')
    .option('-o, --out <file>', 'Markdown report', path.join('reports', 'selfcheck.md'))
    .option('-q, --quirk <name...>', 'only these quirks')
    .action(async (flags: { out: string; quirk?: string[] }) => {
      // Loaded here, not at start-up, so that the other commands (validate above all) start fast.
      const [{ loadProfile }, { QUIRKS }, { resolveTarget }] = await Promise.all([
        import('../harness/profileLoader.js'),
        import('../reference/quirks.js'),
        import('./embedded.js'),
      ]);
      const profile = loadProfile(path.join(profilesDir, 'reference.yaml'));
      const [{ runSuite }, { cimiDialect }] = await Promise.all([import('../harness/orchestrator.js'), import('../cimi/dialect.js')]);
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-selfcheck-'));
      // Quirks only a move between two clouds shows are the portability tests' to catch, not the suite's.
      const named = flags.quirk ? QUIRKS.filter((q) => flags.quirk!.includes(q.name)) : QUIRKS;
      const quirks = named.filter((q) => q.caughtBy !== 'portability');
      const portabilityOnly = named.filter((q) => q.caughtBy === 'portability').map((q) => q.name);
      const judge = async (quirk?: string) => {
        const target = await resolveTarget(profile, quirk ? [quirk] : []);
        try {
          const { results } = await runSuite({ dialect: cimiDialect, profile, cepUrl: target.cepUrl, suite: 'cimi', reportsDir: scratch });
          return results;
        } finally {
          await target.close();
        }
      };
      try {
        const clean = await judge();
        const cleanBroken = clean.requirements.filter((r) => r.outcome === 'FAIL' || r.outcome === 'WARN' || r.outcome === 'ERROR').map((r) => r.id);
        process.stderr.write(`clean reference: ${clean.verdict}${cleanBroken.length ? ` (${cleanBroken.join(', ')})` : ''}\n`);
        const rows: Row[] = [];
        for (const q of quirks) {
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
        const missed = rows.filter((r) => r.missed.length);
        const md = [
          `# Self-check of the CIMI suite (${new Date().toISOString()})`,
          '',
          `Clean reference provider: **${clean.verdict}**, score ${clean.score.overall.earned}/${clean.score.overall.possible}.`,
          `Quirks: ${rows.length}; caught: ${rows.length - missed.length}; missed: ${missed.length}; with collateral failures: ${rows.filter((r) => r.collateral.length).length}.`,
          ...(portabilityOnly.length ? [`Not run here (caught by \`cloudconform portability\`, test/integration/portability.test.ts): ${portabilityOnly.join(', ')}.`] : []),
          '',
          '| quirk | breaks | verdict | missed | collateral |',
          '|---|---|---|---|---|',
          ...rows.map((r) => `| ${r.quirk} | ${cell(r.breaks)} | ${r.verdict} | ${cell(r.missed)} | ${cell(r.collateral)} |`),
          '',
        ].join('\n');
        fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
        fs.writeFileSync(flags.out, md);
        process.stdout.write(`${md}\nWritten to ${flags.out}\n`);
        process.exitCode = clean.verdict === 'CONFORMANT' && missed.length === 0 ? 0 : 1;
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    });
}
