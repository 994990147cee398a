// Power operations, deploy and undeploy (§7) on a vApp (fanning out to its Vms) or on one Vm. Each is
// a POST answered 202 with a Task; an operation the current state does not allow is refused at once
// with 400 BAD_REQUEST, and one on a busy vApp with 400 BUSY_ENTITY. The links a vApp or Vm offers are
// the operations allowed now, from the same table.

import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import type { Ref, VApp, Vm } from './entities.js';
import { badRequest } from './errors.js';
import { MEDIA, requireContentType } from './media-types.js';
import { refOf } from './refs.js';
import { acceptedTask } from './taskViews.js';
import { ensureIdle, newTask } from './tasks.js';
import { link } from './views.js';
import { type XmlElement, readRoot, sequence, textOf, xsBoolean } from './xml.js';

export const POWER_OPS = ['powerOn', 'powerOff', 'reset', 'shutdown', 'suspend', 'reboot'] as const;
export type PowerOp = (typeof POWER_OPS)[number];

interface Transition {
  allowed: (vm: Vm) => boolean;
  apply: (vm: Vm) => void;
  /** Why the operation is refused when no Vm allows it. */
  refusal: string;
}

const poweredOn = (vm: Vm): boolean => vm.power === 'on';
const powerTo = (power: Vm['power']) => (vm: Vm): void => {
  vm.power = power;
};

// powerOn on an undeployed Vm deploys it (PG1.0); a power cycle keeps the power state.
const POWER: Record<PowerOp, Transition> = {
  powerOn: { allowed: (vm) => vm.power !== 'on', apply: (vm) => Object.assign(vm, { power: 'on', deployed: true }), refusal: 'is already powered on' },
  powerOff: { allowed: poweredOn, apply: powerTo('off'), refusal: 'is not powered on' },
  reset: { allowed: poweredOn, apply: powerTo('on'), refusal: 'is not powered on' },
  shutdown: { allowed: poweredOn, apply: powerTo('off'), refusal: 'is not powered on' },
  suspend: { allowed: poweredOn, apply: powerTo('suspended'), refusal: 'is not powered on' },
  reboot: { allowed: poweredOn, apply: powerTo('on'), refusal: 'is not powered on' },
};

export const isPowerOp = (op: string): op is PowerOp => (POWER_OPS as readonly string[]).includes(op);

/** What an operation acts on: a whole vApp, or one of its Vms. */
export interface Target {
  vapp: VApp;
  vms: Vm[];
  ref: Ref;
  /** `vApp "web"` or `VM "web-1"`, as vCD's messages name it. */
  label: string;
}

export const vappTarget = (ctx: VcdContext, vapp: VApp): Target => ({ vapp, vms: vapp.vms, ref: refOf(ctx.apiUrl, 'vApp', vapp.uuid, vapp.name), label: `vApp "${vapp.name}"` });
export const vmTarget = (ctx: VcdContext, vm: Vm): Target => ({ vapp: ctx.store.vappOf(vm), vms: [vm], ref: refOf(ctx.apiUrl, 'vm', vm.uuid, vm.name), label: `VM "${vm.name}"` });

interface Operation {
  operationName: string;
  operation: string;
  allowed: (vm: Vm) => boolean;
  apply: (vm: Vm) => void;
  refusal: string;
  /** Quirk vcloud-power-off-when-off-accepted: a refused powerOff goes ahead and does nothing. */
  acceptRefused?: boolean;
}

function operate(ctx: VcdContext, target: Target, op: Operation): Reply {
  if (target.vapp.phase !== 'ready') throw badRequest(`The requested operation could not be executed since ${target.label} is ${target.vapp.phase === 'creating' ? 'still being created' : 'in a failed state'}.`);
  ensureIdle(ctx, [target.vapp.uuid, ...target.vapp.vms.map((vm) => vm.uuid)], target.label);
  const vms = target.vms.filter(op.allowed);
  if (vms.length === 0 && !op.acceptRefused) throw badRequest(`The requested operation could not be executed since ${target.label} ${op.refusal}.`);
  const task = newTask(ctx, {
    owner: target.ref,
    operationName: op.operationName,
    operation: `${op.operation} ${target.label}`,
    subjects: [target.vapp.uuid, ...target.vms.map((vm) => vm.uuid)],
    work: () => vms.forEach(op.apply),
  });
  return acceptedTask(ctx, task);
}

const capitalized = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}`;

export function powerAction(ctx: VcdContext, target: Target, op: PowerOp): Reply {
  const t = POWER[op];
  return operate(ctx, target, { operationName: `vapp${capitalized(op)}`, operation: `Running ${op} on`, ...t, acceptRefused: op === 'powerOff' && ctx.quirk('vcloud-power-off-when-off-accepted') });
}

/** DeployVAppParams: powerOn defaults to true (1.5); deploymentLeaseSeconds and forceCustomization are accepted. */
export function deploy(ctx: VcdContext, req: VcdRequest, target: Target): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.deployParams]);
  const root = readRoot(req.body, 'DeployVAppParams');
  sequence(root, []);
  const powerOn = xsBoolean(root.getAttribute('powerOn'), 'powerOn', true);
  xsBoolean(root.getAttribute('forceCustomization'), 'forceCustomization', false);
  const lease = root.getAttribute('deploymentLeaseSeconds');
  if (lease !== null && !/^\d+$/.test(lease.trim())) throw badRequest(`deploymentLeaseSeconds must be a non-negative integer, not "${lease}"`);
  return operate(ctx, target, {
    operationName: 'vappDeploy',
    operation: 'Starting',
    allowed: () => true,
    apply: (vm) => Object.assign(vm, { deployed: true, ...(powerOn ? { power: 'on' } : {}) }),
    refusal: 'has no virtual machines',
  });
}

const UNDEPLOY_ACTIONS = ['powerOff', 'suspend', 'shutdown', 'force', 'default'] as const;

/** UndeployVAppParams: UndeployPowerAction absent or empty means powerOff; suspend keeps the memory state. */
export function undeploy(ctx: VcdContext, req: VcdRequest, target: Target): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.undeployParams]);
  const root = readRoot(req.body, 'UndeployVAppParams');
  const action = textOf(sequence(root, [{ name: 'UndeployPowerAction' }]), 'UndeployPowerAction') || 'powerOff';
  if (!(UNDEPLOY_ACTIONS as readonly string[]).includes(action)) throw badRequest(`UndeployPowerAction must be one of ${UNDEPLOY_ACTIONS.join(', ')}, not "${action}"`);
  return operate(ctx, target, {
    operationName: `vappUndeploy${capitalized(action)}`,
    operation: 'Stopping',
    allowed: (vm) => vm.deployed,
    apply: (vm) => Object.assign(vm, { deployed: false, power: action === 'suspend' && vm.power !== 'off' ? 'suspended' : 'off' }),
    refusal: 'is not deployed',
  });
}

/** The operations allowed now, as the links that invoke them (§7). */
export function operationLinks(target: Target): XmlElement[] {
  if (target.vapp.phase !== 'ready') return [];
  return [
    ...POWER_OPS.filter((op) => target.vms.some(POWER[op].allowed)).map((op) => link(`power:${op}`, `${target.ref.href}/power/action/${op}`)),
    link('deploy', `${target.ref.href}/action/deploy`, MEDIA.deployParams),
    target.vms.some((vm) => vm.deployed) && link('undeploy', `${target.ref.href}/action/undeploy`, MEDIA.undeployParams),
  ].filter((l): l is XmlElement => l !== false);
}
