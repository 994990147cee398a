// Status arithmetic, in one place (§6): a Vm's status from its power state and `deployed`; a vApp's
// as the common status of its Vms, else 10 MIXED; `deployed` kept apart from the power state (a
// vApp can be powered off yet deployed until it is undeployed). The query service shows the names.

import type { VApp, VAppTemplate, Vm } from './entities.js';

export const STATUS = {
  FAILED_CREATION: -1,
  UNRESOLVED: 0,
  SUSPENDED: 3,
  POWERED_ON: 4,
  POWERED_OFF: 8,
  INCONSISTENT_STATE: 9,
  MIXED: 10,
} as const;

const NAMES: Record<number, string> = {
  [-1]: 'FAILED_CREATION', 0: 'UNRESOLVED', 1: 'RESOLVED', 2: 'DEPLOYED', 3: 'SUSPENDED', 4: 'POWERED_ON', 5: 'WAITING_FOR_INPUT',
  6: 'UNKNOWN', 7: 'UNRECOGNIZED', 8: 'POWERED_OFF', 9: 'INCONSISTENT_STATE', 10: 'MIXED', 11: 'DESCRIPTOR_PENDING', 12: 'COPYING_CONTENTS',
  13: 'DISK_CONTENTS_PENDING', 14: 'QUARANTINED', 15: 'QUARANTINE_EXPIRED', 16: 'REJECTED', 17: 'TRANSFER_TIMEOUT',
};

export const statusName = (status: number): string => NAMES[status] ?? 'UNKNOWN';

/** Suspended keeps its status after an undeploy (suspend); running while undeployed is inconsistent. */
export function vmStatus(vm: Vm): number {
  if (vm.power === 'off') return STATUS.POWERED_OFF;
  if (vm.power === 'suspended') return STATUS.SUSPENDED;
  return vm.deployed ? STATUS.POWERED_ON : STATUS.INCONSISTENT_STATE;
}

export function vappStatus(vapp: VApp): number {
  if (vapp.phase === 'creating') return STATUS.UNRESOLVED;
  if (vapp.phase === 'failed') return STATUS.FAILED_CREATION;
  const statuses = new Set(vapp.vms.map(vmStatus));
  return statuses.size === 1 ? [...statuses][0]! : STATUS.MIXED;
}

/** A template's Vms are ready (powered off) once the template is, unresolved before. */
export const templateVmStatus = (t: VAppTemplate): number => (t.status === STATUS.POWERED_OFF ? STATUS.POWERED_OFF : STATUS.UNRESOLVED);

/** A vApp is deployed while any of its Vms holds resources. */
export const vappDeployed = (vapp: VApp): boolean => vapp.vms.some((vm) => vm.deployed);

/** What a delete (and an edit) needs: nothing running, nothing deployed, no creation under way. */
export const stoppedAndUndeployed = (vapp: VApp): boolean => vapp.phase !== 'creating' && vapp.vms.every((vm) => vm.power === 'off' && !vm.deployed);
