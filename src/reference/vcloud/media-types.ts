// Namespaces and media types (§4), and content negotiation (§1): the API version a response echoes
// comes from `Accept: application/*+xml;version=X`; media types compare case-insensitively and
// without their parameters.

import { VcdError } from './errors.js';

export const VCLOUD_NS = 'http://www.vmware.com/vcloud/v1.5';
export const VERSIONS_NS = 'http://www.vmware.com/vcloud/versions';
export const OVF_NS = 'http://schemas.dmtf.org/ovf/envelope/1';

export const API_VERSIONS = ['1.5', '5.1'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
/** What a request that names no version gets: the oldest version this provider speaks. */
const DEFAULT_VERSION: ApiVersion = '1.5';

const vnd = (suffix: string): string => `application/vnd.vmware.vcloud.${suffix}+xml`;

export const MEDIA = {
  session: vnd('session'),
  orgList: vnd('orgList'),
  org: vnd('org'),
  vdc: vnd('vdc'),
  catalog: vnd('catalog'),
  catalogItem: vnd('catalogItem'),
  adminCatalogItem: 'application/vnd.vmware.admin.catalogItem+xml',
  network: vnd('network'),
  vAppTemplate: vnd('vAppTemplate'),
  vApp: vnd('vApp'),
  vm: vnd('vm'),
  task: vnd('task'),
  tasksList: vnd('tasksList'),
  error: vnd('error'),
  entity: vnd('entity'),
  owner: vnd('owner'),
  adminUser: 'application/vnd.vmware.admin.user+xml',
  queryList: vnd('query.queryList'),
  queryRecords: vnd('query.records'),
  queryReferences: vnd('query.references'),
  uploadParams: vnd('uploadVAppTemplateParams'),
  instantiateParams: vnd('instantiateVAppTemplateParams'),
  captureParams: vnd('captureVAppParams'),
  deployParams: vnd('deployVAppParams'),
  undeployParams: vnd('undeployVAppParams'),
} as const;

/** The OVF descriptor on the transfer service. */
export const DESCRIPTOR_MEDIA = 'text/xml';

const isApiVersion = (v: string): v is ApiVersion => (API_VERSIONS as readonly string[]).includes(v);

/** Ranges that can be answered with a vCloud XML representation. */
function xmlRange(type: string): boolean {
  return ['*/*', 'application/*', 'application/*+xml', 'application/xml'].includes(type) || (type.startsWith('application/vnd.vmware.') && type.endsWith('+xml'));
}

/** The version to answer in; 406 when every XML range of Accept names a version this provider lacks. */
export function negotiateVersion(accept: string | undefined): ApiVersion {
  if (accept === undefined || accept.trim() === '') return DEFAULT_VERSION;
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const version = params.find((p) => /^version\s*=/i.test(p))?.replace(/^version\s*=\s*/i, '').replace(/^"(.*)"$/, '$1');
    return { type: type.toLowerCase(), version };
  });
  const usable = ranges.filter((r) => xmlRange(r.type));
  for (const r of usable) {
    if (r.version === undefined) return DEFAULT_VERSION;
    if (isApiVersion(r.version)) return r.version;
  }
  const asked = usable.map((r) => r.version).filter((v) => v !== undefined);
  throw new VcdError(406, asked.length > 0
    ? `API version ${asked.join(', ')} is not supported; supported versions: ${API_VERSIONS.join(', ')}`
    : `none of "${accept}" can be produced; this API answers application/*+xml`);
}

export const withVersion = (media: string, version: ApiVersion): string => `${media};version=${version}`;

/** The media type of a Content-Type header, lower-cased and without parameters. */
const bareMediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** 415 unless the request's Content-Type is one of `accepted` (compared case-insensitively). */
export function requireContentType(header: string | undefined, accepted: readonly string[]): void {
  const given = bareMediaType(header);
  if (!accepted.some((a) => a.toLowerCase() === given)) {
    throw new VcdError(415, `Content-Type "${header ?? ''}" is not accepted here; send ${accepted.join(' or ')}`);
  }
}
