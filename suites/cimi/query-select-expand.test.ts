// $select (§4.1.6.3) trims a representation to the listed attributes, in definition order, keeping
// resourceURI; $expand (§4.1.6.4) inlines referenced resources next to their href. Checked on a
// shared Machine of the run and on the §7.1 collections.

import { expect } from 'vitest';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { check, type CheckContext } from '../../src/cimi/check.js';
import { isRef, type CimiObject, type Query } from '../../src/cimi/cimiClient.js';
import { expectBody } from '../../src/cimi/probes.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';

/** Attribute names of a decoded representation, in order, without resourceURI and the XML decoder's note. */
const attrs = (o: CimiObject): string[] => Object.keys(o).filter((k) => k !== 'resourceURI' && k !== '$xml');

/** One of the run's shared Machines (it has a description and properties), and its full representation. */
async function machine(ctx: CheckContext): Promise<{ url: string; full: CimiObject }> {
  const m = await sharedMachine(ctx);
  // Read again in this check's format: attribute order and decoding are the format's.
  return { url: m.url, full: await getWith(ctx, m.url, [], 'GET the shared Machine') };
}

async function getWith(ctx: CheckContext, url: string, query: Query, rule: string): Promise<CimiObject> {
  const res = await ctx.cimi.get(url, { query });
  expect(res.status, `${rule}: GET ${res.exchange.url}`).toBe(200);
  return expectBody(res, rule);
}

// ---- $select on a resource

check('CIMI-Q-021', '$select=name,description returns only those attributes', async (ctx) => {
  const { url } = await machine(ctx);
  const body = await getWith(ctx, url, [['$select', 'name,description']], 'CIMI-Q-021');
  expect(attrs(body).sort(), '$select=name,description: exactly the selected attributes').toEqual(['description', 'name']);
}, { uses: [sharedMachines], format: 'each' });

check('CIMI-Q-022', 'unknown names in $select are ignored', async (ctx) => {
  const { url } = await machine(ctx);
  const body = await getWith(ctx, url, [['$select', 'name,noSuchAttribute,description']], 'CIMI-Q-022: an unknown name is no error');
  expect(attrs(body).sort(), '$select=name,noSuchAttribute,description is $select=name,description').toEqual(['description', 'name']);
}, { uses: [sharedMachines] });

check('CIMI-Q-023', '$select=* returns every attribute, operations included', async (ctx) => {
  const { url, full } = await machine(ctx);
  const body = await getWith(ctx, url, [['$select', '*']], 'CIMI-Q-023');
  expect(attrs(body).sort(), '$select=* has the attributes of the plain GET').toEqual(attrs(full).sort());
}, { uses: [sharedMachines], format: 'each' });

check('CIMI-Q-024', 'several $select parameters are a union', async (ctx) => {
  const { url } = await machine(ctx);
  const body = await getWith(ctx, url, [['$select', 'name'], ['$select', 'description']], 'CIMI-Q-024');
  expect(attrs(body).sort(), '$select=name&$select=description is $select=name,description').toEqual(['description', 'name']);
}, { uses: [sharedMachines] });

check('CIMI-Q-025', 'selected attributes come in definition order, not $select order', async (ctx) => {
  const { url, full } = await machine(ctx);
  const asked = ['cpu', 'state', 'description', 'name'].filter((a) => full[a] !== undefined);
  const body = await getWith(ctx, url, [['$select', asked.join(',')]], 'CIMI-Q-025');
  // The full representation is in definition order (name before description, Table 5; state before cpu, Table 16).
  expect(attrs(body), `$select=${asked.join(',')}: order of the resource definition`).toEqual(attrs(full).filter((a) => asked.includes(a)));
}, { uses: [sharedMachines], format: 'each' });

// ---- $select on a collection (machineConfigs: §7.1, seeded by every provider, not changed by checks)

async function configs(ctx: CheckContext): Promise<{ url: string; full: CimiObject; itemsAttr: string }> {
  const url = await ctx.cimi.requireCollection('machineConfigs');
  const full = await getWith(ctx, url, [], 'GET machineConfigs');
  const itemsAttr = attrs(full).find((k) => Array.isArray(full[k]) && k !== 'operations');
  if (!itemsAttr) return ctx.notApplicable('the machineConfigs collection is empty: no members to trim');
  return { url, full, itemsAttr };
}

check('CIMI-Q-026', "on a collection, $select=count,operations returns those and no members", async (ctx) => {
  const { url } = await configs(ctx);
  const body = await getWith(ctx, url, [['$select', 'count,operations']], 'CIMI-Q-026');
  expect(collectionItems(body), '$select=count,operations lists no members').toEqual([]);
  expect(typeof body['count'], '$select=count keeps count').toBe('number');
  expect(attrs(body).filter((a) => a !== 'count' && a !== 'operations'), 'only count and operations are selected').toEqual([]);
}, { format: 'each' });

check('CIMI-Q-027', 'on a collection, an item attribute in $select trims every member to it', async (ctx) => {
  const { url } = await configs(ctx);
  const body = await getWith(ctx, url, [['$select', 'name']], 'CIMI-Q-027');
  const members = collectionItems(body);
  expect(members.length > 0, '$select=name keeps the members').toBe(true);
  for (const m of members) expect(attrs(m), 'each member carries only name (not even id)').toEqual(['name']);
}, { format: 'each' });

check('CIMI-Q-028', '$select=<members>/name trims the members and not the collection', async (ctx) => {
  const { url, itemsAttr } = await configs(ctx);
  const body = await getWith(ctx, url, [['$select', `${itemsAttr}/name,count`]], 'CIMI-Q-028');
  expect(typeof body['count'], `$select=${itemsAttr}/name,count keeps the collection's count`).toBe('number');
  const members = collectionItems(body);
  expect(members.length > 0, 'the members are kept').toBe(true);
  for (const m of members) expect(attrs(m), `${itemsAttr}/name: each member carries only name`).toEqual(['name']);
});

// ---- $expand

/** Names of the reference attributes of a representation (`{href}` only, §5.5.6). */
const refAttrs = (o: CimiObject): string[] => attrs(o).filter((k) => k !== 'operations' && isRef(o[k]));

/** Whether a reference carries the target's attributes next to its href. */
const expanded = (v: unknown): boolean => isRef(v) && Object.keys(v).some((k) => k !== 'href');

async function machineRefs(ctx: CheckContext): Promise<{ url: string; full: CimiObject; refs: string[] }> {
  const m = await machine(ctx);
  const refs = refAttrs(m.full);
  if (refs.length === 0) return ctx.notApplicable('the Machine has no reference attribute to expand');
  return { ...m, refs };
}

check('CIMI-Q-029', '$expand=<ref> inlines the referenced resource next to href', async (ctx) => {
  const { url, full, refs } = await machineRefs(ctx);
  const attr = refs[0]!;
  const body = await getWith(ctx, url, [['$expand', attr]], 'CIMI-Q-029');
  expect(expanded(body[attr]), `$expand=${attr}: ${attr} carries the target's attributes`).toBe(true);
  expect((body[attr] as { href: string }).href, `$expand=${attr} keeps the href`).toBe((full[attr] as { href: string }).href);
}, { uses: [sharedMachines], format: 'each' });

/** The XML child elements of an element. */
function children(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

check('CIMI-Q-030', 'XML expansion does not wrap the target in its own root element', async (ctx) => {
  const { url, refs } = await machineRefs(ctx);
  const attr = refs[0]!;
  // Asked in XML explicitly: every provider must serve XML (§4.1.4), whatever formats the profile runs.
  const res = await ctx.cimi.get(url, { query: [['$expand', attr]], format: 'xml' });
  expect(res.status, `CIMI-Q-030: GET ${res.exchange.url} as XML`).toBe(200);
  const root = new DOMParser().parseFromString(res.text, 'application/xml').documentElement;
  const el = root ? children(root).find((c) => c.localName === attr) : undefined;
  expect(el !== undefined, `the XML Machine has a <${attr}> element`).toBe(true);
  // The target's own root would be <Collection> or a capitalised resource name (§5.4). 1.x lists a
  // collection's members bare (<Disk>…</Disk>), so there only <Collection> or an element carrying the target's id is its root.
  const href = el?.getAttribute('href') ?? '';
  const kids = children(el!);
  const isRoot = (c: (typeof kids)[number]): boolean =>
    /^[A-Z]/.test(c.localName ?? '') && (ctx.run.specVersion === '2.0' || c.localName === 'Collection' || children(c).some((g) => g.localName === 'id' && g.textContent?.trim() === href));
  expect(kids.length > 0, `<${attr} href> carries the target's attributes as children`).toBe(true);
  expect(kids.filter(isRoot).map((c) => c.localName), `<${attr}> must not wrap the target in its root element`).toEqual([]);
}, { uses: [sharedMachines] });

check('CIMI-Q-031', 'unknown and non-reference names in $expand are ignored', async (ctx) => {
  const { url, full, refs } = await machineRefs(ctx);
  const body = await getWith(ctx, url, [['$expand', 'noSuchAttribute,name']], 'CIMI-Q-031: unknown names are no error');
  expect(attrs(body).sort(), 'same attributes as the plain GET').toEqual(attrs(full).sort());
  for (const r of refs) expect(body[r], `${r} stays a plain reference`).toEqual(full[r]);
  expect(body['name'], 'name is not a reference and stays as it is').toEqual(full['name']);
}, { uses: [sharedMachines], format: 'each' });

check('CIMI-Q-032', '$expand=* and an empty $expand expand every reference', async (ctx) => {
  const { url, refs } = await machineRefs(ctx);
  for (const value of ['*', '']) {
    const body = await getWith(ctx, url, [['$expand', value]], 'CIMI-Q-032');
    for (const r of refs) expect(expanded(body[r]), `$expand=${value}: ${r} is expanded`).toBe(true);
  }
}, { uses: [sharedMachines] });

check('CIMI-Q-033', '$expand on a collection applies to each member', async (ctx) => {
  const { url, refs } = await machineRefs(ctx);
  const attr = refs[0]!;
  const listing = await getWith(ctx, await ctx.cimi.requireCollection('machines'), [['$expand', attr]], 'CIMI-Q-033');
  const id = await ctx.cimi.resolve(url);
  const mine = [];
  for (const m of collectionItems(listing)) if ((await ctx.cimi.resolve(String(m['id'] ?? ''))) === id) mine.push(m);
  expect(mine.length, 'the Machine of this check is listed').toBe(1);
  expect(expanded(mine[0]![attr]), `machines?$expand=${attr}: the member's ${attr} is expanded`).toBe(true);
}, { uses: [sharedMachines] });
