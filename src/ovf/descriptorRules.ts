// Semantic rules over the envelope model: references, disks, networks, string bundles and the
// 2.x sections. Hardware and content rules live in hardwareRules.ts and contentRules.ts.
import { allContents, duplicates, type Envelope } from './descriptorModel.js';
import type { FindingSink, Pos } from './finding.js';
import { checkContents } from './contentRules.js';
import { checkHardware } from './hardwareRules.js';
import { urlScheme } from './packageContents.js';
import { parseByteUnit, parseLong, propertyReference } from './units.js';

export function checkDescriptor(env: Envelope, sink: FindingSink): void {
  checkReferences(env, sink);
  checkDisks(env, sink);
  checkNetworks(env, sink);
  checkStrings(env, sink);
  checkContents(env, sink);
  checkHardware(env, sink);
  checkV2(env, sink);
}

const at = (pos: Pos | undefined): Pos => pos ?? {};

function checkReferences(env: Envelope, sink: FindingSink): void {
  for (const f of env.files) {
    const missing = (['id', 'href'] as const).filter((a) => f[a] === undefined).map((a) => `ovf:${a}`);
    if (missing.length > 0) sink.add('OVF-REF-001', `File lacks ${missing.join(' and ')}`, at(f.pos));
    if (f.compression !== undefined && !['gzip', 'identity', ''].includes(f.compression)) {
      sink.add('OVF-REF-006', `ovf:compression="${f.compression}" is not gzip or identity`, at(f.pos));
    }
    if (f.href !== undefined) checkHref(f.href, at(f.pos), sink);
  }
  duplicates(env.files, (f) => f.id, (f, id) => sink.add('OVF-REF-002', `File ovf:id "${id}" is used twice`, at(f.pos)));
  duplicates(env.files, (f) => f.href, (f, href) => sink.add('OVF-REF-004', `two File elements reference "${href}"`, at(f.pos)));
}

function checkHref(href: string, pos: Pos, sink: FindingSink): void {
  const scheme = urlScheme(href);
  if (scheme !== undefined && !['file', 'http', 'https'].includes(scheme)) {
    sink.add('OVF-REF-007', `ovf:href "${href}" uses the ${scheme}: scheme; use a relative path, file:, http: or https:`, pos);
  }
  if (scheme === undefined && /\.(ovf|mf|cert)$/i.test(href)) {
    sink.add('OVF-REF-008', `ovf:href "${href}" lists a descriptor, manifest or certificate in References`, pos);
  }
}

function checkDisks(env: Envelope, sink: FindingSink): void {
  const disks = env.diskSection?.disks ?? [];
  const fileIds = new Set(env.files.map((f) => f.id));
  const earlier = new Set<string>();
  for (const d of disks) {
    const pos = at(d.pos);
    const missing = (['diskId', 'capacity'] as const).filter((a) => d[a] === undefined).map((a) => `ovf:${a}`);
    if (missing.length > 0) sink.add('OVF-DISK-001', `Disk lacks ${missing.join(' and ')}`, pos);
    const capacity = d.capacity === undefined ? undefined : parseLong(d.capacity);
    if (d.capacity !== undefined && capacity === undefined && propertyReference(d.capacity) === undefined) {
      sink.add('OVF-DISK-002', `ovf:capacity "${d.capacity}" is neither an integer nor a \${property} reference`, pos);
    }
    const unit = parseByteUnit(d.capacityAllocationUnits);
    if (unit.kind === 'invalid') {
      sink.add('OVF-DISK-003', `ovf:capacityAllocationUnits "${d.capacityAllocationUnits}" is not a byte unit such as "byte * 2^30"`, pos);
    } else if (unit.kind === 'legacy') {
      sink.add('OVF-DISK-011', `ovf:capacityAllocationUnits "${d.capacityAllocationUnits}" is a legacy spelling`, pos);
    }
    if (d.fileRef !== undefined && !fileIds.has(d.fileRef)) sink.add('OVF-DISK-004', `ovf:fileRef "${d.fileRef}" names no File in References`, pos);
    if (d.fileRef !== undefined && d.format === undefined) sink.add('OVF-DISK-005', `Disk "${d.diskId ?? ''}" has content but no ovf:format`, pos);
    const populated = parseLong(d.populatedSize);
    if (populated !== undefined && capacity !== undefined && unit.kind !== 'invalid' && populated > capacity * unit.bytesPerUnit) {
      sink.add('OVF-DISK-006', `ovf:populatedSize ${populated} exceeds the capacity of ${capacity * unit.bytesPerUnit} bytes`, pos);
    }
    if (d.parentRef !== undefined && (d.parentRef === d.diskId || !earlier.has(d.parentRef))) {
      sink.add('OVF-DISK-007', `ovf:parentRef "${d.parentRef}" does not name an earlier Disk`, pos);
    }
    if (d.diskId !== undefined) earlier.add(d.diskId);
  }
  duplicates(disks, (d) => d.diskId, (d, id) => sink.add('OVF-DISK-001', `ovf:diskId "${id}" is used twice`, at(d.pos)));
  duplicates(disks, (d) => d.fileRef, (d, ref) => sink.add('OVF-DISK-008', `two Disks use ovf:fileRef "${ref}"`, at(d.pos)));
  checkDiskOrder(env, sink);
}

/** DSP0243 9.1: Disks name their Files in the order References lists them. */
function checkDiskOrder(env: Envelope, sink: FindingSink): void {
  const index = new Map(env.files.map((f, i) => [f.id, i]));
  let last: { i: number; ref: string } | undefined;
  for (const d of env.diskSection?.disks ?? []) {
    const i = d.fileRef === undefined ? undefined : index.get(d.fileRef);
    if (i === undefined) continue;
    if (last && i < last.i) {
      sink.add('OVF-DISK-010', `Disk "${d.diskId ?? ''}" names File "${d.fileRef ?? ''}" after a Disk naming "${last.ref}", which References lists later`, at(d.pos));
    }
    last = { i, ref: d.fileRef ?? '' };
  }
}

function checkNetworks(env: Envelope, sink: FindingSink): void {
  const networks = env.networkSection?.networks ?? [];
  for (const n of networks) if (n.name === undefined) sink.add('OVF-NET-001', 'Network lacks ovf:name', at(n.pos));
  duplicates(networks, (n) => n.name, (n, name) => sink.add('OVF-NET-001', `Network name "${name}" is used twice`, at(n.pos)));
}

function checkStrings(env: Envelope, sink: FindingSink): void {
  const fileIds = new Set(env.files.map((f) => f.id));
  for (const bundle of env.strings) {
    if (bundle.fileRef !== undefined && !fileIds.has(bundle.fileRef)) {
      sink.add('OVF-I18N-002', `Strings ovf:fileRef "${bundle.fileRef}" names no File in References`, at(bundle.pos));
    }
    for (const m of bundle.msgs) if (m.msgid === undefined) sink.add('OVF-I18N-001', 'Msg lacks ovf:msgid', at(m.pos));
  }
}

function checkV2(env: Envelope, sink: FindingSink): void {
  const fileIds = new Set(env.files.map((f) => f.id));
  const groups = new Set(env.placementGroups.map((g) => g.id));
  for (const c of allContents(env.content)) {
    for (const count of c.scaleOut?.counts ?? []) {
      const min = count.minimum === undefined ? 1 : Number(count.minimum);
      const def = Number(count.default);
      const max = count.maximum === undefined ? Infinity : Number(count.maximum);
      if (count.default === undefined) sink.add('OVF-V2-001', 'InstanceCount lacks ovf:default', at(count.pos));
      else if (!(min <= def && def <= max)) sink.add('OVF-V2-001', `InstanceCount needs minimum ≤ default ≤ maximum (got ${min}, ${def}, ${max})`, at(count.pos));
    }
    for (const f of c.environmentFiles?.files ?? []) {
      if (f.fileRef === undefined || !fileIds.has(f.fileRef)) sink.add('OVF-V2-002', `EnvironmentFilesSection File ovf:fileRef "${f.fileRef ?? ''}" names no File in References`, at(f.pos));
      if (f.path === undefined) sink.add('OVF-V2-002', 'EnvironmentFilesSection File lacks ovf:path', at(f.pos));
    }
    if (c.placement && (c.placement.group === undefined || !groups.has(c.placement.group))) {
      sink.add('OVF-V2-004', `PlacementSection ovf:group "${c.placement.group ?? ''}" names no PlacementGroupSection`, at(c.placement.pos));
    }
  }
}
