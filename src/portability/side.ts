// One provider of a portability run, whatever API it speaks: what the journey asks of it (take a
// package as a template, run the template as a machine, export what runs as a package, delete it all
// again), each answer described in the normalised description (description.ts). CIMI (cimiSide.ts)
// and vCloud (vcloudSide.ts) implement it over their dialect's client and workspace; what they share —
// the profile's limits, the run's clock and deadline, its one ledger tagged with the side's entry
// point, the cleanup and its sweep — is here.

import type { Dialect } from '../harness/dialect.js';
import { Ledger, outstanding } from '../harness/ledger.js';
import type { RunContext } from '../harness/runContext.js';
import type { Leftover } from '../model/run.js';
import type { PackageServer } from '../cimi/packageServer.js';
import type { Profile } from '../harness/profile.js';
import type { View } from './description.js';

export interface Target {
  profile: Profile;
  cepUrl: string;
  /** How reports name the endpoint (the embedded provider's loopback URL means nothing afterwards). */
  label: string;
}

export type Role = 'from' | 'to';

/** The provider does not offer an operation the trip needs: a finding of the step, not a harness error. */
export class NotOffered extends Error {
  override readonly name = 'NotOffered';
}

export interface RunClock {
  runId: string;
  ledgerFile: string;
  /** When waits must end (read at every pause: an interrupt moves it to now). */
  readonly deadline: number | undefined;
}

/** An OVF package as the journey carries it: an OVA. */
export interface Package {
  name: string;
  bytes: Buffer;
}

/** The template a side made of a package, as its API shows it. */
export interface Placed {
  url: string;
  view: View;
  /** For the step's detail: "SystemTemplate <url>". */
  detail: string;
}

/** A machine a side runs from a template, as its API shows it. */
export interface Running {
  url: string;
  view: View;
  detail: string;
}

export interface Exported {
  bytes: Buffer;
  detail: string;
  /** Said in the findings: the package is not an export of the running machine (a fallback). */
  note?: string;
}

/** What became of a package: a template, a refusal (the provider's answer), or a template that cannot be moved on. */
export interface Placing<P extends Placed = Placed> {
  placed?: P;
  refused?: string;
  unusable?: string;
}

export interface Side<P extends Placed = Placed, R extends Running = Running> {
  readonly role: Role;
  readonly target: Target;
  readonly name: string;
  /** The API family it speaks (the profile's spec.name) and the version the run spoke. */
  readonly suite: string;
  readonly specVersion: string;
  /** What its API calls a template and a machine, for messages. */
  readonly nouns: { template: string; machine: string };
  /** The resource types that are machines, for the cost. */
  readonly machineTypes: readonly string[];
  readonly requestCount: number;
  place(pkg: Package, ps: PackageServer): Promise<Placing<P>>;
  instantiate(placed: P): Promise<{ running?: R; refused?: string }>;
  /** An export of what runs (else of the template, with a note); throws NotOffered when there is none. */
  export(placed: P, running: R, ps: PackageServer): Promise<{ exported?: Exported; refused?: string }>;
  /** Deletes what the run made here, newest first, then sweeps this side's ledger lines; what survives. */
  cleanUp(): Promise<Leftover[]>;
}

/** The run context a side's client and workspace work in: its profile, the run's ledger and deadline. */
export function sideContext(target: Target, clock: RunClock, specVersion: string): RunContext {
  return {
    runId: clock.runId, suite: 'portability', cepUrl: target.cepUrl, profile: target.profile, specVersion, features: [], ledgerFile: clock.ledgerFile, preexisting: {},
    get deadline() {
      return clock.deadline;
    },
  };
}

/** The run's one ledger, this side's lines tagged with its entry point (and its budget counting only those). */
export const sideLedger = (target: Target, clock: RunClock): Ledger => new Ledger(clock.ledgerFile, target.profile.limits.maxResources, target.cepUrl);

/**
 * The cleanup every side does: `dispose` deletes what its workspace made, then the dialect's sweep takes
 * what the ledger still lists for this endpoint. A profile with `cleanup: never` keeps everything, listed as left behind.
 */
export async function cleanUpSide(target: Target, clock: RunClock, specVersion: string, dialect: Pick<Dialect, 'sweep'>, dispose: () => Promise<void>): Promise<Leftover[]> {
  const { profile, cepUrl } = target;
  if (profile.cleanup === 'never') {
    const mine = Ledger.read(clock.ledgerFile).filter((e) => e.endpoint === cepUrl);
    return outstanding(mine).map((o) => ({ ...(o.id ? { id: o.id } : {}), ...(o.name ? { name: o.name } : {}), collection: o.collection, reason: 'kept: the profile says cleanup: never' }));
  }
  await dispose();
  return (await dialect.sweep(profile, cepUrl, clock.ledgerFile, clock.runId, specVersion)).leftovers;
}
