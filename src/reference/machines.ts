// Machines (§5.14.1, §5.14.2): creation from a template by value or by reference, the actions of the
// state machine with their transitional states (each lasting transitionMs), capture into a
// MachineImage, deletion through DELETING, and the Disks that are the Machine's children.

import { type Context, actionUri } from './context.js';
import { badRequest, conflict } from './errors.js';
import { beginAddJob, beginJob, endJob } from './jobs.js';
import type { Kind, Outcome } from './kind.js';
import {
  DEFAULT_INITIAL_STATE, INITIAL_STATES, MACHINE_ACTIONS, type MachineAction, type MachineState,
  actionsIn, deletableIn, editableIn, plan,
} from './machineStateMachine.js';
import { OVF_EXTRAS, type OvfExtras } from './ovfMapping.js';
import type { Operation } from './representation.js';
import type { Resource, Values } from './store.js';
import { instantiate, lookupRef, refOrValue } from './templates.js';

const stateOf = (m: Resource): MachineState => m.values['state'] as MachineState;

function setState(ctx: Context, r: Resource, state: string): void {
  r.values['state'] = state;
  ctx.store.touch(r);
}

const finishAll =
  (ctx: Context) =>
  (jobs: Resource[]): void => {
    for (const j of jobs) endJob(ctx, j);
  };

function allowedActions(ctx: Context, state: MachineState): MachineAction[] {
  if (ctx.quirk('operations-stale')) return [...MACHINE_ACTIONS];
  return actionsIn(state).filter((a) => !(a === 'start' && state === 'SUSPENDED' && ctx.quirk('start-from-suspended-refused')));
}

function operations(ctx: Context, m: Resource): Operation[] {
  if (ctx.quirk('operations-not-advertised')) return [];
  const state = stateOf(m);
  return [
    ...(editableIn(state) ? [{ rel: 'edit', href: m.id }] : []),
    ...(deletableIn(state) ? [{ rel: 'delete', href: m.id }] : []),
    ...allowedActions(ctx, state).map((a) => ({ rel: ctx.quirk('action-rel-relative') ? a : actionUri(ctx, a), href: `${m.id}/${a}` })),
  ];
}

/** The config a template names or carries inline (MachineConfigByValue), with its mandatory attributes. */
function configOf(ctx: Context, template: Values): Values {
  const config = refOrValue(ctx, template['machineConfig'], 'MachineConfiguration', 'machineTemplate.machineConfig');
  if (!config) throw badRequest('machineTemplate.machineConfig is required');
  for (const a of ['cpu', 'memory']) if (config[a] === undefined) throw badRequest(`machineTemplate.machineConfig.${a} is required`);
  return config;
}

/** Validates a MachineTemplate's references and initialState (templates and by-value creation). */
export function checkTemplate(ctx: Context, t: Values): void {
  configOf(ctx, t);
  const image = t['machineImage'] as Values | undefined;
  if (image && image['href'] === undefined) throw badRequest('machineImage must be a reference (MachineImageByValue is not supported)');
  if (image && lookupRef(ctx, image['href'], 'MachineImage', 'machineImage').values['state'] !== 'AVAILABLE') throw badRequest('machineImage is not AVAILABLE');
  const credential = t['credential'] as Values | undefined;
  if (credential && credential['href'] === undefined) throw badRequest('credential must be a reference (MachineCredentialByValue is not supported)');
  if (credential && !ctx.quirk('invalid-credential-accepted')) lookupRef(ctx, credential['href'], 'Credential', 'credential');
  if (t['userData'] !== undefined && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(String(t['userData']))) throw badRequest('userData must be Base64');
  const initial = t['initialState'];
  if (initial !== undefined && !INITIAL_STATES.includes(initial as MachineState)) {
    throw badRequest(`initialState must be one of ${INITIAL_STATES.join(', ')}`);
  }
}

function initialStateOf(ctx: Context, template: Values): MachineState {
  if (ctx.quirk('initial-state-ignored')) return DEFAULT_INITIAL_STATE;
  const given = template['initialState'] as MachineState | undefined;
  return given ?? (ctx.quirk('default-state-started') ? 'STARTED' : DEFAULT_INITIAL_STATE);
}

function create(ctx: Context, body: Values): Outcome {
  const template = instantiate(ctx, body['machineTemplate'], 'MachineTemplate', 'machineTemplates', 'machineTemplate');
  checkTemplate(ctx, template);
  const config = configOf(ctx, template);
  const initial = initialStateOf(ctx, template);
  const disks = (config['disks'] as Values[] | undefined) ?? [];
  ctx.store.ensureRoom(1 + disks.length);
  const id = ctx.store.newId('machines');
  const now = ctx.now();
  const own = ctx.quirk('create-ignores-name') ? {} : { name: body['name'], description: body['description'], properties: body['properties'] };
  const machine = ctx.store.add('Machine', id, {
    ...own,
    created: now,
    updated: now,
    state: 'CREATING',
    cpu: config['cpu'],
    memory: config['memory'],
    disks: { href: `${id}/disks` },
    cpuArch: config['cpuArch'],
    cpuSpeed: config['cpuSpeed'],
  });
  // An imported template names its disks as the package did; other Machines' disks are numbered.
  const diskNames = (template[OVF_EXTRAS] as OvfExtras | undefined)?.diskNames ?? [];
  disks.forEach((d, i) => {
    ctx.store.add('Disk', `${id}/disks/${i + 1}`, {
      name: diskNames[i] || `disk${i + 1}`,
      created: now,
      parent: { href: `${id}/disks` },
      capacity: d['capacity'],
      initialLocation: d['initialLocation'],
    });
  });
  const job = beginAddJob(ctx, 'machines', id);
  const steps = ctx.quirk('no-creating-state') ? [() => setState(ctx, machine, initial), () => undefined] : [() => setState(ctx, machine, 'CREATING'), () => setState(ctx, machine, initial)];
  ctx.lifecycle.run(id, ctx.transitionMs, steps, job, finishAll(ctx));
  return { resource: machine, job, async: ctx.lifecycle.busy(id) };
}

/** Captures a Machine into a new MachineImage (CREATING, then AVAILABLE): the capture action and §5.14.7.1. */
export function capture(ctx: Context, attrs: Values, jobFor: (imageId: string) => Resource | undefined): Outcome {
  const id = ctx.store.newId('machineImages');
  const now = ctx.now();
  const image = ctx.store.add('MachineImage', id, {
    ...attrs,
    created: now,
    updated: now,
    state: 'CREATING',
    type: 'IMAGE',
    imageLocation: `https://images.example.org/captures/${id.slice(id.lastIndexOf('/') + 1)}.qcow2`,
  });
  const job = jobFor(id);
  ctx.lifecycle.run(id, ctx.transitionMs, [() => undefined, () => setState(ctx, image, 'AVAILABLE')], job, finishAll(ctx));
  return { resource: image, job, async: ctx.lifecycle.busy(id) };
}

function act(ctx: Context, m: Resource, action: string, body: Values): Outcome {
  const state = stateOf(m);
  const name = action as MachineAction;
  const p = allowedActions(ctx, state).includes(name) ? plan(state, name) : undefined;
  if (!p) throw conflict(`${action} is not possible while the Machine is ${state}`);
  if (ctx.quirk('updated-bumped-by-action')) m.values['updated'] = ctx.now();
  if (name === 'capture') return capture(ctx, body['properties'] ? { properties: body['properties'] } : {}, (image) => beginJob(ctx, action, m.id, [image]));
  const job = beginJob(ctx, action, m.id);
  if (name === 'suspend' && ctx.quirk('suspend-never-ends')) {
    setState(ctx, m, 'SUSPENDING');
    ctx.lifecycle.hang(m.id, job);
    return { job, async: true };
  }
  const final = name === 'restart' && ctx.quirk('restart-ends-stopped') ? 'STOPPED' : p.final;
  const steps =
    name === 'stop' && ctx.quirk('stop-skips-stopping')
      ? [() => setState(ctx, m, final), () => undefined]
      : [...p.during, final].map((s) => () => setState(ctx, m, s));
  ctx.lifecycle.run(m.id, ctx.transitionMs, steps, job, finishAll(ctx));
  return { job, async: ctx.lifecycle.busy(m.id) };
}

function remove(ctx: Context, m: Resource): Outcome {
  const state = stateOf(m);
  if (!deletableIn(state) && !(state === 'STARTED' && ctx.quirk('delete-started-machine-allowed'))) {
    throw conflict(`a ${state} Machine cannot be deleted${state === 'STARTED' ? '; stop it first' : ''}`);
  }
  const job = beginJob(ctx, 'delete', m.id);
  const destroy = (): void => {
    ctx.store.remove(m.id, ctx.quirk('deleted-stays-listed'));
    if (!ctx.quirk('disks-survive-machine')) for (const d of disksOf(ctx, m.id)) ctx.store.remove(d.id);
  };
  const deleting = (): void => (ctx.quirk('no-deleting-state') ? undefined : setState(ctx, m, 'DELETING'));
  ctx.lifecycle.run(m.id, ctx.transitionMs, [deleting, destroy], job, finishAll(ctx));
  return { job, async: ctx.lifecycle.busy(m.id) };
}

export function disksOf(ctx: Context, machineId: string): Resource[] {
  return ctx.store.list('Disk', (d) => !d.ghost && (d.values['parent'] as { href: string }).href === `${machineId}/disks`);
}

export const machineKind: Kind = {
  operations,
  canEdit: (m) => editableIn(stateOf(m)),
  createBody: { type: 'MachineCreate', roots: ['MachineCreate'] },
  create,
  remove,
  actions: MACHINE_ACTIONS,
  act,
};
