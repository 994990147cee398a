// `cloudconform validate <paths...>`: offline OVF/OVA conformance check of descriptors, folders or OVAs.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { type Finding, sortFindings } from '../ovf/finding.js';
import type { OvfMajor } from '../ovf/namespaces.js';
import type { ValidationResult } from '../ovf/validate.js';
import type { XsdVerdict } from '../ovf/xsdValidate.js';

export interface ValidateCliOptions {
  ovfVersion?: OvfMajor;
  format?: 'text' | 'json';
  xsd?: string;
}

export interface ValidateOutcome {
  exitCode: 0 | 1 | 2;
  output: string;
}

export function formatLocation(f: Finding): string {
  const l = f.location;
  return `${l.file}${l.entry !== undefined ? `[${l.entry}]` : ''}${l.line !== undefined ? `:${l.line}` : ''}${l.column !== undefined ? `:${l.column}` : ''}`;
}

/** `rulesValid` is the verdict of the rules alone, which the XSD verdict is compared with. */
function textReport(r: ValidationResult, rulesValid: boolean, xsd: XsdVerdict | undefined): string {
  const lines = r.findings.map((f) => `${f.severity} ${f.rule} ${formatLocation(f)} ${f.message} (fix: ${f.hint})`);
  const count = (s: Finding['severity']): number => r.findings.filter((f) => f.severity === s).length;
  if (xsd) {
    lines.push(`xsd: ${xsd.valid ? 'valid' : `invalid (${xsd.errors.length} error${xsd.errors.length === 1 ? '' : 's'})`} against ${xsd.schema}` +
      (xsd.valid === rulesValid ? '' : ` — disagrees with the rule verdict (${rulesValid ? 'valid' : 'invalid'})`));
  }
  lines.push(`${r.path}: ${r.valid ? 'valid' : 'invalid'} — ${count('error')} error(s), ${count('warning')} warning(s), ${count('portability')} portability note(s)`);
  return lines.join('\n');
}

interface Judged {
  path: string;
  exitCode: 0 | 1 | 2;
  json: object;
  text: string;
}

const worstExit = (codes: (0 | 1 | 2)[]): 0 | 1 | 2 => (codes.includes(2) ? 2 : codes.includes(1) ? 1 : 0);

/** The pure core of the command for one path: validates and renders, never exits. */
export async function runValidate(path: string, options: ValidateCliOptions = {}): Promise<ValidateOutcome> {
  const [one] = await judgeAll([path], options);
  return { exitCode: one!.exitCode, output: options.format === 'json' ? JSON.stringify(one!.json, null, 2) : one!.text };
}

/** Several paths in one process (a corpus, a release folder); the XSD runs once over all descriptors. */
export async function runValidateAll(paths: string[], options: ValidateCliOptions = {}): Promise<ValidateOutcome> {
  if (paths.length === 1) return runValidate(paths[0]!, options);
  const judged = await judgeAll(paths, options);
  const exitCode = worstExit(judged.map((j) => j.exitCode));
  const valid = judged.filter((j) => j.exitCode === 0).length;
  const output = options.format === 'json'
    ? JSON.stringify({ valid: exitCode === 0, results: judged.map((j) => j.json) }, null, 2)
    : [...judged.map((j) => j.text), `${paths.length} paths: ${valid} valid, ${judged.filter((j) => j.exitCode === 1).length} invalid, ${judged.filter((j) => j.exitCode === 2).length} unreadable`].join('\n');
  return { exitCode, output };
}

async function judgeAll(paths: string[], options: ValidateCliOptions): Promise<Judged[]> {
  // Loaded on use: the validator and the XSD engine would otherwise slow every command's start-up.
  const { validatePath } = await import('../ovf/validate.js');
  // A few at a time: file reads overlap with parsing, and an OVA stream stays the only big buffer user.
  const results: ValidationResult[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) results[i] = await validatePath(paths[i]!, options.ovfVersion === undefined ? {} : { ovfVersion: options.ovfVersion });
  };
  await Promise.all(Array.from({ length: Math.min(4, paths.length) }, worker));
  const readable = results.filter((r) => r.readError === undefined && r.descriptorText !== undefined);
  const verdicts = options.xsd !== undefined && readable.length
    ? await (await import('../ovf/xsdValidate.js')).xsdValidate(readable.map((r) => ({ name: r.path, text: r.descriptorText! })), options.xsd)
    : [];
  return results.map((r) => {
    if (r.readError !== undefined) {
      return { path: r.path, exitCode: 2, json: { path: r.path, valid: false, error: r.readError, findings: [] }, text: `error: cannot read ${r.readError}` };
    }
    const xsd = verdicts[readable.indexOf(r)];
    if (xsd && !xsd.valid) r.findings = sortFindings([...r.findings, ...xsd.findings]);
    const valid = !r.findings.some((f) => f.severity === 'error');
    return {
      path: r.path,
      exitCode: valid ? 0 : 1,
      json: { path: r.path, valid, findings: r.findings, ...(xsd ? { xsd: { valid: xsd.valid, schema: xsd.schema, errors: xsd.errors, agreesWithRules: xsd.valid === r.valid } } : {}) },
      text: textReport({ ...r, valid }, r.valid, xsd),
    };
  });
}

function parseVersion(v: string): OvfMajor {
  if (v === '1' || v === '2') return Number(v) as OvfMajor;
  throw new InvalidArgumentError('expected 1 or 2');
}

function parseFormat(v: string): 'text' | 'json' {
  if (v === 'text' || v === 'json') return v;
  throw new InvalidArgumentError('expected text or json');
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check an OVF descriptor, a folder with one, or an OVA against the DSP0243 rule catalogue')
    .argument('<paths...>', '.ovf descriptors, folders holding one, or .ova archives')
    .option('--ovf-version <major>', 'OVF major version the target reads (1 or 2)', parseVersion)
    .option('--format <format>', 'text or json', parseFormat, 'text')
    .option('--xsd <dir>', 'also validate against the DMTF schemas in <dir> (with its catalog.xml)')
    .action(async (paths: string[], opts: ValidateCliOptions) => {
      const { exitCode, output } = await runValidateAll(paths, opts);
      (exitCode === 2 ? process.stderr : process.stdout).write(`${output}\n`);
      process.exitCode = exitCode;
    });
}
