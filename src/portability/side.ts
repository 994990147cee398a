// One provider of a portability run: a client bounded by its profile's limits (requests, timeouts), a
// workspace held to what the run declared it creates there, its lines of the run's one ledger (tagged
// with its entry point), and what the run does on it: import a package, instantiate the imported
// MachineTemplate as a Machine, export the SystemTemplate, and delete all of it again.

import type { CimiObject, CimiResponse } from '../cimi/cimiClient.js';
import { CimiClient, isRef } from '../cimi/cimiClient.js';
import { sweep } from '../cimi/cleanup.js';
import { HttpClient } from '../harness/httpClient.js';
import { Ledger, outstanding } from '../harness/ledger.js';
import type { Leftover } from '../model/run.js';
import { type Exported, type Imported, type OvfContext, exportPackage, tryImport } from '../cimi/ovfTransfer.js';
import type { PackageServer } from '../cimi/packageServer.js';
import type { Profile } from '../harness/profile.js';
import type { SpecVersion } from '../cimi/specVersion.js';
import type { Creates } from '../harness/resourcePlan.js';
import type { RunContext } from '../harness/runContext.js';
import { Workspace, collectionItems } from '../cimi/workspace.js';

export interface Target {
  profile: Profile;
  cepUrl: string;
  /** How reports name the endpoint (the embedded provider's loopback URL means nothing afterwards). */
  label: string;
}

/** The provider does not offer an operation the trip needs: a finding of the step, not a harness error. */
export class NotOffered extends Error {
  override readonly name = 'NotOffered';
}

export interface Instance {
  url: string;
  machine: CimiObject;
  disks: CimiObject[];
}

export interface RunClock {
  runId: string;
  ledgerFile: string;
  /** When waits must end (read at every pause: an interrupt moves it to now). */
  readonly deadline: number | undefined;
}

export class Side {
  readonly http: HttpClient;
  readonly cimi: CimiClient;
  readonly ws: Workspace;
  private readonly ovf: OvfContext;

  constructor(
    readonly role: 'from' | 'to',
    readonly target: Target,
    readonly specVersion: SpecVersion,
    private readonly clock: RunClock,
    allowance: Creates,
  ) {
    const { profile, cepUrl } = target;
    this.http = new HttpClient({ auth: profile.auth, secrets: profile.secrets, timeoutMs: profile.limits.requestTimeoutMs, maxRequests: profile.limits.maxRequestsPerCheck });
    this.cimi = new CimiClient(this.http, cepUrl, profile.formats[0] ?? 'json', specVersion);
    const run: RunContext = {
      runId: clock.runId, suite: 'portability', cepUrl, profile, specVersion, features: [], ledgerFile: clock.ledgerFile, preexisting: {},
      get deadline() {
        return clock.deadline;
      },
    };
    this.ws = new Workspace(this.cimi, new Ledger(clock.ledgerFile, profile.limits.maxResources, cepUrl), run, allowance);
    this.ovf = {
      cimi: this.cimi,
      ws: this.ws,
      http: this.http,
      notApplicable: (reason) => {
        throw new NotOffered(`${this.name}: ${reason}`);
      },
    };
  }

  get name(): string {
    return this.target.profile.name;
  }

  /** Imports the package at `source`; what it made is this side's to delete. */
  import(source: string): Promise<{ res: CimiResponse; imported?: Imported }> {
    return tryImport(this.ovf, source);
  }

  /** A Machine from an imported MachineTemplate, settled, with its Disks; the answer alone when refused. */
  async instantiate(template: CimiObject): Promise<{ res: CimiResponse; instance?: Instance }> {
    const { res, created } = await this.ws.tryCreate('machines', 'Machine', { name: this.ws.uniqueName('portable'), machineTemplate: { href: String(template['id']) } });
    if (!created) return { res };
    const machine = await this.ws.settle(created.url);
    const disksRef = machine['disks'];
    const disks = isRef(disksRef) ? collectionItems((await this.cimi.get(await this.cimi.resolve(disksRef.href))).body) : [];
    return { res, instance: { url: created.url, machine, disks } };
  }

  /** The package an export of `st` produced: from Location, else at a destination of `ps`. */
  async export(ps: PackageServer, st: CimiObject): Promise<{ res: CimiResponse; exported?: Exported }> {
    const byLocation = await exportPackage(this.ovf, ps, st, false);
    return byLocation.exported ? byLocation : exportPackage(this.ovf, ps, st, true);
  }

  /**
   * Deletes what the run made here, newest first, then sweeps this side's ledger lines; what survives.
   * A profile with `cleanup: never` keeps everything, listed as left behind.
   */
  async cleanUp(): Promise<Leftover[]> {
    const { profile, cepUrl } = this.target;
    if (profile.cleanup === 'never') {
      const mine = Ledger.read(this.clock.ledgerFile).filter((e) => e.endpoint === cepUrl);
      return outstanding(mine).map((o) => ({ ...(o.id ? { id: o.id } : {}), ...(o.name ? { name: o.name } : {}), collection: o.collection, reason: 'kept: the profile says cleanup: never' }));
    }
    await this.ws.dispose();
    return (await sweep(profile, cepUrl, this.clock.ledgerFile, this.clock.runId, this.specVersion)).leftovers;
  }
}
