// vCloud media types (brief §4) and how to compare them: the spec makes them case-insensitive and
// servers answer in mixed or lower case, so nothing here compares them as plain strings.

const VCLOUD = 'application/vnd.vmware.vcloud.';

/** `application/vnd.vmware.vcloud.<suffix>+xml`, e.g. vcloudType('vApp'). */
export const vcloudType = (suffix: string): string => `${VCLOUD}${suffix}+xml`;

/** The media types the suite sends or looks for, by the brief's entity names. */
export const MEDIA = {
  session: vcloudType('session'),
  orgList: vcloudType('orgList'),
  org: vcloudType('org'),
  vdc: vcloudType('vdc'),
  catalog: vcloudType('catalog'),
  catalogItem: vcloudType('catalogItem'),
  /** One 1.5 guide page shows this for the catalog's add link (brief §3): accepted as an alias. */
  adminCatalogItem: 'application/vnd.vmware.admin.catalogItem+xml',
  vAppTemplate: vcloudType('vAppTemplate'),
  vApp: vcloudType('vApp'),
  vm: vcloudType('vm'),
  task: vcloudType('task'),
  tasksList: vcloudType('tasksList'),
  error: vcloudType('error'),
  network: vcloudType('network'),
  orgNetwork: vcloudType('orgNetwork'),
  queryList: vcloudType('query.queryList'),
  queryRecords: vcloudType('query.records'),
  queryReferences: vcloudType('query.references'),
  uploadVAppTemplateParams: vcloudType('uploadVAppTemplateParams'),
  instantiateVAppTemplateParams: vcloudType('instantiateVAppTemplateParams'),
  captureVAppParams: vcloudType('captureVAppParams'),
  deployVAppParams: vcloudType('deployVAppParams'),
  undeployVAppParams: vcloudType('undeployVAppParams'),
  /** OVF descriptors and the transfer service's files. */
  ovfDescriptor: 'text/xml',
} as const;

/** The type and subtype of a Content-Type or media type, lower-cased, parameters dropped. */
export function essence(mediaType: string | undefined): string {
  return (mediaType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Same media type, whatever the case and parameters. */
export const sameMediaType = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && essence(a) === essence(b);

/** A parameter of a Content-Type (`version` of `…+xml;version=1.5`), value as written; names case-insensitive. */
export function mediaTypeParam(contentType: string | undefined, name: string): string | undefined {
  for (const part of (contentType ?? '').split(';').slice(1)) {
    const [k, ...v] = part.split('=');
    if (k?.trim().toLowerCase() === name.toLowerCase()) return v.join('=').trim().replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/** A specific vCloud or admin media type, not a generic one (`application/xml`, `text/xml`, `application/*+xml`). */
export const isVendorType = (mediaType: string | undefined): boolean => /^application\/vnd\.vmware\.[a-z0-9.]+\+xml$/.test(essence(mediaType));

/** The Accept header of every request from 1.5 on (brief §1). */
export const acceptHeader = (version: string): string => `application/*+xml;version=${version}`;
