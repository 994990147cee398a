// Checking a decoded request body against the type table: unknown attributes are rejected (§5.3),
// values must have their declared JSON type (§5.5). `null` is kept: it erases (§4.1.6.3, §4.2.1.1).

import { type Context, absoluteHref, typeUri } from './context.js';
import { badRequest } from './errors.js';
import { xsdTime } from './filter.js';
import { type Attribute, type ValueType, isCollectionType, typeDef } from './schema.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates `body` as an instance of `type`; `resourceURI`, if sent, must name one of `aliases` (§4.1.4). */
export function validateBody(ctx: Context, body: Obj, type: string, aliases: readonly string[] = [type]): Obj {
  const uri = body['resourceURI'];
  if (uri !== undefined && !aliases.some((a) => uri === typeUri(ctx, a))) {
    throw badRequest(`resourceURI must be ${aliases.map((a) => typeUri(ctx, a)).join(' or ')}, not ${JSON.stringify(uri)}`);
  }
  return object(ctx, typeDef(type).attributes, body, '');
}

function object(ctx: Context, attrs: readonly Attribute[], obj: Obj, path: string, extra: readonly string[] = ['resourceURI']): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) {
    if (extra.includes(k)) {
      if (k !== 'resourceURI') out[k] = v;
      continue;
    }
    const attr = attrs.find((a) => a.name === k);
    if (!attr) {
      if (ctx.quirk('unknown-attribute-accepted')) continue;
      throw badRequest(`unknown attribute ${path}${k}`);
    }
    out[k] = value(ctx, attr.type, v, `${path}${k}`);
  }
  return out;
}

function fail(path: string, what: string): never {
  throw badRequest(`${path} must be ${what}`);
}

/** hrefs are kept absolute: a relative one is resolved against baseURI (§5.5.10). */
function absolute(ctx: Context, href: unknown, path: string): string {
  if (typeof href !== 'string') fail(path, 'a URI string');
  return absoluteHref(ctx, href) ?? fail(path, 'a URI');
}

function value(ctx: Context, t: ValueType, v: unknown, path: string): unknown {
  if (v === null) return null;
  switch (t.kind) {
    case 'string':
    case 'uri':
      return typeof v === 'string' ? v : fail(path, 'a string');
    case 'dateTime':
      return typeof v === 'string' && !Number.isNaN(xsdTime(v)) ? v : fail(path, 'an xs:dateTime string');
    case 'integer':
      return Number.isSafeInteger(v) ? v : fail(path, 'an integer');
    case 'boolean':
      return typeof v === 'boolean' ? v : fail(path, 'true or false');
    case 'any':
      return v;
    case 'ref': {
      if (!isObj(v)) fail(path, 'a reference {"href": …}');
      const attrs = isCollectionType(t.target) ? [] : typeDef(t.target).attributes;
      const out = object(ctx, attrs, v, `${path}.`, ['resourceURI', 'href']);
      return v['href'] === undefined ? out : { ...out, href: absolute(ctx, v['href'], `${path}.href`) };
    }
    case 'refArray':
      if (!Array.isArray(v)) fail(path, 'an array of references');
      return v.map((r, i) => (isObj(r) ? { href: absolute(ctx, r['href'], `${path}[${i}].href`) } : fail(`${path}[${i}]`, 'a reference')));
    case 'map':
      if (!isObj(v) || !Object.values(v).every((s) => typeof s === 'string')) fail(path, 'a map of strings');
      return { ...v };
    case 'array':
      if (!Array.isArray(v)) fail(path, 'an array');
      return v.map((i, n) => value(ctx, t.item, i, `${path}[${n}]`));
    case 'struct':
      if (!isObj(v)) fail(path, 'an object');
      return object(ctx, t.fields, v, `${path}.`, []);
    case 'resource':
      if (!isObj(v)) fail(path, 'an object');
      return object(ctx, typeDef(t.type).attributes, v, `${path}.`);
  }
}
