// Probes for the OVF import/export quirks (spread into the switchboard test's PROBES): each holds
// on a clean provider and fails on the one with its quirk.

import { allContents, prop } from '../../src/ovf/descriptorModel.js';
import type { Inspection } from '../../src/ovf/inspect.js';
import { PackageServer } from '../../src/cimi/packageServer.js';
import type { ReferenceProvider } from '../../src/reference/server.js';
import { count, exportedPackage, importFrom, importSample, imported, mutated, samplePackage, SHAPE } from './ovfHelpers.js';

type P = ReferenceProvider;

/** The VirtualSystem of an exported sample package. */
const exportedSystem = (pkg: Inspection) => allContents(pkg.envelope!.content!).find((c) => c.kind === 'VirtualSystem')!;

export const OVF_PROBES = {
  'import-ignores-manifest': {
    holds: (p: P) => PackageServer.using(async (ps) => (await importFrom(p, await ps.servePackage(mutated('manifest-digest-wrong'), 'ova'))).status === 400),
  },
  'import-ignores-memory-units': {
    holds: (p: P) => PackageServer.using(async (ps) => (await imported(await importSample(p, ps))).mc['memory'] === SHAPE.memoryMiB * 1024),
  },
  'import-partial-on-error': {
    holds: (p: P) =>
      PackageServer.using(async (ps) => {
        const before = await count(p, 'systemTemplates');
        await importFrom(p, await ps.servePackage(mutated('content-without-id'), 'ova'));
        return (await count(p, 'systemTemplates')) === before;
      }),
  },
  'export-drops-disks': {
    holds: (p: P) => PackageServer.using(async (ps) => (await exportedPackage(await importSample(p, ps))).envelope?.diskSection?.disks.length === SHAPE.disks.length),
  },
  'export-drops-product-properties': {
    holds: (p: P) => PackageServer.using(async (ps) => exportedSystem(await exportedPackage(await importSample(p, ps))).products.some((s) => s.properties.some((x) => x.key === 'port'))),
  },
  'export-renames-disks': {
    holds: (p: P) =>
      PackageServer.using(async (ps) => {
        const items = exportedSystem(await exportedPackage(await importSample(p, ps))).hardware[0]!.items;
        return items.filter((i) => prop(i, 'ResourceType') === '17').map((i) => prop(i, 'ElementName')).join() === 'Hard disk 1,Hard disk 2';
      }),
  },
  'import-rounds-memory-gib': {
    holds: (p: P) => PackageServer.using(async (ps) => (await imported(await importSample(p, ps))).mc['memory'] === SHAPE.memoryMiB * 1024),
  },
  'import-refuses-ovf2': {
    holds: (p: P) => PackageServer.using(async (ps) => SHAPE.version === 2 && (await importFrom(p, await ps.servePackage(samplePackage(), 'ova'))).status === 200),
  },
  'export-sha1-only': {
    holds: (p: P) => PackageServer.using(async (ps) => /^SHA256\(/m.test((await exportedPackage(await importSample(p, ps))).manifest ?? '')),
  },
};
