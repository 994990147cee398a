// ResourceMetadata (§5.11, §5.12): how extension attributes are described, which types are listed,
// the shape of capability URIs, and whether advertised capabilities are true.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiClient, CimiObject } from '../../src/cimi/cimiClient.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { capabilities, isTrue, metadataFor, retire } from '../../src/cimi/machineLifecycle.js';

/** Every ResourceMetadata member, dereferenced (a collection may list members by reference only). */
async function allMetadata(cimi: CimiClient): Promise<CimiObject[]> {
  const members = collectionItems((await cimi.get(await cimi.requireCollection('resourceMetadata'))).body);
  const out: CimiObject[] = [];
  for (const m of members) {
    const res = typeof m['id'] === 'string' ? await cimi.get(await cimi.resolve(m['id'])) : undefined;
    out.push(res?.status === 200 && res.body ? res.body : m);
  }
  return out;
}

const list = (rm: CimiObject, attr: string): CimiObject[] => (Array.isArray(rm[attr]) ? (rm[attr] as CimiObject[]) : []);
const typeName = (rm: CimiObject): string => String(rm['typeURI'] ?? '').split('/').pop() ?? '';

// CIMI-defined attribute names (Table 5 common attributes, Table 8, Table 16) that must never be described as extensions.
const COMMON = ['id', 'name', 'description', 'created', 'updated', 'parent', 'properties', 'resourceMetadata'];
const CIMI_ATTRIBUTES: Record<string, string[]> = {
  CloudEntryPoint: [...COMMON, 'baseURI', 'machines', 'machineImages', 'machineConfigs', 'machineTemplates', 'credentials', 'jobs'],
  Machine: [...COMMON, 'state', 'cpu', 'memory', 'disks', 'cpuArch', 'cpuSpeed', 'volumes', 'interfaces', 'latestSnapshot', 'snapshots', 'meters', 'eventLog'],
};

check('CIMI-RM-003', 'extension attributes carry namespace and type; CIMI attributes carry neither', async ({ cimi }) => {
  const bad: string[] = [];
  for (const rm of await allMetadata(cimi)) {
    const cimiNames = CIMI_ATTRIBUTES[typeName(rm)] ?? COMMON;
    for (const a of list(rm, 'attributes')) {
      const ns = a['namespace'] !== undefined;
      const where = `${typeName(rm)}.${String(a['name'])}`;
      if (ns !== (a['type'] !== undefined)) bad.push(`${where}: namespace and type must come together`);
      if (ns && cimiNames.includes(String(a['name']))) bad.push(`${where}: a CIMI attribute described with a namespace`);
    }
  }
  expect(bad, 'CIMI-RM-003: ResourceMetadata attribute descriptions').toEqual([]);
}, { format: 'each' });

check('CIMI-RM-004', 'the resourceMetadata collection lists only types that have metadata, each once', async ({ cimi }) => {
  const all = await allMetadata(cimi);
  const empty = all.filter((rm) => ['attributes', 'capabilities', 'actions', 'vscope'].every((a) => list(rm, a).length === 0)).map(typeName);
  expect(empty, 'CIMI-RM-004: entries that describe nothing (no attributes, capabilities, actions or vscope)').toEqual([]);
  const uris = all.map((rm) => String(rm['typeURI']));
  expect(uris.filter((u, i) => uris.indexOf(u) !== i), 'CIMI-RM-004: typeURIs listed more than once').toEqual([]);
}, { format: 'each' });

const QUERY_CAPABILITIES = ['ExpandParameter', 'FilterParameter', 'FirstParameter', 'SelectParameter', 'FormatParameter', 'OrderByParameter', 'QueryPathNotation'];

check('CIMI-RM-005', 'capability URIs are …/capability/<Resource>/<Name>; query-parameter capabilities sit on the CloudEntryPoint', async ({ cimi }) => {
  const bad: string[] = [];
  for (const rm of await allMetadata(cimi)) {
    const resource = typeName(rm);
    for (const c of list(rm, 'capabilities')) {
      const expected = `${cimi.ns}/capability/${resource}/${String(c['name'])}`;
      if (c['uri'] !== expected) bad.push(`${resource}.${String(c['name'])}: uri ${String(c['uri'])}, expected ${expected}`);
      if (QUERY_CAPABILITIES.includes(String(c['name'])) && resource !== 'CloudEntryPoint') bad.push(`${String(c['name'])} on ${resource}, not on CloudEntryPoint`);
    }
  }
  expect(bad, 'CIMI-RM-005: capability URIs and placement (§5.11.1)').toEqual([]);
}, { format: 'each' });

/** MachineConfigByValue: a Machine from an inline configuration copied from an advertised one. */
async function configByValue(ctx: CheckContext): Promise<string[]> {
  const configUrl = await ctx.ws.firstItem('machineConfigs');
  const { id: _id, resourceURI: _uri, operations: _ops, created: _c, updated: _u, name: _n, description: _d, $xml: _x, ...config } = (await ctx.cimi.get(await ctx.cimi.resolve(configUrl))).body ?? {};
  const { url } = await ctx.ws.createMachine({ machineConfig: config });
  try {
    const m = await ctx.ws.settle(url);
    return m['cpu'] === config['cpu'] && m['memory'] === config['memory'] ? [] : [`MachineConfigByValue: Machine cpu/memory ${String(m['cpu'])}/${String(m['memory'])}, inline config ${String(config['cpu'])}/${String(config['memory'])}`];
  } finally {
    await retire(ctx, url);
  }
}

/** DefaultInitialState: a Machine created without initialState ends in it. */
async function defaultInitialState(ctx: CheckContext, state: unknown): Promise<string[]> {
  const { url } = await ctx.ws.createMachine();
  try {
    const got = (await ctx.ws.settle(url))['state'];
    return got === state ? [] : [`DefaultInitialState ${String(state)}: new Machine ended ${String(got)}`];
  } finally {
    await retire(ctx, url);
  }
}

check('CIMI-RM-006', 'Machine capabilities the provider advertises are honoured', async (ctx) => {
  const caps = capabilities(await metadataFor(ctx.cimi, 'Machine'));
  const broken: string[] = [];
  let probed = 0;
  if (isTrue(caps.get('MachineConfigByValue'))) {
    probed++;
    broken.push(...(await configByValue(ctx)));
  }
  if (caps.has('DefaultInitialState')) {
    probed++;
    broken.push(...(await defaultInitialState(ctx, caps.get('DefaultInitialState'))));
  }
  if (probed === 0) ctx.notApplicable('neither MachineConfigByValue nor DefaultInitialState is advertised (others are probed by their own rules)');
  expect(broken, 'CIMI-RM-006: advertised capabilities that do not hold').toEqual([]);
}, { creates: { Machine: 2 } });

// Each by-value capability needs the template-level one (Table 7).
const IMPLIES: [resource: string, template: string, parts: string[]][] = [
  ['Machine', 'MachineTemplateByValue', ['MachineConfigByValue', 'MachineImageByValue', 'MachineCredentialByValue', 'MachineVolumeTemplatesByValue']],
  ['Volume', 'VolumeTemplateByValue', ['VolumeConfigByValue', 'VolumeImageByValue']],
];

check('CIMI-RM-007', 'a by-value capability for a template part implies the TemplateByValue capability', async ({ cimi }) => {
  const bad: string[] = [];
  for (const [resource, template, parts] of IMPLIES) {
    const caps = capabilities(await metadataFor(cimi, resource));
    for (const p of parts) if (isTrue(caps.get(p)) && !isTrue(caps.get(template))) bad.push(`${resource}: ${p} true but ${template} not`);
  }
  expect(bad, 'CIMI-RM-007: by-value capabilities without their template-level capability').toEqual([]);
});
