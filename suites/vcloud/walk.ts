// Bringing a shared vApp to the state a check starts from, with the operations it advertises
// (src/vcloud/lifecycle.ts says which lead where). Anything in the way makes the check not
// applicable: the operation that failed is another check's business.

import type { CheckContext } from '../../src/vcloud/check.js';
import { type PowerOp, type PowerState, STATUS } from '../../src/vcloud/lifecycle.js';
import { act, powerState } from '../../src/vcloud/power.js';
import type { Element } from '../../src/vcloud/xml.js';

export type Target = 'on' | 'off-undeployed' | 'off-deployed' | 'suspended';

const at = (s: PowerState, t: Target): boolean =>
  t === 'on' ? s.status === STATUS.POWERED_ON
  : t === 'off-undeployed' ? s.status === STATUS.POWERED_OFF && !s.deployed
  : t === 'off-deployed' ? s.status === STATUS.POWERED_OFF && s.deployed
  : s.status === STATUS.SUSPENDED;

/** The next operation from `s` towards `t`. */
function step(s: PowerState, t: Target): PowerOp | undefined {
  if (t === 'off-undeployed') return s.deployed ? 'undeploy' : s.status === STATUS.SUSPENDED ? 'discardState' : undefined;
  if (s.status !== STATUS.POWERED_ON) return s.status === STATUS.POWERED_OFF || s.status === STATUS.SUSPENDED ? 'powerOn' : undefined;
  return t === 'off-deployed' ? 'powerOff' : t === 'suspended' ? 'suspend' : undefined;
}

export async function bringTo(ctx: CheckContext, href: string, target: Target): Promise<Element> {
  for (let i = 0; i < 5; i++) {
    const cur = await ctx.ws.settle(href);
    const s = powerState(cur);
    if (at(s, target)) return cur;
    const op = step(s, target);
    const done = op ? await act(ctx, href, op) : undefined;
    if (!done || done.res.status >= 300 || (done.task && done.task.final.status !== 'success')) {
      return ctx.notApplicable(`precondition: cannot bring the vApp from status ${s.status}${s.deployed ? ' (deployed)' : ''} to ${target}${op ? `: '${op}' ${done ? `answered ${done.res.status}${done.task ? `, its Task ended ${done.task.final.status}` : ''}` : 'is not advertised'}` : ''}`);
    }
  }
  return ctx.notApplicable(`precondition: the vApp did not reach ${target}`);
}
