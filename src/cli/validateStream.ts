// The streaming core of `cloudconform validate`: targets in, rendered results out, in input order, as
// they are judged. A few validations run at once (file reads overlap with parsing) but only a small
// window of results is ever held: WINDOW in flight, or one XSD batch (XSD_BATCH descriptors) with --xsd,
// whose schema check runs per batch so that memory stays bounded whatever the number of packages.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { UsageError } from '../model/errors.js';
import { type Finding, formatLocation, sortFindings } from '../ovf/finding.js';
import type { OvfMajor } from '../ovf/namespaces.js';
import { expandTargets, linesOf, linesOfFile, type Target } from '../ovf/packageTree.js';
import { type ValidateOptions, type ValidationResult, validatePath } from '../ovf/validate.js';
import type { XsdVerdict } from '../ovf/xsdValidate.js';
import { type PackageState, type ValidateProgress, validateProgress } from './validateProgress.js';

/** Validations in flight at once (and so results held waiting for their turn to be written). */
export const WINDOW = 4;
/** Descriptors per xmllint call with --xsd: one call's start-up (~150 ms) is shared, memory stays bounded. */
export const XSD_BATCH = 200;

export type ValidateFormat = 'text' | 'json' | 'jsonl';

export interface StreamOptions {
  ovfVersion?: OvfMajor;
  format?: ValidateFormat;
  xsd?: string;
  /** `--files-from`: a file listing one path a line, or `-` for stdin. */
  filesFrom?: string;
  descriptorOnly?: boolean;
}

export type Validator = (path: string, options: ValidateOptions) => Promise<ValidationResult>;

export interface Judged {
  path: string;
  exitCode: 0 | 1 | 2;
  json: object;
  text: string;
  /** The tree root the package was found under, when it was found by a walk. */
  tree?: string;
}

/** `rulesValid` is the verdict of the rules alone, which the XSD verdict is compared with. */
function textReport(r: ValidationResult, rulesValid: boolean, xsd: XsdVerdict | undefined): string {
  const lines = r.findings.map((f) => `${f.severity} ${f.rule} ${formatLocation(f)} ${f.message} (fix: ${f.hint})`);
  const count = (s: Finding['severity']): number => r.findings.filter((f) => f.severity === s).length;
  if (xsd) {
    lines.push(`xsd: ${xsd.valid ? 'valid' : `invalid (${xsd.errors.length} error${xsd.errors.length === 1 ? '' : 's'})`} against ${xsd.schema}` +
      (xsd.valid === rulesValid ? '' : ` — disagrees with the rule verdict (${rulesValid ? 'valid' : 'invalid'})`));
  }
  for (const note of r.notes) lines.push(`note: ${note}`);
  lines.push(`${r.path}: ${r.valid ? 'valid' : 'invalid'} — ${count('error')} error(s), ${count('warning')} warning(s), ${count('portability')} portability note(s)`);
  return lines.join('\n');
}

/** Renders one result (text block and JSON object), with its XSD verdict merged when there is one. */
export function judge(r: ValidationResult, xsd: XsdVerdict | undefined, tree?: string): Judged {
  const { notes } = r;
  const extra = { ...(notes.length ? { notes } : {}) };
  const where = tree === undefined ? {} : { tree };
  if (r.readError !== undefined) {
    return {
      path: r.path,
      exitCode: 2,
      json: { path: r.path, valid: false, error: r.readError, findings: [], ...extra },
      text: [`error: cannot read ${r.readError}`, ...notes.map((n) => `note: ${n}`)].join('\n'),
      ...where,
    };
  }
  const findings = xsd && !xsd.valid ? sortFindings([...r.findings, ...xsd.findings]) : r.findings;
  const valid = !findings.some((f) => f.severity === 'error');
  return {
    path: r.path,
    exitCode: valid ? 0 : 1,
    json: { path: r.path, valid, findings, ...(xsd ? { xsd: { valid: xsd.valid, schema: xsd.schema, errors: xsd.errors, agreesWithRules: xsd.valid === r.valid } } : {}), ...extra },
    text: textReport({ ...r, findings, valid }, r.valid, xsd),
    ...where,
  };
}

const stateOf = (exitCode: 0 | 1 | 2): PackageState => (exitCode === 0 ? 'valid' : exitCode === 1 ? 'invalid' : 'unreadable');
const readable = (r: ValidationResult): boolean => r.readError === undefined && r.descriptorText !== undefined;

export interface JudgeHooks {
  /** Replaces validatePath (tests observe the order of validations and writes with it). */
  validate?: Validator;
  progress?: ValidateProgress;
  /** Descriptors per XSD batch (XSD_BATCH). */
  xsdBatch?: number;
  /** Called with the number of targets once they are all listed. */
  onListed?(count: number): void;
}

interface Pending {
  target: Target;
  result: ValidationResult;
}

/**
 * Judges the targets in input order, WINDOW at a time, yielding each result as soon as it and every
 * result before it are done. Stopping the iteration (return/break) stops listing new targets.
 */
export async function* judgeStream(targets: AsyncIterable<Target>, options: StreamOptions = {}, hooks: JudgeHooks = {}): AsyncGenerator<Judged> {
  const validate = hooks.validate ?? validatePath;
  const progress = hooks.progress;
  const pathOptions: ValidateOptions = {
    ...(options.ovfVersion === undefined ? {} : { ovfVersion: options.ovfVersion }),
    ...(options.descriptorOnly ? { descriptorOnly: true } : {}),
  };
  const run = async (target: Target): Promise<Pending> => {
    progress?.start(target.path);
    let result: ValidationResult;
    if (target.error !== undefined) result = { path: target.path, valid: false, findings: [], notes: [], readError: target.error };
    else {
      try {
        result = await validate(target.path, pathOptions);
      } catch (err) {
        // validatePath reports what it cannot read; anything else still must not stop the others.
        result = { path: target.path, valid: false, findings: [], notes: [], readError: `${target.path}: ${(err as Error).message}` };
      }
    }
    progress?.done(target.path, result.readError !== undefined ? 'unreadable' : result.valid ? 'valid' : 'invalid');
    return { target, result };
  };

  const source = targets[Symbol.asyncIterator]();
  const window: Promise<Pending>[] = [];
  let listed = 0;
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && window.length < WINDOW) {
      const next = await source.next();
      if (next.done) {
        exhausted = true;
        hooks.onListed?.(listed);
        progress?.total(listed, true);
      } else {
        listed++;
        window.push(run(next.value));
      }
    }
  };

  try {
    if (options.xsd === undefined) {
      for (;;) {
        await fill();
        const head = window.shift();
        if (!head) return;
        const { target, result } = await head;
        yield judge(result, undefined, target.tree);
      }
    }
    const { xsdValidate } = await import('../ovf/xsdValidate.js');
    let batch: Pending[] = [];
    let descriptors = 0;
    for (;;) {
      await fill();
      const head = window.shift();
      if (head) {
        const p = await head;
        batch.push(p);
        if (readable(p.result)) descriptors++;
      }
      if (!head || descriptors >= (hooks.xsdBatch ?? XSD_BATCH)) {
        const docs = batch.filter((p) => readable(p.result));
        progress?.activity(docs.length ? `xsd check of ${docs.length} descriptor${docs.length === 1 ? '' : 's'}` : undefined);
        const verdicts = docs.length ? await xsdValidate(docs.map((p) => ({ name: p.result.path, text: p.result.descriptorText! })), options.xsd) : [];
        progress?.activity(undefined);
        const byPending = new Map(docs.map((p, i) => [p, verdicts[i]]));
        const current = batch;
        batch = [];
        descriptors = 0;
        for (const p of current) {
          const j = judge(p.result, byPending.get(p), p.target.tree);
          if (p.result.readError === undefined && p.result.valid && j.exitCode !== 0) progress?.reclassify('valid', stateOf(j.exitCode));
          yield j;
        }
      }
      if (!head) return;
    }
  } finally {
    if (!exhausted) await source.return?.();
  }
}

/** Where output goes: process.stdout/stderr, or a test's fake. */
export interface OutStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface ValidateIo {
  stdout: OutStream;
  stderr: OutStream;
  /** For `--files-from -`. */
  stdin?: Readable;
  /** Test knobs: replaces validatePath; descriptors per XSD batch (XSD_BATCH). */
  validate?: Validator;
  xsdBatch?: number;
}

const worstExit = (codes: Iterable<0 | 1 | 2>): 0 | 1 | 2 => {
  let worst: 0 | 1 | 2 = 0;
  for (const c of codes) if (c > worst) worst = c;
  return worst;
};

/** Writes a line, waiting for the stream to drain when its buffer is full (a slow pipe reader). */
async function writeLine(out: OutStream, text: string, closed: { closed: boolean }): Promise<void> {
  if (closed.closed) return;
  if (out.write(`${text}\n`)) return;
  const emitter = out as unknown as NodeJS.EventEmitter;
  if (typeof emitter.once === 'function') await once(emitter, 'drain').catch(() => undefined);
}

async function* inputPaths(paths: string[], filesFrom: string | undefined, stdin: Readable | undefined): AsyncGenerator<string> {
  yield* paths;
  if (filesFrom === undefined) return;
  try {
    yield* filesFrom === '-' ? linesOf(stdin ?? process.stdin) : linesOfFile(filesFrom);
  } catch (err) {
    throw new UsageError(`cannot read the list of paths ${filesFrom === '-' ? 'on stdin' : filesFrom} (--files-from): ${(err as Error).message}`);
  }
}

/** Checks --files-from before anything is validated; true when it can be read twice (to count the targets). */
async function checkList(filesFrom: string | undefined): Promise<boolean> {
  if (filesFrom === undefined) return true;
  if (filesFrom === '-') return false;
  const { access, constants, stat } = await import('node:fs/promises');
  const fail = (why: string) => new UsageError(`cannot read the list of paths ${filesFrom} (--files-from): ${why}`);
  const info = await stat(filesFrom).catch((err: Error) => {
    throw fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err.message);
  });
  if (info.isDirectory()) throw fail('it is a folder, not a file listing one path a line');
  await access(filesFrom, constants.R_OK).catch((err: Error) => {
    throw fail(err.message);
  });
  return info.isFile();
}

/** Counts the targets in a second, lighter pass (listing only), so the progress line can show a total. */
async function countTargets(make: () => AsyncIterable<Target>, progress: ValidateProgress, stop: { stopped: boolean }): Promise<void> {
  let n = 0;
  try {
    for await (const _target of make()) {
      if (stop.stopped) return;
      if (++n % 50 === 0) progress.total(n, false);
    }
    if (!stop.stopped) progress.total(n, true);
  } catch {
    // The pass that validates reports the same problem.
  }
}

/**
 * `cloudconform validate` with its inputs, writing to `io` as results arrive: text (one block per package,
 * read errors on stderr, then a summary when there is more than the one path given), jsonl (one object a
 * line and a summary line), or json (one document at the end). Returns the exit code; usage errors
 * (a bad --files-from list, no path at all) are thrown as UsageError before anything is written.
 */
export async function validateToStreams(paths: string[], options: StreamOptions, io: ValidateIo): Promise<0 | 1 | 2> {
  if (paths.length === 0 && options.filesFrom === undefined) throw new UsageError('validate: give at least one path (a .ovf, a .ova, a folder) or --files-from <file>');
  const rereadable = await checkList(options.filesFrom);
  if (options.xsd !== undefined) {
    const { loadSchemas } = await import('../ovf/xsdValidate.js');
    await loadSchemas(options.xsd).catch((err: Error) => {
      throw new UsageError(`cannot load the schemas in ${options.xsd} (--xsd): ${err.message}`);
    });
  }
  const format = options.format ?? 'text';
  const makeTargets = () => expandTargets(inputPaths(paths, options.filesFrom, io.stdin));
  const progress = validateProgress(io.stderr);
  const stop = { stopped: false };
  if (io.stderr.isTTY === true && rereadable) void countTargets(makeTargets, progress, stop);

  const closed = { closed: false };
  const errorOf: { error?: Error } = {};
  const stdoutEmitter = io.stdout as unknown as NodeJS.EventEmitter;
  if (typeof stdoutEmitter.on === 'function') {
    // `validate … | head`: stop validating once nobody reads; any other write error ends the run.
    stdoutEmitter.on('error', (err: Error) => {
      closed.closed = true;
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') errorOf.error = err;
    });
  }
  const emit = async (out: OutStream, text: string) => {
    if (out === io.stderr || out.isTTY === true) progress.clear();
    await writeLine(out, text, closed);
    progress.refresh();
  };

  const counts = { valid: 0, invalid: 0, unreadable: 0 };
  const jsonResults: object[] = [];
  let total = 0;
  let first: Judged | undefined;
  try {
    const results = judgeStream(makeTargets(), options, {
      progress,
      ...(io.validate ? { validate: io.validate } : {}),
      ...(io.xsdBatch ? { xsdBatch: io.xsdBatch } : {}),
      onListed: () => {
        stop.stopped = true;
      },
    });
    for await (const j of results) {
      total++;
      first ??= j;
      counts[stateOf(j.exitCode)]++;
      if (format === 'jsonl') await emit(io.stdout, JSON.stringify(j.json));
      else if (format === 'json') jsonResults.push(j.json);
      else await emit(j.exitCode === 2 ? io.stderr : io.stdout, j.text);
      if (closed.closed) break;
    }
  } finally {
    stop.stopped = true;
    progress.end();
  }
  if (errorOf.error) throw errorOf.error;
  if (total === 0) throw new UsageError(`validate: no paths to validate: the list ${options.filesFrom === '-' ? 'on stdin' : options.filesFrom} (--files-from) is empty`);
  const exitCode = worstExit([...(counts.unreadable ? [2 as const] : []), ...(counts.invalid ? [1 as const] : [])]);
  // The one path given, not a tree: today's single report (no summary line, the bare JSON object).
  const single = paths.length === 1 && options.filesFrom === undefined && total === 1 && first?.tree === undefined;
  if (format === 'jsonl') {
    await emit(io.stdout, JSON.stringify({ summary: { total, ...counts, exitCode } }));
  } else if (format === 'json') {
    const doc = single ? jsonResults[0] : { valid: exitCode === 0, results: jsonResults };
    await emit(exitCode === 2 ? io.stderr : io.stdout, JSON.stringify(doc, null, 2));
  } else if (!single) {
    await emit(io.stdout, `${total} paths: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.unreadable} unreadable`);
  }
  return exitCode;
}
