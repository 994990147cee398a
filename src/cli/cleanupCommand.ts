// `cloudconform cleanup`: replay the ledger of an interrupted run and delete what it left behind.

import path from 'node:path';
import fs from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';

export function registerCleanupCommand(program: Command): void {
  program
    .command('cleanup <ledger>')
    .description("delete what an interrupted run left behind, from its reports/<run-id>/ledger.jsonl")
    .requiredOption('-p, --profile <file>', 'the profile the run used (for endpoint and credentials)')
    .action(async (ledgerArg: string, flags: { profile: string }) => {
      const ledger = path.resolve(ledgerArg);
      if (!fs.existsSync(ledger)) throw new UsageError('no such ledger file', ledgerArg);
      // Loaded here, not at start-up, so that the other commands (validate above all) start fast.
      const [{ loadProfile }, { loadDialect }] = await Promise.all([import('../harness/profileLoader.js'), import('./dialects.js')]);
      const profile = loadProfile(path.resolve(flags.profile));
      const dialect = await loadDialect(profile.spec.name, `${profile.source}: spec.name`);
      if (profile.endpoint === 'embedded') throw new UsageError('the embedded provider keeps nothing between runs: there is nothing to clean up', flags.profile);
      const runId = path.basename(path.dirname(ledger));
      const result = await dialect.sweep(profile, profile.endpoint, ledger, runId);
      process.stdout.write(`deleted ${result.deleted}; leftovers ${result.leftovers.length}\n`);
      for (const l of result.leftovers) process.stdout.write(`  ${l.collection} ${l.id ?? l.name ?? '?'}: ${l.reason}\n`);
      process.exitCode = result.leftovers.length ? 1 : 0;
    });
}
