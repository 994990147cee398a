// The pauses of every wait on a provider: doubling from a few milliseconds (a fast provider is seen
// at once), capped at 1/200 of limits.stateTimeoutMs between 0.5 s and 5 s (a 60 s boot on a real
// cloud costs tens of reads, not hundreds), and never past the deadline limits.stateTimeoutMs sets,
// nor past the run's own (limits.runTimeoutMs).

import { HarnessError } from '../model/errors.js';
import type { RunContext } from './runContext.js';

export class Poll {
  private readonly end: number;
  private readonly cap: number;
  private delay: number;

  constructor(
    private readonly run: Pick<RunContext, 'profile' | 'deadline'>,
    first = 10,
  ) {
    const { stateTimeoutMs } = run.profile.limits;
    this.end = Date.now() + stateTimeoutMs;
    this.cap = Math.min(5000, Math.max(500, Math.round(stateTimeoutMs / 200)));
    this.delay = first;
  }

  /**
   * Pauses before the next read; false, without pausing, when that read would come after the wait's
   * deadline (the provider's fault). When the run's deadline comes first, the wait is cut short: a
   * RUN_TIMEOUT, judged as nobody's fault.
   */
  async next(): Promise<boolean> {
    const at = Date.now() + this.delay;
    if (at > this.end) return false;
    if (this.run.deadline !== undefined && at > this.run.deadline) {
      throw new HarnessError('RUN_TIMEOUT', `the run reached limits.runTimeoutMs = ${this.run.profile.limits.runTimeoutMs} ms; this wait was cut short`);
    }
    await new Promise((r) => setTimeout(r, this.delay));
    this.delay = Math.min(this.delay * 2, this.cap);
    return true;
  }

  /** How the wait ran out, for the error that ends it. */
  get timeout(): string {
    return `${this.run.profile.limits.stateTimeoutMs} ms (limits.stateTimeoutMs)`;
  }
}
