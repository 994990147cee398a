// The CIMI side of OVF import and export (§5.13.1.2, §5.13.4.1, §5.13.5.1, Annex A), shared by the OVF
// checks and the portability run: the import operation of systemTemplates, the SystemTemplate an import
// made with the templates it references (adopted by the workspace, so they are deleted), and the package
// an export produced, fetched from Location or received at a destination of a package server.

import type { CimiClient, CimiObject, CimiResponse } from './cimiClient.js';
import { isRef } from './cimiClient.js';
import { HarnessError } from '../model/errors.js';
import type { HttpClient } from '../harness/httpClient.js';
import type { PackageServer } from './packageServer.js';
import { type Workspace, collectionItems } from './workspace.js';

/** What importing and exporting need: a check's context, a fixture's, or one side of a portability run. */
export interface OvfContext {
  cimi: CimiClient;
  ws: Workspace;
  http: HttpClient;
  /** The provider does not offer what is needed (import, export). */
  notApplicable(reason: string): never;
}

export interface ImportedMachine {
  template: CimiObject;
  /** The MachineTemplate's configuration, referenced or inline. */
  config: CimiObject;
  /** Where the configuration is, when referenced (to read it again in another format). */
  configUrl?: string;
}

export interface Imported {
  url: string;
  rep: CimiObject;
  machines: ImportedMachine[];
}

const TEMPLATE_COLLECTIONS = [['systemTemplates', 'SystemTemplate'], ['machineTemplates', 'MachineTemplate'], ['machineConfigs', 'MachineConfiguration']] as const;

/** The systemTemplates collection, which must advertise import. */
export async function importTarget(ctx: OvfContext): Promise<CimiObject> {
  const coll = (await ctx.cimi.get(await ctx.cimi.requireCollection('systemTemplates'))).body;
  if (!ctx.cimi.operation(coll, 'import')) return ctx.notApplicable('the systemTemplates collection does not advertise import');
  return coll!;
}

/** POSTs an import Action; `source` undefined sends none. */
export async function postImport(ctx: OvfContext, source: string | undefined): Promise<CimiResponse> {
  return ctx.cimi.action(await importTarget(ctx), 'import', source === undefined ? {} : { source });
}

/** Ids of every member of the template collections the provider has, by collection. */
export async function snapshot(ctx: OvfContext): Promise<Map<string, Map<string, CimiObject>>> {
  const out = new Map<string, Map<string, CimiObject>>();
  for (const [attr] of TEMPLATE_COLLECTIONS) {
    const url = await ctx.cimi.collectionUrl(attr);
    const items = url ? collectionItems((await ctx.cimi.get(url)).body) : [];
    out.set(attr, new Map(await Promise.all(items.map(async (i) => [await ctx.cimi.resolve(String(i['id'])), i] as const))));
  }
  return out;
}

/**
 * Members that appeared since a refused request (`before`): strays, adopted so they are deleted.
 * Templates other checks of this run make at the same time carry the run's name prefix and are left alone.
 */
export async function appeared(ctx: OvfContext, before: Map<string, Map<string, CimiObject>>): Promise<string[]> {
  const after = await snapshot(ctx);
  const fresh: string[] = [];
  for (const [attr, type] of TEMPLATE_COLLECTIONS) {
    for (const [id, item] of after.get(attr) ?? []) {
      if (before.get(attr)?.has(id) || String(item['name'] ?? '').startsWith(ctx.ws.namePrefix)) continue;
      ctx.ws.adoptStray(attr, id, type);
      fresh.push(`${type} ${id}`);
    }
  }
  return fresh;
}

const refsOf = (o: CimiObject): string[] => Object.values(o).filter(isRef).map((r) => r.href);

/** The SystemTemplate a successful import made and the MachineTemplates of its components; all new ones adopted. */
export async function importedSystem(ctx: OvfContext, res: CimiResponse, before: Map<string, Map<string, CimiObject>>): Promise<Imported> {
  const location = res.headers['location'];
  const fresh = [...(await snapshot(ctx)).get('systemTemplates')!.keys()].filter((id) => !before.get('systemTemplates')?.has(id));
  const url = location ? await ctx.cimi.resolve(location) : fresh[0];
  if (!url) throw new HarnessError('PRECONDITION', `import answered ${res.status} but no new SystemTemplate can be found (no Location, none listed)`);
  const machines: ImportedMachine[] = [];
  const adopt = (attr: string, id: string, type: string): void => {
    if (!before.get(attr)?.has(id)) ctx.ws.adopt(attr, id, type);
  };
  const rep = (await ctx.cimi.get(url)).body ?? {};
  const components = Array.isArray(rep['componentDescriptors']) ? (rep['componentDescriptors'] as CimiObject[]) : [];
  for (const href of components.flatMap(refsOf)) {
    const template = (await ctx.cimi.get(await ctx.cimi.resolve(href))).body;
    if (template?.['resourceURI'] !== ctx.cimi.typeUri('MachineTemplate')) continue;
    const ref = template['machineConfig'];
    const configUrl = isRef(ref) ? await ctx.cimi.resolve(ref.href) : undefined;
    const config = configUrl ? ((await ctx.cimi.get(configUrl)).body ?? {}) : ((ref as CimiObject | undefined) ?? {});
    if (configUrl) adopt('machineConfigs', configUrl, 'MachineConfiguration');
    adopt('machineTemplates', await ctx.cimi.resolve(String(template['id'])), 'MachineTemplate');
    machines.push({ template, config, ...(configUrl ? { configUrl } : {}) });
  }
  adopt('systemTemplates', url, 'SystemTemplate');
  return { url, rep, machines };
}

/** Imports the package at `source`: what it made (adopted), or, when refused, the answer alone (strays adopted). */
export async function tryImport(ctx: OvfContext, source: string): Promise<{ res: CimiResponse; imported?: Imported }> {
  const before = await snapshot(ctx);
  const res = await postImport(ctx, source);
  if (res.status >= 300) {
    await appeared(ctx, before);
    return { res };
  }
  return { res, imported: await importedSystem(ctx, res, before) };
}

export interface Exported {
  /** How the package was obtained. */
  via: 'location' | 'destination';
  contentType: string;
  bytes: Buffer;
}

/**
 * Exports `st` without format: from Location when there is no destination, else (`destination`
 * true) to a destination of the package server. Undefined when no package could be obtained.
 */
export async function exportPackage(ctx: OvfContext, ps: PackageServer, st: CimiObject, destination: boolean): Promise<{ res: CimiResponse; exported?: Exported; url?: string }> {
  if (!ctx.cimi.operation(st, 'export')) return ctx.notApplicable('the SystemTemplate does not advertise export');
  const url = destination ? ps.destination('export.ova') : undefined;
  const res = await ctx.cimi.action(st, 'export', url ? { destination: url } : {});
  if (url) {
    const up = ps.upload(url);
    return { res, url, ...(up ? { exported: { via: 'destination' as const, ...up } } : {}) };
  }
  const location = res.headers['location'];
  if (res.status >= 300 || !location) return { res };
  const got = await ctx.http.request('GET', await ctx.cimi.resolve(location), { headers: {} });
  return { res, url: location, exported: { via: 'location', contentType: got.headers['content-type'] ?? '', bytes: got.bytes ?? Buffer.from(got.text) } };
}
