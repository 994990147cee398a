// Power operations and deploy/undeploy as requests (brief §7): the advertised link of each operation,
// POSTed with its params where it takes any, the Task it answers with waited on, and the entity's
// state read back. lifecycle.ts says what should happen; this says how it is asked for.

import type { RunContext } from '../harness/runContext.js';
import type { VcloudClient, VcloudResponse } from './client.js';
import { type Element, attr } from './xml.js';
import { findLink } from './entities.js';
import { MEDIA } from './mediaTypes.js';
import { type PowerOp, type PowerState, REL, type UndeployAction } from './lifecycle.js';
import { deployParams, undeployParams } from './requests.js';
import { type Waited, decodeTask, settle, waitTask } from './task.js';

export interface OpOptions {
  /** deploy: DeployVAppParams@powerOn (omitted: the 1.5 default, true). */
  powerOn?: boolean;
  /** undeploy: UndeployPowerAction (default powerOff); '' sends it empty, 'omit' leaves it out. */
  undeploy?: UndeployAction | '' | 'omit';
}

export const powerState = (el: Element): PowerState => ({ status: Number(attr(el, 'status') ?? NaN), deployed: attr(el, 'deployed') === 'true' });

/** The body and Content-Type an operation is POSTed with: params for deploy and undeploy, none for power:* (brief §7). */
export function requestOf(op: PowerOp, opts: OpOptions = {}): { contentType?: string; body?: string } {
  if (op === 'deploy') return { contentType: MEDIA.deployVAppParams, body: deployParams(opts.powerOn) };
  if (op === 'undeploy') return { contentType: MEDIA.undeployVAppParams, body: undeployParams(opts.undeploy === 'omit' ? undefined : (opts.undeploy ?? 'powerOff')) };
  return {};
}

/** POSTs `op` to `href` (an advertised link, or a stale one a check probes with). */
export function postOp(vcloud: VcloudClient, href: string, op: PowerOp, opts: OpOptions = {}): Promise<VcloudResponse> {
  const { contentType, body } = requestOf(op, opts);
  return vcloud.post(href, contentType, body);
}

export interface Acted {
  res: VcloudResponse;
  /** The Task the 202 answered with, waited on to its end. */
  task?: Waited;
  /** The entity once at rest again. */
  after: Element;
  state: PowerState;
}

/** Invokes `op` through the link the entity advertises now; undefined when it advertises none. */
export async function act(ctx: { vcloud: VcloudClient; run: RunContext }, href: string, op: PowerOp, opts: OpOptions = {}): Promise<Acted | undefined> {
  const link = findLink(await settle(ctx, href), REL[op]);
  if (!link) return undefined;
  const res = await postOp(ctx.vcloud, link.href, op, opts);
  const task = res.status === 202 && res.root?.localName === 'Task' ? await waitTask(ctx, decodeTask(res.root)) : undefined;
  const after = await settle(ctx, href);
  return { res, ...(task ? { task } : {}), after, state: powerState(after) };
}
