// The CIMI types the reference provider implements, as data: attribute order (which is also the
// serialisation order, §4.1.6.3), value types (which drive JSON validation and the XML codec, §5.5)
// and constraint flags (which ResourceMetadata publishes, §5.3). One table, so the codecs, the
// validator and the metadata cannot disagree.

export type ValueType =
  | { kind: 'string' | 'integer' | 'boolean' | 'dateTime' | 'uri' | 'any' }
  /** `{href}` (§5.5.6); `target` names the type whose attributes may sit next to `href` (expansion, by-value). */
  | { kind: 'ref'; target: string }
  /** Array of refs: XML repeats `<itemName href=""/>` with no wrapper (§5.5.11). */
  | { kind: 'refArray'; itemName: string }
  /** String map; XML `<entryName key="k">v</entryName>` (§5.5.7). */
  | { kind: 'map'; entryName: string }
  | { kind: 'array'; itemName: string; item: ValueType }
  /** `xmlAttributes`: serialised as XML attributes of the item element (operations, §4.2). */
  | { kind: 'struct'; fields: readonly Attribute[]; xmlAttributes?: boolean }
  /** A whole resource nested in another one (collection members). */
  | { kind: 'resource'; type: string };

export interface Attribute {
  name: string;
  type: ValueType;
  /** §5.3 flags; defaults as in the spec: providerMandatory true, consumerMandatory false, mutable true, consumerWritable true. */
  providerMandatory?: boolean;
  consumerMandatory?: boolean;
  mutable?: boolean;
  consumerWritable?: boolean;
}

export interface TypeDef {
  name: string;
  attributes: readonly Attribute[];
}

const S = { kind: 'string' } as const;
const I = { kind: 'integer' } as const;
const B = { kind: 'boolean' } as const;
const D = { kind: 'dateTime' } as const;
const U = { kind: 'uri' } as const;
const ref = (target: string): ValueType => ({ kind: 'ref', target });
const readOnly = { mutable: false, consumerWritable: false } as const;
const providerSet = { consumerWritable: false } as const;

/** Attributes that are part of a representation but not of the model (never listed in ResourceMetadata). */
export const REPRESENTATION_ONLY = new Set(['operations']);

const operation: ValueType = {
  kind: 'struct',
  xmlAttributes: true,
  fields: [
    { name: 'rel', type: U },
    { name: 'href', type: U },
    { name: 'available', type: B, providerMandatory: false },
  ],
};
const operations: Attribute = { name: 'operations', type: { kind: 'array', itemName: 'operation', item: operation }, ...readOnly };

// Common attributes (§5.7.1, Table 5). `parent` only where a composition exists (Disk).
const common: Attribute[] = [
  { name: 'id', type: U, ...readOnly },
  { name: 'name', type: S },
  { name: 'description', type: S },
  { name: 'created', type: D, providerMandatory: false, ...readOnly },
  { name: 'updated', type: D, providerMandatory: false, ...providerSet },
  { name: 'properties', type: { kind: 'map', entryName: 'property' }, providerMandatory: false },
];

const diskStruct: ValueType = {
  kind: 'struct',
  fields: [
    { name: 'capacity', type: I },
    { name: 'format', type: S },
    { name: 'initialLocation', type: S },
  ],
};

// One component of a SystemTemplate (§5.13.4): the template attribute is named after the component type.
const componentDescriptor: ValueType = {
  kind: 'struct',
  fields: [
    { name: 'name', type: S },
    { name: 'description', type: S },
    { name: 'properties', type: { kind: 'map', entryName: 'property' } },
    { name: 'type', type: U },
    { name: 'machineTemplate', type: ref('MachineTemplate') },
    { name: 'networkTemplate', type: ref('NetworkTemplate') },
    { name: 'quantity', type: I },
  ],
};

/** The collections the CEP advertises, in the 2.0 pseudo-schema order, with their item types. */
export const COLLECTIONS = [
  { attr: 'resourceMetadata', itemType: 'ResourceMetadata', items: 'resourceMetadatas' },
  { attr: 'systemTemplates', itemType: 'SystemTemplate', items: 'systemTemplates' },
  { attr: 'machines', itemType: 'Machine', items: 'machines' },
  { attr: 'machineTemplates', itemType: 'MachineTemplate', items: 'machineTemplates' },
  { attr: 'machineConfigs', itemType: 'MachineConfiguration', items: 'machineConfigs' },
  { attr: 'machineImages', itemType: 'MachineImage', items: 'machineImages' },
  { attr: 'credentials', itemType: 'Credential', items: 'credentials' },
  { attr: 'credentialTemplates', itemType: 'CredentialTemplate', items: 'credentialTemplates' },
  { attr: 'jobs', itemType: 'Job', items: 'jobs' },
] as const;

const types: TypeDef[] = [
  {
    name: 'CloudEntryPoint',
    attributes: [
      ...common,
      { name: 'baseURI', type: U, consumerMandatory: true, ...readOnly },
      ...COLLECTIONS.map((c) => ({ name: c.attr, type: ref(`${c.itemType}Collection`), providerMandatory: false, ...readOnly })),
      operations,
    ],
  },
  {
    name: 'ResourceMetadata',
    attributes: [
      ...common,
      { name: 'typeURI', type: U, consumerMandatory: true },
      {
        name: 'attributes',
        type: {
          kind: 'array',
          itemName: 'attribute',
          item: {
            kind: 'struct',
            fields: [
              { name: 'name', type: S },
              { name: 'namespace', type: U },
              { name: 'type', type: S },
              { name: 'providerMandatory', type: B },
              { name: 'consumerMandatory', type: B },
              { name: 'mutable', type: B },
              { name: 'consumerWritable', type: B },
              // 1.x (DSP8009 1.0.2): name, namespace, type, required instead of the four 2.0 flags.
              { name: 'required', type: B },
            ],
          },
        },
      },
      {
        name: 'capabilities',
        type: {
          kind: 'array',
          itemName: 'capability',
          item: {
            kind: 'struct',
            fields: [
              { name: 'name', type: S },
              { name: 'uri', type: U },
              { name: 'description', type: S },
              { name: 'value', type: { kind: 'any' } },
            ],
          },
        },
      },
      {
        name: 'actions',
        type: {
          kind: 'array',
          itemName: 'action',
          item: {
            kind: 'struct',
            fields: ['name', 'uri', 'description', 'method', 'inputMessage', 'outputMessage'].map((name) => ({ name, type: name === 'uri' ? U : S })),
          },
        },
      },
      operations,
    ],
  },
  {
    name: 'Machine',
    attributes: [
      ...common,
      { name: 'state', type: S, ...readOnly },
      { name: 'cpu', type: I, ...readOnly },
      { name: 'memory', type: I, ...readOnly },
      { name: 'disks', type: ref('DiskCollection'), ...readOnly },
      { name: 'cpuArch', type: S, ...readOnly },
      { name: 'cpuSpeed', type: I, ...readOnly },
      operations,
    ],
  },
  {
    name: 'Disk',
    attributes: [
      ...common,
      { name: 'parent', type: ref('DiskCollection'), ...readOnly },
      { name: 'capacity', type: I, ...readOnly },
      { name: 'initialLocation', type: S, ...readOnly },
      operations,
    ],
  },
  {
    name: 'MachineTemplate',
    attributes: [
      ...common,
      { name: 'initialState', type: S, providerMandatory: false },
      { name: 'machineConfig', type: ref('MachineConfiguration'), consumerMandatory: true },
      { name: 'machineImage', type: ref('MachineImage'), providerMandatory: false },
      { name: 'credential', type: ref('Credential'), providerMandatory: false },
      { name: 'userData', type: S, providerMandatory: false },
      { name: 'interfaceTemplates', type: { kind: 'array', itemName: 'interfaceTemplate', item: ref('NetworkInterfaceTemplate') }, providerMandatory: false },
      operations,
    ],
  },
  // Only ever inline here (no network collections): what an imported OVF says about NICs and networks (Annex A).
  { name: 'NetworkTemplate', attributes: [...common] },
  { name: 'NetworkInterfaceTemplate', attributes: [...common, { name: 'network', type: ref('NetworkTemplate') }] },
  {
    name: 'SystemTemplate',
    attributes: [
      ...common,
      { name: 'componentDescriptors', type: { kind: 'array', itemName: 'componentDescriptor', item: componentDescriptor } },
      { name: 'importImage', type: U, providerMandatory: false, ...readOnly },
      operations,
    ],
  },
  {
    name: 'MachineConfiguration',
    attributes: [
      ...common,
      { name: 'cpu', type: I, consumerMandatory: true },
      { name: 'memory', type: I, consumerMandatory: true },
      { name: 'disks', type: { kind: 'array', itemName: 'disk', item: diskStruct } },
      { name: 'cpuArch', type: S },
      { name: 'cpuSpeed', type: I },
      operations,
    ],
  },
  {
    name: 'MachineImage',
    attributes: [
      ...common,
      { name: 'state', type: S, ...readOnly },
      { name: 'type', type: S, ...readOnly },
      { name: 'imageLocation', type: U, consumerMandatory: true, ...readOnly },
      { name: 'relatedImage', type: ref('MachineImage'), providerMandatory: false, ...readOnly },
      operations,
    ],
  },
  {
    name: 'Credential',
    attributes: [...common, { name: 'parameters', type: { kind: 'map', entryName: 'parameter' }, providerMandatory: false }, operations],
  },
  {
    name: 'CredentialTemplate',
    attributes: [...common, { name: 'parameters', type: { kind: 'map', entryName: 'parameter' }, providerMandatory: false }, operations],
  },
  {
    name: 'Job',
    attributes: [
      ...common,
      { name: 'state', type: S, ...readOnly },
      { name: 'targetResource', type: ref('Machine'), ...readOnly },
      { name: 'affectedResources', type: { kind: 'refArray', itemName: 'affectedResource' }, ...readOnly },
      { name: 'action', type: U, ...readOnly },
      { name: 'returnCode', type: I, providerMandatory: false, ...readOnly },
      { name: 'progress', type: I, ...readOnly },
      { name: 'statusMessage', type: S, providerMandatory: false, ...readOnly },
      { name: 'timeOfStatusChange', type: D, ...readOnly },
      { name: 'parentJob', type: ref('Job'), providerMandatory: false, ...readOnly },
      { name: 'nestedJobs', type: { kind: 'refArray', itemName: 'nestedJob' }, providerMandatory: false, ...readOnly },
      operations,
    ],
  },
  // Request bodies (§4.2.1.1, §4.2.1.5). Their attributes are all consumer-supplied.
  {
    name: 'MachineCreate',
    attributes: [...common.filter((a) => ['name', 'description', 'properties'].includes(a.name)), { name: 'machineTemplate', type: ref('MachineTemplate') }],
  },
  // A Template is created by value only (§4.2.1.1): the template's attributes under `<type>`, never an href.
  {
    name: 'MachineTemplateCreate',
    attributes: [...common.filter((a) => ['name', 'description', 'properties'].includes(a.name)), { name: 'machineTemplate', type: { kind: 'resource', type: 'MachineTemplate' } }],
  },
  {
    name: 'CredentialTemplateCreate',
    attributes: [...common.filter((a) => ['name', 'description', 'properties'].includes(a.name)), { name: 'credentialTemplate', type: { kind: 'resource', type: 'CredentialTemplate' } }],
  },
  {
    name: 'CredentialCreate',
    attributes: [...common.filter((a) => ['name', 'description', 'properties'].includes(a.name)), { name: 'credentialTemplate', type: ref('CredentialTemplate') }],
  },
  {
    name: 'Action',
    attributes: [
      { name: 'action', type: U },
      { name: 'force', type: B },
      { name: 'image', type: ref('MachineImage') },
      { name: 'source', type: U },
      { name: 'format', type: S },
      { name: 'destination', type: U },
      { name: 'properties', type: { kind: 'map', entryName: 'property' } },
    ],
  },
];

function collectionType(itemType: string, items: string): TypeDef {
  return {
    name: `${itemType}Collection`,
    attributes: [
      { name: 'id', type: U, ...readOnly },
      { name: 'count', type: I, ...readOnly },
      { name: 'parent', type: ref('Machine'), providerMandatory: false, ...readOnly },
      { name: items, type: { kind: 'array', itemName: itemType, item: { kind: 'resource', type: itemType } }, ...readOnly },
      operations,
    ],
  };
}

const TYPES = new Map<string, TypeDef>();
for (const t of types) TYPES.set(t.name, t);
for (const c of COLLECTIONS) TYPES.set(`${c.itemType}Collection`, collectionType(c.itemType, c.items));
TYPES.set('DiskCollection', collectionType('Disk', 'disks'));

export function typeDef(name: string): TypeDef {
  const t = TYPES.get(name);
  if (!t) throw new Error(`reference provider: no type ${name}`);
  return t;
}

export const isCollectionType = (name: string): boolean => name.endsWith('Collection');

/** The attribute of a collection type that holds its members. */
export function itemsAttribute(collectionType: string): Attribute {
  const a = typeDef(collectionType).attributes.find((x) => x.type.kind === 'array' && x.type.item.kind === 'resource');
  if (!a) throw new Error(`reference provider: ${collectionType} has no member array`);
  return a;
}

export const isWritable = (a: Attribute): boolean => a.mutable !== false && a.consumerWritable !== false;
