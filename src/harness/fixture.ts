// Fixtures: resources several checks of one test file share, created on first use and removed when the
// file ends. Vitest runs a file's tests one after the other, so checks that read a fixture, or change it
// and leave it usable, do not need a machine each; a run creates what the plan says, not one per check.

import { afterAll, inject } from 'vitest';
import type { Format } from './profile.js';
import type { RunContext } from './runContext.js';
import type { Exchange } from '../model/run.js';
import type { Creates, FixtureUse } from './resourcePlan.js';
import type { Dialect, Session } from './dialect.js';
import { HarnessError } from '../model/errors.js';

/** What a fixture's set-up gets: its own session of the dialect (recording client, workspace bounded by its declaration). */
export type FixtureContext<S extends Session = Session> = Omit<S, 'dispose'> & {
  run: RunContext;
  format: Format;
  /** Runs `fn` when the fixture is removed, after its resources (e.g. to stop a server its users need). */
  onDispose(fn: () => Promise<void>): void;
  /** The fixture cannot be made here (a feature not offered): a precondition of every check that uses it. */
  notApplicable(reason: string): never;
};

export interface Setup<T> {
  value: T;
  /** The exchanges that set the fixture up, marked with its key: the start of each user's transcript. */
  transcript: Exchange[];
}

export interface Fixture<T> {
  /** What the plan counts for a check using it in `format`. */
  use(run: RunContext, format: Format): FixtureUse;
  acquire(run: RunContext, format: Format): Promise<Setup<T>>;
}

export interface FixtureOptions {
  /** Most resources the set-up creates (enforced by its workspace); a function when the profile sizes it. */
  creates: Creates | ((run: RunContext) => Creates);
  /** One instance per format (for checks that judge how the resource was created in that format). */
  perFormat?: boolean;
}

interface Made<T> {
  setup: Promise<Setup<T>>;
  session: Session;
  disposers: (() => Promise<void>)[];
}

class FileFixture<S extends Session, T> implements Fixture<T> {
  private readonly made = new Map<string, Made<T>>();

  constructor(
    private readonly dialect: Dialect<S>,
    private readonly key: string,
    private readonly opts: FixtureOptions,
    private readonly make: (fx: FixtureContext<S>) => Promise<T>,
  ) {}

  private instanceKey(format: Format): string {
    return this.opts.perFormat ? `${this.key} [${format}]` : this.key;
  }

  private creates(run: RunContext): Creates {
    return typeof this.opts.creates === 'function' ? this.opts.creates(run) : this.opts.creates;
  }

  use(run: RunContext, format: Format): FixtureUse {
    return { key: this.instanceKey(format), creates: this.creates(run) };
  }

  acquire(run: RunContext, format: Format): Promise<Setup<T>> {
    const key = this.instanceKey(format);
    let m = this.made.get(key);
    if (!m) {
      const fmt = this.opts.perFormat ? format : (run.profile.formats[0] ?? 'json');
      const session = this.dialect.open(run, fmt, this.creates(run));
      const disposers: (() => Promise<void>)[] = [];
      const notApplicable = (why: string): never => {
        throw new HarnessError('PRECONDITION', why);
      };
      const setup = this.make({ ...session, run, format: fmt, onDispose: (fn) => disposers.push(fn), notApplicable }).then(
        (value) => ({ value, transcript: session.http.transcript().map((e) => ({ ...e, setup: key })) }),
        (err: unknown) => {
          throw new HarnessError('PRECONDITION', `fixture '${key}' could not be set up: ${(err as Error).message}`);
        },
      );
      setup.catch(() => undefined);
      m = { setup, session, disposers };
      this.made.set(key, m);
    }
    return m.setup;
  }

  async dispose(): Promise<void> {
    for (const m of this.made.values()) {
      await m.session.dispose();
      for (const fn of m.disposers) await fn().catch(() => undefined);
    }
    this.made.clear();
  }
}

export type FixtureFn<S extends Session> = <T>(key: string, opts: FixtureOptions, make: (fx: FixtureContext<S>) => Promise<T>) => Fixture<T>;

/**
 * The `fixture` function of a dialect's suites: declares a fixture of this test file. Checks name it in
 * `uses` and get it with `ctx.use(fixture)`; it is removed (torn down through the ledger) after the
 * file's last check.
 */
export function defineFixture<S extends Session>(dialect: Dialect<S>): FixtureFn<S> {
  return (key, opts, make) => declareFixture(dialect, key, opts, make);
}

function declareFixture<S extends Session, T>(dialect: Dialect<S>, key: string, opts: FixtureOptions, make: (fx: FixtureContext<S>) => Promise<T>): Fixture<T> {
  const f = new FileFixture(dialect, key, opts, make);
  // Teardown on a real cloud takes minutes (settle, stop, delete: each a wait), not vitest's 10 s hook default.
  const { limits } = inject('cloudconform').profile;
  afterAll(() => f.dispose(), 8 * (limits.stateTimeoutMs + limits.requestTimeoutMs));
  return f;
}
