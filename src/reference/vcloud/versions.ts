// GET /api/versions (§1): unauthenticated SupportedVersions, one VersionInfo per API version with its
// LoginUrl and the MediaTypeMapping of each top-level type; each SchemaLocation is a stub schema
// document this provider serves (the real schemas are VMware's to publish).

import type { Reply } from './context.js';
import { API_VERSIONS, type ApiVersion, MEDIA, VCLOUD_NS, VERSIONS_NS } from './media-types.js';
import { el, serialize, textEl } from './xml.js';

const COMPLEX_TYPES: [string, string][] = [
  [MEDIA.session, 'SessionType'], [MEDIA.orgList, 'OrgListType'], [MEDIA.org, 'OrgType'], [MEDIA.vdc, 'VdcType'],
  [MEDIA.catalog, 'CatalogType'], [MEDIA.catalogItem, 'CatalogItemType'], [MEDIA.network, 'OrgNetworkType'],
  [MEDIA.vAppTemplate, 'VAppTemplateType'], [MEDIA.vApp, 'VAppType'], [MEDIA.vm, 'VmType'], [MEDIA.task, 'TaskType'],
  [MEDIA.tasksList, 'TasksListType'], [MEDIA.error, 'ErrorType'], [MEDIA.entity, 'EntityType'], [MEDIA.queryList, 'QueryListType'],
  [MEDIA.queryRecords, 'QueryResultRecordsType'], [MEDIA.queryReferences, 'ReferencesType'], [MEDIA.uploadParams, 'UploadVAppTemplateParamsType'],
  [MEDIA.instantiateParams, 'InstantiateVAppTemplateParamsType'], [MEDIA.deployParams, 'DeployVAppParamsType'], [MEDIA.undeployParams, 'UndeployVAppParamsType'],
];

/** Path under /api/ of the schema document of `version`. */
export const schemaPath = (version: ApiVersion): string => `v${version}/schema/master.xsd`;

export function versionsDocument(apiUrl: string, omitLoginUrl: boolean): Reply {
  const root = el('SupportedVersions', {},
    API_VERSIONS.map((v) => el('VersionInfo', { deprecated: false },
      textEl('Version', v),
      !omitLoginUrl && textEl('LoginUrl', `${apiUrl}sessions`),
      COMPLEX_TYPES.map(([media, complexType]) => el('MediaTypeMapping', {},
        textEl('MediaType', media),
        textEl('ComplexTypeName', complexType),
        textEl('SchemaLocation', `${apiUrl}${schemaPath(v)}`),
      )),
    )),
  );
  return { status: 200, raw: { bytes: serialize(root, { xmlns: VERSIONS_NS }), contentType: 'text/xml' } };
}

export function schemaDocument(version: ApiVersion): Reply {
  const schema = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${VCLOUD_NS}" elementFormDefault="qualified" version="${version}">
  <xs:annotation>
    <xs:documentation>Stub of the vCloud API ${version} master schema, served by the cloudconform reference provider so that SchemaLocation resolves; the types are VMware's (vCloud API ${version} schema reference).</xs:documentation>
  </xs:annotation>
</xs:schema>
`;
  return { status: 200, raw: { bytes: schema, contentType: 'text/xml' } };
}
