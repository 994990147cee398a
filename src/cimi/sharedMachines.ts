// The run's shared Machines: four Machines created once, before the checks, and only ever read. Every
// query, representation and read-only check lists or reads these instead of creating its own, which is
// most of what keeps a default run within a paid account's budget. They carry a marker property, so a
// check lists exactly them with `property['cc-scope']='<token>'` whatever else the provider holds.
//
// Their attributes are chosen for the ordering and filter checks: created in the order b, ﬁ, a, g —
// neither the order $orderby=name gives (a, b, ﬁ, g after NFKD; a, b, g, ﬁ without it) nor its reverse —
// with descriptions x, x, y, y and, where the provider has configurations with distinct cpu values, cpus
// that are not in creation order either, so a provider that ignores $orderby cannot pass by accident.

import crypto from 'node:crypto';
import type { CheckContext } from './check.js';
import type { CimiClient, CimiObject } from './cimiClient.js';
import type { Exchange } from '../model/run.js';
import type { Format } from '../harness/profile.js';
import type { RunContext } from '../harness/runContext.js';
import type { Fixture, Setup } from '../harness/fixture.js';
import type { FixtureUse } from '../harness/resourcePlan.js';
import { HarnessError } from '../model/errors.js';
import { collectionItems, openWorkspace, type Workspace } from './workspace.js';

export interface SharedMachine {
  /** Where the create said it is. */
  url: string;
  /** Its resolved id, as listed members are compared. */
  id: string;
  name: string;
  /** Its settled representation, read once after creation. */
  body: CimiObject;
}

export interface SharedMachines {
  /** `$filter` expression listing exactly these Machines. */
  filter: string;
  /** In creation order. */
  machines: SharedMachine[];
}

/** What the orchestrator hands the workers: the machines, or why they could not be made, with the exchanges either way. */
export interface SharedState {
  value?: SharedMachines;
  error?: string;
  transcript: Exchange[];
}

export const SHARED_KEY = 'the run’s shared read-only Machines';
const SCOPE_KEY = 'cc-scope';
/** Name suffixes in creation order, with their descriptions. */
const LAYOUT: readonly { suffix: string; description: string }[] = [
  { suffix: 'b', description: 'x' },
  { suffix: '\uFB01', description: 'x' },
  { suffix: 'a', description: 'y' },
  { suffix: 'g', description: 'y' },
];

const CREATES = { Machine: LAYOUT.length };

/** Checks name this in `uses`; its value comes from the orchestrator through the run context. */
export const sharedMachines: Fixture<SharedMachines> = {
  use: (): FixtureUse => ({ key: SHARED_KEY, creates: CREATES }),
  acquire: async (run: RunContext, _format: Format): Promise<Setup<SharedMachines>> => {
    const shared = run.shared as SharedState | undefined;
    if (!shared) throw new HarnessError('INTERNAL', 'the shared Machines were not created: the run plan did not list this check as using them');
    if (!shared.value) throw new HarnessError('PRECONDITION', `the run's shared Machines could not be created: ${shared.error ?? 'unknown reason'}`);
    return { value: shared.value, transcript: shared.transcript.map((e) => ({ ...e, setup: SHARED_KEY })) };
  },
};

/** The first of the run's shared Machines, for checks that read one Machine (the check names sharedMachines in `uses`). */
export async function sharedMachine(ctx: Pick<CheckContext, 'use'>): Promise<SharedMachine> {
  return (await ctx.use(sharedMachines)).machines[0]!;
}

/** Machine templates by value, one per provider-owned configuration, in the collection's order, with that configuration. */
async function configTemplates(cimi: CimiClient, ws: Workspace): Promise<{ config: CimiObject; template: CimiObject }[]> {
  const [configs, image] = await Promise.all([cimi.get(await cimi.requireCollection('machineConfigs')), ws.firstItem('machineImages')]);
  const out = [];
  for (const item of collectionItems(configs.body)) {
    if (typeof item['id'] !== 'string' || !ws.providerOwned('machineConfigs', item)) continue;
    const full = await cimi.get(await cimi.resolve(item['id']));
    if (full.status === 404) continue;
    if (full.status !== 200 || !full.body) throw new HarnessError('PRECONDITION', `GET MachineConfiguration ${item['id']} answered ${full.status}`);
    out.push({ config: full.body, template: { machineConfig: { href: item['id'] }, machineImage: { href: image } } });
  }
  return out;
}

/** Templates for the layout's Machines: distinct cpu values out of creation order where the provider has them. */
async function layoutTemplates(cimi: CimiClient, ws: Workspace): Promise<(CimiObject | undefined)[]> {
  const byCpu = new Map<number, CimiObject>();
  for (const { config, template } of await configTemplates(cimi, ws)) if (typeof config['cpu'] === 'number' && !byCpu.has(config['cpu'])) byCpu.set(config['cpu'], template);
  const cpus = [...byCpu.keys()].sort((a, b) => a - b);
  if (cpus.length < 2) return LAYOUT.map(() => undefined);
  // Three or more values: mid, high, low, mid. Two: high, low, high, low. Neither is sorted either way.
  const order = cpus.length >= 3 ? [1, 2, 0, 1] : [1, 0, 1, 0];
  return order.map((i) => byCpu.get(cpus[i]!));
}

/** Creates and settles the shared Machines (ledgered, so an interrupted run still removes them). */
export async function createSharedMachines(run: RunContext): Promise<{ state: SharedState; ws: Workspace }> {
  const { http, cimi, ws } = openWorkspace(run, run.profile.formats[0] ?? 'json', CREATES);
  const token = `${ws.namePrefix}${crypto.randomBytes(4).toString('hex')}`;
  try {
    const templates = await layoutTemplates(cimi, ws);
    const machines: SharedMachine[] = [];
    for (const [i, { suffix, description }] of LAYOUT.entries()) {
      const name = `${ws.namePrefix}shared-${suffix}`;
      const template = templates[i] ?? (await ws.byValueTemplate());
      // `cc-q` and `note` give the filter checks an ordinary and an awkward (quotes, ligature) property value.
      const properties = { [SCOPE_KEY]: token, 'cc-q': name, note: `it's "${suffix}"` };
      const { url } = await ws.create('machines', 'Machine', { name, description, properties, machineTemplate: template });
      const body = await ws.settle(url);
      machines.push({ url, id: await cimi.resolve(typeof body['id'] === 'string' ? body['id'] : url), name, body });
    }
    return { state: { value: { filter: `property['${SCOPE_KEY}']='${token}'`, machines }, transcript: http.transcript() }, ws };
  } catch (err) {
    return { state: { error: http.redact((err as Error).message), transcript: http.transcript() }, ws };
  }
}
