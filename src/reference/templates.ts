// Template instantiation (§4.2.1.1): by value (the template's attributes inline) or by reference
// (`{href, ...overrides}`, where an override replaces the template's value for this instantiation
// only and `null` erases it). Also the lookup of any reference a consumer sends.

import { type Context, absoluteHref } from './context.js';
import { badRequest } from './errors.js';
import type { Resource, Values } from './store.js';

const isObj = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The resource of `type` that `href` (absolute, or relative to baseURI) names; 400 if none. */
export function lookupRef(ctx: Context, href: unknown, type: string, what: string): Resource {
  const r = ctx.store.get(absoluteHref(ctx, String(href)) ?? '', type);
  if (!r) throw badRequest(`${what}: ${String(href)} names no ${type}`);
  return r;
}

/** Drops nulls and the resourceURI of an inline value. */
function inlineValues(v: Values): Values {
  return Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== null && k !== 'resourceURI'));
}

/** The effective template values of a create request's template attribute. */
export function instantiate(ctx: Context, given: unknown, type: string, collection: string, what: string): Values {
  if (!isObj(given)) throw badRequest(`${what} is required`);
  const { href, resourceURI: _uri, ...attrs } = given;
  if (href === undefined) {
    if (ctx.quirk('by-value-template-exposed')) {
      const now = ctx.now();
      ctx.store.add(type, ctx.store.newId(collection), { ...inlineValues(attrs), created: now, updated: now });
    }
    return inlineValues(attrs);
  }
  const template = lookupRef(ctx, href, type, what);
  const values: Values = { ...template.values };
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null) values[k] = v;
    else if (!ctx.quirk('null-erase-ignored')) delete values[k];
  }
  if (ctx.quirk('override-persisted')) {
    Object.assign(template.values, inlineValues(attrs));
    ctx.store.touch(template);
  }
  return values;
}

/** A nested reference-or-value attribute (e.g. machineConfig): the referenced resource's values, or the inline ones. */
export function refOrValue(ctx: Context, v: unknown, type: string, what: string): Values | undefined {
  if (!isObj(v)) return undefined;
  return v['href'] !== undefined ? lookupRef(ctx, v['href'], type, what).values : inlineValues(v);
}
