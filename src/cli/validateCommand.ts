// `cloudconform validate <path>`: offline OVF/OVA conformance check of a descriptor, folder or OVA.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { type Finding, sortFindings } from '../ovf/finding.js';
import type { OvfMajor } from '../ovf/namespaces.js';
import { validatePath, type ValidationResult } from '../ovf/validate.js';
import { type XsdVerdict, xsdValidate } from '../ovf/xsdValidate.js';

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

/** The pure core of the command: validates and renders, never exits. */
export async function runValidate(path: string, options: ValidateCliOptions = {}): Promise<ValidateOutcome> {
  const r = await validatePath(path, options.ovfVersion === undefined ? {} : { ovfVersion: options.ovfVersion });
  if (r.readError !== undefined) {
    const output = options.format === 'json' ? JSON.stringify({ path, valid: false, error: r.readError, findings: [] }, null, 2) : `error: cannot read ${r.readError}`;
    return { exitCode: 2, output };
  }
  let xsd: XsdVerdict | undefined;
  if (options.xsd !== undefined && r.descriptorText !== undefined) {
    [xsd] = await xsdValidate([{ name: path, text: r.descriptorText }], options.xsd);
    if (xsd && !xsd.valid) r.findings = sortFindings([...r.findings, ...xsd.findings]);
  }
  const valid = !r.findings.some((f) => f.severity === 'error');
  const output = options.format === 'json'
    ? JSON.stringify({ path, valid, findings: r.findings, ...(xsd ? { xsd: { valid: xsd.valid, schema: xsd.schema, errors: xsd.errors, agreesWithRules: xsd.valid === r.valid } } : {}) }, null, 2)
    : textReport({ ...r, valid }, r.valid, xsd);
  return { exitCode: valid ? 0 : 1, output };
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
    .argument('<path>', '.ovf descriptor, folder holding one, or .ova archive')
    .option('--ovf-version <major>', 'OVF major version the target reads (1 or 2)', parseVersion)
    .option('--format <format>', 'text or json', parseFormat, 'text')
    .option('--xsd <dir>', 'also validate against the DMTF schemas in <dir> (with its catalog.xml)')
    .action(async (path: string, opts: ValidateCliOptions) => {
      const { exitCode, output } = await runValidate(path, opts);
      (exitCode === 2 ? process.stderr : process.stdout).write(`${output}\n`);
      process.exitCode = exitCode;
    });
}
