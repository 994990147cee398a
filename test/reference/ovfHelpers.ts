// Shared plumbing for the reference provider's OVF import/export tests and quirk probes: a fixed
// sample package, the suite's package server, and the calls that import, follow and export.

import { type EnvelopeShape, envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { type GeneratedPackage, clonePackage } from '../../src/ovf/generators/package.js';
import { MUTATORS } from '../../src/ovf/generators/mutators.js';
import { type Inspection, inspectOva } from '../../src/ovf/inspect.js';
import { PackageServer } from '../../src/cimi/packageServer.js';
import type { ReferenceProvider } from '../../src/reference/server.js';
import { type Json, type Res, action, call } from './helpers.js';

export const SHAPE: EnvelopeShape = {
  version: 2,
  disks: [{ payload: new Uint8Array(1000).fill(7), capacityMiB: 3 }, { payload: new Uint8Array(200).fill(1), capacityMiB: 1 }],
  networks: ['VM Network', 'backend'],
  cpus: 2,
  memoryMiB: 1536,
  name: 'web',
  os: '101',
  products: [{ info: 'Product information', product: 'App', vendor: 'V', version: '1.0', properties: [{ key: 'port', type: 'uint8', value: '80', values: [] }] }],
};

export function samplePackage(shape: EnvelopeShape = SHAPE): GeneratedPackage {
  return {
    name: 'web',
    envelope: envelopeOf(shape),
    payloads: new Map(shape.disks.map((d, i) => [`disk${i + 1}.vmdk`, d.payload])),
    manifest: 'SHA256',
    edits: {},
  };
}

export function mutated(name: string, pkg = samplePackage()): GeneratedPackage {
  const m = MUTATORS.find((x) => x.name === name);
  if (!m) throw new Error(`no mutator ${name}`);
  return m.apply(clonePackage(pkg));
}

export const importFrom = (p: ReferenceProvider, source?: unknown): Promise<Res> =>
  call('POST', `${p.baseUrl}systemTemplates/import`, { body: { action: action('import'), ...(source === undefined ? {} : { source }) } });

export const exportOf = (st: string, extra: Json = {}): Promise<Res> => call('POST', `${st}/export`, { body: { action: action('export'), ...extra } });

const hrefOf = (v: unknown): string => String((v as Json | undefined)?.['href'] ?? '');

/** The SystemTemplate an import created, its first MachineTemplate and that template's configuration. */
export async function imported(systemTemplate: string): Promise<{ st: Json; mt: Json; mc: Json }> {
  const st = (await call('GET', systemTemplate)).body;
  const mt = (await call('GET', hrefOf((st['componentDescriptors'] as Json[])[0]?.['machineTemplate']))).body;
  const mc = (await call('GET', hrefOf(mt['machineConfig']))).body;
  return { st, mt, mc };
}

/** Imports the sample package (OVA) and returns the created SystemTemplate's id. */
export async function importSample(p: ReferenceProvider, ps: PackageServer, pkg = samplePackage()): Promise<string> {
  const res = await importFrom(p, await ps.servePackage(pkg, 'ova'));
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${res.text}`);
  return res.headers.get('location')!;
}

/** Exports a SystemTemplate without destination and inspects the package Location names. */
export async function exportedPackage(st: string): Promise<Inspection> {
  const res = await exportOf(st);
  const pkg = await fetch(res.headers.get('location')!);
  return inspectOva(new Uint8Array(await pkg.arrayBuffer()));
}

export const count = async (p: ReferenceProvider, collection: string): Promise<number> => (await call('GET', `${p.baseUrl}${collection}`)).body['count'] as number;
