// A check's vCloud resources: VAppTemplates (uploaded from an OVF package), CatalogItems and vApps,
// each written to the ledger before its create request and after it, held to the check's `creates`
// declaration, and torn down when the check ends — vApps walked to powered off and undeployed through
// the links they advertise, then deleted, the Task waited on and the entity seen gone.

import type { Ledger } from '../harness/ledger.js';
import type { RunContext } from '../harness/runContext.js';
import { CreateAllowance, type Creates } from '../harness/resourcePlan.js';
import { runNamePrefix, uniqueName } from '../harness/resourceNames.js';
import { Poll } from '../harness/poll.js';
import { ConformanceError } from '../harness/property.js';
import { HarnessError } from '../model/errors.js';
import type { GeneratedPackage } from '../ovf/generators/package.js';
import type { VcloudClient, VcloudResponse } from './client.js';
import { type Element, attr } from './xml.js';
import { findLink } from './entities.js';
import { MEDIA } from './mediaTypes.js';
import { towardsDeletable } from './lifecycle.js';
import { act, powerState } from './power.js';
import { type InstantiateOptions, captureParams, catalogItem, instantiateParams, uploadParams } from './requests.js';
import { type Transfer, type TransferOptions, transfer } from './upload.js';
import { type PackageFiles, packageFiles } from './packages.js';
import { type Waited, decodeTask, settle, waitTask } from './task.js';

/** Ledger collections and the resource types the run plan counts, by kind. */
export const KINDS = {
  template: { collection: 'vAppTemplates', type: 'VAppTemplate' },
  catalogItem: { collection: 'catalogItems', type: 'CatalogItem' },
  vApp: { collection: 'vApps', type: 'VApp' },
} as const;
export type Kind = keyof typeof KINDS;
const kindOf = (collection: string): Kind | undefined => (Object.keys(KINDS) as Kind[]).find((k) => KINDS[k].collection === collection);

export interface Created {
  /** The create response, for checks of the create itself. */
  res: VcloudResponse;
  /** The new entity's href (from its body, else Location); undefined when refused. */
  href?: string;
  name: string;
}

export interface Upload extends Created, Transfer {
  /** The sparse VAppTemplate the upload POST answered with. */
  sparse?: Element;
}

export class VcloudWorkspace {
  private readonly allowed: CreateAllowance;
  private readonly mine: { collection: string; href: string }[] = [];

  constructor(
    private readonly vcloud: VcloudClient,
    private readonly ledger: Ledger,
    private readonly run: RunContext,
    /** What the check declared it creates; undefined: unbounded (the sweep). */
    allowance?: Creates,
  ) {
    this.allowed = new CreateAllowance(allowance);
  }

  private get ctx(): { vcloud: VcloudClient; run: RunContext } {
    return { vcloud: this.vcloud, run: this.run };
  }

  /** Every name this run gives a resource starts with this, so leftovers can be found by name. */
  get namePrefix(): string {
    return runNamePrefix(this.run.runId);
  }

  uniqueName(tag = 'r'): string {
    return uniqueName(this.run.runId, tag);
  }

  /**
   * POSTs a create to `url` for a resource of `kind`, ledgered before the request; the new entity's
   * href comes from the body (vCloud answers with the entity), else Location. Refusals come back as
   * the response alone.
   */
  async tryCreate(kind: Kind, url: string, name: string, contentType: string, body: string): Promise<Created> {
    const { collection, type } = KINDS[kind];
    this.allowed.spend(type);
    this.ledger.intent(collection, name);
    const res = await this.vcloud.post(url, contentType, body);
    if (res.status >= 300) {
      this.ledger.refused(collection, name, `${res.status}`);
      return { res, name };
    }
    const href = attr(res.root, 'href') ?? res.headers['location'];
    if (!href) throw new HarnessError('PRECONDITION', `created a ${type} (${res.status}) but its response gives no href and no Location`);
    this.keep(collection, this.vcloud.resolve(href), name, type);
    return { res, href: this.vcloud.resolve(href), name };
  }

  private keep(collection: string, href: string, name: string, type: string): void {
    this.ledger.created(collection, href, name, type);
    this.mine.push({ collection, href });
  }

  /**
   * Takes over what the provider created where it had to refuse (a check fails on it): ledgered and
   * deleted like the check's own, outside its declaration, since the plan counts what a conforming
   * provider creates.
   */
  adoptStray(kind: Kind, href: string): void {
    this.keep(KINDS[kind].collection, this.vcloud.resolve(href), href, KINDS[kind].type);
  }

  /** Step 1 of an upload alone (brief §5.1): the UploadVAppTemplateParams POST to the vDC. */
  async uploadParams(opts: { name?: string; manifestRequired?: boolean; contentType?: string; description?: string } = {}): Promise<Created> {
    const link = await this.vcloud.vdcAction(MEDIA.uploadVAppTemplateParams);
    const name = opts.name ?? this.uniqueName('tmpl');
    const body = uploadParams(name, { description: opts.description ?? 'uploaded by cloudconform', ...(opts.manifestRequired === undefined ? {} : { manifestRequired: opts.manifestRequired }) });
    return this.tryCreate('template', link.href, name, opts.contentType ?? MEDIA.uploadVAppTemplateParams, body);
  }

  /** A whole upload: params, descriptor, files, and the wait for the template to come to rest. */
  uploadTemplate(pkg: GeneratedPackage, opts: TransferOptions & { name?: string; manifestRequired?: boolean } = {}): Promise<Upload> {
    return this.uploadFiles(packageFiles(pkg), opts);
  }

  /** The same for a package's files as they are (one read from an OVA). */
  async uploadFiles(files: PackageFiles, opts: TransferOptions & { name?: string; manifestRequired?: boolean; description?: string } = {}): Promise<Upload> {
    const created = await this.uploadParams(opts);
    if (!created.href || !created.res.root) return { ...created, filePuts: [], stopped: `the upload POST answered ${created.res.status}` };
    return { ...created, sparse: created.res.root, ...(await transfer(this.ctx, created.res.root, files, opts)) };
  }

  /**
   * captureVApp (brief §6, related vDC actions): a new VAppTemplate of the vApp `source`, through the
   * vDC's add link of type captureVAppParams; undefined when the vDC offers no such link.
   */
  async capture(source: string, opts: { name?: string; description?: string } = {}): Promise<Created | undefined> {
    const link = findLink(await this.vcloud.vdc(), 'add', MEDIA.captureVAppParams);
    if (!link) return undefined;
    const name = opts.name ?? this.uniqueName('capt');
    return this.tryCreate('template', link.href, name, MEDIA.captureVAppParams, captureParams(name, source, opts.description));
  }

  /** An uploaded template at status 8; anything else is a precondition failure of the check. */
  async template(pkg: GeneratedPackage): Promise<{ href: string; name: string; template: Element }> {
    const up = await this.uploadTemplate(pkg);
    if (!up.href || !up.final || up.stopped || powerState(up.final).status !== 8) {
      throw new HarnessError('PRECONDITION', `uploading a VAppTemplate failed: ${up.stopped ?? `it ended at status ${attr(up.final, 'status') ?? '?'}`}`);
    }
    return { href: up.href, name: up.name, template: up.final };
  }

  /** A CatalogItem for `entityHref` in the org's catalog (brief §5.1 step 7). */
  async addToCatalog(entityHref: string, opts: { name?: string; contentType?: string } = {}): Promise<Created> {
    const catalog = await this.vcloud.catalog();
    const link = findLink(catalog, 'add', MEDIA.catalogItem) ?? findLink(catalog, 'add', MEDIA.adminCatalogItem);
    if (!catalog || !link) throw new HarnessError('PRECONDITION', "the org's catalog offers no Link rel=\"add\" for catalog items");
    const name = opts.name ?? this.uniqueName('item');
    return this.tryCreate('catalogItem', link.href, name, opts.contentType ?? link.type ?? MEDIA.catalogItem, catalogItem(name, entityHref, 'added by cloudconform'));
  }

  /**
   * Instantiates a template (brief §6), stopped unless told otherwise (`deploy` and `powerOn` false,
   * as clients that want a stopped vApp send); `body` replaces the canonical one (the negative checks).
   */
  async instantiate(source: string, opts: Partial<InstantiateOptions> & { body?: string } = {}): Promise<Created> {
    const link = await this.vcloud.vdcAction(MEDIA.instantiateVAppTemplateParams);
    const name = opts.name ?? this.uniqueName('vapp');
    const body = opts.body ?? instantiateParams({ deploy: false, powerOn: false, ...opts, name, source });
    return this.tryCreate('vApp', link.href, name, MEDIA.instantiateVAppTemplateParams, body);
  }

  /** A vApp instantiated and at rest; a refusal is a precondition failure (instantiate's own checks judge it). */
  async createVApp(source: string, opts: Partial<InstantiateOptions> = {}): Promise<{ href: string; name: string; res: VcloudResponse; vapp: Element }> {
    const made = await this.instantiate(source, opts);
    if (!made.href) throw new HarnessError('PRECONDITION', `instantiating a vApp failed: ${made.res.status} ${made.res.error?.message ?? ''}`.trim());
    return { href: made.href, name: made.name, res: made.res, vapp: await settle(this.ctx, made.href) };
  }

  /** Waits until the entity has no Task under way and a settled status. */
  settle(href: string): Promise<Element> {
    return settle(this.ctx, href);
  }

  /** DELETE through the entity's `remove` link (else its href), the Task waited on, then gone; ledgered. */
  async remove(href: string, kind: Kind): Promise<{ res: VcloudResponse; task?: Waited }> {
    const cur = await this.vcloud.get(href);
    const res = await this.vcloud.delete(findLink(cur.root, 'remove')?.href ?? href);
    if (res.status >= 300) return { res };
    const task = res.status === 202 && res.root?.localName === 'Task' ? await waitTask(this.ctx, decodeTask(res.root)) : undefined;
    if (task && task.final.status !== 'success') return { res, task };
    await this.waitGone(href);
    this.forget(href, KINDS[kind].collection);
    return { res, ...(task ? { task } : {}) };
  }

  private forget(href: string, collection: string): void {
    this.ledger.deleted(collection, href);
    const i = this.mine.findIndex((m) => m.href === href);
    if (i >= 0) this.mine.splice(i, 1);
  }

  /** Polls until the entity answers 403 or 404 (brief §9); a deletion that never shows is a FAIL. */
  async waitGone(href: string): Promise<void> {
    const poll = new Poll(this.run);
    let status: number;
    while (![403, 404].includes((status = (await this.vcloud.get(href)).status))) {
      if (!(await poll.next())) throw new ConformanceError(`${href} still answers ${status}, ${poll.timeout} after its DELETE was accepted: a deleted entity must answer 403 or 404`);
    }
  }

  /**
   * Cleanup: walk a vApp to powered off and undeployed with what it advertises (undeploy powers off
   * too), then delete. Templates are deleted as they are: one whose upload stopped stays at status 0.
   * The suite never relies on a provider deleting running vApps.
   */
  async teardown(href: string, collection: string): Promise<VcloudResponse | undefined> {
    const kind = kindOf(collection);
    if (!kind) throw new HarnessError('INTERNAL', `no vCloud resource kind for ledger collection '${collection}'`);
    const first = await this.vcloud.get(href);
    if (first.status === 403 || first.status === 404) {
      this.forget(href, collection);
      return undefined;
    }
    if (kind === 'vApp') {
      for (let step = 0; step < 3; step++) {
        const op = towardsDeletable(powerState(await this.settle(href)));
        if (!op || !(await act(this.ctx, href, op))) break;
      }
    }
    return (await this.remove(href, kind)).res;
  }

  /** Deletes what this check created, newest first; failures are left to the run's final sweep. */
  async dispose(): Promise<void> {
    for (const m of [...this.mine].reverse()) {
      try {
        await this.teardown(m.href, m.collection);
      } catch {
        // The sweep retries from the ledger and reports what survives.
      }
    }
  }
}
