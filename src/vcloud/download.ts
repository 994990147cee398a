// OVF download of a VAppTemplate (brief §5.2), by links only: enableDownload through the template's
// `enable` link (202 and a Task, waited on), the template read again for its `download:default` link,
// the descriptor GET there, and each References/File fetched beside it, its byte count held to
// ovf:size. Only files inside the package are fetched: the session token goes with every request, so
// an href that names another host (or climbs out of the folder) is refused, not followed.

import type { RunContext } from '../harness/runContext.js';
import { leavesFolder, urlScheme } from '../ovf/packageContents.js';
import { validateDescriptor } from '../ovf/validate.js';
import type { VcloudClient } from './client.js';
import { findLink } from './entities.js';
import { decodeTask, settle, waitTask } from './task.js';

export interface Downloaded {
  /** The download:default URL (the descriptor). */
  url: string;
  descriptor: Buffer;
  /** The referenced files, in References order, each exactly ovf:size bytes. */
  files: { href: string; bytes: Buffer }[];
}

type Ctx = { vcloud: VcloudClient; run: RunContext };

/** The template's package, or why the provider did not give it. */
export async function downloadTemplate(ctx: Ctx, href: string): Promise<{ downloaded?: Downloaded; refused?: string }> {
  const template = await settle(ctx, href);
  const enable = findLink(template, 'enable');
  if (!enable) return { refused: `${href} offers no Link rel="enable" (enableDownload)` };
  const res = await ctx.vcloud.post(enable.href, undefined);
  if (res.status >= 300) return { refused: `enableDownload answered ${res.status}${res.error?.message ? ` ${res.error.message}` : ''}` };
  if (res.status === 202 && res.root?.localName === 'Task') {
    const task = await waitTask(ctx, decodeTask(res.root));
    if (task.final.status !== 'success') return { refused: `the enableDownload Task ended ${task.final.status}${task.final.error?.message ? `: ${task.final.error.message}` : ''}` };
  }
  const link = findLink(await settle(ctx, href), 'download:default');
  if (!link) return { refused: `after enableDownload, ${href} offers no Link rel="download:default"` };
  const url = ctx.vcloud.resolve(link.href);
  const got = await ctx.vcloud.get(url, { accept: '*/*' });
  if (got.status !== 200) return { refused: `GET of the descriptor at download:default answered ${got.status}` };
  const descriptor = got.bytes ?? Buffer.from(got.text);
  const envelope = validateDescriptor(descriptor.toString('utf8')).envelope;
  if (!envelope) return { refused: 'the descriptor at download:default is not an OVF Envelope' };
  const files: Downloaded['files'] = [];
  for (const f of envelope.files) {
    const name = f.href ?? '';
    if (name === '' || urlScheme(name) !== undefined || leavesFolder(name)) return { refused: `References names "${name}", not a file beside the descriptor: not fetched` };
    const file = await ctx.vcloud.get(new URL(name, url).toString(), { accept: '*/*' });
    if (file.status !== 200) return { refused: `GET of ${name} beside the descriptor answered ${file.status}` };
    const bytes = file.bytes ?? Buffer.from(file.text);
    if (f.size !== undefined && String(bytes.length) !== f.size.trim()) return { refused: `${name} is ${bytes.length} bytes; its ovf:size says ${f.size}` };
    files.push({ href: name, bytes });
  }
  return { downloaded: { url, descriptor, files } };
}
