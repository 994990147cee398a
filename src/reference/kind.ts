// What each resource type does beyond the generic read/update: its operations now, how it is
// created through its collection's `add`, deleted, and acted upon.

import type { Context } from './context.js';
import { beginJob, endJob } from './jobs.js';
import type { Operation } from './representation.js';
import type { Resource, Values } from './store.js';

/** The result of a mutating request. `async`: still in progress when the response is sent (202). */
export interface Outcome {
  /** The resource created (Location, 201 body). */
  resource?: Resource;
  job?: Resource;
  async: boolean;
  /** Location of something that is not a resource (an exported package, §5.13.1.2). */
  location?: string;
}

export interface CreateBody {
  type: string;
  roots: string[];
}

export interface Kind {
  /** The operations this client may invoke now (§4.2). */
  operations(ctx: Context, r: Resource): Operation[];
  /** Request body accepted by `add`: the type it is validated as and the accepted root/resourceURI names. */
  createBody?: CreateBody | ((ctx: Context) => CreateBody);
  create?(ctx: Context, body: Values): Outcome;
  /** Constraints on the values after create or update (mandatory attributes, valid references). */
  check?(ctx: Context, values: Values): void;
  /** Whether a PUT may change it now; absent: never (405). */
  canEdit?(r: Resource): boolean;
  remove?(ctx: Context, r: Resource): Outcome;
  /** Names of the actions the type implements (op href = `<id>/<name>`); act() checks the state. */
  actions?: readonly string[];
  act?(ctx: Context, r: Resource, action: string, body: Values): Outcome | Promise<Outcome>;
  /** Actions on the type's collection (op href = `<collection>/<name>`), e.g. import (§5.13.5.1). */
  collectionActions?: readonly string[];
  actOnCollection?(ctx: Context, collection: string, action: string, body: Values): Promise<Outcome>;
}

export const editDelete = (r: Resource): Operation[] => [
  { rel: 'edit', href: r.id },
  { rel: 'delete', href: r.id },
];

/** Deletes at once, with its Job. */
export function removeNow(ctx: Context, r: Resource): Outcome {
  const job = beginJob(ctx, 'delete', r.id);
  ctx.store.remove(r.id);
  endJob(ctx, job);
  return { ...(job ? { job } : {}), async: false };
}
