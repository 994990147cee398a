// Runs the built CLI (dist/, produced by `npm run build`) in a child process, as a user would.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/harness/paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export const binPath = path.join(packageRoot, 'dist', 'cli', 'bin.js');

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /** Sends SIGINT (once) as soon as stderr so far satisfies this: a user's Ctrl-C at that point. */
  interruptWhen?: (stderr: string) => boolean;
}

export function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  if (!fs.existsSync(binPath)) throw new Error(`${binPath} is missing: run \`npm run build\` first (npm test does)`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: opts.cwd ?? packageRoot,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let interrupted = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!interrupted && opts.interruptWhen?.(stderr)) interrupted = child.kill('SIGINT');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A scratch folder for reports, removed by the caller. */
export function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cc-${prefix}-`));
}

/** The single run folder a run wrote under `reportsDir`. */
export function runDir(reportsDir: string): string {
  const runs = fs.readdirSync(reportsDir);
  if (runs.length !== 1) throw new Error(`expected one run folder in ${reportsDir}, found ${runs.length}`);
  return path.join(reportsDir, runs[0]!);
}

export function writeProfile(dir: string, name: string, yaml: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, yaml);
  return file;
}
