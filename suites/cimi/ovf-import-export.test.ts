// OVF import and export (§5.13.1.2, §5.13.4.1, §5.13.5.1, Annex A), an optional feature: import
// on the systemTemplates collection from the suite's own loopback package server, the mapping of the
// descriptor onto SystemTemplate, MachineTemplate and MachineConfiguration, the refusal of invalid
// packages, and exports fetched from Location or received at a destination, checked with the OVF
// validator. Packages are generated (fast-check) and small; every import is a set of templates on the
// provider's account, so the file imports property.creatingRuns packages once and every check judges those.

import fc from 'fast-check';
import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { RunContext } from '../../src/harness/runContext.js';
import { type CimiObject, isRef } from '../../src/cimi/cimiClient.js';
import { PackageServer } from '../../src/cimi/packageServer.js';
import { expectStatusClass } from '../../src/cimi/probes.js';
import { assertProperty, propertyRuns } from '../../src/harness/property.js';
import type { Layout } from '../../src/cimi/packageServer.js';
import type { GeneratedPackage } from '../../src/ovf/generators/package.js';
import { KB, KIB, type Hardware, digestMismatch, hardwareOf, importable, invalid, productProperties, sameAmount } from './ovfPackages.js';
import { appeared, exportPackage, importTarget, postImport, snapshot } from '../../src/cimi/ovfTransfer.js';
import { anyExport, importAccepted, locallyValid } from './ovfImport.js';
import { fixture } from '../../src/cimi/check.js';

const OVF_MEDIA_TYPE = 'application/ovf';

/** The seed the packages are drawn with: the replayed one, the profile's, else a fresh one (printed with any failure). */
const drawSeed = (run: RunContext): number =>
  run.replay ? Number(run.replay.split(':')[0]) : (run.profile.property.seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)));

/** One accepted import of a generated package, and how to name that package in a failure. */
type Import = Awaited<ReturnType<typeof importAccepted>> & { pkg: GeneratedPackage; layout: Layout; label: string };

/**
 * property.creatingRuns generated packages, each imported once (a SystemTemplate with its MachineTemplate and
 * configuration): the mapping checks judge every one, the export checks the first, with the package server
 * (which saw the provider fetch each source) up until the file ends.
 */
const imports = fixture('ovf-import-export.test.ts: generated packages imported', {
  creates: (run) => {
    const n = propertyRuns(run, 'creating');
    return { SystemTemplate: n, MachineTemplate: n, MachineConfiguration: n };
  },
}, async (fx) => {
  await importTarget(fx);
  const ps = await PackageServer.start();
  fx.onDispose(() => ps.close());
  const seed = drawSeed(fx.run);
  const drawn = fc.sample(importable, { numRuns: propertyRuns(fx.run, 'creating'), seed });
  const out: Import[] = [];
  for (const [i, { pkg, layout }] of drawn.entries()) {
    const label = `generated package ${i + 1} of ${drawn.length} (${layout}; drawn with seed ${seed}: replay with --replay ${seed})`;
    out.push({ ...(await importAccepted(fx, ps, pkg, layout, `importing ${label}`)), pkg, layout, label });
  }
  return { imports: out, ps };
});

/** Hands the check the file's first import, the package server still up (not applicable where import is not offered). */
async function withImport<T>(ctx: CheckContext, fn: (imp: Import, ps: PackageServer) => Promise<T>): Promise<T> {
  await importTarget(ctx);
  const { imports: [first], ps } = await ctx.use(imports);
  return fn(first!, ps);
}

/** Every import of the file (not applicable where import is not offered). */
async function allImports(ctx: CheckContext): Promise<Import[]> {
  await importTarget(ctx);
  return (await ctx.use(imports)).imports;
}

/** `config` (CIMI units) describes `hw`; the first difference, or undefined. */
function configMismatch(config: CimiObject, hw: Hardware): string | undefined {
  if (config['cpu'] !== hw.cpu) return `cpu ${String(config['cpu'])}, descriptor ${hw.cpu}`;
  if (!sameAmount(config['memory'], hw.memoryBytes, KIB)) return `memory ${String(config['memory'])} KiB, descriptor ${hw.memoryBytes} bytes (${hw.memoryBytes / KIB} KiB)`;
  const disks = Array.isArray(config['disks']) ? (config['disks'] as CimiObject[]) : undefined;
  if (disks === undefined) return undefined;
  if (disks.length !== hw.diskBytes.length) return `${disks.length} disk(s), descriptor ${hw.diskBytes.length}`;
  const bad = hw.diskBytes.findIndex((b, i) => !sameAmount(disks[i]?.['capacity'], b, KB));
  return bad < 0 ? undefined : `disk ${bad + 1} capacity ${String(disks[bad]?.['capacity'])} kB, descriptor ${hw.diskBytes[bad]} bytes`;
}

check('CIMI-OVF-001', 'import is offered only on the systemTemplates and systems collections', async (ctx) => {
  const cep = await ctx.cimi.cep();
  const offering: string[] = [];
  for (const [attr, ref] of Object.entries(cep)) {
    if (!isRef(ref) || attr === 'systems' || attr === 'systemTemplates') continue;
    const coll = (await ctx.cimi.get(await ctx.cimi.resolve(ref.href))).body;
    if (ctx.cimi.operation(coll, 'import')) offering.push(attr);
  }
  expect(offering, 'CIMI-OVF-001: collections other than systems/systemTemplates that advertise import').toEqual([]);
});

check('CIMI-OVF-002', 'an import without source is refused; with one, the provider fetches it', async (ctx) => {
  const before = await snapshot(ctx);
  const res = await postImport(ctx, undefined);
  const created = await appeared(ctx, before);
  expectStatusClass(res, 4, 'CIMI-OVF-002: an import Action without source');
  expect(created, 'CIMI-OVF-002: resources created by an import without source').toEqual([]);
  await withImport(ctx, async (imp, ps) => {
    expect(ps.requestsFor(imp.source).map((r) => r.method), `CIMI-OVF-002: requests the provider made for the source ${imp.source}`).toContain('GET');
  });
}, { uses: [imports], format: 'each' });

check('CIMI-OVF-006', 'importing a one-VirtualSystem package yields a SystemTemplate whose component is a MachineTemplate with a configuration', async (ctx) => {
  await withImport(ctx, async (imp) => {
    expect(imp.rep['resourceURI'], 'CIMI-OVF-006: the import created a SystemTemplate').toBe(ctx.cimi.typeUri('SystemTemplate'));
    expect(imp.machines.length, 'CIMI-OVF-006: MachineTemplates referenced by the SystemTemplate components').toBe(1);
    const config = imp.machines[0]!.config;
    expect(typeof config['cpu'] === 'number' && typeof config['memory'] === 'number', `CIMI-OVF-006: the MachineTemplate has a MachineConfiguration with cpu and memory (${JSON.stringify(config)})`).toBe(true);
  });
}, { uses: [imports], format: 'each' });

check('CIMI-OVF-007', 'a SystemTemplate created by import records its source in importImage', async (ctx) => {
  await withImport(ctx, async (imp) => {
    expect(imp.rep['importImage'], 'CIMI-OVF-007: importImage of the imported SystemTemplate').toBe(imp.source);
  });
}, { uses: [imports] });

check('CIMI-OVF-008', "an imported MachineConfiguration has the descriptor's cpu, memory and disk capacities", async (ctx) => {
  for (const imp of await allImports(ctx)) {
    const [hw] = hardwareOf(imp.pkg.envelope);
    expect(imp.machines.length, `CIMI-OVF-008: one MachineTemplate per VirtualSystem, ${imp.label}`).toBe(1);
    // Read again in this check's format: the mapping must hold in every format served.
    const { config, configUrl } = imp.machines[0]!;
    const shown = configUrl ? ((await ctx.cimi.get(configUrl)).body ?? {}) : config;
    expect(configMismatch(shown, hw!) ?? 'as described', `CIMI-OVF-008: MachineConfiguration of ${imp.url} against the descriptor of ${imp.label}`).toBe('as described');
  }
}, { uses: [imports], format: 'each' });

check('CIMI-OVF-009', 'network components and interfaceTemplates agree with the NetworkSection and the NICs', async (ctx) => {
  let surfaced = false;
  for (const imp of await allImports(ctx)) {
    const components = (Array.isArray(imp.rep['componentDescriptors']) ? imp.rep['componentDescriptors'] : []) as CimiObject[];
    const networks = components.filter((c) => String(c['type'] ?? '').endsWith('/Network')).map((c) => String(c['name']));
    const nics = imp.machines[0]?.template['interfaceTemplates'];
    if (networks.length > 0) {
      surfaced = true;
      expect(networks.sort(), `CIMI-OVF-009: names of the Network components, ${imp.label}`).toEqual((imp.pkg.envelope.networkSection?.networks ?? []).map((n) => String(n.name)).sort());
    }
    if (Array.isArray(nics)) {
      surfaced = true;
      const named = (nics as CimiObject[]).map((n) => (n['network'] as CimiObject | undefined)?.['name']);
      const expected = hardwareOf(imp.pkg.envelope)[0]!.nics;
      expect(nics.length, `CIMI-OVF-009: interfaceTemplates of the MachineTemplate, one per NIC, ${imp.label}`).toBe(expected.length);
      if (named.every((n) => typeof n === 'string')) expect(named, `CIMI-OVF-009: networks the interfaceTemplates connect to, ${imp.label}`).toEqual(expected);
    }
  }
  if (!surfaced) ctx.notApplicable('the provider surfaces neither Network components nor interfaceTemplates of imported packages');
}, { uses: [imports] });

check('CIMI-OVF-010', "an imported MachineTemplate carries the descriptor's product properties", async (ctx) => {
  for (const imp of await allImports(ctx)) {
    const expected = productProperties(imp.pkg.envelope);
    const got = (imp.machines[0]?.template['properties'] ?? {}) as CimiObject;
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, got[k]])), `CIMI-OVF-010: product properties in the MachineTemplate properties, ${imp.label}`).toEqual(expected);
  }
}, { uses: [imports] });

check('CIMI-OVF-012', 'an import of an invalid package is refused and creates nothing', async (ctx) => {
  await PackageServer.using(async (ps) =>
    assertProperty(ctx, fc.asyncProperty(invalid, async ({ pkg, layout, mutator }) => {
      fc.pre(!(await locallyValid(pkg, layout)));
      const before = await snapshot(ctx);
      const res = await postImport(ctx, await ps.servePackage(pkg, layout));
      const created = await appeared(ctx, before);
      expectStatusClass(res, 4, `CIMI-OVF-012: import of a package broken by ${mutator} (${layout})`);
      expect(created, `CIMI-OVF-012: resources created by the refused import of a package broken by ${mutator}`).toEqual([]);
      await ctx.ws.dispose();
    })),
  );
}, { format: 'each' });

check('CIMI-OVF-013', 'an import of a package whose manifest digest is wrong is refused', async (ctx) => {
  await PackageServer.using(async (ps) =>
    assertProperty(ctx, fc.asyncProperty(digestMismatch, async ({ pkg, layout }) => {
      const before = await snapshot(ctx);
      const res = await postImport(ctx, await ps.servePackage(pkg, layout));
      await appeared(ctx, before);
      expectStatusClass(res, 4, `CIMI-OVF-013: import of a package (${layout}) whose manifest digest does not match`);
      await ctx.ws.dispose();
    })),
  );
});

check('CIMI-OVF-004', 'an export without destination names the package in Location', async (ctx) => {
  await withImport(ctx, async (imp, ps) => {
    const { res, exported } = await exportPackage(ctx, ps, imp.rep, false);
    expectStatusClass(res, 2, 'CIMI-OVF-004: export without destination');
    expect(res.headers['location'], 'CIMI-OVF-004: Location of the exported package').toBeDefined();
    expect(exported?.bytes.length ?? 0, `CIMI-OVF-004: bytes served at ${String(res.headers['location'])}`).toBeGreaterThan(0);
  });
}, { uses: [imports], format: 'each' });

check('CIMI-OVF-005', 'an export to an HTTP destination PUTs the package there', async (ctx) => {
  await withImport(ctx, async (imp, ps) => {
    const { res, url } = await exportPackage(ctx, ps, imp.rep, true);
    expectStatusClass(res, 2, 'CIMI-OVF-005: export with a destination');
    expect(ps.requestsFor(url!).map((r) => r.method), `CIMI-OVF-005: requests the provider made for the destination ${url!}`).toContain('PUT');
    expect(ps.upload(url!)?.bytes.length ?? 0, 'CIMI-OVF-005: bytes uploaded to the destination').toBeGreaterThan(0);
  });
}, { uses: [imports], format: 'each' });

check('CIMI-OVF-003', 'an export without format produces an OVF package (application/ovf)', async (ctx) => {
  await withImport(ctx, async (imp, ps) => {
    const got = await anyExport(ctx, ps, imp.rep);
    expect(got.inspection.validation.readError, `CIMI-OVF-003: the exported package (by ${got.via}) must read as an OVF package`).toBeUndefined();
    if (got.contentType !== '') expect(got.contentType.split(';')[0]!.trim(), `CIMI-OVF-003: media type of the exported package (by ${got.via})`).toBe(OVF_MEDIA_TYPE);
  });
}, { uses: [imports] });

check('CIMI-OVF-011', 'an exported package validates without errors', async (ctx) => {
  await withImport(ctx, async (imp, ps) => {
    const { validation } = (await anyExport(ctx, ps, imp.rep)).inspection;
    const errors = validation.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`);
    expect([validation.readError, ...errors].filter(Boolean), 'CIMI-OVF-011: OVF validator errors on the exported package').toEqual([]);
  });
}, { uses: [imports] });

check('CIMI-OVF-014', 'an exported manifest uses SHA256 (or SHA512)', async (ctx) => {
  await withImport(ctx, async (imp, ps) => {
    const { manifest } = (await anyExport(ctx, ps, imp.rep)).inspection;
    const algorithms = [...new Set((manifest ?? '').split('\n').map((l) => /^\s*([A-Za-z0-9]+)\s*\(/.exec(l)?.[1]?.toUpperCase()).filter(Boolean))];
    expect(algorithms.length > 0 && algorithms.every((a) => a === 'SHA256' || a === 'SHA512') ? 'SHA256/SHA512' : `manifest algorithms: ${algorithms.join(', ') || 'no manifest'}`, 'CIMI-OVF-014: digest algorithms of the exported manifest').toBe('SHA256/SHA512');
  });
}, { uses: [imports] });

check('CIMI-OVF-015', "an exported package describes the SystemTemplate's machines", async (ctx) => {
  await withImport(ctx, async (imp, ps) => {
    const { envelope } = (await anyExport(ctx, ps, imp.rep)).inspection;
    const exported = envelope ? hardwareOf(envelope) : [];
    expect(exported.length, 'CIMI-OVF-015: VirtualSystems in the exported package, one per machine component').toBe(imp.machines.length);
    for (const [i, m] of imp.machines.entries()) {
      expect(configMismatch(m.config, exported[i]!) ?? 'as described', `CIMI-OVF-015: exported VirtualSystem ${i + 1} against MachineConfiguration ${String(m.config['id'] ?? '(inline)')}`).toBe('as described');
    }
  });
}, { uses: [imports] });

