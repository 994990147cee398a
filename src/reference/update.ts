// PUT (§4.2.1.3): a full update replaces every consumer-writable attribute (absent ⇒ erased);
// read-only attributes in the body are silently ignored. With ?$select=a,b it is a partial update
// (§4.2.1.3.1): only listed attributes change, listed-but-absent ones are erased, and a body
// attribute that is not listed is an error.

import type { Context } from './context.js';
import { badRequest } from './errors.js';
import type { Kind } from './kind.js';
import type { Names } from './query.js';
import { REPRESENTATION_ONLY, isWritable, typeDef } from './schema.js';
import type { Resource, Values } from './store.js';

const READ_ONLY_COMMON = ['id', 'created', 'updated'] as const;

export function applyUpdate(ctx: Context, kind: Kind, r: Resource, body: Values, select: Names | undefined): void {
  if (ctx.quirk('read-only-update-rejected')) {
    const current: Values = { ...r.values, id: r.id };
    const changed = READ_ONLY_COMMON.find((k) => body[k] !== undefined && body[k] !== current[k]);
    if (changed) throw badRequest(`${changed} is read-only`);
  }
  const writable = typeDef(r.type)
    .attributes.filter((a) => isWritable(a) && !REPRESENTATION_ONLY.has(a.name))
    .map((a) => a.name);
  const partial = select !== undefined && select !== '*' && !ctx.quirk('partial-update-ignores-select');
  const next: Values = { ...r.values };
  const set = (name: string): void => {
    const v = body[name];
    if (v !== undefined && v !== null) next[name] = v;
    else if (!(partial && ctx.quirk('partial-update-no-erase'))) delete next[name];
  };
  if (partial) {
    const extra = Object.keys(body).find((k) => k !== 'resourceURI' && !select.includes(k));
    if (extra && !ctx.quirk('select-extra-body-accepted')) throw badRequest(`${extra} is in the body but not listed in $select`);
    for (const name of select) if (writable.includes(name)) set(name);
  } else {
    for (const name of writable) set(name);
  }
  kind.check?.(ctx, next);
  const now = ctx.now();
  next['updated'] = now;
  if (ctx.quirk('created-changes-on-update')) next['created'] = now;
  r.values = next;
  ctx.store.touch(r);
}
