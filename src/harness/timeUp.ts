// Whether the run's time (limits.runTimeoutMs) is up, as every worker of the run sees it. A wait is
// cut short a pause before the deadline (Poll never sleeps past it), so the clock alone would let a
// check queued behind it start — and create a machine — in the run's last moments. The first wait cut
// short leaves a marker beside the ledger, which all workers share; the orchestrator reads and removes it.

import fs from 'node:fs';
import type { RunContext } from './runContext.js';

const markerOf = (ledgerFile: string): string => `${ledgerFile}.time-up`;

export function markTimeUp(run: Pick<RunContext, 'ledgerFile'>): void {
  fs.writeFileSync(markerOf(run.ledgerFile), '');
}

export function timeIsUp(run: Pick<RunContext, 'ledgerFile' | 'deadline'>): boolean {
  return (run.deadline !== undefined && Date.now() >= run.deadline) || fs.existsSync(markerOf(run.ledgerFile));
}

/** Whether a wait of the run was cut short at its deadline; the marker is removed. */
export function takeTimeUp(ledgerFile: string): boolean {
  const marker = markerOf(ledgerFile);
  if (!fs.existsSync(marker)) return false;
  fs.rmSync(marker, { force: true });
  return true;
}
