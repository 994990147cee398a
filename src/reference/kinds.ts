// The behaviour of every resource type the provider serves. Machines live in machines.ts; the
// others are plain stored resources created synchronously through their collection's `add`.

import { type Context, absoluteHref } from './context.js';
import { badRequest, conflict } from './errors.js';
import { beginAddJob, endJob, isRunning } from './jobs.js';
import { type Kind, type Outcome, editDelete, removeNow } from './kind.js';
import { capture, checkTemplate, machineKind } from './machines.js';
import type { Values } from './store.js';
import { systemTemplateKind } from './systemTemplates.js';
import { instantiate } from './templates.js';

/** The non-null values of `names` in `body`. */
function pick(body: Values, names: readonly string[]): Values {
  return Object.fromEntries(names.filter((n) => body[n] !== undefined && body[n] !== null).map((n) => [n, body[n]]));
}

const COMMON = ['name', 'description', 'properties'] as const;

function storeNew(ctx: Context, kind: Kind, type: string, collection: string, values: Values): Outcome {
  kind.check?.(ctx, values);
  const id = ctx.store.newId(collection);
  const now = ctx.now();
  const resource = ctx.store.add(type, id, { ...values, created: now, updated: now });
  const job = beginAddJob(ctx, collection, id);
  endJob(ctx, job);
  return { resource, job, async: false };
}

function requireAll(values: Values, names: readonly string[], type: string): void {
  for (const n of names) if (values[n] === undefined) throw badRequest(`${n} is required for a ${type}`);
}

/** A plain resource: created from its own representation, edited and deleted freely. */
function plain(type: string, collection: string, attrs: readonly string[], check?: (ctx: Context, v: Values) => void): Kind {
  const kind: Kind = {
    operations: (_ctx, r) => editDelete(r),
    canEdit: () => true,
    createBody: { type, roots: [type, `${type}Create`] },
    create: (ctx, body) => storeNew(ctx, kind, type, collection, pick(body, [...COMMON, ...attrs])),
    remove: removeNow,
    ...(check ? { check } : {}),
  };
  return kind;
}

/**
 * A Template type: `add` takes `<Type>Create` with the template by value under `<type>` (§4.2.1.1: for
 * a Template only the by-value pattern applies); name, description and properties of the create body
 * apply after the template's own. Quirk template-create-flat takes the template's attributes at the top level instead.
 */
function template(type: string, collection: string, attrs: readonly string[], check?: (ctx: Context, v: Values) => void): Kind {
  const attr = type[0]!.toLowerCase() + type.slice(1);
  const flat = (ctx: Context): boolean => ctx.quirk('template-create-flat');
  const kind: Kind = {
    operations: (_ctx, r) => editDelete(r),
    canEdit: () => true,
    createBody: (ctx) => (flat(ctx) ? { type, roots: [type, `${type}Create`] } : { type: `${type}Create`, roots: [`${type}Create`] }),
    create: (ctx, body) => {
      const given = flat(ctx) ? body : body[attr];
      if (typeof given !== 'object' || given === null) throw badRequest(`${attr} is required: a ${type} is created with the template by value (§4.2.1.1)`);
      return storeNew(ctx, kind, type, collection, { ...pick(given as Values, [...COMMON, ...attrs]), ...pick(body, COMMON) });
    },
    remove: removeNow,
    ...(check ? { check } : {}),
  };
  return kind;
}

const machineImage: Kind = {
  operations: (_ctx, r) => (r.values['state'] === 'AVAILABLE' ? editDelete(r) : []),
  canEdit: (r) => r.values['state'] === 'AVAILABLE',
  createBody: { type: 'MachineImage', roots: ['MachineImage', 'MachineImageCreate'] },
  // An imageLocation naming a Machine captures that Machine (§5.14.7.1).
  create: (ctx, body) => {
    const location = body['imageLocation'];
    if (typeof location !== 'string') throw badRequest('imageLocation is required for a MachineImage');
    const machine = ctx.store.get(absoluteHref(ctx, location) ?? '', 'Machine');
    if (machine) return capture(ctx, pick(body, COMMON), (image) => beginAddJob(ctx, 'machineImages', image));
    return storeNew(ctx, machineImage, 'MachineImage', 'machineImages', { ...pick(body, COMMON), state: 'AVAILABLE', type: 'IMAGE', imageLocation: location });
  },
  remove: (ctx, r) => {
    if (r.values['state'] !== 'AVAILABLE') throw conflict('a MachineImage can be deleted only when AVAILABLE');
    return removeNow(ctx, r);
  },
};

const credential: Kind = {
  operations: (_ctx, r) => editDelete(r),
  canEdit: () => true,
  createBody: { type: 'CredentialCreate', roots: ['CredentialCreate'] },
  create: (ctx, body) => {
    const template = instantiate(ctx, body['credentialTemplate'], 'CredentialTemplate', 'credentialTemplates', 'credentialTemplate');
    return storeNew(ctx, credential, 'Credential', 'credentials', { ...pick(body, COMMON), ...pick(template, ['parameters']) });
  },
  remove: removeNow,
};

const job: Kind = {
  // A running Job cannot be stopped here, so it cannot be deleted either (§5.17.1.1).
  operations: (_ctx, r) => (isRunning(r) ? [{ rel: 'edit', href: r.id }] : editDelete(r)),
  canEdit: () => true,
  remove: (ctx, r) => {
    if (isRunning(r)) throw conflict('a RUNNING Job cannot be stopped, so it cannot be deleted yet');
    return removeNow(ctx, r);
  },
};

const readOnly: Kind = { operations: () => [] };

const KINDS: Record<string, Kind> = {
  CloudEntryPoint: { operations: (_ctx, r) => [{ rel: 'edit', href: r.id }], canEdit: () => true },
  ResourceMetadata: readOnly,
  Disk: readOnly,
  Machine: machineKind,
  MachineConfiguration: plain('MachineConfiguration', 'machineConfigs', ['cpu', 'memory', 'disks', 'cpuArch', 'cpuSpeed'], (_ctx, v) =>
    requireAll(v, ['cpu', 'memory'], 'MachineConfiguration'),
  ),
  MachineTemplate: template('MachineTemplate', 'machineTemplates', ['initialState', 'machineConfig', 'machineImage', 'credential', 'userData', 'interfaceTemplates'], checkTemplate),
  SystemTemplate: systemTemplateKind,
  MachineImage: machineImage,
  Credential: credential,
  CredentialTemplate: template('CredentialTemplate', 'credentialTemplates', ['parameters']),
  Job: job,
};

export function kindOf(type: string): Kind {
  const k = KINDS[type];
  if (!k) throw new Error(`reference provider: no behaviour for ${type}`);
  return k;
}
