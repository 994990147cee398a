// The vApp/Vm power state machine (brief §6, §7), in one place: status codes, which operation each
// state allows, which links a state must or must not advertise, and what each operation ends in.
// Pure: the power checks, the model-based check and the workspace's teardown all read it.

/** Status codes of VAppTemplate, VApp and Vm (brief §6), with their query-service names. */
export const STATUS = {
  FAILED_CREATION: -1,
  UNRESOLVED: 0,
  RESOLVED: 1,
  DEPLOYED: 2,
  SUSPENDED: 3,
  POWERED_ON: 4,
  WAITING_FOR_INPUT: 5,
  UNKNOWN: 6,
  UNRECOGNIZED: 7,
  POWERED_OFF: 8,
  INCONSISTENT_STATE: 9,
  MIXED: 10,
  DESCRIPTOR_PENDING: 11,
  COPYING_CONTENTS: 12,
  DISK_CONTENTS_PENDING: 13,
  QUARANTINED: 14,
  QUARANTINE_EXPIRED: 15,
  REJECTED: 16,
  TRANSFER_TIMEOUT: 17,
  VAPP_UNDEPLOYED: 18,
  VAPP_PARTIALLY_DEPLOYED: 19,
} as const;

export const STATUS_NAME: ReadonlyMap<number, string> = new Map(Object.entries(STATUS).map(([k, v]) => [v, k]));

/** Codes the brief's table marks as possible for each kind (T columns; 18/19 are 5.5+ and out of era). */
export const STATUSES_OF = {
  vApp: [-1, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10],
  vm: [-1, 0, 1, 3, 4, 5, 6, 7, 8, 9],
  template: [-1, 0, 1, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17],
} as const;

/** A vApp's (or Vm's) power state as the representation shows it: `status` and `deployed` are separate. */
export interface PowerState {
  status: number;
  deployed: boolean;
}

export type PowerOp = 'powerOn' | 'powerOff' | 'reset' | 'suspend' | 'shutdown' | 'reboot' | 'deploy' | 'undeploy' | 'discardState';
export const POWER_OPS: readonly PowerOp[] = ['powerOn', 'powerOff', 'reset', 'suspend', 'shutdown', 'reboot', 'deploy', 'undeploy', 'discardState'];

/** The link rel that advertises each operation (brief §7). */
export const REL: Record<PowerOp, string> = {
  powerOn: 'power:powerOn',
  powerOff: 'power:powerOff',
  reset: 'power:reset',
  suspend: 'power:suspend',
  shutdown: 'power:shutdown',
  reboot: 'power:reboot',
  deploy: 'deploy',
  undeploy: 'undeploy',
  discardState: 'discardState',
};

/** UndeployPowerAction values (1.5; absent or empty means powerOff). */
export type UndeployAction = 'powerOff' | 'suspend' | 'shutdown' | 'force' | 'default';

/**
 * Whether §7 allows `op` in `s`: the power:* actions on a powered-on vApp, powerOn on a powered-off
 * or suspended one, undeploy while deployed, discardState while suspended. deploy is shown in both
 * deployed and undeployed fixtures: allowed wherever the vApp is at rest.
 */
export function allowed(s: PowerState, op: PowerOp): boolean {
  switch (op) {
    case 'powerOn':
      return s.status === STATUS.POWERED_OFF || s.status === STATUS.SUSPENDED;
    case 'powerOff':
    case 'reset':
    case 'suspend':
    case 'shutdown':
    case 'reboot':
      return s.status === STATUS.POWERED_ON;
    case 'undeploy':
      return s.deployed;
    case 'deploy':
      return s.status === STATUS.POWERED_OFF || s.status === STATUS.POWERED_ON || s.status === STATUS.SUSPENDED;
    case 'discardState':
      return s.status === STATUS.SUSPENDED;
  }
}

/** VCD-069: powerOff, reset, suspend and shutdown of a vApp that is not powered on must be refused (a synchronous 400, or a Task ending in error). */
export const refused = (s: PowerState, op: PowerOp): boolean => ['powerOff', 'reset', 'suspend', 'shutdown'].includes(op) && s.status !== STATUS.POWERED_ON;

export interface Effect {
  /** Undefined where the brief does not pin the resulting status. */
  status?: number;
  deployed?: boolean;
}

/**
 * Where an allowed operation ends (brief §7): powerOn deploys an undeployed vApp and ends powered on;
 * powerOff and shutdown end powered off but still deployed (only undeploy clears `deployed`);
 * suspend ends at 3; reset and reboot stay on; deploy powers on unless told not to (1.5 default);
 * undeploy with powerOff (also when absent or empty), shutdown or force ends powered off and
 * undeployed, with suspend it ends suspended and undeployed.
 */
export function effect(s: PowerState, op: PowerOp, opts: { powerOn?: boolean; undeploy?: UndeployAction } = {}): Effect {
  switch (op) {
    case 'powerOn':
    case 'reset':
    case 'reboot':
      return { status: STATUS.POWERED_ON, deployed: true };
    case 'powerOff':
    case 'shutdown':
      return { status: STATUS.POWERED_OFF, deployed: s.deployed };
    case 'suspend':
      return { status: STATUS.SUSPENDED, deployed: s.deployed };
    case 'deploy':
      return opts.powerOn === false ? { status: s.status, deployed: true } : { status: STATUS.POWERED_ON, deployed: true };
    case 'undeploy': {
      const action = opts.undeploy ?? 'powerOff';
      if (action === 'default') return { deployed: false };
      if (action === 'suspend') return { status: STATUS.SUSPENDED, deployed: false };
      // From suspended, whether powerOff discards the suspended state is not pinned.
      return s.status === STATUS.SUSPENDED ? { deployed: false } : { status: STATUS.POWERED_OFF, deployed: false };
    }
    case 'discardState':
      return { status: STATUS.POWERED_OFF };
  }
}

/** Does the observed state match the predicted effect (in what the effect pins)? */
export const matches = (e: Effect, s: PowerState): boolean => (e.status === undefined || e.status === s.status) && (e.deployed === undefined || e.deployed === s.deployed);

/**
 * Links a state must advertise and must not (VCD-063, VCD-064): a powered-on vApp offers powerOff,
 * reset, shutdown, suspend, reboot and undeploy and no remove; a powered-off undeployed one offers
 * powerOn and remove.
 */
export function expectedLinks(s: PowerState): { present: string[]; absent: string[] } {
  if (s.status === STATUS.POWERED_ON) return { present: ['power:powerOff', 'power:reset', 'power:shutdown', 'power:suspend', 'power:reboot', 'undeploy'], absent: ['remove'] };
  if (s.status === STATUS.POWERED_OFF && !s.deployed) return { present: ['power:powerOn', 'remove'], absent: [] };
  return { present: [], absent: [] };
}

/** A vApp's status from its Vms' (VCD-062): their common status, else 10 MIXED. */
export function vAppStatus(vmStatuses: readonly number[]): number | undefined {
  if (vmStatuses.length === 0) return undefined;
  return vmStatuses.every((s) => s === vmStatuses[0]) ? vmStatuses[0] : STATUS.MIXED;
}

/** Statuses in which nothing is settled yet: being built, or an upload under way. */
export const TRANSITIONAL: ReadonlySet<number> = new Set([STATUS.UNRESOLVED, STATUS.DESCRIPTOR_PENDING, STATUS.COPYING_CONTENTS, STATUS.DISK_CONTENTS_PENDING]);

/**
 * The next operation on the way from `s` to being deletable (powered off and undeployed, brief §9):
 * undeploy when deployed (it powers off too), powerOn first when suspended and not deployed.
 */
export function towardsDeletable(s: PowerState): PowerOp | undefined {
  if (s.deployed) return 'undeploy';
  if (s.status === STATUS.SUSPENDED) return 'discardState';
  return undefined;
}
