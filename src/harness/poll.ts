// The pauses of every wait on a provider: doubling from a few milliseconds (a fast provider is seen
// at once), capped at 1/200 of limits.stateTimeoutMs between 0.5 s and 5 s (a 60 s boot on a real
// cloud costs tens of reads, not hundreds), and never past the deadline limits.stateTimeoutMs sets.

export class Poll {
  private readonly deadline: number;
  private readonly cap: number;
  private delay: number;

  constructor(
    private readonly limits: { stateTimeoutMs: number },
    first = 10,
  ) {
    this.deadline = Date.now() + limits.stateTimeoutMs;
    this.cap = Math.min(5000, Math.max(500, Math.round(limits.stateTimeoutMs / 200)));
    this.delay = first;
  }

  /** Pauses before the next read; false, without pausing, when that read would come after the deadline. */
  async next(): Promise<boolean> {
    if (Date.now() + this.delay > this.deadline) return false;
    await new Promise((r) => setTimeout(r, this.delay));
    this.delay = Math.min(this.delay * 2, this.cap);
    return true;
  }

  /** How the wait ran out, for the error that ends it. */
  get timeout(): string {
    return `${this.limits.stateTimeoutMs} ms (limits.stateTimeoutMs)`;
  }
}
