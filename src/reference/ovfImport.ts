// The `import` action of the systemTemplates collection (§5.13.5.1, Annex A): fetch the package at
// `source`, validate it with the OVF validator (manifest digests included), map it, and only then
// create the MachineConfigurations, MachineTemplates and the SystemTemplate, all at once. A package
// that is unreachable, not application/ovf, invalid (validator errors, or warnings that leave
// nothing deployable) or unmappable is refused (400) and nothing is created.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDescriptor, validatePath } from '../ovf/validate.js';
import { type Context, collectionUrl, typeUri } from './context.js';
import { CimiError, badRequest } from './errors.js';
import { beginJob, endJob } from './jobs.js';
import type { Outcome } from './kind.js';
import { fetchPackage, loopbackUrl } from './ovfFetch.js';
import { type ImportPlan, OVF_EXTRAS, componentDescriptors, planImport } from './ovfMapping.js';
import type { Resource, Values } from './store.js';

const SHOWN_FINDINGS = 3;
const DIGEST_RULE = 'OVF-MF-008';
/** Warnings of the validator that leave nothing to deploy: a missing file, dangling parents, disks or networks, no hardware. */
const UNDEPLOYABLE = new Set(['OVF-REF-003', 'OVF-RASD-006', 'OVF-RASD-007', 'OVF-RASD-008', 'OVF-VH-001']);

/** Fetches and validates the package, and plans what it becomes. */
async function readPackage(ctx: Context, source: URL): Promise<ImportPlan> {
  const dir = await mkdtemp(join(tmpdir(), 'cloudconform-import-'));
  try {
    const path = await fetchPackage(source, dir);
    const result = await validatePath(path);
    if (result.readError !== undefined) throw badRequest(`${source.href} is not an OVF package: ${result.readError.replace(dir, '')}`);
    const refused = (rule: string, severity: string): boolean => (severity === 'error' || UNDEPLOYABLE.has(rule)) && !(rule === DIGEST_RULE && ctx.quirk('import-ignores-manifest'));
    const errors = result.findings.filter((f) => refused(f.rule, f.severity));
    if (errors.length > 0) {
      const shown = errors.slice(0, SHOWN_FINDINGS).map((f) => `${f.rule} ${f.message}`).join('; ');
      throw badRequest(`the package at ${source.href} cannot be imported (${errors.length} finding(s) of the OVF validator): ${shown}`);
    }
    const env = validateDescriptor(result.descriptorText ?? '').envelope;
    if (!env) throw badRequest(`${source.href}: the descriptor could not be read`);
    if (env.version === 2 && ctx.quirk('import-refuses-ovf2')) throw badRequest(`${source.href} is an OVF 2.x package; this provider imports OVF 1.x only`);
    return planImport(env, { ignoreMemoryUnits: ctx.quirk('import-ignores-memory-units'), roundMemoryToGiB: ctx.quirk('import-rounds-memory-gib') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function add(ctx: Context, type: string, collection: string, values: Values): Resource {
  const now = ctx.now();
  return ctx.store.add(type, ctx.store.newId(collection), { ...values, created: now, updated: now });
}

/** Creates everything the plan describes; synchronous, so no request sees half of it. */
function createAll(ctx: Context, plan: ImportPlan, source: string): { system: Resource; created: Resource[] } {
  ctx.store.ensureRoom(1 + 2 * plan.machines.length);
  const created: Resource[] = [];
  const templates = plan.machines.map((m) => {
    const config = add(ctx, 'MachineConfiguration', 'machineConfigs', { name: m.name, description: `hardware of ${m.name}`, ...m.config });
    const template = add(ctx, 'MachineTemplate', 'machineTemplates', {
      name: m.name,
      description: m.description,
      properties: m.properties,
      machineConfig: { href: config.id },
      interfaceTemplates: m.interfaces.map((i) => ({ name: i.name, network: { name: i.network } })),
      // Not an attribute (never represented): what export writes back that CIMI cannot show.
      [OVF_EXTRAS]: m.extras,
    });
    created.push(config, template);
    return template.id;
  });
  const system = add(ctx, 'SystemTemplate', 'systemTemplates', {
    name: plan.name,
    description: plan.description,
    componentDescriptors: componentDescriptors(plan, templates, (t) => typeUri(ctx, t)),
    importImage: source,
  });
  return { system, created };
}

export async function importSystemTemplate(ctx: Context, body: Values): Promise<Outcome> {
  if (body['source'] === undefined || body['source'] === null) throw badRequest('import needs source, the URI of an OVF package (§5.13.5.1)');
  const source = loopbackUrl(body['source'], 'source');
  let plan: ImportPlan;
  try {
    plan = await readPackage(ctx, source);
  } catch (e) {
    if (e instanceof CimiError && ctx.quirk('import-partial-on-error')) add(ctx, 'SystemTemplate', 'systemTemplates', { name: 'partial import', importImage: String(body['source']) });
    throw e;
  }
  const { system, created } = createAll(ctx, plan, String(body['source']));
  const job = beginJob(ctx, 'import', collectionUrl(ctx, 'systemTemplates'), [system.id, ...created.map((r) => r.id)]);
  endJob(ctx, job);
  return { resource: system, ...(job ? { job } : {}), async: false };
}
