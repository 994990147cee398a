// The representations of vApp templates, vApps and their Vms (§5, §6), elements in the order of their
// schema types. Each shows its state: status and `deployed` from vappStatus.ts, the links of the
// operations allowed now, the Tasks running on it (or the one that failed it).

import type { VcdContext } from './context.js';
import type { TemplateVm, TransferFile, VApp, VAppTemplate, Vm } from './entities.js';
import { DESCRIPTOR_MEDIA, MEDIA } from './media-types.js';
import { operationLinks, vappTarget, vmTarget } from './power.js';
import { hrefOf, refOf } from './refs.js';
import { tasksElement } from './taskViews.js';
import { embeddedTasks } from './tasks.js';
import { stoppedAndUndeployed, templateVmStatus, vappDeployed, vappStatus, vmStatus } from './vappStatus.js';
import { entityAttrs, link, ownerElement, refElement, vdcRef } from './views.js';
import { vmSections } from './vmSections.js';
import { el, textEl, type XmlElement } from './xml.js';

/** The transfer URL of a file: /transfer/<session>/<name>, each segment of the name encoded. */
export const transferUrl = (ctx: VcdContext, session: string, name: string): string =>
  `${ctx.origin}/transfer/${session}/${name.split('/').map(encodeURIComponent).join('/')}`;

const vdcHref = (ctx: VcdContext, vdc: string): string => vdcRef(ctx, ctx.store.vdcs.get(vdc)!).href;

function fileElement(ctx: VcdContext, t: VAppTemplate, f: TransferFile): XmlElement {
  return el('File', { size: f.size ?? -1, bytesTransferred: f.received, name: f.name },
    link('upload:default', transferUrl(ctx, t.transfer, f.name)),
  );
}

export function templateVmElement(ctx: VcdContext, t: VAppTemplate, vm: TemplateVm): XmlElement {
  return el('Vm', { status: templateVmStatus(t), ...entityAttrs(refOf(ctx.apiUrl, 'templateVm', vm.uuid, vm.name)) },
    link('up', hrefOf(ctx.apiUrl, 'vAppTemplate', t.uuid), MEDIA.vAppTemplate),
    vm.description !== undefined && textEl('Description', vm.description),
    vmSections(vm),
    textEl('VAppScopedLocalId', vm.name),
  );
}

export function templateElement(ctx: VcdContext, t: VAppTemplate): XmlElement {
  const self = refOf(ctx.apiUrl, 'vAppTemplate', t.uuid, t.name);
  const ready = t.status === 8;
  return el('VAppTemplate', { goldMaster: false, ovfDescriptorUploaded: t.files[0]!.size !== undefined, status: t.status, ...entityAttrs(self) },
    link('up', vdcHref(ctx, t.vdc), MEDIA.vdc),
    link('remove', self.href),
    ready && link('enable', `${self.href}/action/enableDownload`),
    ready && t.download !== undefined && link('download:default', transferUrl(ctx, t.download, t.files[0]!.name), DESCRIPTOR_MEDIA),
    t.description !== undefined && textEl('Description', t.description),
    tasksElement(ctx, embeddedTasks(ctx, self.href, t.failure)),
    t.status === 0 && el('Files', {}, t.files.map((f) => fileElement(ctx, t, f))),
    ownerElement(ctx),
    t.vms.length > 0 && el('Children', {}, t.vms.map((vm) => templateVmElement(ctx, t, vm))),
  );
}

export function vmElement(ctx: VcdContext, vm: Vm): XmlElement {
  const target = vmTarget(ctx, vm);
  return el('Vm', { needsCustomization: false, deployed: vm.deployed, status: vmStatus(vm), ...entityAttrs(target.ref) },
    link('up', hrefOf(ctx.apiUrl, 'vApp', vm.vapp), MEDIA.vApp),
    operationLinks(target),
    vm.description !== undefined && textEl('Description', vm.description),
    tasksElement(ctx, embeddedTasks(ctx, target.ref.href)),
    vmSections(vm),
    textEl('VAppScopedLocalId', vm.name),
  );
}

function networkConfigSection(ctx: VcdContext, vapp: VApp): XmlElement {
  return el('NetworkConfigSection', {},
    textEl('ovf:Info', 'The configuration parameters for logical networks'),
    vapp.networks.map((n) => {
      const parent = n.parent === undefined ? undefined : ctx.store.networks.get(n.parent);
      return el('NetworkConfig', { networkName: n.networkName },
        el('Configuration', {},
          parent && refElement('ParentNetwork', refOf(ctx.apiUrl, 'network', parent.uuid, parent.name)),
          textEl('FenceMode', n.fenceMode),
        ),
        textEl('IsDeployed', vappDeployed(vapp)),
      );
    }),
  );
}

export function vappElement(ctx: VcdContext, vapp: VApp): XmlElement {
  const target = vappTarget(ctx, vapp);
  const removable = vapp.phase === 'failed' || (vapp.phase === 'ready' && stoppedAndUndeployed(vapp));
  return el('VApp', { deployed: vappDeployed(vapp), status: vappStatus(vapp), ovfDescriptorUploaded: true, ...entityAttrs(target.ref) },
    link('up', vdcHref(ctx, vapp.vdc), MEDIA.vdc),
    operationLinks(target),
    removable && link('remove', target.ref.href),
    vapp.phase === 'ready' && removable && link('edit', target.ref.href, MEDIA.vApp),
    vapp.description !== undefined && textEl('Description', vapp.description),
    tasksElement(ctx, embeddedTasks(ctx, target.ref.href, vapp.failure)),
    networkConfigSection(ctx, vapp),
    ownerElement(ctx),
    textEl('InMaintenanceMode', false),
    vapp.vms.length > 0 && el('Children', {}, vapp.vms.map((vm) => vmElement(ctx, vm))),
  );
}
