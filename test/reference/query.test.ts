import { beforeAll, describe, expect, it } from 'vitest';
import { type Json, NS, call, newMachine, useProvider } from './helpers.js';

const ctx = useProvider({ transitionMs: 0 });
const coll = (q: string): Promise<Json> => call('GET', `${ctx.p.baseUrl}machineConfigs?${q}`).then((r) => r.body);
const names = (b: Json): string[] => ((b['machineConfigs'] as Json[] | undefined) ?? []).map((i) => i['name'] as string);

// Five test configurations (q1..q5) next to the three seeded ones.
const MINE = "$filter=property['suite']='q'";
beforeAll(async () => {
  const specs: [string, number, string][] = [
    ['q1', 8, 'x86_64'],
    ['q5', 2, 'ARM'],
    ['q3', 16, 'x86_64'],
    ['Q4', 2, 'x86_64'],
    ['q2', 4, 'ARM'],
  ];
  for (const [name, cpu, cpuArch] of specs) {
    await call('POST', `${ctx.p.baseUrl}machineConfigs`, { body: { name, cpu, memory: cpu * 1024, cpuArch, properties: { suite: 'q', n: name } } });
  }
});

describe('$filter over HTTP', () => {
  it('filters, counts after filtering, ANDs repeated $filter parameters', async () => {
    const b = await coll(`${MINE}&$filter=cpu>=4`);
    expect(names(b)).toEqual(['q1', 'q3', 'q2']);
    expect(b['count']).toBe(3);
    expect(names(await coll(`${MINE}&$filter=cpuArch='ARM' or cpu=16`))).toEqual(['q5', 'q3', 'q2']);
    expect(names(await coll(`$filter=${encodeURIComponent("\"Q4\"=name")}`))).toEqual(['Q4']);
  });

  it('answers a malformed $filter with 400 and a Job body', async () => {
    const r = await call('GET', `${ctx.p.baseUrl}machineConfigs?$filter=name<'x'`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ resourceURI: `${NS}/Job`, id: '', state: 'FAILED' });
  });
});

describe('$first / $last', () => {
  it('are 1-based and inclusive, count is unaffected, out of range is no error', async () => {
    const b = await coll(`${MINE}&$first=2&$last=3`);
    expect(names(b)).toEqual(['q5', 'q3']);
    expect(b['count']).toBe(5);
    expect(names(await coll(`${MINE}&$first=4`))).toEqual(['Q4', 'q2']);
    expect(names(await coll(`${MINE}&$last=2`))).toEqual(['q1', 'q5']);
    const empty = await coll(`${MINE}&$first=4&$last=2`);
    expect(empty['machineConfigs']).toBeUndefined();
    expect(empty['count']).toBe(5);
    expect(names(await coll(`${MINE}&$first=5&$last=99`))).toEqual(['q2']);
    expect(names(await coll(`${MINE}&$first=10`))).toEqual([]);
    expect(names(await coll(`${MINE}&$first=abc`))).toHaveLength(5); // unusable values are ignored
  });
});

describe('$orderby', () => {
  it('sorts by NFKD code point order, :desc reverses, keys apply left to right, then subsetting', async () => {
    expect(names(await coll(`${MINE}&$orderby=name`))).toEqual(['Q4', 'q1', 'q2', 'q3', 'q5']);
    expect(names(await coll(`${MINE}&$orderby=name:desc`))).toEqual(['q5', 'q3', 'q2', 'q1', 'Q4']);
    expect(names(await coll(`${MINE}&$orderby=cpu:desc,name:asc`))).toEqual(['q3', 'q1', 'q2', 'Q4', 'q5']);
    expect(names(await coll(`${MINE}&$orderby=created:desc&$first=1&$last=2`))).toEqual(['q2', 'Q4']);
    expect((await call('GET', `${ctx.p.baseUrl}machineConfigs?$orderby=name:sideways`)).status).toBe(400);
  });
});

describe('$select', () => {
  it('trims a resource to the listed attributes in definition order, keeping resourceURI', async () => {
    const m = await newMachine(ctx.p.baseUrl, { name: 'sel', description: 'd' });
    const r = (await call('GET', `${m}?$select=state,nosuch,name&$select=description`)).body;
    expect(Object.keys(r)).toEqual(['resourceURI', 'name', 'description', 'state']);
    const all = (await call('GET', `${m}?$select=*`)).body;
    expect(all).toEqual((await call('GET', m)).body);
    expect(rel(all)).toContain('edit');
  });

  it('on a collection: collection attributes subset the collection, item attributes every item', async () => {
    const own = await coll(`${MINE}&$select=count,operations`);
    expect(Object.keys(own)).toEqual(['resourceURI', 'count', 'operations']);
    const items = await coll(`${MINE}&$select=name`);
    expect(items['machineConfigs']).toEqual(['q1', 'q5', 'q3', 'Q4', 'q2'].map((name) => ({ name })));
    const path = await coll(`${MINE}&$select=machineConfigs/cpu,count`);
    expect(path['count']).toBe(5);
    expect((path['machineConfigs'] as Json[])[0]).toEqual({ cpu: 8 });
  });
});

describe('$expand', () => {
  it('inlines references on a resource and on every member of a collection', async () => {
    const m = await newMachine(ctx.p.baseUrl);
    const r = (await call('GET', `${m}?$expand=disks`)).body;
    expect(r['disks']).toMatchObject({ href: `${m}/disks`, count: 1, disks: [{ capacity: 10_000_000 }] });
    expect((await call('GET', `${m}?$expand`)).body['disks']).toMatchObject({ count: 1 });
    expect((await call('GET', `${m}?$expand=*`)).body['disks']).toMatchObject({ count: 1 });
    expect((await call('GET', `${m}?$expand=cpu,nosuch`)).body['disks']).toEqual({ href: `${m}/disks` });
    const list = (await call('GET', `${ctx.p.baseUrl}machines?$expand=disks`)).body['machines'] as Json[];
    for (const item of list) expect((item['disks'] as Json)['count']).toBe(1);
  });
});

describe('$format and unknown parameters', () => {
  it('$format overrides Accept, first occurrence wins, case-insensitive', async () => {
    const x = await call('GET', `${ctx.p.cepUrl}?$format=XML&$format=json`, { headers: { accept: 'application/json' } });
    expect(x.headers.get('content-type')).toBe('application/xml');
    expect(x.text.startsWith('<CloudEntryPoint')).toBe(true);
  });

  it('ignores unknown query parameters', async () => {
    const plain = await call('GET', `${ctx.p.baseUrl}machineConfigs`);
    const odd = await call('GET', `${ctx.p.baseUrl}machineConfigs?foo=1&$bogus=2`);
    expect(odd.status).toBe(200);
    expect(odd.body).toEqual(plain.body);
  });
});

const rel = (b: Json): string[] => ((b['operations'] as Json[] | undefined) ?? []).map((o) => o['rel'] as string);
