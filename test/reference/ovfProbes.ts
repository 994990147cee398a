// Probes for the OVF import/export quirks (spread into the switchboard test's PROBES): each holds
// on a clean provider and fails on the one with its quirk.

import { PackageServer } from '../../src/harness/packageServer.js';
import type { ReferenceProvider } from '../../src/reference/server.js';
import { count, exportedPackage, importFrom, importSample, imported, mutated, SHAPE } from './ovfHelpers.js';

type P = ReferenceProvider;

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
  'export-sha1-only': {
    holds: (p: P) => PackageServer.using(async (ps) => /^SHA256\(/m.test((await exportedPackage(await importSample(p, ps))).manifest ?? '')),
  },
};
