// PUT on a vApp (its rel="edit" link): a VApp body whose name and Description replace the vApp's, as
// a Task. Offered, and allowed, only while the vApp is powered off and undeployed.

import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import type { VApp } from './entities.js';
import { badRequest, duplicateName } from './errors.js';
import { MEDIA, requireContentType } from './media-types.js';
import { refOf } from './refs.js';
import { acceptedTask } from './taskViews.js';
import { ensureIdle, newTask } from './tasks.js';
import { stoppedAndUndeployed } from './vappStatus.js';
import { readRoot, requiredAttr, sequence, textOf } from './xml.js';

export function editVApp(ctx: VcdContext, req: VcdRequest, vapp: VApp): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.vApp]);
  const root = readRoot(req.body, 'VApp');
  const name = requiredAttr(root, 'name');
  const description = textOf(sequence(root, [{ name: 'Description' }]), 'Description');
  const label = `vApp "${vapp.name}"`;
  ensureIdle(ctx, [vapp.uuid, ...vapp.vms.map((vm) => vm.uuid)], label);
  if (vapp.phase !== 'ready' || !stoppedAndUndeployed(vapp)) throw badRequest(`The requested operation could not be executed since ${label} is deployed or powered on. Stop the vApp and try again.`);
  if (name !== vapp.name && [...ctx.store.vapps.values()].some((a) => a.name === name)) throw duplicateName('vApp', name);
  const task = newTask(ctx, {
    owner: refOf(ctx.apiUrl, 'vApp', vapp.uuid, vapp.name),
    operationName: 'vappUpdateVApp',
    operation: `Updating ${label}`,
    subjects: [vapp.uuid, ...vapp.vms.map((vm) => vm.uuid)],
    work: () => {
      vapp.name = name;
      if (description === undefined) delete vapp.description;
      else vapp.description = description;
    },
  });
  return acceptedTask(ctx, task);
}
