// Work in flight: a resource passing through transitional states, one step every transitionMs, and
// the Jobs waiting for it to finish. New work on the same resource replaces the pending steps and
// inherits their Jobs (a repeated stop while STOPPING completes both). close() cancels everything.

import type { Resource } from './store.js';

interface Flight {
  timer: NodeJS.Timeout;
  jobs: Resource[];
}

export class Lifecycle {
  private readonly flights = new Map<string, Flight>();

  /**
   * Runs steps[0] now and each next step `ms` later; after the last one `finish` gets every Job
   * waiting on `key`. With ms = 0 all of it happens before run() returns.
   */
  run(key: string, ms: number, steps: readonly (() => void)[], job: Resource | undefined, finish: (jobs: Resource[]) => void): void {
    const previous = this.flights.get(key);
    if (previous) clearTimeout(previous.timer);
    this.flights.delete(key);
    const jobs = [...(previous?.jobs ?? []), ...(job ? [job] : [])];
    const step = (i: number): void => {
      steps[i]?.();
      if (i + 1 < steps.length && ms > 0) {
        this.flights.set(key, { timer: setTimeout(() => step(i + 1), ms), jobs });
        return;
      }
      if (i + 1 < steps.length) return step(i + 1);
      this.flights.delete(key);
      finish(jobs);
    };
    step(0);
  }

  /** Keeps `key` busy, its Jobs unfinished, until new work replaces it or close(): a transition that never ends. */
  hang(key: string, job: Resource | undefined): void {
    const previous = this.flights.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => undefined, 2 ** 31 - 1);
    timer.unref();
    this.flights.set(key, { timer, jobs: [...(previous?.jobs ?? []), ...(job ? [job] : [])] });
  }

  busy(key: string): boolean {
    return this.flights.has(key);
  }

  /** Runs fn after ms (now if 0), outside any resource's flight. */
  later(ms: number, fn: () => void): void {
    const key = `later:${Math.random()}`;
    this.run(key, ms, [() => undefined, fn], undefined, () => undefined);
  }

  close(): void {
    for (const f of this.flights.values()) clearTimeout(f.timer);
    this.flights.clear();
  }
}
