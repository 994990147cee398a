// Building the JSON-shaped representation of a resource: resourceURI first, attributes in
// definition order (§4.1.6.3), empty strings/maps/arrays omitted (§5.5.15), references to deleted
// resources dropped (§5.10.1). The XML codec serialises the same object, so both formats agree.

import { type Context, typeUri } from './context.js';
import { type ValueType, typeDef } from './schema.js';
import type { Values } from './store.js';

/** Symbol-keyed type tag on representation objects (invisible to JSON.stringify) for the XML codec. */
export const TYPE = Symbol('cimiType');
export type Rep = { [key: string]: unknown; [TYPE]?: string };

export interface Operation {
  rel: string;
  href: string;
}

export function tagged(type: string, rep: Record<string, unknown>): Rep {
  Object.defineProperty(rep, TYPE, { value: type, enumerable: false });
  return rep as Rep;
}

export function represent(ctx: Context, type: string, values: Values, operations: readonly Operation[] = []): Rep {
  const out: Record<string, unknown> = {};
  if (!(ctx.quirk('resourceuri-missing') && type === 'Machine')) out['resourceURI'] = typeUri(ctx, type);
  for (const attr of typeDef(type).attributes) {
    if (hidden(ctx, type, attr.name)) continue;
    let v = attr.name === 'operations' ? operations : values[attr.name];
    if (type === 'Machine' && attr.name === 'cpuArch' && v !== undefined && ctx.quirk('cpuarch-nonstandard')) v = 'amd64';
    if (attr.name === 'properties') v = withProviderKey(ctx, v);
    const pv = prune(ctx, attr.type, v);
    if (pv !== undefined) out[attr.name] = pv;
    else if (attr.name === 'description' && ctx.quirk('empty-string-emitted')) out[attr.name] = '';
    else if (attr.name === 'properties' && ctx.quirk('empty-map-emitted')) out[attr.name] = {};
  }
  return tagged(type, out);
}

/** Attributes a quirk withholds from every representation. */
function hidden(ctx: Context, type: string, attr: string): boolean {
  return (type === 'Machine' && attr === 'cpuArch' && ctx.quirk('machine-missing-cpuarch')) || (type === 'MachineImage' && attr === 'imageLocation' && ctx.quirk('image-missing-location'));
}

function withProviderKey(ctx: Context, v: unknown): unknown {
  return ctx.quirk('properties-provider-key') ? { ...(v as Record<string, string> | undefined), 'x-reference-node': 'ref-1' } : v;
}

/** A local href that names a resource which no longer exists (§5.10.1: such references are emptied). */
function dangling(ctx: Context, v: unknown): boolean {
  if (ctx.quirk('dangling-ref-kept') || typeof v !== 'object' || v === null) return false;
  const href = (v as { href?: unknown }).href;
  if (typeof href !== 'string' || !href.startsWith(ctx.baseUrl)) return false;
  const path = href.slice(ctx.baseUrl.length);
  // Collections (one path segment, or a Machine's disks) always exist while their owner does.
  const owner = path.endsWith('/disks') ? href.slice(0, -'/disks'.length) : undefined;
  if (!path.includes('/')) return false;
  return !ctx.store.get(owner ?? href);
}

function prune(ctx: Context, type: ValueType, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (type.kind) {
    case 'string':
    case 'uri':
      return v === '' ? undefined : v;
    case 'dateTime':
      return v === '' ? undefined : ctx.quirk('dates-without-offset') ? String(v).replace(/(Z|[+-]\d\d:\d\d)$/, '') : v;
    case 'integer':
    case 'boolean':
    case 'any':
      return v;
    case 'ref':
      return dangling(ctx, v) ? undefined : v;
    case 'refArray': {
      const items = (v as unknown[]).filter((i) => !dangling(ctx, i));
      return items.length > 0 || ctx.quirk('empty-array-emitted') ? items : undefined;
    }
    case 'map':
      return Object.keys(v as object).length > 0 ? v : undefined;
    case 'resource':
      return v;
    case 'array': {
      const items = (v as unknown[]).map((i) => prune(ctx, type.item, i)).filter((i) => i !== undefined);
      if (items.length > 0) return items;
      const members = type.item.kind === 'resource';
      return (members ? ctx.quirk('empty-collection-array-emitted') : ctx.quirk('empty-array-emitted')) ? [] : undefined;
    }
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const f of type.fields) {
        const pv = prune(ctx, f.type, (v as Record<string, unknown>)[f.name]);
        if (pv !== undefined) out[f.name] = pv;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}
