// What the OVF import/export checks add to the protocol helpers of src/harness/ovfTransfer.ts
// (§5.13.1.2, §5.13.4.1, §5.13.5.1, Annex A): importing a generated package the check expects to be
// accepted, the suite's own validator as oracle, and any export that yields a package.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CimiObject, CimiResponse } from '../../src/cimi/cimiClient.js';
import { HarnessError } from '../../src/model/errors.js';
import type { Layout, PackageServer } from '../../src/cimi/packageServer.js';
import { type Exported, type Imported, type OvfContext, exportPackage, tryImport } from '../../src/cimi/ovfTransfer.js';
import { type GeneratedPackage, writeFolder, writeOva } from '../../src/ovf/generators/package.js';
import { type Inspection, inspectOva } from '../../src/ovf/inspect.js';
import { validatePath } from '../../src/ovf/validate.js';

/** Imports a package the check expects to be accepted; a refusal fails `rule`. */
export async function importAccepted(ctx: OvfContext, ps: PackageServer, pkg: GeneratedPackage, layout: Layout, rule: string): Promise<Imported & { source: string; res: CimiResponse }> {
  const source = await ps.servePackage(pkg, layout);
  const { res, imported } = await tryImport(ctx, source);
  if (!imported) throw new HarnessError('PRECONDITION', `${rule}: importing a valid package (${layout}) was refused: ${res.status} ${String(res.body?.['statusMessage'] ?? '')}`.trim());
  return { ...imported, source, res };
}

/** The validator's verdict on a package laid out as served (the suite's own oracle). */
export async function locallyValid(pkg: GeneratedPackage, layout: Layout): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), 'cloudconform-pkg-'));
  try {
    const path = layout === 'ova' ? await writeOva(pkg, dir) : await writeFolder(pkg, join(dir, 'pkg'));
    const r = await validatePath(path);
    return r.valid && r.readError === undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A package from an export: by Location, else at a destination; not applicable when neither works. */
export async function anyExport(ctx: OvfContext, ps: PackageServer, st: CimiObject): Promise<Exported & { inspection: Inspection }> {
  const got = (await exportPackage(ctx, ps, st, false)).exported ?? (await exportPackage(ctx, ps, st, true)).exported;
  if (!got) return ctx.notApplicable('export gave no package, neither at Location nor at a destination (CIMI-OVF-004/005 judge that)');
  return { ...got, inspection: await inspectOva(got.bytes) };
}
