// What a URL shows: a stored resource, a collection (the CEP's, or a Machine's disks), rendered
// with their current operations; and the resolver $expand uses to inline a referenced target.

import { type Context, absoluteHref, actionUri, collectionUrl } from './context.js';
import { kindOf } from './kinds.js';
import { disksOf } from './machines.js';
import { type Query, pipeline } from './query.js';
import { type Operation, type Rep, represent } from './representation.js';
import { COLLECTIONS, itemsAttribute } from './schema.js';
import type { Resolver } from './select.js';
import type { Resource } from './store.js';

export function renderResource(ctx: Context, r: Resource): Rep {
  return represent(ctx, r.type, { ...r.values, id: r.id }, kindOf(r.type).operations(ctx, r));
}

export interface CollectionView {
  id: string;
  itemType: string;
  members: Resource[];
  operations: Operation[];
  parent?: string;
}

/** The collection at `href`, if there is one (jobs only when Jobs are exposed). */
export function collectionAt(ctx: Context, href: string): CollectionView | undefined {
  const top = COLLECTIONS.find((c) => collectionUrl(ctx, c.attr) === href && (c.attr !== 'jobs' || ctx.jobs));
  if (top) {
    const kind = kindOf(top.itemType);
    const operations: Operation[] = [
      ...(kind.create !== undefined ? [{ rel: 'add', href }] : []),
      ...(kind.collectionActions ?? []).map((a) => ({ rel: actionUri(ctx, a), href: `${href}/${a}` })),
    ];
    return { id: href, itemType: top.itemType, members: ctx.store.list(top.itemType), operations };
  }
  if (href.endsWith('/disks')) {
    const machine = ctx.store.get(href.slice(0, -'/disks'.length), 'Machine');
    if (machine) return { id: href, itemType: 'Disk', members: disksOf(ctx, machine.id), operations: [], parent: machine.id };
  }
  return undefined;
}

export function renderCollection(ctx: Context, view: CollectionView, q?: Query): Rep {
  const reps = view.members.map((r) => renderResource(ctx, r));
  const { count, members } = q ? pipeline(ctx, q, view.itemType, reps) : { count: reps.length, members: reps };
  const type = `${view.itemType}Collection`;
  return represent(
    ctx,
    type,
    { id: view.id, count, ...(view.parent ? { parent: { href: view.parent } } : {}), [itemsAttribute(type).name]: members },
    view.operations,
  );
}

export function resolver(ctx: Context): Resolver {
  return (href) => {
    const abs = absoluteHref(ctx, href);
    if (abs === undefined) return undefined;
    const r = ctx.store.get(abs);
    if (r) return renderResource(ctx, r);
    const view = collectionAt(ctx, abs);
    return view ? renderCollection(ctx, view) : undefined;
  };
}
