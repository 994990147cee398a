// OVF upload (§5.1): UploadVAppTemplateParams makes a sparse template (status 0) with one File, the
// descriptor, to PUT as text/xml. The descriptor is judged by the OVF validator; an invalid one sets
// status -1 with a Task carrying the Error. A valid one lists one File per References/File (name =
// ovf:href, size = ovf:size), plus the manifest when manifestRequired. Files arrive whole or in
// Content-Range parts, each appended in order; once every byte is in, a vdcUploadOvfContents Task
// checks the package (sizes, manifest digests) and ends the template at status 8, or -1.

import { createHash } from 'node:crypto';
import { allContents, defined, type Envelope } from '../../ovf/descriptorModel.js';
import { FindingSink } from '../../ovf/finding.js';
import { type DigestAlgorithm, NODE_HASH, parseManifest } from '../../ovf/manifest.js';
import { chunkName, extensionOf, isLocalHref, leavesFolder, type PackageContents, type StoredFile, urlScheme } from '../../ovf/packageContents.js';
import { checkPackage } from '../../ovf/packageRules.js';
import { validateDescriptor } from '../../ovf/validate.js';
import { virtualMachines } from '../../ovf/virtualMachine.js';
import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import type { Task, TemplateVm, TransferFile, VAppTemplate, Vdc } from './entities.js';
import { VcdError, badRequest, notFound } from './errors.js';
import { DESCRIPTOR_MEDIA, MEDIA, requireContentType } from './media-types.js';
import { hrefOf, newUuid, refOf } from './refs.js';
import { MAX_TRANSFER_BYTES } from './store.js';
import { type TaskSpec, ensureIdle, failedTask, newTask, runTask } from './tasks.js';
import { templateElement } from './vappViews.js';
import { readRoot, requiredAttr, sequence, textOf, xsBoolean } from './xml.js';

const DESCRIPTOR_NAME = 'descriptor.ovf';
const MANIFEST_NAME = 'manifest.mf';
const MAX_MANIFEST_BYTES = 1024 * 1024;
const SHOWN_FINDINGS = 3;

export const fileBytes = (f: TransferFile): Buffer => Buffer.concat(f.chunks);

export function uploadVAppTemplate(ctx: VcdContext, req: VcdRequest, vdc: Vdc): Reply {
  requireContentType(header(req, 'content-type'), [MEDIA.uploadParams]);
  const root = readRoot(req.body, 'UploadVAppTemplateParams');
  const name = requiredAttr(root, 'name');
  const manifestRequired = xsBoolean(root.getAttribute('manifestRequired'), 'manifestRequired', false);
  const description = textOf(sequence(root, [{ name: 'Description' }]), 'Description');
  ctx.store.ensureRoom(1);
  const template: VAppTemplate = {
    uuid: newUuid(),
    name,
    ...(description !== undefined ? { description } : {}),
    vdc: vdc.uuid,
    created: ctx.now(),
    status: 0,
    manifestRequired,
    transfer: newUuid(),
    files: [{ name: DESCRIPTOR_NAME, chunks: [], received: 0 }],
    vms: [],
    hasEula: false,
    reservedBytes: 0,
  };
  ctx.store.templates.set(template.uuid, template);
  return { status: 201, headers: { location: hrefOf(ctx.apiUrl, 'vAppTemplate', template.uuid) }, xml: { root: templateElement(ctx, template), media: MEDIA.vAppTemplate } };
}

/** A PUT to the upload transfer session of `template`. */
export function putTransferFile(ctx: VcdContext, req: VcdRequest, template: VAppTemplate, name: string): Reply {
  const file = template.files.find((f) => f.name === name);
  if (!file) throw notFound(req.url.pathname);
  if (template.status !== 0) throw badRequest(`the upload of vApp template "${template.name}" has ended (status ${template.status})`);
  ensureIdle(ctx, [template.uuid], `vApp template "${template.name}"`);
  if (file === template.files[0]) putDescriptor(ctx, req, template, file);
  else receive(file, req.body ?? Buffer.alloc(0), header(req, 'content-range'));
  const complete = template.status === 0 && template.files.every((f) => f.size !== undefined && f.received === f.size);
  return { status: 200, ...(complete ? { after: () => finalize(ctx, template) } : {}) };
}

const taskSpec = (ctx: VcdContext, template: VAppTemplate, operation: string, work: () => void): TaskSpec => ({
  owner: refOf(ctx.apiUrl, 'vAppTemplate', template.uuid, template.name),
  operationName: 'vdcUploadOvfContents',
  operation: `${operation} "${template.name}"`,
  subjects: [template.uuid],
  work,
  onFail: (task: Task) => Object.assign(template, { status: -1, failure: task.uuid }),
});

function putDescriptor(ctx: VcdContext, req: VcdRequest, template: VAppTemplate, file: TransferFile): void {
  if (file.size !== undefined) throw badRequest('the descriptor of this template is already uploaded');
  requireContentType(header(req, 'content-type'), [DESCRIPTOR_MEDIA]);
  if (header(req, 'content-range') !== undefined) throw badRequest('send the OVF descriptor whole, without Content-Range');
  const bytes = req.body ?? Buffer.alloc(0);
  Object.assign(file, { size: bytes.length, chunks: [bytes], received: bytes.length });
  try {
    readDescriptor(ctx, template, bytes.toString('utf8'));
  } catch (e) {
    if (!(e instanceof VcdError)) throw e;
    failedTask(ctx, taskSpec(ctx, template, 'Processing the OVF descriptor of', () => undefined), e);
  }
}

/** The References/Files of a descriptor as this provider takes them: local files with a size. */
function referencedFiles(env: Envelope): { name: string; size: number }[] {
  const seen = new Set<string>();
  return env.files.map((f) => {
    const href = f.href ?? '';
    if (!isLocalHref(href) || urlScheme(href) !== undefined || leavesFolder(href) || href === '') throw badRequest(`ovf:href "${href}" is not a file inside the package; this provider takes only files uploaded with the descriptor`);
    const size = Number(f.size);
    if (f.size === undefined || !Number.isSafeInteger(size) || size < 0) throw badRequest(`"${href}" needs an ovf:size (bytes) for its upload`);
    if (seen.has(href) || href === DESCRIPTOR_NAME || href === MANIFEST_NAME) throw badRequest(`ovf:href "${href}" is used twice or collides with ${DESCRIPTOR_NAME} or ${MANIFEST_NAME}`);
    seen.add(href);
    return { name: href, size };
  });
}

function findingsSummary(findings: { rule: string; message: string }[]): string {
  return findings.slice(0, SHOWN_FINDINGS).map((f) => `${f.rule} ${f.message}`).join('; ');
}

function readDescriptor(ctx: VcdContext, template: VAppTemplate, text: string): void {
  const { envelope, findings } = validateDescriptor(text, DESCRIPTOR_NAME);
  const errors = findings.filter((f) => f.severity === 'error');
  if (!envelope || (errors.length > 0 && !ctx.quirk('vcloud-upload-skips-validation'))) throw badRequest(`The OVF descriptor is invalid: ${findingsSummary(errors)}`);
  const files = referencedFiles(envelope);
  const systems = allContents(envelope.content).filter((c) => c.kind === 'VirtualSystem');
  if (systems.length === 0) throw badRequest('The OVF descriptor describes no VirtualSystem: there is nothing to instantiate');
  const bytes = Buffer.byteLength(text) + files.reduce((n, f) => n + f.size, 0);
  const room = MAX_TRANSFER_BYTES - ctx.store.transferBytesInUse();
  if (bytes > room) throw badRequest(`the package is ${bytes} bytes; this provider has room for ${room} more`);
  ctx.store.ensureRoom(systems.length);
  template.reservedBytes = bytes;
  template.files.push(...files.map((f) => ({ ...f, chunks: [], received: 0 })), ...(template.manifestRequired ? [{ name: MANIFEST_NAME, chunks: [], received: 0 }] : []));
  template.vms = templateVms(envelope);
  template.hasEula = allContents(envelope.content).some((c) => c.eulas.length > 0);
}

const MIB = 2n ** 20n;
const inMiB = (bytes: bigint): number => Number((bytes + MIB - 1n) / MIB);

/** Each VirtualSystem as the Vm it becomes: its sections, amounts in MB rounded up (a Vm never gets less). */
export function templateVms(envelope: Envelope): TemplateVm[] {
  const systems = allContents(envelope.content).filter((c) => c.kind === 'VirtualSystem');
  return virtualMachines(envelope).map((vm, i) => {
    const vs = systems[i]!;
    const os = vs.operatingSystem;
    return {
      uuid: newUuid(),
      name: vm.name ?? vs.id ?? `vm-${i + 1}`,
      ...(vm.info !== undefined ? { description: vm.info } : {}),
      cpus: vm.cpu,
      memoryMiB: inMiB(vm.memoryBytes),
      ...(vm.osType !== undefined ? { guestOs: vm.osType } : {}),
      ...(os && (os.version !== undefined || os.description !== undefined) ? { os: { ...(os.version !== undefined ? { version: os.version } : {}), ...(os.description !== undefined ? { description: os.description } : {}) } } : {}),
      disks: vm.disks.map((d, k) => ({ name: d.name ?? `Hard disk ${k + 1}`, capacityMiB: inMiB(d.capacityBytes), ...(d.file !== undefined ? { file: d.file } : {}), ...(d.format !== undefined ? { format: d.format } : {}) })),
      nics: vm.nics.map((n, k) => ({ name: n.name ?? `Network adapter ${k}`, network: n.connection })),
      products: vs.products.map((p) => ({
        ...defined({ info: p.info, class: p.class, instance: p.instance, product: p.product, vendor: p.vendor, version: p.version }),
        properties: p.properties.flatMap((q) => (q.key === undefined ? [] : [{ key: q.key, type: q.type ?? 'string', ...defined({ value: q.value, label: q.label, description: q.description }) }])),
      })),
      ...(vm.annotation !== undefined ? { annotation: vm.annotation } : {}),
    };
  });
}

/** Appends a body: the whole file, or the next `Content-Range: bytes first-last/total` part of it. */
function receive(file: TransferFile, body: Buffer, range: string | undefined): void {
  if (file.size !== undefined && file.received === file.size) throw badRequest(`${file.name} is already uploaded`);
  if (range === undefined) {
    if (file.size !== undefined && body.length !== file.size) throw badRequest(`${file.name} is ${file.size} bytes (ovf:size), this body ${body.length}: send it whole or in Content-Range parts`);
    if (file.size === undefined && body.length > MAX_MANIFEST_BYTES) throw new VcdError(413, `${file.name} may be at most ${MAX_MANIFEST_BYTES} bytes`);
    Object.assign(file, { size: body.length, chunks: [body], received: body.length });
    return;
  }
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range.trim());
  const [first, last, total] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const size = file.size ?? Math.min(total, MAX_MANIFEST_BYTES);
  if (!(total === size && first === file.received && last >= first && last < size && last - first + 1 === body.length)) {
    throw new VcdError(416, `Content-Range "${range}" does not continue ${file.name}: ${file.received} of ${size} bytes are in, the next part is bytes ${file.received}-…/${size} and its length must match the body`);
  }
  file.size = size;
  file.chunks.push(body);
  file.received += body.length;
}

function finalize(ctx: VcdContext, template: VAppTemplate): void {
  const task = newTask(ctx, taskSpec(ctx, template, 'Finalizing upload of', () => {
    checkContents(template);
    template.status = 8;
  }));
  runTask(ctx, task);
}

/** The uploaded files as the OVF package rules read a package: sizes, chunks, manifest digests. */
function checkContents(template: VAppTemplate): void {
  const [descriptor, ...rest] = template.files;
  const envelope = validateDescriptor(fileBytes(descriptor!).toString('utf8')).envelope!;
  const manifest = rest.find((f) => f.name === MANIFEST_NAME);
  const manifestBytes = manifest ? fileBytes(manifest) : undefined;
  const entries = manifestBytes ? parseManifest(manifestBytes.toString('utf8'), envelope.version, new FindingSink(MANIFEST_NAME)) : [];
  const algorithms = [...new Set(entries.map((e) => e.algorithm))];
  // The manifest names the descriptor by the client's file name, not the one the server chose.
  const descriptorName = entries.find((e) => extensionOf(e.file) === 'ovf')?.file ?? DESCRIPTOR_NAME;
  const stored = (name: string, bytes: Buffer): [string, StoredFile] => [name, { name, size: bytes.length, head: bytes.subarray(0, 8), digests: digests(bytes, algorithms) }];
  const files = new Map<string, StoredFile>([stored(descriptorName, fileBytes(descriptor!))]);
  for (const ref of envelope.files) {
    const bytes = fileBytes(rest.find((f) => f.name === ref.href)!);
    const chunk = Number(ref.chunkSize);
    // A chunked file was sent as consecutive ranges of one URL; the rules read it as its chunks.
    if (ref.chunkSize !== undefined && chunk > 0) for (let i = 0; i * chunk < bytes.length; i++) files.set(...stored(chunkName(ref.href!, i), bytes.subarray(i * chunk, (i + 1) * chunk)));
    else files.set(...stored(ref.href!, bytes));
  }
  const sinks: FindingSink[] = [];
  const contents: PackageContents = {
    layout: 'folder',
    descriptorName,
    files,
    ...(manifestBytes ? { manifest: { name: MANIFEST_NAME, bytes: manifestBytes } } : {}),
    sinkFor: (name) => {
      const sink = new FindingSink(name);
      sinks.push(sink);
      return sink;
    },
  };
  checkPackage(envelope, contents);
  const errors = sinks.flatMap((s) => s.findings).filter((f) => f.severity === 'error');
  // A required manifest is a promise that every file is digested: an unlisted one is refused too.
  const unlisted = manifestBytes ? [...files.keys()].filter((n) => n !== descriptorName && !entries.some((e) => e.file === n)) : [];
  if (unlisted.length > 0) throw badRequest(`The manifest does not list ${unlisted.join(', ')}`);
  if (errors.length > 0) throw badRequest(`The uploaded package is invalid: ${findingsSummary(errors)}`);
}

function digests(bytes: Buffer, algorithms: readonly DigestAlgorithm[]): StoredFile['digests'] {
  return Object.fromEntries(algorithms.map((a) => [a, createHash(NODE_HASH[a]).update(bytes).digest('hex')]));
}
