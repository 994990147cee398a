// Scoping a query check. Other checks run concurrently against the same provider, so a query check
// either judges only the members it knows (found by id in whatever the provider lists), or lists exactly
// the run's shared Machines with their `property[...]` marker filter (§4.1.6.1).

import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { CheckContext } from '../../src/cimi/check.js';
import type { CimiClient, CimiObject, Query } from '../../src/cimi/cimiClient.js';
import { expectBody } from '../../src/cimi/probes.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { sharedMachines, type SharedMachine } from '../../src/cimi/sharedMachines.js';

/** A Machine of this check or of the run's shared set: its resolved id and its settled representation. */
export type Mine = SharedMachine;

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
    const { url, name } = await ctx.ws.createMachine({}, extra);
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
  /** `property['cc-scope']='<token>'`: lists exactly the run's shared Machines. */
  filter: string;
  /** In creation order. */
  mine: Mine[];
}

/**
 * The run's shared Machines (read-only; see src/harness/sharedMachines.ts), listed with their marker
 * filter. Listing them needs `$filter` (FilterParameter) with property expressions (CIMI-Q-010); when
 * the marker filter does not list exactly them, the check is not applicable: that failure is CIMI-Q-010's.
 */
export async function sharedScope(ctx: CheckContext): Promise<Marked> {
  if (!ctx.run.features.includes('FilterParameter')) return ctx.notApplicable('isolating this check from concurrent ones needs $filter, and the provider does not claim FilterParameter');
  const { filter, machines } = await ctx.use(sharedMachines);
  const { ids } = await listMachines(ctx.cimi, [['$filter', filter]], 'listing the shared machines of the run');
  if (JSON.stringify([...ids].sort()) !== JSON.stringify(machines.map((m) => m.id).sort())) {
    ctx.notApplicable(`$filter=${filter} did not list exactly the run's ${machines.length} shared Machines (see CIMI-Q-010)`);
  }
  return { filter, mine: machines };
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
