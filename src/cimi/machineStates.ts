// The CIMI Machine state machine (DSP0263 §5.14.1.2; shared/spec/cimi.md §9.2), in one place: the
// actions, the transitional states each passes through and where it ends, which states are
// transitional, what an action does from each state, and the way from one state to another. The
// workspace's teardown, the lifecycle checks and the model-based check all read it from here.

export const TRANSITIONAL_STATES = new Set(['CREATING', 'STARTING', 'STOPPING', 'PAUSING', 'SUSPENDING', 'CAPTURING', 'RESTORING', 'DELETING']);

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'pause' | 'suspend';
export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['start', 'stop', 'restart', 'pause', 'suspend'];

/** What §5.14.1.2 prescribes for each action: the transitional states it passes through and where it ends. */
export const TRANSITIONS: Record<LifecycleAction, { during: string[]; final: string }> = {
  start: { during: ['STARTING'], final: 'STARTED' },
  stop: { during: ['STOPPING'], final: 'STOPPED' },
  restart: { during: ['STOPPING', 'STARTING'], final: 'STARTED' },
  pause: { during: ['PAUSING'], final: 'PAUSED' },
  suspend: { during: ['SUSPENDING'], final: 'SUSPENDED' },
};

export const FINAL_JOB_STATES = new Set(['SUCCESS', 'FAILED', 'STOPPED']);

/**
 * The state machine of §5.14.1.2 as far as the spec pins it (shared/spec/cimi.md §9.2): the state an
 * action ends in; 'illegal' where the action contradicts the state (start while STARTED, stop while
 * STOPPED, pause or suspend of a Machine that is not running); 'unspecified' where 2.0 is silent.
 */
export function predict(state: string, action: LifecycleAction | 'capture'): string {
  if (action === 'capture') return state;
  const { final } = TRANSITIONS[action];
  const from: Record<LifecycleAction, string[]> = {
    start: ['STOPPED', 'PAUSED', 'SUSPENDED'],
    stop: ['STARTED', 'STOPPING'],
    restart: ['STARTED', 'STOPPED'],
    pause: ['STARTED'],
    suspend: ['STARTED'],
  };
  const illegal: Record<LifecycleAction, string[]> = {
    start: ['STARTED'],
    stop: ['STOPPED'],
    restart: [],
    pause: ['STOPPED', 'PAUSED'],
    suspend: ['STOPPED', 'SUSPENDED'],
  };
  if (from[action].includes(state)) return final;
  return illegal[action].includes(state) ? 'illegal' : 'unspecified';
}

/** The next action on the way from `from` to `to` (start/stop/pause/suspend only: restart is under test). */
export function stepTowards(from: string, to: string): LifecycleAction | undefined {
  if (to === 'STARTED') return ['STOPPED', 'PAUSED', 'SUSPENDED'].includes(from) ? 'start' : undefined;
  if (to === 'STOPPED') return from === 'STARTED' ? 'stop' : stepTowards(from, 'STARTED');
  const direct: LifecycleAction | undefined = to === 'PAUSED' ? 'pause' : to === 'SUSPENDED' ? 'suspend' : undefined;
  if (!direct) return undefined;
  return from === 'STARTED' ? direct : stepTowards(from, 'STARTED');
}
