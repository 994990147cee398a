// The vCloud side of a portability run, by links only (brief §5, §6): a package uploaded as a
// VAppTemplate into the vDC (descriptor, then its files, until status 8) and instantiated as a stopped
// vApp with its Vm; an export captures the vApp as a new template (the vDC's captureVApp link) — or,
// where the vDC offers none, falls back to the uploaded template and says so — then enables its
// download and fetches the descriptor and its files into an OVA. Machines are described by their Vm.

import type { PackageServer } from '../cimi/packageServer.js';
import type { Creates } from '../harness/resourcePlan.js';
import type { RunContext } from '../harness/runContext.js';
import type { Leftover } from '../model/run.js';
import { extensionOf } from '../ovf/packageContents.js';
import { packOva, unpackOva } from '../ovf/ovaMembers.js';
import type { VcloudClient } from '../vcloud/client.js';
import { vcloudDialect } from '../vcloud/dialect.js';
import { downloadTemplate } from '../vcloud/download.js';
import { STATUS } from '../vcloud/lifecycle.js';
import type { PackageFiles } from '../vcloud/packages.js';
import { vcloudClient } from '../vcloud/session.js';
import { embeddedTasks } from '../vcloud/task.js';
import { VcloudWorkspace } from '../vcloud/workspace.js';
import { type Element, attr, path } from '../vcloud/xml.js';
import { type Exported, type Package, type Placed, type Placing, type Role, type RunClock, type Running, type Side, type Target, cleanUpSide, sideContext, sideLedger } from './side.js';
import { vmView } from './vcloudViews.js';

/** What one trip leaves on a vCloud provider: the uploaded template, the vApp, and the template its export captured. */
export const VCLOUD_PER_TRIP = { VAppTemplate: 2, VApp: 1 };

/** The largest package this side unpacks in memory (the size the package server and workloads allow). */
const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;

/** Why an entity failed: its status, and the Error of the Task that failed it. */
function failure(entity: Element): string {
  const error = embeddedTasks(entity).find((t) => t.error)?.error?.message;
  return `it ended at status ${attr(entity, 'status') ?? '?'}${error ? `: ${error}` : ''}`;
}

export class VcloudSide implements Side {
  readonly suite = 'vcloud';
  readonly nouns = { template: 'VAppTemplate', machine: 'vApp' };
  readonly machineTypes = vcloudDialect.machineTypes;
  private readonly vcloud: VcloudClient;
  private readonly ws: VcloudWorkspace;
  private readonly run: RunContext;

  constructor(
    readonly role: Role,
    readonly target: Target,
    readonly specVersion: string,
    private readonly clock: RunClock,
    allowance: Creates,
  ) {
    const { profile, cepUrl } = target;
    this.run = sideContext(target, clock, specVersion);
    this.vcloud = vcloudClient(profile, cepUrl, specVersion, profile.limits.maxRequestsPerCheck);
    this.ws = new VcloudWorkspace(this.vcloud, sideLedger(target, clock), this.run, allowance);
  }

  get name(): string {
    return this.target.profile.name;
  }

  get requestCount(): number {
    return this.vcloud.http.requestCount;
  }

  /** The one Vm an entity (vApp or VAppTemplate) lists, read at its own href; undefined unless exactly one. */
  private async vm(entity: Element): Promise<Element | undefined> {
    const vms = path(entity, 'Children', 'Vm');
    const href = vms.length === 1 ? attr(vms[0], 'href') : undefined;
    return href ? this.vcloud.read(this.vcloud.resolve(href), 'the Vm') : undefined;
  }

  /** Uploads the package's descriptor and files (its manifest stays out: the template does not ask for one). */
  async place(pkg: Package): Promise<Placing> {
    let members;
    try {
      members = await unpackOva(pkg.bytes, MAX_PACKAGE_BYTES);
    } catch (err) {
      return { unusable: `the package is not an OVA this side can unpack: ${(err as Error).message}` };
    }
    const descriptor = members.find((m) => extensionOf(m.name) === 'ovf');
    if (!descriptor) return { unusable: 'the package has no .ovf descriptor' };
    const files: PackageFiles = {
      descriptor: Buffer.from(descriptor.bytes).toString('utf8'),
      files: new Map(members.filter((m) => m !== descriptor && !['mf', 'cert'].includes(extensionOf(m.name))).map((m) => [m.name, m.bytes])),
    };
    const up = await this.ws.uploadFiles(files, { description: `${pkg.name}, moved by cloudconform portability` });
    if (!up.href) return { refused: `${up.res.status} ${up.res.error?.message ?? ''}`.trim() };
    if (up.stopped || !up.final || Number(attr(up.final, 'status')) !== STATUS.POWERED_OFF) {
      return { refused: up.stopped && !up.final ? up.stopped : `the VAppTemplate did not become ready: ${up.stopped ?? failure(up.final!)}` };
    }
    const vm = await this.vm(up.final);
    if (!vm) return { unusable: `${this.name} uploaded the package but its VAppTemplate lists no single Vm` };
    return { placed: { url: up.href, view: vmView(vm), detail: `VAppTemplate ${up.href}` } };
  }

  /** A stopped vApp of the template, at rest, described by its Vm. */
  async instantiate(placed: Placed): Promise<{ running?: Running; refused?: string }> {
    const made = await this.ws.instantiate(placed.url);
    if (!made.href) return { refused: `${made.res.status} ${made.res.error?.message ?? ''}`.trim() };
    const vapp = await this.ws.settle(made.href);
    if (Number(attr(vapp, 'status')) === STATUS.FAILED_CREATION) return { refused: `the vApp failed: ${failure(vapp)}` };
    const vm = await this.vm(vapp);
    if (!vm) return { refused: `the vApp ${made.href} lists no single Vm` };
    return { running: { url: made.href, view: vmView(vm), detail: `vApp ${made.href} (status ${attr(vapp, 'status') ?? '?'})` } };
  }

  /** The vApp captured as a template (else the uploaded template, said in a note), downloaded as an OVA. */
  async export(placed: Placed, running: Running, _ps: PackageServer): Promise<{ exported?: Exported; refused?: string }> {
    const captured = await this.ws.capture(running.url, { description: `captured by cloudconform portability from ${running.url}` });
    let source = placed.url;
    let note: string | undefined;
    if (!captured) note = `${this.name}'s vDC offers no captureVApp link: the export is of the uploaded VAppTemplate ${placed.url}, not of the running vApp`;
    else if (!captured.href) return { refused: `captureVApp answered ${captured.res.status} ${captured.res.error?.message ?? ''}`.trim() };
    else {
      const template = await this.ws.settle(captured.href);
      if (Number(attr(template, 'status')) !== STATUS.POWERED_OFF) return { refused: `the captured VAppTemplate did not become ready: ${failure(template)}` };
      source = captured.href;
    }
    const { downloaded, refused } = await downloadTemplate({ vcloud: this.vcloud, run: this.run }, source);
    if (!downloaded) return { refused: refused ?? 'no package' };
    const bytes = await packOva([{ name: 'descriptor.ovf', bytes: downloaded.descriptor }, ...downloaded.files.map((f) => ({ name: f.href, bytes: f.bytes }))]);
    const how = captured ? `captured ${running.url} as ${source}` : `the uploaded ${source}`;
    return { exported: { bytes, detail: `${how}, downloaded (descriptor and ${downloaded.files.length} file(s))`, ...(note ? { note } : {}) } };
  }

  cleanUp(): Promise<Leftover[]> {
    return cleanUpSide(this.target, this.clock, this.specVersion, vcloudDialect, async () => {
      await this.ws.dispose();
      await this.vcloud.logout().catch(() => undefined);
    });
  }
}
