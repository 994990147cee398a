// The query service (brief §11), where the Session links a QueryList: typed queries for vApps over
// two vApps this file makes (names sharing a prefix), records and references, status names, the
// filter grammar, paging, and unknown type names.

import { expect } from 'vitest';
import { check, fixture, type CheckContext } from '../../src/vcloud/check.js';
import { attr, children, type Element } from '../../src/vcloud/xml.js';
import { findLink, links, type Link } from '../../src/vcloud/entities.js';
import { MEDIA, sameMediaType } from '../../src/vcloud/mediaTypes.js';
import { STATUS_NAME } from '../../src/vcloud/lifecycle.js';
import { templatePackage } from '../../src/vcloud/packages.js';
import { expectEntity, expectRoot, expectStatusClass } from '../../src/vcloud/probes.js';
import { HarnessError } from '../../src/model/errors.js';

const QUERY_TYPES = [MEDIA.queryRecords, MEDIA.queryReferences, 'application/vnd.vmware.vcloud.query.idrecords+xml'];

const vapps = fixture('query.test.ts: two vApps named alike', { creates: { VAppTemplate: 1, VApp: 2 } }, async ({ ws }) => {
  const t = await ws.template(templatePackage());
  const base = ws.uniqueName('q');
  const made = [];
  for (const suffix of ['a', 'b']) made.push(await ws.createVApp(t.href, { name: `${base}-${suffix}` }));
  return { base, vapps: made.map((v) => ({ href: v.href, name: v.name })) };
});
const uses = { uses: [vapps] };

async function queryList(ctx: CheckContext): Promise<Element> {
  const link = findLink(await ctx.vcloud.login(), 'down', MEDIA.queryList);
  if (!link) throw new HarnessError('PRECONDITION', 'the Session links no QueryList');
  return expectEntity(await ctx.vcloud.get(link.href), 'QueryList', 'GET the queryList link');
}

/** The QueryList's link for vApps in `format` (the type name is case-sensitive). */
async function vAppQuery(ctx: CheckContext, format: string): Promise<Link> {
  const link = links(await queryList(ctx)).find((l) => l.rel === 'down' && l.name === 'vApp' && sameMediaType(l.type, format));
  if (!link) throw new HarnessError('PRECONDITION', `the QueryList has no down link name="vApp" of type ${format}`);
  return link;
}

/** The link's href with query parameters added; the filter keeps `==`, `;`, `,` and parentheses as written (brief §11). */
const withParams = (href: string, params: Record<string, string>): string =>
  `${href}${href.includes('?') ? '&' : '?'}${Object.entries(params).map(([k, v]) => `${k}=${k === 'filter' ? v.replace(/[^A-Za-z0-9_.~*=;,()!-]/g, encodeURIComponent) : encodeURIComponent(v)}`).join('&')}`;

async function records(ctx: CheckContext, params: Record<string, string>): Promise<{ root: Element; names: string[] }> {
  const res = await ctx.vcloud.get(withParams((await vAppQuery(ctx, MEDIA.queryRecords)).href, params));
  const root = expectRoot(res, 'QueryResultRecords', `GET ${res.exchange.url}`);
  return { root, names: children(root, 'VAppRecord').map((r) => attr(r, 'name') ?? '') };
}

check('VCD-094', 'the QueryList links down to each query type in each format', async (ctx) => {
  const down = links(await queryList(ctx)).filter((l) => l.rel === 'down');
  expect(down.length, 'VCD-094: down links of the QueryList').toBeGreaterThan(0);
  for (const l of down) {
    expect(l.name ?? '', `VCD-094: name of ${l.href}`).not.toBe('');
    expect(QUERY_TYPES.some((t) => sameMediaType(l.type, t)), `VCD-094: type '${l.type ?? ''}' of ${l.href}`).toBe(true);
  }
  expect(down.some((l) => l.name === 'vApp' && sameMediaType(l.type, MEDIA.queryRecords)), 'VCD-094: a vApp records query').toBe(true);
});

check('VCD-095', 'a vApp records query answers QueryResultRecords with page, pageSize, total, name and VAppRecords', async (ctx) => {
  const { base } = await ctx.use(vapps);
  const { root, names } = await records(ctx, { filter: `(name==${base}*)` });
  expect({ name: attr(root, 'name'), page: /^\d+$/.test(attr(root, 'page') ?? ''), pageSize: /^\d+$/.test(attr(root, 'pageSize') ?? ''), total: attr(root, 'total') }, 'VCD-095: QueryResultRecords attributes').toEqual({ name: 'vApp', page: true, pageSize: true, total: '2' });
  expect(names.sort(), 'VCD-095: the VAppRecords').toEqual([`${base}-a`, `${base}-b`]);
}, uses);

check('VCD-096', "a record's status is the status name, not its number", async (ctx) => {
  const { base, vapps: made } = await ctx.use(vapps);
  const { root } = await records(ctx, { filter: `(name==${base}*)` });
  for (const r of children(root, 'VAppRecord')) {
    const mine = made.find((v) => v.name === attr(r, 'name'))!;
    const status = Number(attr((await ctx.ws.settle(mine.href)), 'status'));
    expect(attr(r, 'status'), `VCD-096: VAppRecord@status of ${mine.name} (vApp status ${status})`).toBe(STATUS_NAME.get(status));
  }
}, uses);

check('VCD-097', 'filter: == matches, * is a wildcard, ; is AND, , is OR', async (ctx) => {
  const { base } = await ctx.use(vapps);
  const a = `${base}-a`;
  const b = `${base}-b`;
  const cases: [string, string[]][] = [[`(name==${a})`, [a]], [`(name==${base}*)`, [a, b]], [`(name==${a},name==${b})`, [a, b]], [`(name==${base}*;name==*-b)`, [b]]];
  for (const [filter, expected] of cases) expect((await records(ctx, { filter })).names.sort(), `VCD-097: filter=${filter}`).toEqual(expected);
}, uses);

check('VCD-098', 'pageSize=1&page=2 returns the second record; total counts every match', async (ctx) => {
  const { base } = await ctx.use(vapps);
  const filter = `(name==${base}*)`;
  const all = await records(ctx, { filter, pageSize: '2' });
  const second = await records(ctx, { filter, pageSize: '1', page: '2' });
  expect(second.names, 'VCD-098: page 2 of size 1').toEqual([all.names[1]]);
  expect(attr(second.root, 'total'), 'VCD-098: total of the paged query').toBe('2');
}, uses);

check('VCD-099', 'format=references answers VAppReferences; records link to the other formats', async (ctx) => {
  const { base } = await ctx.use(vapps);
  const res = await ctx.vcloud.get(withParams((await vAppQuery(ctx, MEDIA.queryReferences)).href, { filter: `(name==${base}*)` }));
  const refs = expectRoot(res, 'VAppReferences', 'VCD-099: the references query');
  expect(children(refs, 'VAppReference').length, 'VCD-099: VAppReference elements').toBe(2);
  const { root } = await records(ctx, { filter: `(name==${base}*)` });
  expect(links(root).filter((l) => l.rel === 'alternate').length, 'VCD-099: Link rel="alternate" on the records result').toBeGreaterThanOrEqual(1);
}, uses);

check('VCD-100', 'an unknown or mis-cased query type gets a 4xx Error', async (ctx) => {
  const href = (await vAppQuery(ctx, MEDIA.queryRecords)).href;
  if (!href.includes('type=vApp')) return ctx.notApplicable(`the vApp query link ${href} does not carry type=vApp to change`);
  const res = await ctx.vcloud.get(href.replace('type=vApp', 'type=VAPP'));
  expectStatusClass(res, 4, 'VCD-100: a query of type VAPP');
  expectRoot(res, 'Error', 'VCD-100');
});
