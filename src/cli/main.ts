// cloudconform's command line. Exit codes: 0 conformant/valid, 1 not conformant/invalid, 2 usage or harness error.

import { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { toolVersion } from '../harness/version.js';
import { registerRunCommand } from './runCommand.js';
import { registerServeCommand } from './serveCommand.js';
import { registerCatalogueCommand } from './catalogueCommand.js';
import { registerCleanupCommand } from './cleanupCommand.js';
import { registerSelfcheckCommand } from './selfcheckCommand.js';
import { registerCompareCommand } from './compareCommand.js';
import { registerValidateCommand } from './validateCommand.js';
import { registerPortabilityCommand } from './portabilityCommand.js';

export function buildProgram(): Command {
  const program = new Command('cloudconform')
    .description('Conformance and interoperability suite for IaaS clouds: DMTF CIMI endpoints and OVF/OVA packages')
    .version(toolVersion())
    .showHelpAfterError()
    .configureOutput({ outputError: (s, write) => write(s) })
    .exitOverride();
  registerRunCommand(program);
  registerServeCommand(program);
  registerCatalogueCommand(program);
  registerValidateCommand(program);
  registerCleanupCommand(program);
  registerSelfcheckCommand(program);
  registerCompareCommand(program);
  registerPortabilityCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // --help and --version exit 0; every other commander error is a usage error.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`cloudconform: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`cloudconform: internal error: ${e.message ?? String(err)}\n`);
    return 2;
  }
}
