// `cloudconform run`: one conformance run of a suite against the endpoint a profile names.

import path from 'node:path';
import type { Command } from 'commander';
import { onInterrupt } from './interrupt.js';
import fs from 'node:fs';
import { profilesDir, suitesDir } from '../harness/paths.js';
import { UsageError } from '../model/errors.js';
import { REQUIREMENT_ID, REQUIREMENT_ID_EXAMPLE } from '../catalogue/requirement.js';
import type { loadCatalogue as LoadCatalogue } from '../harness/catalogue.js';
import { newRunId } from '../harness/runId.js';
import type { SuiteRun } from '../reporters/suitesReport.js';

interface RunFlags {
  profile?: string[];
  suite?: string;
  reports: string;
  grep?: string;
  requirement?: string[];
  replay?: string;
  quirk?: string[];
  progress: boolean;
  color: boolean;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Suites with checks to run against an endpoint (the OVF catalogue is judged by `validate`, not by `run`). */
function runnableSuites(): string[] {
  return fs
    .readdirSync(suitesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.readdirSync(path.join(suitesDir, d.name)).some((f) => f.endsWith('.test.ts')))
    .map((d) => d.name)
    .sort();
}

/** The built-in reference profiles `run` uses without --profile: every suite against the embedded provider. */
export const DEFAULT_PROFILES = [path.join(profilesDir, 'reference.yaml'), path.join(profilesDir, 'reference-vcloud.yaml')];

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the suite of each profile against its endpoint and write reports/<run-id>/ (one section per suite)')
    .option('-p, --profile <file...>', 'profile YAML; several: one run each, one report (default: the reference profiles of every suite)')
    .option('-s, --suite <name>', "only the profiles of this suite (a profile's suite is its spec.name)")
    .option('-o, --reports <dir>', 'where run folders are written', 'reports')
    .option('-g, --grep <pattern>', 'only checks whose name matches (a regular expression)')
    .option('-r, --requirement <id...>', 'only the checks of these requirement ids')
    .option('--replay <seed:path>', 'replay one failing property check (the token printed with its failure)')
    .option('-q, --quirk <name...>', 'embedded reference only: enable these quirks as well')
    .option('--no-progress', 'no live progress line')
    .option('--no-color', 'no ANSI colours in the summary')
    .action(async (flags: RunFlags) => {
      // Loaded here, not at start-up, so that the other commands (validate above all) start fast.
      const [{ loadProfile }, { loadCatalogue }, { renderTerminalSummary }, { resolveTarget }, { progressLine }, { loadDialect }, { combinedExitCode, writeSuitesReports }] = await Promise.all([
        import('../harness/profileLoader.js'),
        import('../harness/catalogue.js'),
        import('../reporters/terminalSummary.js'),
        import('./embedded.js'),
        import('./progress.js'),
        import('./dialects.js'),
        import('../reporters/suitesReport.js'),
      ]);
      const runnable = runnableSuites();
      if (flags.suite !== undefined && !runnable.includes(flags.suite)) {
        throw new UsageError(`suite '${flags.suite}' has no checks that run against an endpoint (runnable: ${runnable.join(', ')}); OVF packages are checked with \`cloudconform validate <path>\``, '--suite');
      }
      const profiles = (flags.profile ?? DEFAULT_PROFILES).map((f) => loadProfile(path.resolve(f)));
      const selected = flags.suite === undefined ? profiles : profiles.filter((p) => p.spec.name === flags.suite);
      if (selected.length === 0) throw new UsageError(`no profile given speaks suite '${flags.suite}' (their spec.name: ${profiles.map((p) => p.spec.name).join(', ')})`, '--suite');
      const requirements = requirementsBySuite(selected.map((p) => p.spec.name), flags.requirement ?? [], loadCatalogue);
      if (flags.quirk?.length && selected.some((p) => p.endpoint !== 'embedded')) throw new UsageError('--quirk applies only to the embedded reference provider (endpoint: embedded)');
      if (flags.replay && !/^-?\d+(:[\d:]+)?$/.test(flags.replay)) throw new UsageError(`--replay takes seed:path as printed with a failure, e.g. 1234:5:0 (got '${flags.replay}')`);
      if (flags.replay && selected.length > 1) throw new UsageError('--replay replays a check of one suite: give the one --profile it came from');
      for (const profile of selected) {
        if (profile.certification && (flags.requirement?.length || flags.grep)) {
          throw new UsageError('certification runs judge the whole suite: --requirement and --grep are refused (certification: true in the profile)', profile.source);
        }
      }
      // With --requirement, a suite none of whose requirements is named is not run at all.
      const runs = selected.filter((p) => !flags.requirement?.length || (requirements.get(p.spec.name)?.length ?? 0) > 0);
      const combined = runs.length > 1 ? path.resolve(flags.reports, newRunId()) : undefined;
      const done: SuiteRun[] = [];
      // First Ctrl-C: stop the checks, still clean up and report.
      const interrupt = onInterrupt('cleaning up');
      try {
        for (const profile of runs) {
          if (interrupt.signal.aborted) break;
          const suite = profile.spec.name;
          const ids = requirements.get(suite) ?? [];
          const grep = ids.length ? `\\b(${ids.map(escapeRegExp).join('|')})\\b` : flags.grep;
          const dialect = await loadDialect(suite, `${profile.source}: spec.name`);
          const target = await resolveTarget(profile, flags.quirk ?? []);
          const progress = flags.progress ? progressLine(process.stderr) : undefined;
          try {
            process.stderr.write(`cloudconform: running suite '${suite}' with profile '${profile.name}' against ${target.label}\n`);
            // Loaded here, not at start-up: vitest is the heaviest import of the CLI.
            const { runSuite } = await import('../harness/orchestrator.js');
            const { results, dir } = await runSuite({
              dialect,
              profile: target.profile,
              cepUrl: target.cepUrl,
              suite,
              reportsDir: combined ?? path.resolve(flags.reports),
              ...(combined ? { folder: suite } : {}),
              endpointLabel: target.label,
              signal: interrupt.signal,
              log: (text) => process.stderr.write(text.split('\n').map((line) => `cloudconform: ${line}\n`).join('')),
              ...(grep ? { grep } : {}),
              ...(ids.length ? { requirements: ids } : {}),
              ...(flags.replay ? { replay: flags.replay } : {}),
              ...(progress ? { progress } : {}),
            });
            progress?.end();
            process.stdout.write(renderTerminalSummary(results, { color: flags.color && process.stdout.isTTY === true }));
            process.stdout.write(`\nReports: ${path.relative(process.cwd(), dir) || dir}/\n`);
            done.push({ folder: path.basename(dir), results });
          } finally {
            progress?.end();
            await target.close();
          }
        }
        if (combined && done.length) {
          await writeSuitesReports(combined, done);
          process.stdout.write(`\n${done.map((d) => `${d.results.suite}: ${d.results.verdict}`).join(' · ')}\nReport of all suites: ${path.relative(process.cwd(), combined) || combined}/index.html\n`);
        }
        process.exitCode = combinedExitCode(done);
      } finally {
        interrupt.dispose();
      }
    });
}

/**
 * The --requirement ids of each suite. A malformed id, or one in no selected suite's catalogue, would
 * select nothing: refused, named.
 */
function requirementsBySuite(suites: readonly string[], ids: readonly string[], loadCatalogue: typeof LoadCatalogue): Map<string, string[]> {
  const malformed = ids.filter((id) => !REQUIREMENT_ID.test(id));
  if (malformed.length) throw new UsageError(`${malformed.map((id) => `'${id}'`).join(', ')} is not a requirement id (like ${REQUIREMENT_ID_EXAMPLE}: ${REQUIREMENT_ID.source})`, '--requirement');
  const bySuite = new Map<string, string[]>();
  const placed = new Set<string>();
  for (const suite of new Set(suites)) {
    const known = new Set(loadCatalogue(suite).map((r) => r.id));
    const mine = ids.filter((id) => known.has(id));
    mine.forEach((id) => placed.add(id));
    bySuite.set(suite, mine);
  }
  const unknown = ids.filter((id) => !placed.has(id));
  if (unknown.length) throw new UsageError(`${unknown.join(', ')} is not in the catalogue of suite${suites.length > 1 ? 's' : ''} '${[...new Set(suites)].join("', '")}' (\`cloudconform catalogue\` lists its requirements)`, '--requirement');
  return bySuite;
}
