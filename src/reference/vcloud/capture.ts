// captureVApp (§6, related vDC actions): a new VAppTemplate from a powered-off vApp of the org. The
// body is CaptureVAppParams (name; Description, Source in schema order); a vApp that is not powered off
// is refused with 400. The answer is 201 with the new template at status 0 embedding its Task; when the
// Task ends the template is at status 8, its descriptor the Vms' current sections (vmSections.ts) and
// its files the contents the Vms' disks came with, ready for enableDownload and instantiation.

import { serializeEnvelope } from '../../ovf/serialize.js';
import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import type { TransferFile, VAppTemplate, Vdc } from './entities.js';
import { badRequest } from './errors.js';
import { MEDIA, requireContentType } from './media-types.js';
import { hrefOf, newUuid, refOf, uuidOfHref } from './refs.js';
import { MAX_TRANSFER_BYTES } from './store.js';
import { ensureIdle, newTask, runTask } from './tasks.js';
import { templateElement } from './vappViews.js';
import { STATUS, vappStatus } from './vappStatus.js';
import { vmsEnvelope } from './vmSections.js';
import { readRoot, requiredAttr, sequence, textOf } from './xml.js';

const DESCRIPTOR_NAME = 'descriptor.ovf';

export function captureVApp(ctx: VcdContext, req: VcdRequest, vdc: Vdc): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.captureParams]);
  const root = readRoot(req.body, 'CaptureVAppParams');
  const name = requiredAttr(root, 'name');
  const parts = sequence(root, [{ name: 'Description' }, { name: 'Source', min: 1 }]);
  const href = parts.get('Source')![0]!.getAttribute('href') ?? '';
  const uuid = uuidOfHref(ctx.apiUrl, 'vApp', href);
  const vapp = uuid === undefined ? undefined : ctx.store.vapps.get(uuid);
  if (!vapp) throw badRequest(`Source "${href}" is not a vApp of this organization`);
  const label = `vApp "${vapp.name}"`;
  ensureIdle(ctx, [vapp.uuid, ...vapp.vms.map((vm) => vm.uuid)], label);
  if (vapp.phase !== 'ready' || vappStatus(vapp) !== STATUS.POWERED_OFF) throw badRequest(`The requested operation could not be executed since ${label} is not powered off.`);
  const description = textOf(parts, 'Description');
  const files = new Map(vapp.vms.flatMap((vm) => vm.files.map((f) => [f.name, f.bytes] as const)));
  const vms = vapp.vms.map(({ uuid: _u, vapp: _a, power: _p, deployed: _d, files: _f, ...sections }) => ({ ...structuredClone(sections), uuid: newUuid() }));
  const descriptor = Buffer.from(serializeEnvelope(vmsEnvelope(vapp.name, vapp.description ?? `captured from ${label}`, vms, new Map([...files].map(([n, b]) => [n, b.length])))));
  const bytes = descriptor.length + [...files.values()].reduce((n, b) => n + b.length, 0);
  const room = MAX_TRANSFER_BYTES - ctx.store.transferBytesInUse();
  if (bytes > room) throw badRequest(`capturing ${label} needs ${bytes} bytes; this provider has room for ${room} more`);
  ctx.store.ensureRoom(1 + vms.length);
  const whole = (n: string, b: Buffer): TransferFile => ({ name: n, size: b.length, chunks: [b], received: b.length });
  const template: VAppTemplate = {
    uuid: newUuid(),
    name,
    ...(description !== undefined ? { description } : {}),
    vdc: vdc.uuid,
    created: ctx.now(),
    status: 0,
    manifestRequired: false,
    transfer: newUuid(),
    files: [whole(DESCRIPTOR_NAME, descriptor), ...[...files].map(([n, b]) => whole(n, b))],
    vms,
    hasEula: ctx.store.templates.get(vapp.template)?.hasEula ?? false,
    reservedBytes: bytes,
  };
  ctx.store.templates.set(template.uuid, template);
  const task = newTask(ctx, {
    owner: refOf(ctx.apiUrl, 'vAppTemplate', template.uuid, template.name),
    operationName: 'vdcCaptureTemplate',
    operation: `Capturing ${label} as vApp template "${name}"`,
    subjects: [template.uuid, vapp.uuid, ...vapp.vms.map((vm) => vm.uuid)],
    work: () => {
      template.status = 8;
    },
    onFail: (t) => Object.assign(template, { status: -1, failure: t.uuid }),
  });
  return { status: 201, headers: { location: hrefOf(ctx.apiUrl, 'vAppTemplate', template.uuid) }, xml: { root: templateElement(ctx, template), media: MEDIA.vAppTemplate }, after: () => runTask(ctx, task) };
}
