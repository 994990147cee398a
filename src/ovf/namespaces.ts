// Namespace URIs. Elements are matched on (namespace, local name), never on prefixes.
export const OVF1 = 'http://schemas.dmtf.org/ovf/envelope/1';
export const OVF2 = 'http://schemas.dmtf.org/ovf/envelope/2';
export const RASD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData';
export const VSSD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData';
export const EPASD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_EthernetPortAllocationSettingData';
export const SASD = 'http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export type OvfMajor = 1 | 2;

export function envelopeNamespace(version: OvfMajor): string {
  return version === 1 ? OVF1 : OVF2;
}

export function ovfMajorOf(namespace: string | null | undefined): OvfMajor | undefined {
  if (namespace === OVF1) return 1;
  if (namespace === OVF2) return 2;
  return undefined;
}

/** The CIM settings namespace used by each item element kind. */
export const ITEM_NAMESPACE = { Item: RASD, EthernetPortItem: EPASD, StorageItem: SASD } as const;
export type ItemKind = keyof typeof ITEM_NAMESPACE;
