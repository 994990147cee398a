// The representations of the navigation entities (§3): Session, OrgList, Org, Vdc (elements in the
// order of VdcType), Catalog, CatalogItem, OrgNetwork, the entity resolver's Entity, and the pieces
// every representation shares (Link, references, Owner, Error).

import type { VcdContext } from './context.js';
import type { Catalog, CatalogItem, ErrorInfo, OrgNetwork, Ref, Vdc } from './entities.js';
import { MEDIA } from './media-types.js';
import { type Kind, hrefOf, refOf } from './refs.js';
import { MAX_ENTITIES, MAX_TRANSFER_BYTES } from './store.js';
import { el, textEl, type XmlElement } from './xml.js';

export const link = (rel: string, href: string, type?: string, name?: string): XmlElement => el('Link', { rel, href, type, name });

/** A ReferenceType element (Owner, Entity, Source, ResourceEntity...). */
export const refElement = (name: string, ref: Ref, extra: Record<string, string | number> = {}): XmlElement => el(name, { href: ref.href, id: ref.id, name: ref.name, type: ref.type, ...extra });

/** The attributes every EntityType representation starts with. */
export const entityAttrs = (ref: Ref): Record<string, string> => ({ name: ref.name, id: ref.id, href: ref.href, type: ref.type });

export const errorElement = (e: ErrorInfo): XmlElement => el('Error', { majorErrorCode: e.major, minorErrorCode: e.minor, message: e.message });

export const userRef = (ctx: VcdContext): Ref => ({ href: `${ctx.apiUrl}admin/user/${ctx.store.org.user.uuid}`, type: MEDIA.adminUser, name: ctx.store.org.user.name, id: `urn:vcloud:user:${ctx.store.org.user.uuid}` });
export const orgRef = (ctx: VcdContext): Ref => refOf(ctx.apiUrl, 'org', ctx.store.org.uuid, ctx.store.org.name);
export const vdcRef = (ctx: VcdContext, vdc: Vdc): Ref => refOf(ctx.apiUrl, 'vdc', vdc.uuid, vdc.name);
export const catalogRef = (ctx: VcdContext, c: Catalog): Ref => refOf(ctx.apiUrl, 'catalog', c.uuid, c.name);
export const networkRef = (ctx: VcdContext, n: OrgNetwork): Ref => refOf(ctx.apiUrl, 'network', n.uuid, n.name);

export const ownerElement = (ctx: VcdContext): XmlElement => el('Owner', { type: MEDIA.owner }, refElement('User', userRef(ctx)));

export const tasksListHref = (ctx: VcdContext): string => `${ctx.apiUrl}tasksList/${ctx.store.org.uuid}`;

export function sessionElement(ctx: VcdContext): XmlElement {
  return el('Session', { user: ctx.store.org.user.name, org: ctx.store.org.name, href: `${ctx.apiUrl}session/`, type: MEDIA.session },
    link('down', `${ctx.apiUrl}org/`, MEDIA.orgList),
    link('down', `${ctx.apiUrl}query`, MEDIA.queryList),
    link('entityResolver', `${ctx.apiUrl}entity/`, MEDIA.entity),
  );
}

export function orgListElement(ctx: VcdContext): XmlElement {
  const org = orgRef(ctx);
  return el('OrgList', { href: `${ctx.apiUrl}org/`, type: MEDIA.orgList }, el('Org', { href: org.href, name: org.name, type: org.type }));
}

export function orgElement(ctx: VcdContext): XmlElement {
  const { store } = ctx;
  return el('Org', entityAttrs(orgRef(ctx)),
    [...store.vdcs.values()].map((v) => link('down', hrefOf(ctx.apiUrl, 'vdc', v.uuid), MEDIA.vdc, v.name)),
    link('down', tasksListHref(ctx), MEDIA.tasksList),
    [...store.catalogs.values()].map((c) => link('down', hrefOf(ctx.apiUrl, 'catalog', c.uuid), MEDIA.catalog, c.name)),
    [...store.networks.values()].map((n) => link('down', hrefOf(ctx.apiUrl, 'network', n.uuid), MEDIA.network, n.name)),
    textEl('Description', 'cloudconform reference organization'),
    textEl('FullName', store.org.fullName),
    textEl('IsEnabled', true),
  );
}

const capacity = (name: string, units: string, limit: number, used?: number): XmlElement =>
  el(name, {}, textEl('Units', units), textEl('Allocated', 0), textEl('Limit', limit), used !== undefined && textEl('Used', used));

/** The vDC, its elements in VdcType order (unless quirk vcloud-vdc-elements-unordered). */
export function vdcElement(ctx: VcdContext, vdc: Vdc): XmlElement {
  const { store } = ctx;
  const self = vdcRef(ctx, vdc);
  const resource = (kind: Kind, uuid: string, name: string): XmlElement => refElement('ResourceEntity', refOf(ctx.apiUrl, kind, uuid, name));
  const quotas = [textEl('NicQuota', 0), textEl('NetworkQuota', 0)];
  const unordered = ctx.quirk('vcloud-vdc-elements-unordered');
  return el('Vdc', { status: 1, ...entityAttrs(self) },
    link('up', orgRef(ctx).href, MEDIA.org),
    link('add', `${self.href}/action/uploadVAppTemplate`, MEDIA.uploadParams),
    link('add', `${self.href}/action/instantiateVAppTemplate`, MEDIA.instantiateParams),
    link('add', `${self.href}/action/captureVApp`, MEDIA.captureParams),
    textEl('Description', 'cloudconform reference vDC'),
    textEl('AllocationModel', 'AllocationVApp'),
    unordered && quotas,
    capacity('StorageCapacity', 'MB', MAX_TRANSFER_BYTES / 2 ** 20, Math.ceil(store.transferBytesInUse() / 2 ** 20)),
    el('ComputeCapacity', {}, capacity('Cpu', 'MHz', 0), capacity('Memory', 'MB', 0)),
    el('ResourceEntities', {},
      [...store.templates.values()].filter((t) => t.vdc === vdc.uuid).map((t) => resource('vAppTemplate', t.uuid, t.name)),
      [...store.vapps.values()].filter((a) => a.vdc === vdc.uuid).map((a) => resource('vApp', a.uuid, a.name)),
    ),
    el('AvailableNetworks', {}, [...store.networks.values()].map((n) => refElement('Network', networkRef(ctx, n)))),
    el('Capabilities', {}, el('SupportedHardwareVersions', {}, ['vmx-07', 'vmx-08', 'vmx-09'].map((v) => textEl('SupportedHardwareVersion', v)))),
    !unordered && quotas,
    textEl('VmQuota', MAX_ENTITIES),
    textEl('IsEnabled', true),
  );
}

export function networkElement(ctx: VcdContext, n: OrgNetwork): XmlElement {
  return el('OrgNetwork', entityAttrs(networkRef(ctx, n)),
    link('up', orgRef(ctx).href, MEDIA.org),
    textEl('Description', 'cloudconform reference network'),
    el('Configuration', {}, textEl('FenceMode', 'bridged')),
  );
}

export function catalogElement(ctx: VcdContext, c: Catalog): XmlElement {
  const self = catalogRef(ctx, c);
  const items = [...ctx.store.catalogItems.values()].filter((i) => i.catalog === c.uuid);
  return el('Catalog', entityAttrs(self),
    link('up', orgRef(ctx).href, MEDIA.org),
    link('add', `${self.href}/catalogItems`, MEDIA.catalogItem),
    textEl('Description', 'cloudconform reference catalog'),
    el('CatalogItems', {}, items.map((i) => refElement('CatalogItem', refOf(ctx.apiUrl, 'catalogItem', i.uuid, i.name)))),
    textEl('IsPublished', false),
  );
}

export function catalogItemElement(ctx: VcdContext, item: CatalogItem): XmlElement {
  const template = ctx.store.templates.get(item.template);
  return el('CatalogItem', entityAttrs(refOf(ctx.apiUrl, 'catalogItem', item.uuid, item.name)),
    link('up', hrefOf(ctx.apiUrl, 'catalog', item.catalog), MEDIA.catalog),
    link('remove', hrefOf(ctx.apiUrl, 'catalogItem', item.uuid)),
    item.description !== undefined && textEl('Description', item.description),
    template && refElement('Entity', refOf(ctx.apiUrl, 'vAppTemplate', template.uuid, template.name)),
  );
}

/** The entity resolver's answer: what a URN names, as a link to it. */
export function entityElement(ctx: VcdContext, urn: string, target: Ref): XmlElement {
  return el('Entity', { name: target.name, id: urn, href: `${ctx.apiUrl}entity/${urn}`, type: MEDIA.entity },
    link('alternate', target.href, target.type),
  );
}
