// The transfer of an OVF package into a VAppTemplate the vDC made for it (brief §5.1, steps 3-6):
// PUT the descriptor to the descriptor File's upload:default link, wait until the template lists a
// File for each reference (or fails), PUT each file whole or in Content-Range parts, then wait for
// the template to come to rest (status 8, or -1 when refused). Each step's response and the template
// after it are kept, for the checks that judge them; the transfer stops at the first refused step.

import type { RunContext } from '../harness/runContext.js';
import { Poll } from '../harness/poll.js';
import { HarnessError } from '../model/errors.js';
import type { VcloudClient, VcloudResponse } from './client.js';
import { type Element, attr, path } from './xml.js';
import { findLink } from './entities.js';
import { MEDIA } from './mediaTypes.js';
import { STATUS } from './lifecycle.js';
import type { PackageFiles } from './packages.js';
import { settle } from './task.js';

export interface TemplateFile {
  name: string;
  size?: number;
  bytesTransferred?: number;
  uploadHref?: string;
}

export const templateFiles = (template: Element): TemplateFile[] =>
  path(template, 'Files', 'File').map((f) => {
    const size = attr(f, 'size');
    const sent = attr(f, 'bytesTransferred');
    const upload = findLink(f, 'upload:default');
    return { name: attr(f, 'name') ?? '', ...(size === undefined ? {} : { size: Number(size) }), ...(sent === undefined ? {} : { bytesTransferred: Number(sent) }), ...(upload ? { uploadHref: upload.href } : {}) };
  });

export interface Transfer {
  descriptorPut?: VcloudResponse;
  /** The template once it listed the package's files (or failed) after the descriptor. */
  listed?: Element;
  filePuts: { name: string; res: VcloudResponse[] }[];
  /** The template at rest after the last byte. */
  final?: Element;
  /** Why the transfer stopped before the end, when it did. */
  stopped?: string;
}

export interface TransferOptions {
  /** Send each file in parts of this many bytes with Content-Range (resumable upload, VCD-045). */
  partBytes?: number;
}

type Ctx = { vcloud: VcloudClient; run: RunContext };

/** Runs steps 3-6 against `sparse`, the VAppTemplate the upload POST answered with. */
export async function transfer(ctx: Ctx, sparse: Element, pkg: PackageFiles, opts: TransferOptions = {}): Promise<Transfer> {
  const out: Transfer = { filePuts: [] };
  const href = attr(sparse, 'href') ?? '';
  const descriptor = templateFiles(sparse).find((f) => f.uploadHref);
  if (!descriptor) return { ...out, stopped: 'the new VAppTemplate lists no File with an upload:default link' };
  out.descriptorPut = await ctx.vcloud.put(descriptor.uploadHref!, MEDIA.ovfDescriptor, pkg.descriptor);
  if (out.descriptorPut.status >= 300) return { ...out, stopped: `the descriptor PUT answered ${out.descriptorPut.status}` };
  const after = await listed(ctx, href, descriptor.name, pkg.files.size);
  out.listed = after.template;
  if (after.timedOut) return { ...out, final: out.listed, stopped: after.timedOut };
  if (Number(attr(out.listed, 'status')) === STATUS.FAILED_CREATION) return { ...out, final: out.listed, stopped: 'the template failed after its descriptor (status -1)' };
  for (const f of templateFiles(out.listed)) {
    if (f.name === descriptor.name || !f.uploadHref) continue;
    const content = pkg.files.get(f.name) ?? pkg.manifest;
    if (content === undefined) return { ...out, stopped: `the template lists a File '${f.name}' the package does not have` };
    const res = await putFile(ctx.vcloud, f.uploadHref, content, opts.partBytes);
    out.filePuts.push({ name: f.name, res });
    const bad = res.find((r) => r.status >= 300);
    if (bad) return { ...out, stopped: `the PUT of '${f.name}' answered ${bad.status}` };
  }
  out.final = await settle(ctx, href);
  return out;
}

/**
 * Polls the template after the descriptor PUT until it lists more than the descriptor's File, or
 * fails; a package that references no file is done once the template leaves status 0 (nothing more to
 * send). Past limits.stateTimeoutMs the last state read, for the checks to judge (it never listed them).
 */
async function listed(ctx: Ctx, href: string, descriptorName: string, references: number): Promise<{ template: Element; timedOut?: string }> {
  const poll = new Poll(ctx.run);
  let last: Element | undefined;
  for (;;) {
    const res = await ctx.vcloud.get(href);
    if (res.status === 200 && res.root) {
      last = res.root;
      const status = Number(attr(res.root, 'status'));
      const failed = status === STATUS.FAILED_CREATION;
      const nothingToSend = references === 0 && status !== STATUS.UNRESOLVED;
      if (failed || nothingToSend || templateFiles(res.root).some((f) => f.name !== descriptorName)) return { template: res.root };
    }
    if (!(await poll.next())) {
      if (!last) throw new HarnessError('TIMEOUT', `${href} could not be read within ${poll.timeout} of the descriptor upload`);
      return { template: last, timedOut: `no File for the package's references listed within ${poll.timeout} of the descriptor upload` };
    }
  }
}

/** PUTs `content` whole, or in consecutive `bytes a-b/total` ranges. */
async function putFile(vcloud: VcloudClient, url: string, content: string | Uint8Array, partBytes?: number): Promise<VcloudResponse[]> {
  const type = 'application/octet-stream';
  if (!partBytes || content.length <= partBytes) return [await vcloud.put(url, type, content)];
  const out: VcloudResponse[] = [];
  for (let a = 0; a < content.length; a += partBytes) {
    const b = Math.min(a + partBytes, content.length) - 1;
    const res = await vcloud.put(url, type, content.slice(a, b + 1), { headers: { 'Content-Range': `bytes ${a}-${b}/${content.length}` } });
    out.push(res);
    if (res.status >= 300) break;
  }
  return out;
}
