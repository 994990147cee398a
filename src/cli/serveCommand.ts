// `cloudconform serve`: the reference provider on its own, for curl or another tool: CIMI under /cimi/,
// the vCloud API under /api/.

import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';

interface ServeFlags {
  host: string;
  port: string;
  quirk?: string[];
  specVersion: '1.0' | '1.1' | '2.0';
  transitionMs: string;
  latencyMs: string;
  jobs: boolean;
  basicUser?: string;
  basicPasswordEnv?: string;
  vcloudUser?: string;
  vcloudPasswordEnv?: string;
}

/** The vCloud login when none is given: documented, so a profile can be written for it (loopback only). */
const DEFAULT_VCLOUD = { username: 'cloudconform@conformance', password: 'reference' };

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the reference provider (CIMI and vCloud API) on loopback until interrupted')
    .option('--host <address>', 'loopback address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 = any free port)', '8080')
    .option('-q, --quirk <name...>', 'enable named deviations (see `cloudconform catalogue --quirks`)')
    .option('--spec-version <v>', 'CIMI version: 1.0, 1.1 or 2.0', '2.0')
    .option('--transition-ms <n>', 'how long transitional states last', '20')
    .option('--latency-ms <n>', 'added before every answer, as a distant cloud\'s round trip', '0')
    .option('--no-jobs', 'do not expose Jobs')
    .option('--basic-user <name>', 'require HTTP basic auth with this user name')
    .option('--basic-password-env <VAR>', 'environment variable that holds the basic auth password')
    .option('--vcloud-user <user@org>', `the vCloud API's login (default ${DEFAULT_VCLOUD.username}, password '${DEFAULT_VCLOUD.password}')`)
    .option('--vcloud-password-env <VAR>', 'environment variable that holds the password of --vcloud-user')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got '${flags.port}'`);
      if (!['1.0', '1.1', '2.0'].includes(flags.specVersion)) throw new UsageError(`--spec-version must be 1.0, 1.1 or 2.0, got '${flags.specVersion}'`);
      let auth: { type: 'none' } | { type: 'basic'; username: string; password: string } = { type: 'none' };
      if (flags.basicUser) {
        const password = flags.basicPasswordEnv ? process.env[flags.basicPasswordEnv] : undefined;
        if (!password) throw new UsageError('--basic-user needs --basic-password-env naming a set environment variable (secrets are never passed on the command line)');
        auth = { type: 'basic', username: flags.basicUser, password };
      }
      let vcloud = DEFAULT_VCLOUD;
      if (flags.vcloudUser) {
        if (!/^[^@]+@[^@]+$/.test(flags.vcloudUser)) throw new UsageError(`--vcloud-user must be user@org, got '${flags.vcloudUser}'`);
        const password = flags.vcloudPasswordEnv ? process.env[flags.vcloudPasswordEnv] : undefined;
        if (!password) throw new UsageError('--vcloud-user needs --vcloud-password-env naming a set environment variable (secrets are never passed on the command line)');
        vcloud = { username: flags.vcloudUser, password };
      }
      const { startReferenceProvider } = await import('../reference/server.js');
      let provider;
      try {
        provider = await startReferenceProvider({ host: flags.host, port, quirks: flags.quirk ?? [], specVersion: flags.specVersion, transitionMs: Number(flags.transitionMs), latencyMs: Number(flags.latencyMs), jobs: flags.jobs, auth, vcloud });
      } catch (err) {
        throw new UsageError((err as Error).message, 'serve');
      }
      const login = flags.vcloudUser ? `${vcloud.username}, password from $${flags.vcloudPasswordEnv}` : `${vcloud.username}, password '${vcloud.password}'`;
      process.stdout.write(`cloudconform reference provider: cloud entry point ${provider.cepUrl}\nvCloud API root ${new URL('/api/', provider.baseUrl).href} (login ${login})\n(Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await provider.close();
    });
}
