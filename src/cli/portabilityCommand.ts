// `cloudconform portability`: a workload moved from one provider to another (and back), each speaking
// CIMI or the vCloud API, compared on a normalised description; a run folder like `run`'s. Exit 0
// PORTABLE, 1 PORTABLE WITH LOSSES or NOT PORTABLE, 2 usage or harness error.

import path from 'node:path';
import type { Command } from 'commander';
import { onInterrupt } from './interrupt.js';

interface PortabilityFlags {
  from: string;
  to: string;
  package?: string;
  back?: boolean;
  reports: string;
}

export function registerPortabilityCommand(program: Command): void {
  program
    .command('portability')
    .description('move a workload from the provider of one profile to another (OVF export, validation, import, instantiate), compare the machines, and write reports/<run-id>/')
    .requiredOption('--from <file>', 'profile YAML of the provider the workload starts on')
    .requiredOption('--to <file>', 'profile YAML of the provider it moves to')
    .option('--package <file.ova>', 'the workload to move (default: a generated one)')
    .option('--back', 'move it home again and compare with the original')
    .option('-o, --reports <dir>', 'where run folders are written', 'reports')
    .action(async (flags: PortabilityFlags) => {
      // Loaded here, not at start-up, so that the other commands start fast.
      const [{ loadProfile }, { resolveTarget }, { runPortability }, { renderPortabilityTerminal }] = await Promise.all([
        import('../harness/profileLoader.js'),
        import('./embedded.js'),
        import('../portability/run.js'),
        import('../reporters/portabilityTerminal.js'),
      ]);
      const profiles = { from: loadProfile(path.resolve(flags.from)), to: loadProfile(path.resolve(flags.to)) };
      const from = await resolveTarget(profiles.from);
      // First Ctrl-C: stop the journey, still clean up both providers and report.
      const interrupt = onInterrupt('cleaning up both providers');
      try {
        const to = await resolveTarget(profiles.to);
        try {
          const { results, dir } = await runPortability({
            from: { profile: from.profile, cepUrl: from.cepUrl, label: from.label },
            to: { profile: to.profile, cepUrl: to.cepUrl, label: to.label },
            ...(flags.package ? { packagePath: path.resolve(flags.package) } : {}),
            back: flags.back === true,
            reportsDir: path.resolve(flags.reports),
            signal: interrupt.signal,
            log: (line) => process.stderr.write(`cloudconform: ${line}\n`),
          });
          process.stdout.write(renderPortabilityTerminal(results));
          process.stdout.write(`\nReports: ${path.relative(process.cwd(), dir) || dir}/\n`);
          process.exitCode = results.exitCode;
        } finally {
          await to.close();
        }
      } finally {
        interrupt.dispose();
        await from.close();
      }
    });
}
