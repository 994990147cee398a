// $select (§4.1.6.3) and $expand (§4.1.6.4) applied to representations.

import type { Context } from './context.js';
import type { Names } from './query.js';
import { type Rep, TYPE, tagged } from './representation.js';
import { itemsAttribute, typeDef } from './schema.js';

/** Renders what an href names (a resource or a collection), for expansion; undefined if nothing. */
export type Resolver = (href: string) => Rep | undefined;

const listed = (names: Names, n: string): boolean => names === '*' || names.includes(n);

/** A resource trimmed to the selected attributes; resourceURI always stays (§4.1.4). */
export function selectResource(ctx: Context, rep: Rep, names: Names, keepResourceUri = true): Rep {
  if (names === '*' && !ctx.quirk('select-drops-id')) return rep;
  const out: Record<string, unknown> = {};
  if (keepResourceUri && rep['resourceURI'] !== undefined && !ctx.quirk('select-drops-resourceuri')) out['resourceURI'] = rep['resourceURI'];
  const order = ctx.quirk('select-order-as-requested') && names !== '*' ? names : Object.keys(rep);
  for (const k of order) {
    if (k === 'resourceURI' || !Object.hasOwn(rep, k) || !listed(names, k)) continue;
    if (k === 'id' && ctx.quirk('select-drops-id')) continue;
    out[k] = rep[k];
  }
  return tagged(rep[TYPE] ?? '', out);
}

/**
 * A collection under $select: names of collection attributes (count, operations, …) keep those;
 * names of member attributes trim every member to them; `<members>/attr` does the latter
 * explicitly (QueryPathNotation).
 */
export function selectCollection(ctx: Context, rep: Rep, names: Names): Rep {
  if (names === '*' || ctx.quirk('select-collection-ignored')) return rep;
  const type = rep[TYPE] ?? '';
  const itemsName = itemsAttribute(type).name;
  const own = new Set(typeDef(type).attributes.map((a) => a.name));
  const memberNames = names.filter((n) => !own.has(n)).concat(names.filter((n) => n.startsWith(`${itemsName}/`)).map((n) => n.slice(itemsName.length + 1)));
  const out = selectResource(ctx, rep, names.filter((n) => own.has(n)));
  const members = rep[itemsName] as Rep[] | undefined;
  if (members && memberNames.length > 0) out[itemsName] = members.map((m) => selectResource(ctx, m, memberNames, false));
  else if (members && names.includes(itemsName)) out[itemsName] = members;
  return reorder(rep, out);
}

// Keeps the collection's own attribute order after members were put back.
function reorder(like: Rep, rep: Rep): Rep {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(like)) if (Object.hasOwn(rep, k)) out[k] = rep[k];
  return tagged(like[TYPE] ?? '', out);
}

/** Inlines the named reference attributes: `{href, ...target's attributes}` (§4.1.6.4). */
export function expandResource(ctx: Context, rep: Rep, names: Names, resolve: Resolver): Rep {
  if (ctx.quirk('expand-ignored')) return rep;
  const type = rep[TYPE] ?? '';
  const out: Record<string, unknown> = { ...rep };
  for (const attr of typeDef(type).attributes) {
    const v = rep[attr.name];
    if (attr.type.kind !== 'ref' || !listed(names, attr.name) || typeof v !== 'object' || v === null) continue;
    const href = (v as { href?: unknown }).href;
    const target = typeof href === 'string' ? resolve(href) : undefined;
    if (!target) continue;
    const { resourceURI: _uri, ...attrs } = target;
    out[attr.name] = tagged(target[TYPE] ?? attr.type.target, { href, ...attrs });
  }
  return tagged(type, out);
}

/** On a collection the names apply to every member's attributes (§4.1.6.4). */
export function expandCollection(ctx: Context, rep: Rep, names: Names, resolve: Resolver): Rep {
  const type = rep[TYPE] ?? '';
  const itemsName = itemsAttribute(type).name;
  const members = rep[itemsName] as Rep[] | undefined;
  if (!members) return rep;
  return tagged(type, { ...rep, [itemsName]: members.map((m) => expandResource(ctx, m, names, resolve)) });
}
