// The query service (§11): GET /api/query lists, per query type and format, a link to the typed
// query; /api/query?type=vApp|vm|vAppTemplate|catalog&format=records|references answers the matching
// rows a page at a time (page, pageSize, total, paging and alternate-format links). Records carry the
// status as its name. Type names are case-sensitive; an unknown type or parameter is 400.

import type { Reply, VcdContext } from './context.js';
import { badRequest } from './errors.js';
import { MEDIA } from './media-types.js';
import { type Kind, hrefOf, refOf } from './refs.js';
import { busy } from './tasks.js';
import { statusName, templateVmStatus, vappDeployed, vappStatus, vmStatus } from './vappStatus.js';
import { type Filter, attributesOf, matches, parseFilter } from './queryFilter.js';
import { link } from './views.js';
import { el, type XmlElement } from './xml.js';

type Values = Record<string, string | undefined>;

interface Row {
  kind: Kind;
  uuid: string;
  values: Values;
}

interface QueryType {
  name: string;
  record: string;
  reference: string;
  /** Every record attribute, in the order records carry them; the ones filters and sorts may name. */
  attributes: readonly string[];
  rows(ctx: VcdContext): Row[];
}

const FORMATS = { records: MEDIA.queryRecords, references: MEDIA.queryReferences } as const;
type Format = keyof typeof FORMATS;
const PARAMETERS = ['type', 'format', 'page', 'pageSize', 'filter', 'sortAsc', 'sortDesc'];
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 128;

const status = (ctx: VcdContext, n: number): string => (ctx.quirk('vcloud-query-status-numeric') ? String(n) : statusName(n));
const owner = (ctx: VcdContext): string => ctx.store.org.user.name;
const vdcName = (ctx: VcdContext, uuid: string): string | undefined => ctx.store.vdcs.get(uuid)?.name;

const TYPES: readonly QueryType[] = [
  {
    name: 'vApp',
    record: 'VAppRecord',
    reference: 'VAppReference',
    attributes: ['name', 'vdc', 'vdcName', 'status', 'isDeployed', 'isBusy', 'isEnabled', 'isInMaintenanceMode', 'ownerName', 'creationDate', 'numberOfVMs', 'href'],
    rows: (ctx) => [...ctx.store.vapps.values()].map((a) => ({
      kind: 'vApp',
      uuid: a.uuid,
      values: {
        name: a.name, vdc: hrefOf(ctx.apiUrl, 'vdc', a.vdc), vdcName: vdcName(ctx, a.vdc), status: status(ctx, vappStatus(a)), isDeployed: String(vappDeployed(a)),
        isBusy: String(busy(ctx, [a.uuid, ...a.vms.map((vm) => vm.uuid)])), isEnabled: 'true', isInMaintenanceMode: 'false', ownerName: owner(ctx),
        creationDate: a.created, numberOfVMs: String(a.vms.length), href: hrefOf(ctx.apiUrl, 'vApp', a.uuid),
      },
    })),
  },
  {
    name: 'vm',
    record: 'VMRecord',
    reference: 'VMReference',
    attributes: ['name', 'container', 'containerName', 'vdc', 'isVAppTemplate', 'isDeleted', 'guestOs', 'numberOfCpus', 'memoryMB', 'status', 'isBusy', 'isDeployed', 'href'],
    rows: (ctx) => [
      ...[...ctx.store.vapps.values()].flatMap((a) => a.vms.map((vm): Row => ({
        kind: 'vm',
        uuid: vm.uuid,
        values: {
          name: vm.name, container: hrefOf(ctx.apiUrl, 'vApp', a.uuid), containerName: a.name, vdc: hrefOf(ctx.apiUrl, 'vdc', a.vdc), isVAppTemplate: 'false', isDeleted: 'false',
          guestOs: vm.guestOs, numberOfCpus: String(vm.cpus), memoryMB: String(vm.memoryMiB), status: status(ctx, vmStatus(vm)), isBusy: String(busy(ctx, [vm.uuid, a.uuid])),
          isDeployed: String(vm.deployed), href: hrefOf(ctx.apiUrl, 'vm', vm.uuid),
        },
      }))),
      ...ctx.store.templateVms().map(({ template: t, vm }): Row => ({
        kind: 'templateVm',
        uuid: vm.uuid,
        values: {
          name: vm.name, container: hrefOf(ctx.apiUrl, 'vAppTemplate', t.uuid), containerName: t.name, vdc: hrefOf(ctx.apiUrl, 'vdc', t.vdc), isVAppTemplate: 'true', isDeleted: 'false',
          guestOs: vm.guestOs, numberOfCpus: String(vm.cpus), memoryMB: String(vm.memoryMiB), status: status(ctx, templateVmStatus(t)), isBusy: String(busy(ctx, [t.uuid])),
          isDeployed: 'false', href: hrefOf(ctx.apiUrl, 'templateVm', vm.uuid),
        },
      })),
    ],
  },
  {
    name: 'vAppTemplate',
    record: 'VAppTemplateRecord',
    reference: 'VAppTemplateReference',
    attributes: ['name', 'vdc', 'vdcName', 'catalogName', 'status', 'isGoldMaster', 'isBusy', 'ownerName', 'creationDate', 'href'],
    rows: (ctx) => [...ctx.store.templates.values()].map((t) => {
      const item = [...ctx.store.catalogItems.values()].find((i) => i.template === t.uuid);
      return {
        kind: 'vAppTemplate',
        uuid: t.uuid,
        values: {
          name: t.name, vdc: hrefOf(ctx.apiUrl, 'vdc', t.vdc), vdcName: vdcName(ctx, t.vdc), catalogName: item && ctx.store.catalogs.get(item.catalog)?.name, status: status(ctx, t.status),
          isGoldMaster: 'false', isBusy: String(busy(ctx, [t.uuid])), ownerName: owner(ctx), creationDate: t.created, href: hrefOf(ctx.apiUrl, 'vAppTemplate', t.uuid),
        },
      };
    }),
  },
  {
    name: 'catalog',
    record: 'CatalogRecord',
    reference: 'CatalogReference',
    attributes: ['name', 'isPublished', 'isShared', 'orgName', 'ownerName', 'numberOfTemplates', 'numberOfMedia', 'creationDate', 'href'],
    rows: (ctx) => [...ctx.store.catalogs.values()].map((c) => ({
      kind: 'catalog',
      uuid: c.uuid,
      values: {
        name: c.name, isPublished: 'false', isShared: 'false', orgName: ctx.store.org.name, ownerName: owner(ctx),
        numberOfTemplates: String([...ctx.store.catalogItems.values()].filter((i) => i.catalog === c.uuid).length), numberOfMedia: '0', creationDate: c.created,
        href: hrefOf(ctx.apiUrl, 'catalog', c.uuid),
      },
    })),
  },
];

const queryUrl = (ctx: VcdContext, params: URLSearchParams): string => `${ctx.apiUrl}query?${params.toString()}`;

export function queryList(ctx: VcdContext): XmlElement {
  return el('QueryList', { href: `${ctx.apiUrl}query`, type: MEDIA.queryList },
    TYPES.flatMap((t) => (Object.keys(FORMATS) as Format[]).map((f) => link('down', queryUrl(ctx, new URLSearchParams({ type: t.name, format: f })), FORMATS[f], t.name))),
  );
}

function positiveInteger(value: string | null, name: string, fallback: number): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw badRequest(`${name} must be a positive integer, not "${value}"`);
  return Number(value);
}

function compare(a: string | undefined, b: string | undefined): number {
  const [x, y] = [a ?? '', b ?? ''];
  return x !== '' && y !== '' && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y)) ? Number(x) - Number(y) : x.localeCompare(y);
}

function checkParameters(params: URLSearchParams): void {
  for (const key of new Set(params.keys())) {
    if (!PARAMETERS.includes(key)) throw badRequest(`query parameter "${key}" is not supported; supported: ${PARAMETERS.join(', ')}`);
    if (params.getAll(key).length > 1) throw badRequest(`query parameter "${key}" is given more than once`);
  }
}

/** GET /api/query: the QueryList without parameters, else a typed query. */
export function query(ctx: VcdContext, params: URLSearchParams): Reply {
  checkParameters(params);
  if ([...params.keys()].length === 0) return { status: 200, xml: { root: queryList(ctx), media: MEDIA.queryList } };
  const typeName = params.get('type') ?? '';
  const type = TYPES.find((t) => t.name === typeName);
  if (!type) throw badRequest(`unknown query type "${typeName}" (type names are case-sensitive); this provider answers ${TYPES.map((t) => t.name).join(', ')}`);
  const format = params.get('format') ?? 'records';
  if (!(format in FORMATS)) throw badRequest(`format must be one of ${Object.keys(FORMATS).join(', ')}, not "${format}"`);
  const page = ctx.quirk('vcloud-query-ignores-page') ? 1 : positiveInteger(params.get('page'), 'page', 1);
  const pageSize = Math.min(positiveInteger(params.get('pageSize'), 'pageSize', DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const filterText = params.get('filter');
  const filter: Filter | undefined = filterText === null ? undefined : parseFilter(filterText);
  const sortAsc = params.get('sortAsc');
  const sortDesc = params.get('sortDesc');
  if (sortAsc !== null && sortDesc !== null) throw badRequest('give sortAsc or sortDesc, not both');
  for (const attr of [...(filter ? attributesOf(filter) : []), ...[sortAsc, sortDesc].filter((s): s is string => s !== null)]) {
    if (!type.attributes.includes(attr)) throw badRequest(`"${attr}" is not an attribute of ${type.record}; it has ${type.attributes.join(', ')}`);
  }
  let rows = type.rows(ctx).filter((r) => !filter || matches(filter, r.values));
  const sortBy = sortAsc ?? sortDesc;
  if (sortBy !== null) rows = rows.sort((a, b) => compare(a.values[sortBy], b.values[sortBy]) * (sortAsc !== null ? 1 : -1));
  const total = rows.length;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  const at = (changes: Record<string, string>): string => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) p.set(k, v);
    return queryUrl(ctx, p);
  };
  const media = FORMATS[format as Format];
  const links = [
    ...(Object.keys(FORMATS) as Format[]).filter((f) => f !== format).map((f) => link('alternate', at({ format: f }), FORMATS[f])),
    link('firstPage', at({ page: '1' }), media),
    page > 1 && link('previousPage', at({ page: String(Math.min(page - 1, lastPage)) }), media),
    page < lastPage && link('nextPage', at({ page: String(page + 1) }), media),
    link('lastPage', at({ page: String(lastPage) }), media),
  ];
  const items = shown.map((r) => format === 'records'
    ? el(type.record, r.values)
    : el(type.reference, { ...refOf(ctx.apiUrl, r.kind, r.uuid, r.values['name'] ?? '') }));
  const root = el(format === 'records' ? 'QueryResultRecords' : `${type.reference}s`, { name: type.name, page, pageSize, total, href: at({}), type: media }, links, items);
  return { status: 200, xml: { root, media } };
}
