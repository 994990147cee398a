// The Machine state machine (shared/spec/cimi.md §9.2, from DSP0263 §5.14.1.2, §5.8): which actions
// each state offers and the transitional states they pass through. Pure data.
//
// Reference rules where the spec leaves a choice: a STARTED (or PAUSED) Machine is running and must
// be stopped before it can be deleted, so `delete` is offered only in STOPPED and SUSPENDED; nothing
// but a repeated `stop` is offered in a transitional state; capture leaves the Machine's state alone.

export const MACHINE_STATES = [
  'CREATING', 'STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'PAUSING', 'PAUSED',
  'SUSPENDING', 'SUSPENDED', 'CAPTURING', 'RESTORING', 'DELETING', 'ERROR', 'FAILED',
] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export const MACHINE_ACTIONS = ['start', 'stop', 'restart', 'pause', 'suspend', 'capture'] as const;
export type MachineAction = (typeof MACHINE_ACTIONS)[number];

/** States a template may ask for (capability InitialStates). */
export const INITIAL_STATES: readonly MachineState[] = ['STOPPED', 'STARTED', 'PAUSED', 'SUSPENDED'];
/** Without initialState (no DefaultInitialState capability is advertised): §5.14.2.1. */
export const DEFAULT_INITIAL_STATE: MachineState = 'STOPPED';

export interface Plan {
  /** Transitional states, each held for transitionMs, in order. */
  during: MachineState[];
  final: MachineState;
}

const toStarted: Plan = { during: ['STARTING'], final: 'STARTED' };
const toStopped: Plan = { during: ['STOPPING'], final: 'STOPPED' };
const stay = (s: MachineState): Plan => ({ during: [], final: s });

const PLANS: Record<MachineAction, Partial<Record<MachineState, Plan>>> = {
  start: { STOPPED: toStarted, PAUSED: toStarted, SUSPENDED: toStarted },
  stop: { STARTED: toStopped, STOPPING: toStopped },
  restart: { STARTED: { during: ['STOPPING', 'STARTING'], final: 'STARTED' }, STOPPED: toStarted },
  pause: { STARTED: { during: ['PAUSING'], final: 'PAUSED' } },
  suspend: { STARTED: { during: ['SUSPENDING'], final: 'SUSPENDED' } },
  capture: { STOPPED: stay('STOPPED'), STARTED: stay('STARTED'), PAUSED: stay('PAUSED'), SUSPENDED: stay('SUSPENDED') },
};

export function plan(state: MachineState, action: MachineAction): Plan | undefined {
  return PLANS[action][state];
}

export function actionsIn(state: MachineState): MachineAction[] {
  return MACHINE_ACTIONS.filter((a) => PLANS[a][state] !== undefined);
}

export const deletableIn = (s: MachineState): boolean => s === 'STOPPED' || s === 'SUSPENDED' || s === 'ERROR' || s === 'FAILED';

export const editableIn = (s: MachineState): boolean => s !== 'DELETING';
