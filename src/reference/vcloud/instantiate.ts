// instantiateVAppTemplate (§6): the body is checked in schema order (Description, VAppParent,
// InstantiationParams, Source, IsSourceDelete, AllEULAsAccepted); Source must be a ready template
// of this org; deploy and powerOn default to true. The answer is 201 with the sparse vApp (status 0)
// embedding its running Task; when the Task ends the vApp has one Vm per template VirtualSystem.
// NetworkConfigSection is the one section InstantiationParams may carry here, and is reflected.

import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import type { FenceMode, TemplateVm, VApp, VAppNetwork, VAppTemplate, Vdc, Vm } from './entities.js';
import { fileBytes } from './upload.js';
import { badRequest, duplicateName } from './errors.js';
import { MEDIA, OVF_NS, requireContentType } from './media-types.js';
import { hrefOf, newUuid, refOf, uuidOfHref } from './refs.js';
import { newTask, runTask } from './tasks.js';
import { vappElement } from './vappViews.js';
import { type Particle, readRoot, requiredAttr, sequence, textOf, xsBoolean } from './xml.js';
import type { Element } from '../../ovf/xmlTree.js';

const PARAMS: Particle[] = [
  { name: 'Description' },
  { name: 'VAppParent' },
  { name: 'InstantiationParams' },
  { name: 'Source', min: 1 },
  { name: 'IsSourceDelete' },
  { name: 'AllEULAsAccepted' },
];
const FENCE_MODES: readonly FenceMode[] = ['bridged', 'isolated', 'natRouted'];

function sourceTemplate(ctx: VcdContext, source: Element): VAppTemplate {
  const href = source.getAttribute('href') ?? '';
  const uuid = uuidOfHref(ctx.apiUrl, 'vAppTemplate', href);
  const template = uuid === undefined ? undefined : ctx.store.templates.get(uuid);
  if (!template) throw badRequest(`Source "${href}" is not a vApp template of this organization`);
  if (template.status !== 8) throw badRequest(`vApp template "${template.name}" is not ready to instantiate (status ${template.status})`);
  return template;
}

function vappNetwork(ctx: VcdContext, config: Element): VAppNetwork {
  const networkName = requiredAttr(config, 'networkName');
  const configuration = sequence(config, [{ name: 'Description' }, { name: 'Configuration', min: 1 }, { name: 'IsDeployed' }]).get('Configuration')![0]!;
  const parts = sequence(configuration, [{ name: 'ParentNetwork' }, { name: 'FenceMode', min: 1 }]);
  const fenceMode = textOf(parts, 'FenceMode') as FenceMode;
  if (!FENCE_MODES.includes(fenceMode)) throw badRequest(`FenceMode must be one of ${FENCE_MODES.join(', ')}, not "${fenceMode}"`);
  const parentHref = parts.get('ParentNetwork')![0]?.getAttribute('href');
  const parent = parentHref === undefined || parentHref === null ? undefined : uuidOfHref(ctx.apiUrl, 'network', parentHref);
  if (parentHref !== undefined && (parent === undefined || !ctx.store.networks.has(parent))) throw badRequest(`ParentNetwork "${parentHref ?? ''}" is not one of the vDC's AvailableNetworks`);
  if (parent === undefined && fenceMode !== 'isolated') throw badRequest(`NetworkConfig "${networkName}": FenceMode ${fenceMode} needs a ParentNetwork`);
  return { networkName, fenceMode, ...(parent !== undefined ? { parent } : {}) };
}

function vappNetworks(ctx: VcdContext, params: Element | undefined): VAppNetwork[] {
  if (!params) return [];
  const section = sequence(params, [{ name: 'NetworkConfigSection' }]).get('NetworkConfigSection')![0];
  if (!section) return [];
  const configs = sequence(section, [{ name: 'Info', ns: OVF_NS, min: 1 }, { name: 'NetworkConfig', max: Infinity }]).get('NetworkConfig')!;
  const networks = configs.map((c) => vappNetwork(ctx, c));
  const names = networks.map((n) => n.networkName);
  if (new Set(names).size !== names.length) throw badRequest(`NetworkConfig networkName values must be unique: ${names.join(', ')}`);
  return networks;
}

/** The template's files a Vm's disks came with (shared, not copied: nothing writes them). */
function diskFiles(template: VAppTemplate, vm: TemplateVm): Vm['files'] {
  const names = new Set(vm.disks.flatMap((d) => (d.file === undefined ? [] : [d.file])));
  return template.files.filter((f) => names.has(f.name)).map((f) => ({ name: f.name, bytes: fileBytes(f) }));
}

export function instantiateVAppTemplate(ctx: VcdContext, req: VcdRequest, vdc: Vdc): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.instantiateParams]);
  const root = readRoot(req.body, 'InstantiateVAppTemplateParams');
  const parts = sequence(root, PARAMS, !ctx.quirk('vcloud-instantiate-ignores-order'));
  const name = requiredAttr(root, 'name');
  const deploy = xsBoolean(root.getAttribute('deploy'), 'deploy', true);
  const powerOn = xsBoolean(root.getAttribute('powerOn'), 'powerOn', true);
  if (parts.get('VAppParent')!.length > 0) throw badRequest('VAppParent is reserved and not implemented by this provider');
  if (xsBoolean(textOf(parts, 'IsSourceDelete'), 'IsSourceDelete', false)) throw badRequest('IsSourceDelete=true is not implemented by this provider');
  const template = sourceTemplate(ctx, parts.get('Source')![0]!);
  if (template.hasEula && !xsBoolean(textOf(parts, 'AllEULAsAccepted'), 'AllEULAsAccepted', false)) {
    throw badRequest(`vApp template "${template.name}" has license agreements (EulaSection): accept them with AllEULAsAccepted true`);
  }
  const networks = vappNetworks(ctx, parts.get('InstantiationParams')![0]);
  if ([...ctx.store.vapps.values()].some((a) => a.name === name)) throw duplicateName('vApp', name);
  ctx.store.ensureRoom(1 + template.vms.length);
  const description = textOf(parts, 'Description');
  const vapp: VApp = { uuid: newUuid(), name, ...(description !== undefined ? { description } : {}), vdc: vdc.uuid, created: ctx.now(), template: template.uuid, phase: 'creating', networks, vms: [] };
  ctx.store.vapps.set(vapp.uuid, vapp);
  const task = newTask(ctx, {
    owner: refOf(ctx.apiUrl, 'vApp', vapp.uuid, vapp.name),
    operationName: 'vdcInstantiateVapp',
    operation: `Creating Virtual Application ${name}(${vapp.uuid})`,
    subjects: [vapp.uuid],
    // powerOn on an undeployed Vm deploys it, so powerOn alone also ends deployed.
    work: () => {
      vapp.vms = template.vms.map((t) => ({ ...structuredClone(t), uuid: newUuid(), vapp: vapp.uuid, power: powerOn ? 'on' : 'off', deployed: deploy || powerOn, files: diskFiles(template, t) }));
      vapp.phase = 'ready';
    },
    onFail: (t) => Object.assign(vapp, { phase: 'failed', failure: t.uuid }),
  });
  const status = ctx.quirk('vcloud-instantiate-returns-200') ? 200 : 201;
  return { status, headers: { location: hrefOf(ctx.apiUrl, 'vApp', vapp.uuid) }, xml: { root: vappElement(ctx, vapp), media: MEDIA.vApp }, after: () => runTask(ctx, task) };
}
