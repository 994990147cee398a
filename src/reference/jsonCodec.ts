// JSON serialisation (§5.4): the representation object is the JSON document.

import type { Context } from './context.js';
import { badRequest } from './errors.js';
import type { Rep } from './representation.js';

export function encodeJson(ctx: Context, rep: Rep): string {
  const stringify = (ctx.quirk('integers-as-strings') ? ['number'] : []).concat(ctx.quirk('booleans-as-strings') ? ['boolean'] : []);
  return stringify.length === 0 ? JSON.stringify(rep) : JSON.stringify(rep, (_k, v: unknown) => (stringify.includes(typeof v) ? String(v) : v));
}

export function decodeJson(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw badRequest(`body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('body must be a JSON object');
  return v as Record<string, unknown>;
}
