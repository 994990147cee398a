// The `export` action of a SystemTemplate (§5.13.1.2, §5.13.4.1): an OVF 2.x package (an OVA) that
// describes the template: one VirtualSystem per machine component with its configuration's cpu (and
// speed), memory and disks (empty disks: a template keeps no disk contents), its NICs and the
// networks, its product properties, what an import kept that CIMI cannot show (guest OS, annotation,
// disk names), and a SHA256 manifest. Without `destination` the package is served under the base URL and named in
// Location; with an http destination it is PUT there.

import { createHash } from 'node:crypto';
import { pack } from 'tar-stream';
import type { Content, Envelope, HardwareItem } from '../ovf/descriptorModel.js';
import { type DigestAlgorithm, NODE_HASH, formatManifest } from '../ovf/manifest.js';
import { serializeEnvelope } from '../ovf/serialize.js';
import { type Context, absoluteHref } from './context.js';
import { badRequest } from './errors.js';
import { beginJob, endJob } from './jobs.js';
import type { Outcome } from './kind.js';
import { OVF_MEDIA_TYPE, TRANSFER_TIMEOUT_MS, loopbackUrl, transferError } from './ovfFetch.js';
import { OVF_EXTRAS, type OvfExtras } from './ovfMapping.js';
import type { Resource, Values } from './store.js';

interface Machine {
  template: Resource;
  config: Values;
}

const rasd = (props: Record<string, string>): HardwareItem => ({ kind: 'Item', props: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, [v]])) });
/** ProductSection keys must not contain "." or ":" (DSP0243 9.5.1); other property keys are not exported. */
const exportableKey = (k: string): boolean => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k);

function machinesOf(ctx: Context, st: Resource): Machine[] {
  const lookup = (v: unknown, type: string): Resource | undefined => ctx.store.get(absoluteHref(ctx, String((v as Values | undefined)?.['href'] ?? '')) ?? '', type);
  return ((st.values['componentDescriptors'] as Values[] | undefined) ?? []).flatMap((c) => {
    const template = lookup(c['machineTemplate'], 'MachineTemplate');
    const config = template && lookup(template.values['machineConfig'], 'MachineConfiguration');
    return template && config ? [{ template, config: config.values }] : [];
  });
}

/** The disks a machine's package describes (none under export-drops-disks). */
const disksOf = (ctx: Context, m: Machine): Values[] => (ctx.quirk('export-drops-disks') ? [] : ((m.config['disks'] as Values[] | undefined) ?? []));

/** The name of disk item `d` (quirk export-renames-disks: a name of the provider's own). */
const diskName = (ctx: Context, extras: OvfExtras | undefined, d: number): string =>
  ctx.quirk('export-renames-disks') ? `disk-${d + 1}` : (extras?.diskNames[d] || `Hard disk ${d + 1}`);

function virtualSystem(ctx: Context, m: Machine, i: number): Content {
  const disks = disksOf(ctx, m);
  const nics = (m.template.values['interfaceTemplates'] as Values[] | undefined) ?? [];
  const extras = m.template.values[OVF_EXTRAS] as OvfExtras | undefined;
  const speed: Record<string, string> = m.config['cpuSpeed'] === undefined ? {} : { Reservation: String(m.config['cpuSpeed']) };
  const items = [
    rasd({ AllocationUnits: 'hertz * 10^6', ElementName: `${String(m.config['cpu'])} virtual CPU(s)`, InstanceID: '1', ...speed, ResourceType: '3', VirtualQuantity: String(m.config['cpu']) }),
    rasd({ AllocationUnits: 'byte * 2^10', ElementName: `${String(m.config['memory'])} KiB of memory`, InstanceID: '2', ResourceType: '4', VirtualQuantity: String(m.config['memory']) }),
    rasd({ Address: '0', ElementName: 'SCSI controller 0', InstanceID: '3', ResourceSubType: 'lsilogic', ResourceType: '6' }),
    ...disks.map((_, d) => rasd({ AddressOnParent: String(d), ElementName: diskName(ctx, extras, d), HostResource: `ovf:/disk/vm${i}disk${d + 1}`, InstanceID: String(10 + d), Parent: '3', ResourceType: '17' })),
    ...nics.map((n, k) => rasd({ AutomaticAllocation: 'true', Connection: String((n['network'] as Values | undefined)?.['name'] ?? ''), ElementName: String(n['name'] ?? `NIC ${k + 1}`), InstanceID: String(1000 + k), ResourceType: '10' })),
  ];
  const all = ctx.quirk('export-drops-product-properties') ? {} : ((m.template.values['properties'] as Record<string, string> | undefined) ?? {});
  const properties = Object.entries(all).filter(([k]) => exportableKey(k));
  const name = String(m.template.values['name'] ?? `machine ${i}`);
  return {
    kind: 'VirtualSystem',
    id: `vm${i}`,
    info: String(m.template.values['description'] ?? 'A virtual machine'),
    name,
    ...(extras?.operatingSystem ? { operatingSystem: { info: 'The guest operating system', ...extras.operatingSystem } } : {}),
    ...(extras?.annotation !== undefined ? { annotation: { info: 'A note about the virtual machine', annotation: extras.annotation } } : {}),
    eulas: [],
    products: properties.length === 0 ? [] : [{ info: 'Properties', properties: properties.map(([key, value]) => ({ key, type: 'string', value, values: [] })) }],
    hardware: [{ info: 'Virtual hardware requirements', system: { ElementName: ['Virtual Hardware Family'], InstanceID: ['0'], VirtualSystemIdentifier: [name] }, items }],
    children: [],
  };
}

/** The descriptor model of a SystemTemplate. */
export function envelopeOf(ctx: Context, st: Resource): Envelope {
  const machines = machinesOf(ctx, st);
  const vms = machines.map((m, i) => virtualSystem(ctx, m, i + 1));
  const connected = vms.flatMap((vm) => vm.hardware[0]!.items.flatMap((it) => it.props['Connection'] ?? []));
  const declared = ((st.values['componentDescriptors'] as Values[] | undefined) ?? []).flatMap((c) => {
    const n = c['networkTemplate'] as Values | undefined;
    return typeof n?.['name'] === 'string' ? [{ name: n['name'], ...(typeof n['description'] === 'string' ? { description: n['description'] } : {}) }] : [];
  });
  const networks = [...declared, ...connected.filter((c) => !declared.some((d) => d.name === c)).map((name) => ({ name }))].filter((n, i, all) => all.findIndex((x) => x.name === n.name) === i);
  const disks = machines.flatMap((m, i) =>
    disksOf(ctx, m).map((d, k) => ({ diskId: `vm${i + 1}disk${k + 1}`, capacity: String(d['capacity'] ?? 0), capacityAllocationUnits: 'byte * 10^3' })),
  );
  return {
    version: 2,
    files: [],
    ...(disks.length > 0 ? { diskSection: { info: 'Virtual disks (empty: a template keeps no disk contents)', disks } } : {}),
    ...(networks.length > 0 ? { networkSection: { info: 'Logical networks', networks } } : {}),
    placementGroups: [],
    content: { kind: 'VirtualSystemCollection', id: 'system', info: String(st.values['description'] ?? 'Exported SystemTemplate'), name: String(st.values['name'] ?? 'system'), eulas: [], products: [], hardware: [], children: vms },
    strings: [],
  };
}

/** descriptor + manifest as a USTAR archive, in memory (no disk files: nothing to stream). */
async function ova(ctx: Context, st: Resource): Promise<Buffer> {
  const descriptor = Buffer.from(serializeEnvelope(envelopeOf(ctx, st)));
  const algorithm: DigestAlgorithm = ctx.quirk('export-sha1-only') ? 'SHA1' : 'SHA256';
  const name = `system-${st.id.slice(st.id.lastIndexOf('/') + 1)}`;
  const manifest = Buffer.from(formatManifest([{ algorithm, file: `${name}.ovf`, digest: createHash(NODE_HASH[algorithm]).update(descriptor).digest('hex') }]));
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => p.on('end', resolve).on('error', reject));
  p.entry({ name: `${name}.ovf`, size: descriptor.length }, descriptor);
  p.entry({ name: `${name}.mf`, size: manifest.length }, manifest);
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function upload(destination: URL, bytes: Buffer): Promise<void> {
  try {
    const res = await fetch(destination, { method: 'PUT', headers: { 'content-type': OVF_MEDIA_TYPE }, body: bytes, redirect: 'manual', signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (res.status < 200 || res.status > 299) throw badRequest(`PUT ${destination.href} answered ${res.status}`);
  } catch (e) {
    throw transferError(e, destination.href);
  }
}

export async function exportSystemTemplate(ctx: Context, st: Resource, body: Values): Promise<Outcome> {
  const format = body['format'] ?? OVF_MEDIA_TYPE;
  if (format !== OVF_MEDIA_TYPE) throw badRequest(`format ${String(format)} is not supported; this provider exports ${OVF_MEDIA_TYPE}`);
  const destination = body['destination'] === undefined || body['destination'] === null ? undefined : loopbackUrl(body['destination'], 'destination');
  const bytes = await ova(ctx, st);
  const job = beginJob(ctx, 'export', st.id);
  try {
    if (destination) await upload(destination, bytes);
  } catch (e) {
    endJob(ctx, job, (e as Error).message);
    throw e;
  }
  endJob(ctx, job);
  return { ...(job ? { job } : {}), async: false, ...(destination ? {} : { location: ctx.exports.add(bytes) }) };
}
