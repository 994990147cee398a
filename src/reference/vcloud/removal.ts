// DELETE of vApps and templates (§9): each a Task. A vApp goes only when powered off and undeployed
// (the state in which it offers rel="remove"); otherwise 400 and it stays as it was. A template takes
// its catalog items with it and frees its transfer bytes.

import type { Reply, VcdContext } from './context.js';
import type { VApp, VAppTemplate } from './entities.js';
import { badRequest } from './errors.js';
import { refOf } from './refs.js';
import { acceptedTask } from './taskViews.js';
import { ensureIdle, newTask } from './tasks.js';
import { stoppedAndUndeployed } from './vappStatus.js';

export function deleteVApp(ctx: VcdContext, vapp: VApp): Reply {
  const label = `vApp "${vapp.name}"`;
  ensureIdle(ctx, [vapp.uuid, ...vapp.vms.map((vm) => vm.uuid)], label);
  if (!stoppedAndUndeployed(vapp) && !ctx.quirk('vcloud-delete-running-vapp-allowed')) {
    throw badRequest(`The requested operation could not be executed since ${label} is deployed or powered on. Stop the vApp and try again.`);
  }
  const task = newTask(ctx, {
    owner: refOf(ctx.apiUrl, 'vApp', vapp.uuid, vapp.name),
    operationName: 'vdcDeleteVapp',
    operation: `Deleting Virtual Application ${vapp.name}`,
    subjects: [vapp.uuid, ...vapp.vms.map((vm) => vm.uuid)],
    work: () => {
      ctx.store.vapps.delete(vapp.uuid);
    },
  });
  return acceptedTask(ctx, task);
}

export function deleteTemplate(ctx: VcdContext, template: VAppTemplate): Reply {
  const label = `vApp template "${template.name}"`;
  ensureIdle(ctx, [template.uuid], label);
  const task = newTask(ctx, {
    owner: refOf(ctx.apiUrl, 'vAppTemplate', template.uuid, template.name),
    operationName: 'vdcDeleteTemplate',
    operation: `Deleting ${label}`,
    subjects: [template.uuid],
    work: () => {
      ctx.store.templates.delete(template.uuid);
      for (const item of ctx.store.catalogItems.values()) if (item.template === template.uuid) ctx.store.catalogItems.delete(item.uuid);
    },
  });
  return acceptedTask(ctx, task);
}
