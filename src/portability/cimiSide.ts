// The CIMI side of a portability run: a client bounded by its profile's limits, a workspace held to what
// the run declared it creates there; a package imported on the systemTemplates collection, its one
// MachineTemplate instantiated as a Machine, the SystemTemplate exported (Location, else a destination).

import type { CimiObject, CimiResponse } from '../cimi/cimiClient.js';
import { CimiClient, isRef } from '../cimi/cimiClient.js';
import { cimiDialect } from '../cimi/dialect.js';
import { type Imported, type OvfContext, exportPackage, tryImport } from '../cimi/ovfTransfer.js';
import type { PackageServer } from '../cimi/packageServer.js';
import { cimiVersion } from '../cimi/specVersion.js';
import { Workspace, collectionItems } from '../cimi/workspace.js';
import { HttpClient } from '../harness/httpClient.js';
import type { Creates } from '../harness/resourcePlan.js';
import type { Leftover } from '../model/run.js';
import { machineView, templateView } from './cimiViews.js';
import { type Exported, NotOffered, type Package, type Placed, type Placing, type Role, type RunClock, type Running, type Side, type Target, cleanUpSide, sideContext, sideLedger } from './side.js';

/** What one trip leaves on a CIMI provider: the import (SystemTemplate, MachineTemplate, MachineConfiguration) and a Machine. */
export const CIMI_PER_TRIP = { SystemTemplate: 1, MachineTemplate: 1, MachineConfiguration: 1, Machine: 1 };

interface CimiPlaced extends Placed {
  imported: Imported;
  template: CimiObject;
}

/** `400 why`: the status, and the provider's statusMessage (which may start with the status already). */
function statusOf(res: CimiResponse): string {
  const message = String(res.body?.['statusMessage'] ?? '').trim();
  return message.startsWith(String(res.status)) ? message : `${res.status} ${message}`.trim();
}

export class CimiSide implements Side<CimiPlaced> {
  readonly suite = 'cimi';
  readonly nouns = { template: 'MachineTemplate', machine: 'Machine' };
  readonly machineTypes = cimiDialect.machineTypes;
  private readonly http: HttpClient;
  private readonly cimi: CimiClient;
  private readonly ws: Workspace;
  private readonly ovf: OvfContext;
  private served = 0;

  constructor(
    readonly role: Role,
    readonly target: Target,
    readonly specVersion: string,
    private readonly clock: RunClock,
    allowance: Creates,
  ) {
    const { profile, cepUrl } = target;
    this.http = new HttpClient({ auth: profile.auth, secrets: profile.secrets, timeoutMs: profile.limits.requestTimeoutMs, maxRequests: profile.limits.maxRequestsPerCheck });
    this.cimi = new CimiClient(this.http, cepUrl, profile.formats[0] ?? 'json', cimiVersion(specVersion));
    this.ws = new Workspace(this.cimi, sideLedger(target, clock), sideContext(target, clock, specVersion), allowance);
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

  get requestCount(): number {
    return this.http.requestCount;
  }

  /** Imports the package from the package server; what it made is this side's to delete. */
  async place(pkg: Package, ps: PackageServer): Promise<Placing<CimiPlaced>> {
    const { res, imported } = await tryImport(this.ovf, ps.serve(`/${this.role}${++this.served}/${pkg.name}`, pkg.bytes));
    if (!imported) return { refused: statusOf(res) };
    const [machine, ...more] = imported.machines;
    if (!machine || more.length > 0) return { unusable: `${this.name} imported the package but made no single MachineTemplate of it` };
    return { placed: { url: imported.url, imported, template: machine.template, view: templateView(machine.template, machine.config), detail: `SystemTemplate ${imported.url}` } };
  }

  /** A Machine from the imported MachineTemplate, settled, with its Disks. */
  async instantiate(placed: CimiPlaced): Promise<{ running?: Running; refused?: string }> {
    const { res, created } = await this.ws.tryCreate('machines', 'Machine', { name: this.ws.uniqueName('portable'), machineTemplate: { href: String(placed.template['id']) } });
    if (!created) return { refused: statusOf(res) };
    const machine = await this.ws.settle(created.url);
    const disksRef = machine['disks'];
    const disks = isRef(disksRef) ? collectionItems((await this.cimi.get(await this.cimi.resolve(disksRef.href))).body) : [];
    return { running: { url: created.url, view: machineView(machine, disks), detail: `Machine ${created.url} (${String(machine['state'] ?? '')})` } };
  }

  /** The package an export of the SystemTemplate produced: from Location, else at a destination of `ps`. */
  async export(placed: CimiPlaced, _running: Running, ps: PackageServer): Promise<{ exported?: Exported; refused?: string }> {
    const byLocation = await exportPackage(this.ovf, ps, placed.imported.rep, false);
    const got = byLocation.exported ? byLocation : await exportPackage(this.ovf, ps, placed.imported.rep, true);
    if (!got.exported) return { refused: `export answered ${statusOf(got.res)} and gave no package` };
    return { exported: { bytes: got.exported.bytes, detail: `exported ${placed.imported.url} (by ${got.exported.via})` } };
  }

  cleanUp(): Promise<Leftover[]> {
    return cleanUpSide(this.target, this.clock, this.specVersion, cimiDialect, () => this.ws.dispose());
  }
}
