// Scoping a query check to its own Machines. Other checks run concurrently against the same provider,
// so a query check either judges only the members it created (found by id in whatever the provider
// lists), or lists exactly its own Machines with a `property[...]` marker filter (§4.1.6.1).

import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { CheckContext } from '../../src/harness/check.js';
import type { CimiClient, CimiObject, Query } from '../../src/harness/cimiClient.js';
import { HarnessError } from '../../src/harness/errors.js';
import { expectBody } from '../../src/harness/probes.js';
import { collectionItems } from '../../src/harness/workspace.js';

/** A Machine this check created: its resolved id and its full representation once settled. */
export interface Mine {
  /** Where the create said it is (what the workspace deletes). */
  url: string;
  id: string;
  name: string;
  body: CimiObject;
}

export interface Listing {
  body: CimiObject;
  items: CimiObject[];
  /** Member ids resolved against the baseURI, in the order listed. */
  ids: string[];
}

/**
 * A name no concurrent check can also produce. `ws.uniqueName` alone is not enough: vitest worker
 * threads share one pid and each has its own counter, so two threads can make the same name.
 */
export const uniqueTag = (ctx: CheckContext, tag: string): string => `${ctx.ws.uniqueName(tag)}-${crypto.randomBytes(4).toString('hex')}`;

/** Creates Machines one after the other (so creation order is known) and reads each back settled. */
export async function createMine(ctx: CheckContext, extras: CimiObject[]): Promise<Mine[]> {
  const out: Mine[] = [];
  for (const extra of extras) {
    const { url, name } = await ctx.ws.createMachine(extra);
    const body = await ctx.ws.settle(url);
    out.push({ url, id: await ctx.cimi.resolve(typeof body['id'] === 'string' ? body['id'] : url), name, body });
  }
  return out;
}

/** GET on the machines collection with `query`: 200 and a decodable Collection. */
export async function listMachines(cimi: CimiClient, query: Query, rule: string): Promise<Listing> {
  const res = await cimi.get(await cimi.requireCollection('machines'), { query });
  expect(res.status, `${rule}: GET ${res.exchange.url}`).toBe(200);
  const body = expectBody(res, rule);
  const items = collectionItems(body);
  const ids = await Promise.all(items.map((i) => cimi.resolve(String(i['id'] ?? ''))));
  return { body, items, ids };
}

export interface Marked {
  /** `property['cc-scope']='<token>'`: lists exactly this check's Machines. */
  filter: string;
  mine: Mine[];
}

const SCOPE_KEY = 'cc-scope';

/**
 * Machines that carry a marker unique to the check, created in the order of `extras`. Listing them
 * needs `$filter` (FilterParameter) with property expressions (CIMI-Q-010); when the marker filter
 * does not list exactly them, the check is not applicable: that failure is CIMI-Q-010's.
 */
export async function markedMachines(ctx: CheckContext, extras: CimiObject[]): Promise<Marked> {
  if (!ctx.run.features.includes('FilterParameter')) return ctx.notApplicable('isolating this check from concurrent ones needs $filter, and the provider does not claim FilterParameter');
  const token = uniqueTag(ctx, 'scope');
  const mine = await createMine(
    ctx,
    extras.map((e) => ({ ...e, properties: { ...((e['properties'] as CimiObject | undefined) ?? {}), [SCOPE_KEY]: token } })),
  );
  const filter = `property['${SCOPE_KEY}']='${token}'`;
  const { ids } = await listMachines(ctx.cimi, [['$filter', filter]], 'listing the machines of this check');
  const expected = mine.map((m) => m.id).sort();
  if (JSON.stringify([...ids].sort()) !== JSON.stringify(expected)) {
    ctx.notApplicable(`$filter=${filter} did not list exactly the ${mine.length} Machines of this check (see CIMI-Q-010)`);
  }
  return { filter, mine };
}

/** Subsetting checks need the unsliced filtered count right first: that count is CIMI-Q-012's rule. */
export async function requireFilteredCount(ctx: CheckContext, s: Marked): Promise<void> {
  const { body } = await listMachines(ctx.cimi, [['$filter', s.filter]], 'the unsliced filtered list');
  if (body['count'] !== s.mine.length) ctx.notApplicable(`count with $filter alone is ${String(body['count'])}, not the ${s.mine.length} filtered members (CIMI-Q-012)`);
}

/** Ids of `listing` in order, each mapped to the name of the Machine of this check (or the id). */
export function namesOf(listing: Listing, mine: Mine[]): string[] {
  return listing.ids.map((id) => mine.find((m) => m.id === id)?.name ?? id);
}

/** Machine templates by value, one per configuration advertised, in the collection's order. */
export async function configTemplates(ctx: CheckContext): Promise<{ config: CimiObject; template: CimiObject }[]> {
  const { cimi, ws } = ctx;
  const [configs, image] = await Promise.all([cimi.get(await cimi.requireCollection('machineConfigs')), ws.firstItem('machineImages')]);
  const out = [];
  for (const item of collectionItems(configs.body)) {
    if (typeof item['id'] !== 'string' || !ws.providerOwned('machineConfigs', item)) continue;
    const full = await cimi.get(await cimi.resolve(item['id']));
    if (full.status === 404) continue;
    if (full.status !== 200 || !full.body) throw new HarnessError('PRECONDITION', `GET MachineConfiguration ${item['id']} answered ${full.status}`);
    out.push({ config: full.body, template: { machineConfig: { href: item['id'] }, machineImage: { href: image } } });
  }
  return out;
}
