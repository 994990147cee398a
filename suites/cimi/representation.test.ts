// Representations (§4.1.2, §4.1.4, §5.5): both media types, resourceURI, the XML namespace and
// wrappers, and how each data type is serialised, probed on everything reachable from the entry point.

import { expect } from 'vitest';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { check, type CheckContext } from '../../src/cimi/check.js';
import { isRef, type CimiObject, type CimiResponse } from '../../src/cimi/cimiClient.js';
import { encodeCimi, mediaType } from '../../src/cimi/cimiCodec.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { crawl, expectStatus, expectStatusClass, type Crawled } from '../../src/cimi/probes.js';
import { fixture } from '../../src/cimi/check.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';

// Attribute names by CIMI data type (§5.5, Tables 5, 16-21, 46); shared by every resource that has them.
const BOOLEANS = new Set(['available', 'providerMandatory', 'consumerMandatory', 'mutable', 'consumerWritable', 'force', 'bootable']);
const INTEGERS = new Set(['cpu', 'memory', 'cpuSpeed', 'capacity', 'count', 'progress', 'returnCode']);
const DATES = new Set(['created', 'updated', 'timeOfStatusChange']);
const MAPS = new Set(['properties', 'parameters']);
// Multi-valued attributes: in XML an empty one is an empty element, which decodes like an empty string.
const ARRAYS = new Set(['operations', 'attributes', 'capabilities', 'actions', 'disks', 'volumes', 'volumeTemplates', 'interfaceTemplates', 'vscope', 'affectedResources', 'nestedJobs']);
const COLLECTION_OWN = new Set(['resourceURI', '$xml', 'id', 'count', 'updated', 'parent', 'operations']);
// Reference-typed attributes per resource (§5.5.6); `parent` and `resourceMetadata` are common (Table 5).
const REFS: Record<string, string[]> = {
  Machine: ['disks', 'volumes', 'interfaces', 'snapshots', 'meters', 'eventLog', 'latestSnapshot'],
  Disk: [],
  Job: ['targetResource', 'parentJob'],
  MachineTemplate: ['machineConfig', 'machineImage', 'credential'],
  MachineImage: ['relatedImage'],
};
const REF_ARRAYS = ['affectedResources', 'nestedJobs'];

const typeName = (rep: CimiObject): string => String(rep['resourceURI'] ?? '').replace(/^.*\//, '');
const isCollection = (rep: CimiObject): boolean => typeName(rep).endsWith('Collection');
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Visit = (key: string, value: unknown, path: string) => void;

/** Every attribute value in a representation, depth first; map entries are consumer data, not attributes. */
function visit(v: unknown, fn: Visit, path = '', key = ''): void {
  fn(key, v, path);
  if (MAPS.has(key) || typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) v.forEach((x, i) => visit(x, fn, `${path}[${i}]`));
  else for (const [k, x] of Object.entries(v)) if (k !== '$xml') visit(x, fn, path ? `${path}.${k}` : k, k);
}

/** Violations found by `probe` on every crawled representation, as `url path = value` lines. */
function violations(pages: Crawled[], probe: (key: string, value: unknown) => boolean): string[] {
  const out: string[] = [];
  for (const { url, res } of pages) {
    visit(res.body, (key, value, path) => {
      if (probe(key, value)) out.push(`${url} ${path} = ${JSON.stringify(value)}`);
    });
  }
  return out;
}

/** A Machine of this file with no description and no properties, which GEN-006 may rename. */
const plainMachine = fixture('representation.test.ts: a Machine without description', { creates: { Machine: 1 } }, async ({ ws }) => {
  const { url } = await ws.createMachine();
  await ws.settle(url);
  return url;
});

/**
 * What is reachable from the entry point. `own` adds this file's plain Machine (no description, no
 * properties); otherwise the provider's resources suffice, which keeps the run's resource budget.
 */
async function sample(ctx: CheckContext, own = false): Promise<Crawled[]> {
  const { cimi } = ctx;
  const seeds = [];
  if (own) seeds.push(await ctx.use(plainMachine));
  const pages = await crawl(cimi, { seeds });
  return pages.filter((p) => p.res.status === 200 && p.res.body);
}

// ---- Media types and resourceURI (§4.1.4)

function servedAs(res: CimiResponse, format: 'json' | 'xml'): boolean {
  const ct = res.contentType.toLowerCase();
  return res.status === 200 && res.body !== undefined && (format === 'json' ? ct.includes('json') : ct.includes('xml'));
}

check('CIMI-GEN-001', 'every implemented resource is served in the requested format', async (ctx) => {
  const { cimi, format } = ctx;
  const cep = await cimi.get(cimi.cepUrl);
  expect(servedAs(cep, format), `CIMI-GEN-001: GET cloud entry point with Accept: ${mediaType(format)} answered ${cep.status} ${cep.contentType}`).toBe(true);
  const url = await ctx.use(plainMachine);
  const pages = await crawl(cimi, { seeds: [url] });
  const bad = pages.filter((p) => !servedAs(p.res, format)).map((p) => `${p.url} → ${p.res.status} ${p.res.contentType} ${p.res.decodeError ?? ''}`.trim());
  expect(bad, `CIMI-GEN-001: resources not served as ${mediaType(format)}`).toEqual([]);
}, { uses: [plainMachine], format: 'each' });

check('CIMI-GEN-002', 'every JSON representation has resourceURI naming its type', async (ctx) => {
  const { cimi } = ctx;
  const { url, body: machine } = await sharedMachine(ctx);
  expect(machine['resourceURI'], 'CIMI-GEN-002: resourceURI of a Machine').toBe(cimi.typeUri('Machine'));
  const pattern = new RegExp(`^${escapeRegExp(cimi.ns)}/[A-Za-z]+$`);
  const without = (await crawl(cimi, { seeds: [url] }))
    .filter((p) => p.res.body && !pattern.test(String(p.res.body['resourceURI'] ?? '')))
    .map((p) => `${p.url}: ${String(p.res.body!['resourceURI'])}`);
  expect(without, 'CIMI-GEN-002: roots without a CIMI type URI in resourceURI').toEqual([]);
}, { uses: [sharedMachines], format: 'json' });

check('CIMI-GEN-003', 'resourceURI stays when $select leaves it out', async (ctx) => {
  const { cimi } = ctx;
  const { url } = await sharedMachine(ctx);
  const machine = await cimi.get(url, { query: [['$select', 'name']] });
  expectStatus(machine, 200, 'GET Machine?$select=name');
  expect(machine.body?.['resourceURI'], 'CIMI-GEN-003: resourceURI of a Machine trimmed by $select=name').toBe(cimi.typeUri('Machine'));
  const coll = await cimi.get(await cimi.requireCollection('machines'), { query: [['$select', 'count']] });
  expectStatus(coll, 200, 'GET machines?$select=count');
  expect(coll.body?.['resourceURI'], 'CIMI-GEN-003: resourceURI of the machines collection trimmed by $select=count').toBe(cimi.typeUri('MachineCollection'));
}, { uses: [sharedMachines], format: 'json' });

// ---- XML (§4.1.2, §4.1.4, §5.5.11)

/** The entry point fetched as XML. Rules about XML itself fail without it; others are not applicable (CIMI-GEN-001's). */
async function xmlEntryPoint(ctx: CheckContext, rule: string, required = true): Promise<CimiResponse> {
  const res = await ctx.cimi.get(ctx.cimi.cepUrl);
  if (!required && !servedAs(res, 'xml')) return ctx.notApplicable('the provider does not serve XML (CIMI-GEN-001)');
  expect(servedAs(res, 'xml'), `${rule}: GET cloud entry point as application/xml answered ${res.status} ${res.contentType}`).toBe(true);
  return res;
}

/** The collections the entry point lists, as XML responses. */
async function xmlCollections(ctx: CheckContext, cep: CimiObject): Promise<Crawled[]> {
  const out: Crawled[] = [];
  for (const ref of Object.values(cep)) {
    if (!isRef(ref)) continue;
    const url = await ctx.cimi.resolve(ref.href);
    out.push({ url, res: await ctx.cimi.get(url) });
  }
  return out;
}

check('CIMI-GEN-004', 'an XML Collection is <Collection> with a resourceURI attribute', async (ctx) => {
  const cep = await xmlEntryPoint(ctx, 'CIMI-GEN-004');
  const pattern = new RegExp(`^${escapeRegExp(ctx.cimi.ns)}/[A-Za-z]+Collection$`);
  const rootOf = (res: CimiResponse): string => (res.body?.['$xml'] as { root?: string } | undefined)?.root ?? '?';
  const wrong = (await xmlCollections(ctx, cep.body!))
    .filter(({ res }) => res.status !== 200 || rootOf(res) !== 'Collection' || !pattern.test(String(res.body?.['resourceURI'] ?? '')))
    .map(({ url, res }) => `${url} → ${res.status} <${rootOf(res)} resourceURI="${String(res.body?.['resourceURI'] ?? '')}">`);
  expect(wrong, 'CIMI-GEN-004: collections whose XML root is not <Collection resourceURI="…Collection">').toEqual([]);
}, { format: 'xml' });

function parseXml(text: string): XmlElement | undefined {
  try {
    return new DOMParser({ onError: () => undefined }).parseFromString(text, 'application/xml').documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

function kids(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

/** The element and all its descendants. */
function elements(root: XmlElement): XmlElement[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...kids(out[i]!));
  return out;
}

/** `<name>` with every element prefixed `c:` bound to `ns` (§4.1.2: only the namespace URI matters). */
function prefixed(body: CimiObject, name: string, ns: string): string {
  return encodeCimi(body, name, 'xml', ns)
    .replace(/<(\/?)([A-Za-z_][\w.-]*)/g, '<$1c:$2')
    .replace(` xmlns="${ns}"`, ` xmlns:c="${ns}"`);
}

check('CIMI-GEN-006', 'XML is in the CIMI namespace, and a prefixed body is accepted', async (ctx) => {
  const { cimi, ws } = ctx;
  const cep = await xmlEntryPoint(ctx, 'CIMI-GEN-006');
  const url = await ctx.use(plainMachine);
  const pages = [{ url: cimi.cepUrl, res: cep }, ...(await xmlCollections(ctx, cep.body!)), { url, res: await cimi.get(url) }];
  const outside = pages.flatMap(({ url: u, res }) => {
    const root = parseXml(res.text);
    if (!root) return [`${u}: not XML`];
    return elements(root).filter((e) => e.namespaceURI !== cimi.ns).map((e) => `${u}: <${e.tagName}> in ${e.namespaceURI ?? '(no namespace)'}`);
  });
  expect(outside, `CIMI-GEN-006: elements outside ${cimi.ns}`).toEqual([]);
  const machine = await cimi.get(url);
  const edit = cimi.operation(machine.body, 'edit');
  if (!edit) return; // The input half needs an update; a Machine without edit has nothing more to show.
  const name = ws.uniqueName('prefixed');
  const { $xml: _x, ...full } = machine.body!;
  const res = await cimi.raw('PUT', await cimi.resolve(edit.href), 'application/xml', prefixed({ ...full, name }, 'Machine', cimi.ns));
  expectStatusClass(res, 2, 'CIMI-GEN-006: a PUT whose XML uses the prefix c: for the CIMI namespace');
  expect((await ws.settle(url))['name'], 'CIMI-GEN-006: the prefixed update was applied').toBe(name);
}, { uses: [plainMachine], format: 'xml' });

// Wrapper → item element names of 2.0 XML arrays (§5.5.11, §4.2, §5.11).
const XML_ITEMS: Record<string, string> = { operations: 'operation', attributes: 'attribute', capabilities: 'capability', actions: 'action', volumes: 'volume', volumeTemplates: 'volumeTemplate', interfaceTemplates: 'interfaceTemplate' };

function xmlArrayFaults(root: XmlElement): string[] {
  const faults: string[] = [];
  const isCollection = root.localName === 'Collection';
  for (const el of elements(root)) {
    const name = el.localName ?? '';
    // A Collection's own children are its attributes and member group, checked below.
    if (isCollection && el.parentNode === root) continue;
    const items = kids(el);
    const want = XML_ITEMS[name] ?? (name === 'disks' && items.length > 0 ? 'disk' : undefined);
    if (want && items.some((k) => k.localName !== want)) faults.push(`<${name}> holds <${items.map((k) => k.localName).join('>, <')}>, expected only <${want}>`);
    if (REF_ARRAYS.includes(name)) faults.push(`<${name}> wraps a reference array, whose <${name.replace(/s$/, '')}> items must be repeated unwrapped`);
  }
  if (isCollection) {
    for (const group of kids(root).filter((k) => !COLLECTION_OWN.has(k.localName ?? ''))) {
      const names = new Set(kids(group).map((k) => k.localName ?? ''));
      if (/^[A-Z]/.test(group.localName ?? '') || names.size > 1 || [...names].some((n) => !/^[A-Z]/.test(n))) {
        faults.push(`<Collection> member group <${group.localName}> holds <${[...names].join('>, <')}>: expected one resource element name`);
      }
    }
  }
  return faults;
}

check('CIMI-SER-011', 'XML arrays: wrapper named as the attribute, items as the item type, ref arrays unwrapped', async (ctx) => {
  await xmlEntryPoint(ctx, 'CIMI-SER-011', false);
  // The own Machine brings a disks collection: the member group most likely to be misnamed.
  const faults = (await sample(ctx, true)).flatMap(({ url, res }) => {
    const root = parseXml(res.text);
    return root ? xmlArrayFaults(root).map((f) => `${url}: ${f}`) : [];
  });
  expect(faults, 'CIMI-SER-011: XML array serialisation').toEqual([]);
}, { uses: [plainMachine], format: 'xml' });

// ---- Data types (§5.5.1-§5.5.6)

check('CIMI-SER-001', 'booleans are true or false, JSON booleans', async (ctx) => {
  const bad = violations(await sample(ctx), (key, value) => BOOLEANS.has(key) && typeof value !== 'boolean');
  expect(bad, 'CIMI-SER-001: boolean attributes not serialised as booleans').toEqual([]);
}, { format: 'each' });

const XS_DATETIME = /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;

check('CIMI-SER-002', 'dateTime values are xs:dateTime strings', async (ctx) => {
  const bad = violations(await sample(ctx), (key, value) => DATES.has(key) && !(typeof value === 'string' && XS_DATETIME.test(value)));
  expect(bad, 'CIMI-SER-002: dateTime attributes that are not xs:dateTime').toEqual([]);
}, { format: 'each' });

check('CIMI-SER-003', 'dateTime values carry a UTC offset', async (ctx) => {
  const bad = violations(await sample(ctx), (key, value) => DATES.has(key) && typeof value === 'string' && XS_DATETIME.test(value) && !/(Z|[+-]\d\d:\d\d)$/.test(value));
  expect(bad, 'CIMI-SER-003: dateTime values without Z or ±hh:mm').toEqual([]);
}, { format: 'each' });

check('CIMI-SER-004', 'integers are JSON numbers', async (ctx) => {
  const bad = violations(await sample(ctx), (key, value) => INTEGERS.has(key) && !Number.isInteger(value));
  expect(bad, 'CIMI-SER-004: integer attributes not serialised as integers').toEqual([]);
}, { format: 'each' });

check('CIMI-SER-009', 'references are {"href": …} in JSON and <x href=""/> in XML', async (ctx) => {
  const pages = await sample(ctx);
  const bad = pages.flatMap(({ url, res }) => {
    const rep = res.body!;
    const names = [...(typeName(rep) === 'CloudEntryPoint' ? Object.keys(rep).filter((k) => !['resourceURI', '$xml', 'id', 'name', 'description', 'created', 'updated', 'properties', 'baseURI', 'operations'].includes(k)) : REFS[typeName(rep)] ?? []), 'parent', 'resourceMetadata'];
    const refs = names.filter((n) => rep[n] !== undefined).map((n) => [n, rep[n]] as const);
    const items = REF_ARRAYS.flatMap((n) => (Array.isArray(rep[n]) ? (rep[n] as unknown[]).map((v, i) => [`${n}[${i}]`, v] as const) : []));
    return [...refs, ...items].filter(([, v]) => !isRef(v)).map(([n, v]) => `${url} ${n} = ${JSON.stringify(v)}`);
  });
  expect(bad, 'CIMI-SER-009: reference attributes without an href').toEqual([]);
}, { format: 'each' });

// ---- Empty values (§5.5.5, §5.5.7, §5.5.11, §5.5.12, §5.5.15)

type Empty = 'string' | 'map' | 'array' | 'members';

/** Empty values a representation carries, by the kind of rule that forbids them. */
function empties(pages: Crawled[]): Record<Empty, string[]> {
  const out: Record<Empty, string[]> = { string: [], map: [], array: [], members: [] };
  for (const { url, res } of pages) {
    const root = res.body!;
    visit(root, (key, value, path) => {
      const isEmptyArray = Array.isArray(value) && value.length === 0;
      let kind: Empty | undefined;
      // resourceURI is synthesised from the XML root by the client codec; its absence is CIMI-GEN-004's.
      if (key === 'resourceURI') return;
      if (isCollection(root) && path === key && !COLLECTION_OWN.has(key)) kind = isEmptyArray || value === '' ? 'members' : undefined;
      else if (MAPS.has(key)) kind = value === '' || (typeof value === 'object' && value !== null && Object.keys(value).length === 0) ? 'map' : undefined;
      else if (isEmptyArray || (value === '' && ARRAYS.has(key))) kind = 'array';
      else if (value === '') kind = 'string';
      if (kind) out[kind].push(`${url} ${path}`);
    });
  }
  return out;
}

check('CIMI-SER-005', 'empty strings are omitted', async (ctx) => {
  // The own Machine has no description: the attribute a provider is most likely to send as "".
  expect(empties(await sample(ctx, true)).string, 'CIMI-SER-005: attributes sent as empty strings').toEqual([]);
}, { uses: [plainMachine], format: 'each' });

check('CIMI-SER-006', 'empty maps are omitted', async (ctx) => {
  expect(empties(await sample(ctx)).map, 'CIMI-SER-006: maps sent empty').toEqual([]);
}, { format: 'each' });

check('CIMI-SER-007', 'empty arrays are omitted', async (ctx) => {
  expect(empties(await sample(ctx)).array, 'CIMI-SER-007: arrays sent empty').toEqual([]);
}, { format: 'each' });

check('CIMI-SER-008', 'an empty collection omits its member array', async (ctx) => {
  const { cimi, ws, run } = ctx;
  const pages = (await sample(ctx)).filter((p) => isCollection(p.res.body!) && collectionItems(p.res.body).length === 0 && p.res.body!['count'] === 0);
  // A filter that matches nothing makes an empty collection on any provider that filters (§4.1.6.1).
  if (run.features.includes('FilterParameter')) {
    const url = await cimi.requireCollection('machines');
    const res = await cimi.get(url, { query: [['$filter', `name='${ws.uniqueName('none')}'`]] });
    expectStatus(res, 200, 'GET machines with a $filter matching nothing');
    pages.push({ url: res.exchange.url, res });
  }
  if (pages.length === 0) return ctx.notApplicable('no empty collection to inspect: none is empty and $filter is not advertised');
  expect(empties(pages).members, 'CIMI-SER-008: empty collections carrying a member array').toEqual([]);
}, { format: 'each' });
