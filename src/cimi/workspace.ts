// A check's resources: created through the ledger (intent before the request), found even when the
// provider forgets to say where (no Location), waited on with bounded polling, and deleted when the
// check ends so the next check starts from a clean provider.

import type { CimiObject, CimiResponse } from './cimiClient.js';
import { CimiClient, isRef } from './cimiClient.js';
import { HttpClient } from '../harness/httpClient.js';
import { runNamePrefix, uniqueName } from '../harness/resourceNames.js';
import { Ledger } from '../harness/ledger.js';
import type { Format } from '../harness/profile.js';
import type { RunContext } from '../harness/runContext.js';
import { HarnessError } from '../model/errors.js';
import { Poll } from '../harness/poll.js';
import { ConformanceError } from '../harness/property.js';
import { CreateAllowance, type Creates } from '../harness/resourcePlan.js';
import { cimiVersion } from './specVersion.js';
import { TRANSITIONAL_STATES } from './machineStates.js';

export interface Created {
  /** The create response, for checks of the create itself. */
  res: CimiResponse;
  /** The resource URL, from Location, the body, the Job, or a search by name. */
  url: string;
  name: string;
}

export class Workspace {
  private readonly allowed: CreateAllowance;
  private readonly mine: { collection: string; url: string }[] = [];
  // Looked up once per check: a check creating several machines need not list the same collections again.
  private readonly addTargets = new Map<string, Promise<string>>();
  private readonly firstItems = new Map<string, Promise<string>>();

  constructor(
    private readonly cimi: CimiClient,
    private readonly ledger: Ledger,
    private readonly run: RunContext,
    /** What the check declared it creates (see CheckOptions.creates); undefined: unbounded (the sweep). */
    allowance?: Creates,
  ) {
    this.allowed = new CreateAllowance(allowance);
  }

  /** Every name this run gives a resource starts with this, so leftovers can be found by name. */
  get namePrefix(): string {
    return runNamePrefix(this.run.runId);
  }

  uniqueName(tag = 'r'): string {
    return uniqueName(this.run.runId, tag);
  }

  /**
   * A member the provider had before the run: other checks create members (and OVF imports create
   * configurations) that they delete while this check may still use them.
   */
  providerOwned(collectionAttr: string, item: CimiObject): boolean {
    const before = this.run.preexisting[collectionAttr];
    return before ? before.includes(String(item['id'])) : !String(item['name'] ?? '').startsWith(this.namePrefix);
  }

  /** POSTs `<Type>Create`; a refusal is a precondition failure of the check (see tryCreate). */
  async create(collectionAttr: string, typeName: string, body: CimiObject): Promise<Created> {
    const { res, created } = await this.tryCreate(collectionAttr, typeName, body);
    if (created) return created;
    throw new HarnessError('PRECONDITION', `creating a ${typeName} failed: ${res.status} ${String(res.body?.['statusMessage'] ?? '')}`.trim());
  }

  /**
   * POSTs `<Type>Create` to the collection's `add` href; the resource is ledgered before the request.
   * A refused create (status ≥ 300) comes back as the response alone, for checks where refusal is the point.
   */
  async tryCreate(collectionAttr: string, typeName: string, body: CimiObject): Promise<{ res: CimiResponse; created?: Created }> {
    const collectionUrl = await this.cimi.requireCollection(collectionAttr);
    const target = await memo(this.addTargets, collectionAttr, async () => {
      const add = this.cimi.operation((await this.cimi.get(collectionUrl)).body, 'add');
      return add ? this.cimi.resolve(add.href) : collectionUrl;
    });
    const name = typeof body['name'] === 'string' ? body['name'] : this.uniqueName(typeName.toLowerCase());
    this.allowed.spend(typeName);
    this.ledger.intent(collectionAttr, name);
    const res = await this.cimi.post(target, `${typeName}Create`, { resourceURI: this.cimi.typeUri(`${typeName}Create`), ...body, name });
    if (res.status >= 300) {
      this.ledger.refused(collectionAttr, name, `${res.status}`);
      return { res };
    }
    const url = (await this.locate(res, collectionUrl, name)) ?? '';
    if (!url) throw new HarnessError('PRECONDITION', `created a ${typeName} (${res.status}) but could not find it: no Location, no id, not in the collection by name`);
    this.ledger.created(collectionAttr, url, name, typeName);
    this.mine.push({ collection: collectionAttr, url });
    return { res, created: { res, url, name } };
  }

  /**
   * Creates a Template (`MachineTemplate`, `CredentialTemplate`…): §4.2.1.1 allows only the by-value pattern,
   * so the template's attributes go under `<type>` and name, description, properties (in `common`) stay on top.
   */
  createTemplate(collectionAttr: string, typeName: string, template: CimiObject, common: CimiObject = {}): Promise<Created> {
    return this.create(collectionAttr, typeName, { ...common, [typeName[0]!.toLowerCase() + typeName.slice(1)]: template });
  }

  /** Takes over a resource the provider created as a side effect (e.g. of an OVF import), so the check deletes it. */
  adopt(collectionAttr: string, url: string, typeName: string, name?: string): void {
    this.allowed.spend(typeName);
    // Recorded as an intent too: side effects count against limits.maxResources like creates.
    const label = name ?? url;
    this.ledger.intent(collectionAttr, label);
    this.keep(collectionAttr, url, label, typeName);
  }

  /**
   * Takes over a resource the provider created where it had to refuse (the check fails on it): ledgered
   * and deleted like the check's own, but outside its declaration and the budget, since the plan counts
   * what a conforming provider creates, and that is nothing.
   */
  adoptStray(collectionAttr: string, url: string, typeName: string): void {
    this.keep(collectionAttr, url, url, typeName);
  }

  private keep(collectionAttr: string, url: string, label: string, typeName: string): void {
    this.ledger.created(collectionAttr, url, label, typeName);
    this.mine.push({ collection: collectionAttr, url });
  }

  /**
   * The one way the suite creates a Machine: a by-value template built from the first advertised
   * configuration and image, with `template` overriding its parts and `extra` the create's other attributes.
   */
  async createMachine(template: CimiObject = {}, extra: CimiObject = {}): Promise<Created> {
    return this.create('machines', 'Machine', { machineTemplate: { ...(await this.byValueTemplate()), ...template }, ...extra });
  }

  async byValueTemplate(): Promise<CimiObject> {
    const [config, image] = await Promise.all([this.firstItem('machineConfigs'), this.firstItem('machineImages')]);
    return { machineConfig: { href: config }, machineImage: { href: image } };
  }

  /** The id of the first member of a collection that is the provider's own, not this run's (precondition for templates). */
  firstItem(collectionAttr: string): Promise<string> {
    return memo(this.firstItems, collectionAttr, async () => {
      const res = await this.cimi.get(await this.cimi.requireCollection(collectionAttr));
      const items = collectionItems(res.body).filter((i) => this.providerOwned(collectionAttr, i));
      const id = items.find((i) => typeof i['id'] === 'string')?.['id'];
      if (typeof id !== 'string') throw new HarnessError('PRECONDITION', `collection '${collectionAttr}' has no member to build a template from`);
      return id;
    });
  }

  /** Polls until `done(resource)` holds; bounded by the profile's stateTimeoutMs and the request budget. */
  async waitFor(url: string, done: (r: CimiObject) => boolean, what: string): Promise<CimiObject> {
    const poll = new Poll(this.run);
    let last: CimiObject | undefined;
    for (;;) {
      const res = await this.cimi.get(url);
      if (res.status === 200 && res.body) {
        last = res.body;
        if (done(res.body)) return res.body;
      }
      if (res.status === 404) throw new HarnessError('PRECONDITION', `${url} disappeared (404) while waiting for ${what}`);
      if (!(await poll.next())) throw new HarnessError('TIMEOUT', `${what} not reached within ${poll.timeout}; last state: ${String(last?.['state'] ?? res.status)}`);
    }
  }

  /** Waits until the resource is out of transitional states. */
  settle(url: string): Promise<CimiObject> {
    return this.waitFor(url, (r) => !TRANSITIONAL_STATES.has(String(r['state'] ?? '')), 'a non-transitional state');
  }

  /** Deletes through the advertised `delete` operation (or the id) and waits until it is gone. */
  async remove(url: string, collectionAttr = 'machines'): Promise<CimiResponse> {
    const cur = await this.cimi.get(url);
    const op = this.cimi.operation(cur.body, 'delete');
    const res = await this.cimi.delete(op ? await this.cimi.resolve(op.href) : url);
    if (res.status < 300) {
      await this.waitGone(url);
      this.forget(url, collectionAttr);
    }
    return res;
  }

  /** Records a resource as gone, whoever deleted it. */
  private forget(url: string, collectionAttr: string): void {
    this.ledger.deleted(collectionAttr, url);
    const i = this.mine.findIndex((m) => m.url === url);
    if (i >= 0) this.mine.splice(i, 1);
  }

  /**
   * Cleanup: settle, and while the resource does not offer delete, walk it towards STOPPED through
   * what it does offer (stop; start first from PAUSED or SUSPENDED), then delete. The suite never
   * relies on a provider deleting running machines.
   */
  async teardown(url: string, collectionAttr: string): Promise<CimiResponse | undefined> {
    if ((await this.cimi.get(url)).status === 404) {
      this.forget(url, collectionAttr);
      return undefined;
    }
    let cur = await this.settle(url);
    for (let step = 0; step < 3 && !this.cimi.operation(cur, 'delete'); step++) {
      const next = this.cimi.operation(cur, 'stop') ? 'stop' : this.cimi.operation(cur, 'start') ? 'start' : undefined;
      if (!next) break;
      await this.cimi.action(cur, next, next === 'stop' ? { force: true } : {});
      cur = await this.waitFor(url, (r) => !TRANSITIONAL_STATES.has(String(r['state'] ?? '')) && r['state'] !== cur['state'], `the end of ${next}`);
    }
    return this.remove(url, collectionAttr);
  }

  /** Polls until the resource answers 404; a deletion that never shows ends, within stateTimeoutMs, as a FAIL. */
  async waitGone(url: string): Promise<void> {
    const poll = new Poll(this.run);
    let status: number;
    while ((status = (await this.cimi.get(url)).status) !== 404) {
      if (!(await poll.next())) throw new ConformanceError(`${url} still answers ${status}, not 404, ${poll.timeout} after its DELETE was accepted: a deleted resource must be gone`);
    }
  }

  /** Deletes what this check created, newest first; failures are left to the run's final sweep. */
  async dispose(): Promise<void> {
    for (const m of [...this.mine].reverse()) {
      try {
        await this.teardown(m.url, m.collection);
      } catch {
        // The orchestrator's sweep retries from the ledger and reports what survives.
      }
    }
  }

  private async locate(res: CimiResponse, collectionUrl: string, name: string): Promise<string | undefined> {
    const location = res.headers['location'];
    if (location) return this.cimi.resolve(location);
    if (typeof res.body?.['id'] === 'string' && res.body['id'] !== '' && !String(res.body['resourceURI'] ?? '').endsWith('/Job')) return this.cimi.resolve(res.body['id']);
    const affected = res.body?.['affectedResources'];
    if (Array.isArray(affected)) {
      const ref = affected.find((a) => isRef(a) && a.href !== collectionUrl);
      if (isRef(ref)) return this.cimi.resolve(ref.href);
    }
    const list = await this.cimi.get(collectionUrl);
    const hit = collectionItems(list.body).find((i) => i['name'] === name);
    return typeof hit?.['id'] === 'string' ? this.cimi.resolve(hit['id']) : undefined;
  }
}

/**
 * A recording client and a workspace for one check or fixture of the run, in `format`: bounded by the
 * profile's request limits, ledgered against its resource budget, and held to what `allowance` declares.
 */
export function openWorkspace(run: RunContext, format: Format, allowance: Creates): { http: HttpClient; cimi: CimiClient; ws: Workspace } {
  const { profile } = run;
  const http = new HttpClient({ auth: profile.auth, secrets: profile.secrets, timeoutMs: profile.limits.requestTimeoutMs, maxRequests: profile.limits.maxRequestsPerCheck });
  const cimi = new CimiClient(http, run.cepUrl, format, cimiVersion(run.specVersion));
  return { http, cimi, ws: new Workspace(cimi, new Ledger(run.ledgerFile, profile.limits.maxResources), run, allowance) };
}

/** The cached result of `make` for `key`; a failed lookup is not kept, so a later call tries again. */
function memo<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(key);
  if (!hit) {
    hit = make();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

/** The member array of a collection, whatever its attribute name (`machines`, `resourceMetadatas`…). */
export function collectionItems(coll: CimiObject | undefined): CimiObject[] {
  if (!coll) return [];
  for (const [k, v] of Object.entries(coll)) {
    if (k !== 'operations' && Array.isArray(v) && v.every((i) => typeof i === 'object' && i !== null)) return v as CimiObject[];
  }
  return [];
}
