// A finding: one rule broken at one place. Severity and hint come from the catalogue.
import { rule, type Severity } from './catalogue.js';

export interface Location {
  file: string;
  line?: number;
  column?: number;
  /** OVA member the file came from, when it differs from `file`. */
  entry?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  location: Location;
  hint: string;
}

export interface Pos {
  line?: number;
  column?: number;
}

export function finding(ruleId: string, message: string, location: Location): Finding {
  const r = rule(ruleId);
  return { rule: ruleId, severity: r.severity, message, location, hint: r.hint };
}

/** Collects findings for one file so rules need not repeat the file name. */
export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(readonly file: string, readonly entry?: string) {}

  add(ruleId: string, message: string, pos: Pos = {}): void {
    const location: Location = { file: this.file };
    if (pos.line !== undefined) location.line = pos.line;
    if (pos.column !== undefined) location.column = pos.column;
    if (this.entry !== undefined) location.entry = this.entry;
    this.findings.push(finding(ruleId, message, location));
  }
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, portability: 2 };

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      ORDER[a.severity] - ORDER[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
}

/** `file[entry]:line:column`, as the text report prints where a finding is. */
export function formatLocation(f: Finding): string {
  const l = f.location;
  return `${l.file}${l.entry !== undefined ? `[${l.entry}]` : ''}${l.line !== undefined ? `:${l.line}` : ''}${l.column !== undefined ? `:${l.column}` : ''}`;
}
