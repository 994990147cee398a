// Catalogs (brief §3, §5.1 step 7, §9): publishing an uploaded template as a CatalogItem, the
// catalog's listing of it, the item's Entity reference, and deleting the item. One template and one
// item for the file; the last check deletes the item.

import { expect } from 'vitest';
import { check, fixture, type CheckContext } from '../../src/vcloud/check.js';
import { attr, children, path } from '../../src/vcloud/xml.js';
import { reference } from '../../src/vcloud/entities.js';
import { MEDIA, sameMediaType } from '../../src/vcloud/mediaTypes.js';
import { templatePackage } from '../../src/vcloud/packages.js';
import { expectEntity, expectRoot, expectStatus } from '../../src/vcloud/probes.js';
import type { Created } from '../../src/vcloud/workspace.js';

const published = fixture('catalog.test.ts: a template published in the catalog', { creates: { VAppTemplate: 1, CatalogItem: 1 } }, async ({ ws }) => {
  const template = await ws.template(templatePackage());
  return { template, item: await ws.addToCatalog(template.href) };
});

/** The fixture's item; its refusal is VCD-035's business, a precondition of the others. */
async function item(ctx: CheckContext): Promise<{ template: { href: string }; item: Created & { href: string } }> {
  const p = await ctx.use(published);
  if (!p.item.href) return ctx.notApplicable(`precondition: the CatalogItem POST was refused (${p.item.res.status}); VCD-035 judges that`);
  return p as { template: { href: string }; item: Created & { href: string } };
}

check('VCD-035', "POSTing a CatalogItem to the catalog's add link answers 200 or 201 with the item", async (ctx) => {
  const { item: made, template: t } = await ctx.use(published);
  expectStatus(made.res, [200, 201], 'VCD-035: POST CatalogItem to the catalog');
  const body = expectRoot(made.res, 'CatalogItem', 'VCD-035');
  expect(attr(body, 'name'), 'VCD-035: the new item is named as asked').toBe(made.name);
  expect(ctx.vcloud.resolve(attr(children(body, 'Entity')[0], 'href') ?? ''), 'VCD-035: its Entity is the template').toBe(t.href);
}, { uses: [published] });

check('VCD-033', 'the catalog lists its items as CatalogItems/CatalogItem references', async (ctx) => {
  const { item: made } = await item(ctx);
  const catalog = expectEntity(await ctx.vcloud.get(attr((await ctx.vcloud.catalog())!, 'href') ?? ''), 'Catalog', 'VCD-033: GET the catalog');
  const items = path(catalog, 'CatalogItems', 'CatalogItem').map(reference);
  for (const i of items) expect(sameMediaType(i.type, MEDIA.catalogItem), `VCD-033: CatalogItem ${i.name ?? i.href} type '${i.type ?? ''}'`).toBe(true);
  expect(items.map((i) => ctx.vcloud.resolve(i.href)), 'VCD-033: the catalog lists the new item').toContain(made.href);
}, { uses: [published] });

check('VCD-034', 'a CatalogItem holds one Entity whose href resolves to the VAppTemplate', async (ctx) => {
  const { item: made, template: t } = await item(ctx);
  const body = expectEntity(await ctx.vcloud.get(made.href), 'CatalogItem', 'VCD-034: GET the CatalogItem');
  const entities = children(body, 'Entity');
  expect(entities.length, 'VCD-034: Entity elements of the CatalogItem').toBe(1);
  const entity = await ctx.vcloud.get(attr(entities[0], 'href') ?? '');
  expectEntity(entity, 'VAppTemplate', 'VCD-034: GET Entity@href');
  expect(ctx.vcloud.resolve(attr(entity.root, 'href') ?? ''), 'VCD-034: the Entity is the template published').toBe(t.href);
}, { uses: [published] });

// Last: deletes the fixture's item.
check('VCD-036', 'DELETE on a CatalogItem answers 204 and the catalog no longer lists it', async (ctx) => {
  const { item: made } = await item(ctx);
  const { res } = await ctx.ws.remove(made.href, 'catalogItem');
  expectStatus(res, 204, 'VCD-036: DELETE CatalogItem');
  const catalog = await ctx.vcloud.get(attr((await ctx.vcloud.catalog())!, 'href') ?? '');
  expect(path(catalog.root, 'CatalogItems', 'CatalogItem').map((i) => ctx.vcloud.resolve(attr(i, 'href') ?? '')), 'VCD-036: the catalog after the DELETE').not.toContain(made.href);
}, { uses: [published] });
