// Where each entity lives: its URN (urn:vcloud:<kind>:<uuid>, §3), its href under /api/ (the vCD 1.5
// URL shapes; clients treat them as opaque), and its media type. Also the reverse: a URL segment or a
// body href read back into a UUID, with a malformed id refused as 400 BAD_REQUEST.

import { randomUUID } from 'node:crypto';
import type { Ref, Uuid } from './entities.js';
import { badRequest } from './errors.js';
import { MEDIA } from './media-types.js';

interface KindInfo {
  /** Path under /api/ up to the UUID. */
  prefix: string;
  urn: string;
  media: string;
}

const KINDS = {
  org: { prefix: 'org/', urn: 'org', media: MEDIA.org },
  vdc: { prefix: 'vdc/', urn: 'vdc', media: MEDIA.vdc },
  catalog: { prefix: 'catalog/', urn: 'catalog', media: MEDIA.catalog },
  catalogItem: { prefix: 'catalogItem/', urn: 'catalogitem', media: MEDIA.catalogItem },
  network: { prefix: 'network/', urn: 'network', media: MEDIA.network },
  vAppTemplate: { prefix: 'vAppTemplate/vappTemplate-', urn: 'vapptemplate', media: MEDIA.vAppTemplate },
  templateVm: { prefix: 'vAppTemplate/vm-', urn: 'vm', media: MEDIA.vm },
  vApp: { prefix: 'vApp/vapp-', urn: 'vapp', media: MEDIA.vApp },
  vm: { prefix: 'vApp/vm-', urn: 'vm', media: MEDIA.vm },
  task: { prefix: 'task/', urn: 'task', media: MEDIA.task },
} as const satisfies Record<string, KindInfo>;

export type Kind = keyof typeof KINDS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const newUuid = (): Uuid => randomUUID();
export const urnOf = (kind: Kind, uuid: Uuid): string => `urn:vcloud:${KINDS[kind].urn}:${uuid}`;
const mediaOf = (kind: Kind): string => KINDS[kind].media;

/** Absolute hrefs against `apiUrl` (`http://host:port/api/`). */
export const hrefOf = (apiUrl: string, kind: Kind, uuid: Uuid): string => `${apiUrl}${KINDS[kind].prefix}${uuid}`;

export function refOf(apiUrl: string, kind: Kind, uuid: Uuid, name: string): Ref {
  return { href: hrefOf(apiUrl, kind, uuid), type: mediaOf(kind), name, id: urnOf(kind, uuid) };
}

/** The UUID a URL segment names after `prefix` (e.g. "vapp-"); 400 when it is not one. */
export function uuidIn(segment: string, prefix = ''): Uuid {
  const uuid = segment.startsWith(prefix) ? segment.slice(prefix.length) : '';
  if (!UUID.test(uuid)) throw badRequest(`validation error on field 'id': String value "${segment}" has invalid format or length`);
  return uuid;
}

/** The UUID of a `kind` href of this provider (as a client sends it in a body), else undefined. */
export function uuidOfHref(apiUrl: string, kind: Kind, href: string): Uuid | undefined {
  const start = `${apiUrl}${KINDS[kind].prefix}`;
  const rest = href.trim().replace(/\/$/, '');
  if (!rest.startsWith(start)) return undefined;
  const uuid = rest.slice(start.length);
  return UUID.test(uuid) ? uuid : undefined;
}

/** The kind and UUID a URN names (entity resolver), else undefined. */
export function parseUrn(urn: string): { kinds: Kind[]; uuid: Uuid } | undefined {
  const m = /^urn:vcloud:([a-z]+):(.+)$/.exec(urn);
  if (!m || !UUID.test(m[2]!)) return undefined;
  const kinds = (Object.keys(KINDS) as Kind[]).filter((k) => KINDS[k].urn === m[1]);
  return kinds.length > 0 ? { kinds, uuid: m[2]! } : undefined;
}
