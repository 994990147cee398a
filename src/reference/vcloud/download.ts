// OVF download (§5.2): enableDownload on a ready template (status 8) is a Task; once it succeeds the
// template links its descriptor as download:default (text/xml), and every file the descriptor
// references is served beside it, exactly as uploaded.

import type { Reply, VcdContext, VcdRequest } from './context.js';
import type { VAppTemplate } from './entities.js';
import { badRequest, notFound } from './errors.js';
import { DESCRIPTOR_MEDIA } from './media-types.js';
import { newUuid, refOf } from './refs.js';
import { acceptedTask } from './taskViews.js';
import { ensureIdle, newTask } from './tasks.js';
import { fileBytes } from './upload.js';

export function enableDownload(ctx: VcdContext, template: VAppTemplate): Reply {
  const label = `vApp template "${template.name}"`;
  if (template.status !== 8) throw badRequest(`The requested operation could not be executed since ${label} is not ready (status ${template.status}).`);
  ensureIdle(ctx, [template.uuid], label);
  const task = newTask(ctx, {
    owner: refOf(ctx.apiUrl, 'vAppTemplate', template.uuid, template.name),
    operationName: 'vappTemplateEnableDownload',
    operation: `Enabling download of ${label}`,
    subjects: [template.uuid],
    work: () => {
      template.download ??= newUuid();
    },
  });
  return acceptedTask(ctx, task);
}

/** A GET on the download transfer session of `template`. */
export function getTransferFile(req: VcdRequest, template: VAppTemplate, name: string): Reply {
  const file = template.files.find((f) => f.name === name);
  if (!file) throw notFound(req.url.pathname);
  return { status: 200, raw: { bytes: fileBytes(file), contentType: file === template.files[0] ? DESCRIPTOR_MEDIA : 'application/octet-stream' } };
}
