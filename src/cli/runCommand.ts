// `cloudconform run`: one conformance run of a suite against the endpoint a profile names.

import path from 'node:path';
import type { Command } from 'commander';
import { onInterrupt } from './interrupt.js';
import fs from 'node:fs';
import { profilesDir, suitesDir } from '../harness/paths.js';
import { UsageError } from '../harness/errors.js';
import { REQUIREMENT_ID, REQUIREMENT_ID_EXAMPLE } from '../catalogue/requirement.js';
import type { loadCatalogue as LoadCatalogue } from '../harness/catalogue.js';

interface RunFlags {
  profile: string;
  suite: string;
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

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a conformance suite against the endpoint of a profile and write reports/<run-id>/')
    .option('-p, --profile <file>', 'profile YAML', path.join(profilesDir, 'reference.yaml'))
    .option('-s, --suite <name>', 'suite to run', 'cimi')
    .option('-o, --reports <dir>', 'where run folders are written', 'reports')
    .option('-g, --grep <pattern>', 'only checks whose name matches (a regular expression)')
    .option('-r, --requirement <id...>', 'only the checks of these requirement ids')
    .option('--replay <seed:path>', 'replay one failing property check (the token printed with its failure)')
    .option('-q, --quirk <name...>', 'embedded reference only: enable these quirks as well')
    .option('--no-progress', 'no live progress line')
    .option('--no-color', 'no ANSI colours in the summary')
    .action(async (flags: RunFlags) => {
      // Loaded here, not at start-up, so that the other commands (validate above all) start fast.
      const [{ loadProfile }, { loadCatalogue }, { renderTerminalSummary }, { resolveTarget }, { progressLine }] = await Promise.all([
        import('../harness/profileLoader.js'),
        import('../harness/catalogue.js'),
        import('../reporters/terminalSummary.js'),
        import('./embedded.js'),
        import('./progress.js'),
      ]);
      const runnable = runnableSuites();
      if (!runnable.includes(flags.suite)) {
        throw new UsageError(`suite '${flags.suite}' has no checks that run against an endpoint (runnable: ${runnable.join(', ')}); OVF packages are checked with \`cloudconform validate <path>\``, '--suite');
      }
      checkRequirementIds(flags.suite, flags.requirement ?? [], loadCatalogue);
      const profile = loadProfile(path.resolve(flags.profile));
      if (flags.quirk?.length && profile.endpoint !== 'embedded') throw new UsageError('--quirk applies only to the embedded reference provider (endpoint: embedded)');
      if (flags.replay && !/^-?\d+(:[\d:]+)?$/.test(flags.replay)) throw new UsageError(`--replay takes seed:path as printed with a failure, e.g. 1234:5:0 (got '${flags.replay}')`);
      if (profile.certification && (flags.requirement?.length || flags.grep)) {
        throw new UsageError('certification runs judge the whole suite: --requirement and --grep are refused (certification: true in the profile)', profile.source);
      }
      const grep = flags.requirement?.length ? `\\b(${flags.requirement.map(escapeRegExp).join('|')})\\b` : flags.grep;
      const target = await resolveTarget(profile, flags.quirk ?? []);
      const progress = flags.progress ? progressLine(process.stderr) : undefined;
      // First Ctrl-C: stop the checks, still clean up and report.
      const interrupt = onInterrupt('cleaning up');
      try {
        process.stderr.write(`cloudconform: running suite '${flags.suite}' with profile '${profile.name}' against ${target.label}\n`);
        // Loaded here, not at start-up: vitest is the heaviest import of the CLI.
        const { runSuite } = await import('../harness/orchestrator.js');
        const { results, dir } = await runSuite({
          profile,
          cepUrl: target.cepUrl,
          suite: flags.suite,
          reportsDir: path.resolve(flags.reports),
          endpointLabel: target.label,
          signal: interrupt.signal,
          log: (text) => process.stderr.write(text.split('\n').map((line) => `cloudconform: ${line}\n`).join('')),
          ...(grep ? { grep } : {}),
          ...(flags.requirement?.length ? { requirements: flags.requirement } : {}),
          ...(flags.replay ? { replay: flags.replay } : {}),
          ...(progress ? { progress } : {}),
        });
        progress?.end();
        process.stdout.write(renderTerminalSummary(results, { color: flags.color && process.stdout.isTTY === true }));
        process.stdout.write(`\nReports: ${path.relative(process.cwd(), dir) || dir}/\n`);
        process.exitCode = results.exitCode;
      } finally {
        interrupt.dispose();
        progress?.end();
        await target.close();
      }
    });
}

/** A --requirement that is malformed or not in the suite's catalogue would select nothing: refused, named. */
function checkRequirementIds(suite: string, ids: readonly string[], loadCatalogue: typeof LoadCatalogue): void {
  const malformed = ids.filter((id) => !REQUIREMENT_ID.test(id));
  if (malformed.length) throw new UsageError(`${malformed.map((id) => `'${id}'`).join(', ')} is not a requirement id (like ${REQUIREMENT_ID_EXAMPLE}: ${REQUIREMENT_ID.source})`, '--requirement');
  const known = new Set(loadCatalogue(suite).map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new UsageError(`${unknown.join(', ')} is not in the catalogue of suite '${suite}' (\`cloudconform catalogue\` lists its requirements)`, '--requirement');
}
