// The query service of the vCloud reference provider: the QueryList, typed queries in records and
// references format, the filter grammar (==, !=, * wildcard, ; AND, , OR, parentheses), paging and
// its links, status names, and the refusals (unknown or mis-cased type, bad parameters).

import { beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '../../src/ovf/xmlTree.js';
import { type Places, attr, instantiate, kid, kids, linkHref, navigate, uploadTemplate, useVcloud, vnd } from './vcloud-helpers.js';

const ctx = useVcloud({ transitionMs: 0 });
let places: Places;
let queryList: Element;

const RECORDS = vnd('query.records');
const REFERENCES = vnd('query.references');

/** The QueryList link of `type` in `format`, with `extra` parameters added. */
function typed(type: string, format: 'records' | 'references', extra: Record<string, string> = {}): string {
  const link = kids(queryList, 'Link').find((l) => attr(l, 'name') === type && attr(l, 'type') === (format === 'records' ? RECORDS : REFERENCES));
  const url = new URL(attr(link, 'href')!);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return url.href;
}

const names = (result: Element, record = 'VAppRecord'): string[] => kids(result, record).map((r) => attr(r, 'name')!);

beforeAll(async () => {
  places = await navigate(ctx.p);
  queryList = await places.client.read(linkHref(places.session, 'down', vnd('query.queryList')));
  const template = await uploadTemplate(places, 'query-template');
  await instantiate(places, 'web-1', template);
  await instantiate(places, 'web-2', template, { deploy: false, powerOn: false });
  await instantiate(places, 'db-1', template, { deploy: false, powerOn: false });
});

describe('QueryList', () => {
  it('down links per type and format', async () => {
    expect(queryList.localName).toBe('QueryList');
    for (const type of ['vApp', 'vm', 'vAppTemplate', 'catalog']) {
      for (const media of [RECORDS, REFERENCES]) {
        expect(kids(queryList, 'Link').some((l) => attr(l, 'rel') === 'down' && attr(l, 'name') === type && attr(l, 'type') === media), `${type} ${media}`).toBe(true);
      }
    }
  });
});

describe('typed queries', () => {
  it('vApp records: page, pageSize, total, name; status as names; alternate link to references', async () => {
    const r = await places.client.get(typed('vApp', 'records'));
    expect(r.headers.get('content-type')).toBe(`${RECORDS};version=1.5`);
    const result = r.xml!;
    expect(result.localName).toBe('QueryResultRecords');
    expect([attr(result, 'name'), attr(result, 'page'), attr(result, 'pageSize'), attr(result, 'total')]).toEqual(['vApp', '1', '25', '3']);
    expect(names(result)).toEqual(['web-1', 'web-2', 'db-1']);
    expect(kids(result, 'VAppRecord').map((v) => [attr(v, 'status'), attr(v, 'isDeployed')])).toEqual([['POWERED_ON', 'true'], ['POWERED_OFF', 'false'], ['POWERED_OFF', 'false']]);
    const alternate = await places.client.read(linkHref(result, 'alternate', REFERENCES));
    expect(alternate.localName).toBe('VAppReferences');
    expect(kids(alternate, 'VAppReference').map((v) => [attr(v, 'name'), attr(v, 'type')])).toEqual([['web-1', vnd('vApp')], ['web-2', vnd('vApp')], ['db-1', vnd('vApp')]]);
    const back = await places.client.read(linkHref(alternate, 'alternate', RECORDS));
    expect(names(back)).toEqual(['web-1', 'web-2', 'db-1']);
  });

  it('vm, vAppTemplate and catalog records', async () => {
    const vms = await places.client.read(typed('vm', 'records', { filter: 'isVAppTemplate==false' }));
    expect(kids(vms, 'VMRecord').map((v) => [attr(v, 'containerName'), attr(v, 'status')])).toEqual([['web-1', 'POWERED_ON'], ['web-2', 'POWERED_OFF'], ['db-1', 'POWERED_OFF']]);
    const vm = await places.client.read(attr(kids(vms, 'VMRecord')[0], 'href')!);
    expect(vm.localName).toBe('Vm');
    const templates = await places.client.read(typed('vAppTemplate', 'records'));
    expect(kids(templates, 'VAppTemplateRecord').map((t) => [attr(t, 'name'), attr(t, 'status')])).toEqual([['query-template', 'POWERED_OFF']]);
    const catalogs = await places.client.read(typed('catalog', 'records'));
    expect(kids(catalogs, 'CatalogRecord').map((c) => attr(c, 'name'))).toEqual(['Reference catalog']);
  });

  it('filters: ==, != , * wildcard (case-insensitive), ; AND, , OR, parentheses', async () => {
    const q = async (filter: string): Promise<string[]> => names(await places.client.read(typed('vApp', 'records', { filter })));
    expect(await q('name==web-1')).toEqual(['web-1']);
    expect(await q('(name==WEB*)')).toEqual(['web-1', 'web-2']);
    expect(await q('name==*-1')).toEqual(['web-1', 'db-1']);
    expect(await q('name!=web-1')).toEqual(['web-2', 'db-1']);
    expect(await q('name!=web*')).toEqual(['web-1', 'web-2', 'db-1']);
    expect(await q('name==web*;status==POWERED_OFF')).toEqual(['web-2']);
    expect(await q('name==db-1,status==POWERED_ON')).toEqual(['web-1', 'db-1']);
    // ; binds tighter than ,: a,b;c is a OR (b AND c); parentheses regroup.
    expect(await q('name==db-1,name==web*;isDeployed==true')).toEqual(['web-1', 'db-1']);
    expect(await q('(name==db-1,name==web*);isDeployed==false')).toEqual(['web-2', 'db-1']);
    expect(await q('((name==nothing))')).toEqual([]);
  });

  it('paging: pageSize=1&page=2 is the second record, total counts every match; paging links', async () => {
    const page2 = await places.client.read(typed('vApp', 'records', { pageSize: '1', page: '2' }));
    expect([attr(page2, 'page'), attr(page2, 'pageSize'), attr(page2, 'total')]).toEqual(['2', '1', '3']);
    expect(names(page2)).toEqual(['web-2']);
    expect(names(await places.client.read(linkHref(page2, 'nextPage', RECORDS)))).toEqual(['db-1']);
    expect(names(await places.client.read(linkHref(page2, 'previousPage', RECORDS)))).toEqual(['web-1']);
    expect(names(await places.client.read(linkHref(page2, 'firstPage', RECORDS)))).toEqual(['web-1']);
    const last = await places.client.read(linkHref(page2, 'lastPage', RECORDS));
    expect(names(last)).toEqual(['db-1']);
    expect(kids(last, 'Link').map((l) => attr(l, 'rel'))).not.toContain('nextPage');
    const filtered = await places.client.read(typed('vApp', 'records', { filter: 'name==web*', pageSize: '1', page: '2' }));
    expect([attr(filtered, 'total'), names(filtered)]).toEqual(['2', ['web-2']]);
    expect(names(await places.client.read(typed('vApp', 'records', { page: '9' })))).toEqual([]);
  });

  it('sortAsc and sortDesc', async () => {
    expect(names(await places.client.read(typed('vApp', 'records', { sortAsc: 'name' })))).toEqual(['db-1', 'web-1', 'web-2']);
    expect(names(await places.client.read(typed('vApp', 'records', { sortDesc: 'name' })))).toEqual(['web-2', 'web-1', 'db-1']);
  });

  it('unknown or mis-cased type, unknown attribute, bad filter, bad paging or unknown parameter: 400 Error', async () => {
    const base = new URL(typed('vApp', 'records'));
    const bad = [
      { type: 'VAPP' }, { type: 'vapp' }, { type: 'nothing' }, { format: 'idrecords' }, { filter: 'colour==red' }, { filter: '(name==x' },
      { filter: 'name=x' }, { filter: 'name==' }, { page: '0' }, { pageSize: 'many' }, { sortAsc: 'colour' }, { fields: 'name' },
    ];
    for (const change of bad) {
      const url = new URL(base);
      for (const [k, v] of Object.entries(change)) url.searchParams.set(k, v);
      const r = await places.client.get(url.href);
      expect([r.status, attr(r.xml, 'majorErrorCode'), attr(r.xml, 'minorErrorCode')], JSON.stringify(change)).toEqual([400, '400', 'BAD_REQUEST']);
    }
    expect(kid(await places.client.read(typed('vApp', 'records', { pageSize: '500' })), 'VAppRecord')).toBeDefined();
    expect(attr(await places.client.read(typed('vApp', 'records', { pageSize: '500' })), 'pageSize')).toBe('128');
  });
});
