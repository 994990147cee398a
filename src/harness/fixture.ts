// Fixtures: resources several checks of one test file share, created on first use and removed when the
// file ends. Vitest runs a file's tests one after the other, so checks that read a fixture, or change it
// and leave it usable, do not need a machine each; a run creates what the plan says, not one per check.

import { afterAll, inject } from 'vitest';
import type { Format } from './profile.js';
import type { RunContext } from './runContext.js';
import type { Exchange } from './model.js';
import type { Creates, FixtureUse } from './resourcePlan.js';
import type { HttpClient } from './httpClient.js';
import type { CimiClient } from './cimiClient.js';
import { HarnessError } from './errors.js';
import { openWorkspace, type Workspace } from './workspace.js';

/** What a fixture's set-up gets: its own recording client and a workspace bounded by its declaration. */
export interface FixtureContext {
  run: RunContext;
  cimi: CimiClient;
  http: HttpClient;
  ws: Workspace;
  format: Format;
  /** Runs `fn` when the fixture is removed, after its resources (e.g. to stop a server its users need). */
  onDispose(fn: () => Promise<void>): void;
  /** The fixture cannot be made here (a feature not offered): a precondition of every check that uses it. */
  notApplicable(reason: string): never;
}

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
  ws: Workspace;
  disposers: (() => Promise<void>)[];
}

class FileFixture<T> implements Fixture<T> {
  private readonly made = new Map<string, Made<T>>();

  constructor(
    private readonly key: string,
    private readonly opts: FixtureOptions,
    private readonly make: (fx: FixtureContext) => Promise<T>,
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
      const { http, cimi, ws } = openWorkspace(run, fmt, this.creates(run));
      const disposers: (() => Promise<void>)[] = [];
      const notApplicable = (why: string): never => {
        throw new HarnessError('PRECONDITION', why);
      };
      const setup = this.make({ run, cimi, http, ws, format: fmt, onDispose: (fn) => disposers.push(fn), notApplicable }).then(
        (value) => ({ value, transcript: http.transcript().map((e) => ({ ...e, setup: key })) }),
        (err: unknown) => {
          throw new HarnessError('PRECONDITION', `fixture '${key}' could not be set up: ${(err as Error).message}`);
        },
      );
      setup.catch(() => undefined);
      m = { setup, ws, disposers };
      this.made.set(key, m);
    }
    return m.setup;
  }

  async dispose(): Promise<void> {
    for (const m of this.made.values()) {
      await m.ws.dispose();
      for (const fn of m.disposers) await fn().catch(() => undefined);
    }
    this.made.clear();
  }
}

/**
 * Declares a fixture of this test file. Checks name it in `uses` and get it with `ctx.use(fixture)`;
 * it is removed (torn down through the ledger) after the file's last check.
 */
export function fixture<T>(key: string, opts: FixtureOptions, make: (fx: FixtureContext) => Promise<T>): Fixture<T> {
  const f = new FileFixture(key, opts, make);
  // Teardown on a real cloud takes minutes (settle, stop, delete: each a wait), not vitest's 10 s hook default.
  const { limits } = inject('cloudconform').profile;
  afterAll(() => f.dispose(), 8 * (limits.stateTimeoutMs + limits.requestTimeoutMs));
  return f;
}
