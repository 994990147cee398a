// `cloudconform validate <paths...>`: offline OVF/OVA conformance check of descriptors, folders or OVAs,
// and of trees and lists of thousands of them: results stream as they are judged (see validateStream.ts).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { OvfMajor } from '../ovf/namespaces.js';
import type { ValidateFormat, ValidateIo } from './validateStream.js';

export interface ValidateCliOptions {
  ovfVersion?: OvfMajor;
  format?: ValidateFormat;
  xsd?: string;
  /** A file listing one path a line (`-`: stdin), validated after the positional paths. */
  filesFrom?: string;
  /** Skip every check that needs the package's files (sizes, digests, existence). */
  descriptorOnly?: boolean;
}

export interface ValidateOutcome {
  exitCode: 0 | 1 | 2;
  output: string;
}

/**
 * The command proper: validates and writes to `io` as results arrive, returns the exit code. The validator
 * and the XSD engine are loaded on use: they would otherwise slow every command's start-up.
 */
export async function runValidateCommand(paths: string[], options: ValidateCliOptions, io: ValidateIo): Promise<0 | 1 | 2> {
  const { validateToStreams } = await import('./validateStream.js');
  return validateToStreams(paths, options, io);
}

/** Several paths (or trees, or a list) in one process, the output collected: stdout and stderr in the order written. */
export async function runValidateAll(paths: string[], options: ValidateCliOptions = {}): Promise<ValidateOutcome> {
  let output = '';
  const collect = { write: (chunk: string) => ((output += chunk), true) };
  const exitCode = await runValidateCommand(paths, options, { stdout: collect, stderr: collect });
  return { exitCode, output: output.replace(/\n$/, '') };
}

/** The pure core of the command for one path: validates and renders, never exits. */
export function runValidate(path: string, options: ValidateCliOptions = {}): Promise<ValidateOutcome> {
  return runValidateAll([path], options);
}

function parseVersion(v: string): OvfMajor {
  if (v === '1' || v === '2') return Number(v) as OvfMajor;
  throw new InvalidArgumentError('expected 1 or 2');
}

function parseFormat(v: string): ValidateFormat {
  if (v === 'text' || v === 'json' || v === 'jsonl') return v;
  throw new InvalidArgumentError('expected text, json or jsonl');
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check OVF descriptors, folders with one, OVAs, or trees of them against the DSP0243 rule catalogue')
    .argument('[paths...]', '.ovf descriptors, folders holding one, .ova archives, or folders to search for them')
    .option('--ovf-version <major>', 'OVF major version the target reads (1 or 2)', parseVersion)
    .option('--format <format>', 'text, json (one document at the end) or jsonl (one object a line, streamed)', parseFormat, 'text')
    .option('--xsd <dir>', 'also validate against the DMTF schemas in <dir> (with its catalog.xml)')
    .option('--files-from <file>', 'also validate the paths listed in <file>, one a line (- reads stdin)')
    .option('--descriptor-only', 'check the descriptors alone: skip the checks that need the package files (sizes, digests, existence)')
    .action(async (paths: string[], opts: ValidateCliOptions) => {
      process.exitCode = await runValidateCommand(paths, opts, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
    });
}
