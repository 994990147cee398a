// A vitest reporter that turns finished tests into CheckResults (the harness's view of a run),
// and reports progress as tests start and finish.

import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { CheckResult } from '../model/run.js';
import type { CheckMeta } from './runContext.js';
import { packageRoot } from './paths.js';

export interface Progress {
  /** A check began (vitest's test id, its name). */
  onStart(id: string, name: string): void;
  onCheck(id: string, result: CheckResult, done: number): void;
}

export class CheckCollector implements Reporter {
  readonly results: CheckResult[] = [];
  readonly harnessErrors: string[] = [];

  constructor(
    private readonly progress: Progress | undefined,
    private readonly redact: (s: string) => string,
  ) {}

  onTestCaseReady(testCase: TestCase): void {
    this.progress?.onStart(testCase.id, testCase.name);
  }

  onTestCaseResult(testCase: TestCase): void {
    const r = toCheckResult(testCase, this.redact);
    this.results.push(r);
    this.progress?.onCheck(testCase.id, r, this.results.length);
  }

  onTestModuleEnd(mod: TestModule): void {
    for (const e of mod.errors()) this.harnessErrors.push(this.redact(`${relative(mod.moduleId)}: ${e.message}`));
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message: string }>): void {
    for (const e of unhandled) this.harnessErrors.push(this.redact(`unhandled error: ${e.message}`));
  }
}

const relative = (file: string): string => path.relative(packageRoot, file);

function toCheckResult(tc: TestCase, redact: (s: string) => string): CheckResult {
  const meta = (tc.meta() as { cloudconform?: CheckMeta }).cloudconform;
  const result = tc.result();
  const base = {
    name: tc.name,
    file: relative(tc.module.moduleId),
    requirements: meta?.requirements ?? [],
    durationMs: Math.round(tc.diagnostic()?.duration ?? 0),
    transcript: meta?.transcript ?? [],
    ...(meta?.format ? { format: meta.format } : {}),
    ...(meta?.replay ? { replay: meta.replay } : {}),
    ...(meta?.failedExchange ? { failedExchange: meta.failedExchange } : {}),
  };
  if (result.state === 'passed') return { ...base, state: 'passed' };
  if (result.state === 'skipped' || result.state === 'pending') {
    const note = result.state === 'skipped' ? result.note : undefined;
    return { ...base, state: meta?.state === 'not-applicable' ? 'not-applicable' : 'skipped', ...(note ? { message: redact(note) } : {}) };
  }
  const err = result.errors[0];
  // Matcher messages carry ANSI colours; values may arrive as non-strings after serialisation.
  const text = (v: unknown) => redact(stripVTControlCharacters(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)));
  return {
    ...base,
    // A test that failed outside the check wrapper (a hook, a file-level error) could not be judged.
    state: meta?.state === 'failed' ? 'failed' : 'error',
    message: text(err?.message ?? 'failed'),
    ...(err?.expected !== undefined ? { expected: text(err.expected) } : {}),
    ...(err?.actual !== undefined ? { observed: text(err.actual) } : {}),
  };
}
