// VirtualHardwareSection and RASD/EPASD/SASD item rules (DSP0243 clause 8).
import { allContents, type CimProps, duplicates, type Envelope, type HardwareItem, type HardwareSection, prop } from './descriptorModel.js';
import type { FindingSink, Pos } from './finding.js';
import { parseByteUnit } from './units.js';

export const RESOURCE_TYPE = { memory: 4, ide: 5, scsi: 6, ethernet: 10, cdrom: 15, dvd: 16, disk: 17 } as const;

const at = (pos: Pos | undefined): Pos => pos ?? {};

export function checkHardware(env: Envelope, sink: FindingSink): void {
  for (const c of allContents(env.content)) {
    if (c.kind === 'VirtualSystem' && c.hardware.length === 0) {
      sink.add('OVF-VH-001', `VirtualSystem "${c.id ?? ''}" has no VirtualHardwareSection`, at(c.pos));
    }
    if (c.hardware.length > 1) {
      duplicates(c.hardware, (h) => systemType(h), (h, t) =>
        sink.add('OVF-VH-002', `two VirtualHardwareSections in "${c.id ?? ''}" declare VirtualSystemType "${t}"`, at(h.pos)),
      );
    }
    for (const h of c.hardware) checkSection(env, h, sink);
  }
}

/** "A and B", noting look-alikes in the wrong case (`InstanceId`), or undefined when none is missing. */
function missingNames(props: CimProps, names: string[]): string | undefined {
  const missing = names.filter((n) => props[n] === undefined).map((n) => {
    const lookalike = Object.keys(props).find((k) => k.toLowerCase() === n.toLowerCase());
    return lookalike ? `${n} (found ${lookalike}: element names are case-sensitive)` : n;
  });
  return missing.length > 0 ? missing.join(' and ') : undefined;
}

function systemType(h: HardwareSection): string {
  return h.system?.VirtualSystemType?.[0] ?? '';
}

function checkSection(env: Envelope, h: HardwareSection, sink: FindingSink): void {
  if (h.transport?.includes(',')) sink.add('OVF-VH-003', `ovf:transport "${h.transport}" must be space-separated`, at(h.pos));
  if (h.system) {
    const missing = missingNames(h.system, ['ElementName', 'InstanceID']);
    if (missing) sink.add('OVF-VH-006', `System lacks ${missing}`, at(h.pos));
  }
  const diskIds = new Set((env.diskSection?.disks ?? []).map((d) => d.diskId));
  const fileIds = new Set(env.files.map((f) => f.id));
  const networks = new Set((env.networkSection?.networks ?? []).map((n) => n.name));
  const instanceIds = new Set(h.items.map((i) => prop(i, 'InstanceID')));
  checkSharedInstanceIds(h, sink);
  checkIsoTransport(h, sink);

  for (const item of h.items) {
    const pos = at(item.pos);
    const label = `${item.kind} "${prop(item, 'ElementName') ?? prop(item, 'InstanceID') ?? '?'}"`;
    const missing = missingNames(item.props, ['ElementName', 'InstanceID']);
    if (missing) sink.add('OVF-RASD-001', `${item.kind} lacks ${missing}`, pos);
    const type = prop(item, 'ResourceType');
    if (type === undefined) sink.add('OVF-RASD-002', `${label} has no ResourceType`, pos);
    else if (!/^\d+$/.test(type) || Number(type) > 65535) sink.add('OVF-RASD-012', `${label}: ResourceType "${type}" is not an unsignedShort`, pos);
    const caption = prop(item, 'Caption');
    if (caption !== undefined && caption.length > 64) sink.add('OVF-RASD-004', `${label}: Caption is ${caption.length} characters (max 64)`, pos);
    const parent = prop(item, 'Parent');
    if (parent !== undefined && !instanceIds.has(parent)) sink.add('OVF-RASD-006', `${label}: Parent "${parent}" is no InstanceID in this section`, pos);
    const hosts = item.props.HostResource ?? [];
    if (hosts.length > 1) sink.add('OVF-RASD-013', `${label} has ${hosts.length} HostResource backings; a device has at most one`, pos);
    for (const host of hosts) checkHostResource(host, label, pos, diskIds, fileIds, sink);
    for (const conn of item.props.Connection ?? []) {
      if (!networks.has(conn)) sink.add('OVF-RASD-008', `${label}: Connection "${conn}" names no Network in NetworkSection`, pos);
    }
    if (Number(type) === RESOURCE_TYPE.memory) checkMemory(item, label, pos, sink);
    if (item.bound !== undefined && !['min', 'max', 'normal'].includes(item.bound)) {
      sink.add('OVF-RASD-011', `${label}: ovf:bound "${item.bound}" is not min, max or normal`, pos);
    }
  }
  // Range (ovf:bound) and per-configuration variants of one device legitimately share an InstanceID.
  duplicates(h.items, (i) => {
    const id = prop(i, 'InstanceID');
    return id === undefined ? undefined : `${id}|${i.bound ?? ''}|${i.configuration ?? ''}`;
  }, (i) => sink.add('OVF-RASD-005', `InstanceID "${prop(i, 'InstanceID')}" is used twice in one VirtualHardwareSection`, at(i.pos)));
}

/**
 * Items sharing an InstanceID describe one device (per configuration, or a min/max range): they
 * agree on ResourceType (DSP0243 9.8), and a range marker has its normal Item (8.4).
 */
function checkSharedInstanceIds(h: HardwareSection, sink: FindingSink): void {
  const byId = new Map<string, HardwareItem[]>();
  for (const i of h.items) {
    const id = prop(i, 'InstanceID');
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), i]);
  }
  for (const [id, group] of byId) {
    const types = [...new Set(group.map((i) => prop(i, 'ResourceType')).filter((t) => t !== undefined))];
    if (types.length > 1) sink.add('OVF-RASD-002', `Items with InstanceID "${id}" disagree on ResourceType (${types.join(', ')})`, at(group[1]?.pos));
    const normal = group.some((i) => i.bound === undefined || i.bound === 'normal');
    const marker = group.find((i) => i.bound === 'min' || i.bound === 'max');
    if (marker && !normal) sink.add('OVF-RASD-014', `Item with ovf:bound="${marker.bound ?? ''}" and InstanceID "${id}" has no corresponding Item without a range marker`, at(marker.pos));
  }
}

/** DSP0243 11.2: the iso transport needs a CD-ROM drive to carry the environment image. */
function checkIsoTransport(h: HardwareSection, sink: FindingSink): void {
  if (!(h.transport ?? '').split(/\s+/).includes('iso')) return;
  const drives = [RESOURCE_TYPE.cdrom, RESOURCE_TYPE.dvd].map(String);
  if (!h.items.some((i) => drives.includes(prop(i, 'ResourceType') ?? ''))) {
    sink.add('OVF-OE-005', 'ovf:transport includes "iso", but the section has no CD-ROM/DVD drive (ResourceType 15 or 16) to carry ovf-env.xml', at(h.pos));
  }
}

function checkHostResource(host: string, label: string, pos: Pos, diskIds: Set<string | undefined>, fileIds: Set<string | undefined>, sink: FindingSink): void {
  const m = /^(ovf:)?\/(disk|file)\/(.+)$/.exec(host);
  if (!m) return; // other forms (host device paths, pool names) are platform-specific
  if (m[1] === undefined) sink.add('OVF-RASD-015', `${label}: HostResource "${host}" uses the legacy form without "ovf:"`, pos);
  const known = m[2] === 'disk' ? diskIds : fileIds;
  if (!known.has(m[3])) sink.add('OVF-RASD-007', `${label}: HostResource "${host}" names no ${m[2] === 'disk' ? 'Disk' : 'File'}`, pos);
}

function checkMemory(item: HardwareItem, label: string, pos: Pos, sink: FindingSink): void {
  const units = prop(item, 'AllocationUnits');
  if (prop(item, 'VirtualQuantity') === undefined || units === undefined || parseByteUnit(units).kind !== 'programmatic') {
    sink.add('OVF-RASD-009', `${label}: memory needs VirtualQuantity with AllocationUnits such as "byte * 2^20" (got ${units === undefined ? 'none' : `"${units}"`})`, pos);
  }
}
