// The resource ledger: every resource the suite creates is written down *before* the create request
// is sent, so an interrupted run still knows what to delete. One JSON line per event; appends are
// synchronous and small, so the vitest workers of one run can share the file. A portability run keeps
// both providers' resources in one file: each side's writer tags its lines with its entry point.

import fs from 'node:fs';
import type { LedgerEntry } from '../model/run.js';
import { HarnessError } from '../model/errors.js';

export interface Outstanding {
  collection: string;
  id?: string;
  name?: string;
  /** seq of the create-intent, for reverse-order cleanup. */
  seq: number;
}

export class Ledger {
  constructor(
    readonly file: string,
    private readonly maxResources: number,
    /** Written on every line, and the budget counts only the lines so tagged. */
    private readonly endpoint?: string,
  ) {}

  static read(file: string): LedgerEntry[] {
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l, i) => {
        try {
          return JSON.parse(l) as LedgerEntry;
        } catch {
          throw new HarnessError('INTERNAL', `${file}:${i + 1}: not a ledger line`);
        }
      });
  }

  /** Records the intent to create; refuses once the run's resource budget is spent. */
  intent(collection: string, name: string): number {
    const intents = Ledger.read(this.file).filter((e) => e.kind === 'create-intent' && e.endpoint === this.endpoint).length;
    if (intents >= this.maxResources) {
      throw new HarnessError('BUDGET', `resource budget of ${this.maxResources} exhausted (limits.maxResources)`);
    }
    return this.append({ kind: 'create-intent', collection, name });
  }

  created(collection: string, id: string, name?: string, resourceType?: string): void {
    this.append({ kind: 'created', collection, id, ...(name ? { name } : {}), ...(resourceType ? { resourceType } : {}) });
  }

  /** The provider answered the create with an error: nothing to clean up for that intent. */
  refused(collection: string, name: string, detail: string): void {
    this.append({ kind: 'refused', collection, name, detail });
  }

  deleted(collection: string, id: string): void {
    this.append({ kind: 'deleted', collection, id });
  }

  deleteFailed(collection: string, id: string, detail: string): void {
    this.append({ kind: 'delete-failed', collection, id, detail });
  }

  private append(e: Omit<LedgerEntry, 'seq' | 'at'>): number {
    const seq = Date.now() * 1000 + Math.floor(Math.random() * 1000);
    fs.appendFileSync(this.file, `${JSON.stringify({ seq, at: new Date().toISOString(), ...e, ...(this.endpoint ? { endpoint: this.endpoint } : {}) })}\n`);
    return seq;
  }
}

/**
 * What is still out there: created and not deleted, or intended with no id known (the create may
 * have succeeded without telling us where). Newest first, so children go before parents.
 */
export function outstanding(entries: LedgerEntry[]): Outstanding[] {
  const deleted = new Set(entries.filter((e) => e.kind === 'deleted').map((e) => e.id));
  const settledNames = new Set(entries.filter((e) => e.kind === 'created' || e.kind === 'refused').map((e) => `${e.collection}\u0000${e.name ?? ''}`));
  const out: Outstanding[] = [];
  for (const e of entries) {
    if (e.kind === 'created' && e.id && !deleted.has(e.id)) out.push({ collection: e.collection, id: e.id, ...(e.name ? { name: e.name } : {}), seq: e.seq });
    if (e.kind === 'create-intent' && !settledNames.has(`${e.collection}\u0000${e.name ?? ''}`)) out.push({ collection: e.collection, ...(e.name ? { name: e.name } : {}), seq: e.seq });
  }
  // Several ids may be recorded for one resource (Location vs id); keep one entry per id.
  const seen = new Set<string>();
  return out
    .filter((o) => (o.id ? !seen.has(o.id) && seen.add(o.id) : true))
    .sort((a, b) => b.seq - a.seq);
}

/** Distinct resources the ledger says were created and deleted. */
export function ledgerCounts(entries: LedgerEntry[]): { created: number; deleted: number } {
  const distinct = (kind: LedgerEntry['kind']) => new Set(entries.filter((e) => e.kind === kind).map((e) => e.id)).size;
  return { created: distinct('created'), deleted: distinct('deleted') };
}

