// Catalog items (§3, §5.1 step 7): POST a CatalogItem whose Entity is a template of this org to the
// catalog's add link → 201; a template sits in at most one catalog; item names are unique in their
// catalog. DELETE removes the entry only (204), never the template.

import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import type { Catalog, CatalogItem } from './entities.js';
import { badRequest, duplicateName } from './errors.js';
import { MEDIA, requireContentType } from './media-types.js';
import { hrefOf, newUuid, uuidOfHref } from './refs.js';
import { catalogItemElement } from './views.js';
import { readRoot, requiredAttr, sequence, textOf } from './xml.js';

export function addCatalogItem(ctx: VcdContext, req: VcdRequest, catalog: Catalog): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.catalogItem, MEDIA.adminCatalogItem]);
  const root = readRoot(req.body, 'CatalogItem');
  const name = requiredAttr(root, 'name');
  const parts = sequence(root, [{ name: 'Description' }, { name: 'Entity', min: 1 }]);
  const href = parts.get('Entity')![0]!.getAttribute('href') ?? '';
  const uuid = uuidOfHref(ctx.apiUrl, 'vAppTemplate', href);
  const template = uuid === undefined ? undefined : ctx.store.templates.get(uuid);
  if (!template) throw badRequest(`EntityRef has incorrect type or names nothing of this organization: "${href}" is not a vApp template href`);
  const items = [...ctx.store.catalogItems.values()];
  if (items.some((i) => i.template === template.uuid)) throw badRequest(`vApp template "${template.name}" is already in a catalog; a template may be in one catalog only`);
  if (items.some((i) => i.catalog === catalog.uuid && i.name === name)) throw duplicateName('catalog item', name);
  ctx.store.ensureRoom(1);
  const description = textOf(parts, 'Description');
  const item: CatalogItem = { uuid: newUuid(), name, ...(description !== undefined ? { description } : {}), catalog: catalog.uuid, template: template.uuid };
  ctx.store.catalogItems.set(item.uuid, item);
  return { status: 201, headers: { location: hrefOf(ctx.apiUrl, 'catalogItem', item.uuid) }, xml: { root: catalogItemElement(ctx, item), media: MEDIA.catalogItem } };
}

export function deleteCatalogItem(ctx: VcdContext, item: CatalogItem): Reply {
  ctx.store.catalogItems.delete(item.uuid);
  return { status: 204 };
}
