// OVF upload (brief §5.1): the UploadVAppTemplateParams POST, the descriptor PUT, the Files the
// template then lists, the file PUTs (whole and in Content-Range parts), the wait for status 8, and
// what an invalid descriptor or a wrong manifest digest leads to. The file's main upload is one
// fixture whose every step a check judges; the variants upload one template each.

import { expect } from 'vitest';
import { check, fixture, type CheckContext } from '../../src/vcloud/check.js';
import { attr, children, NS } from '../../src/vcloud/xml.js';
import { STATUS } from '../../src/vcloud/lifecycle.js';
import { TEMPLATE_SHAPE, invalidDescriptorPackage, packageOf, templatePackage, wrongDigestPackage } from '../../src/vcloud/packages.js';
import { embeddedTasks } from '../../src/vcloud/task.js';
import { templateFiles } from '../../src/vcloud/upload.js';
import type { Upload } from '../../src/vcloud/workspace.js';
import type { GeneratedPackage } from '../../src/ovf/generators/package.js';
import { expectRoot, expectStatus, expectStatusClass } from '../../src/vcloud/probes.js';
import { HarnessError } from '../../src/model/errors.js';

const pkg = templatePackage();
const upload = fixture('upload.test.ts: the sample package uploaded', { creates: { VAppTemplate: 1 } }, ({ ws }) => ws.uploadTemplate(pkg));

const invalid = fixture('upload.test.ts: an invalid descriptor uploaded', { creates: { VAppTemplate: 1 } }, ({ ws }) => ws.uploadTemplate(invalidDescriptorPackage()));

/** The fixture's upload up to `step`; an earlier step refused is that step's check's business. */
async function reached(ctx: CheckContext, step: keyof Upload): Promise<Upload> {
  const up = await ctx.use(upload);
  if (up[step] === undefined) throw new HarnessError('PRECONDITION', `the upload stopped before this step: ${up.stopped ?? 'no reason given'}`);
  return up;
}

/** The package's References/File entries: href and size. */
const references = (p: GeneratedPackage) => p.envelope.files.map((f) => ({ name: f.href!, size: Number(f.size) }));

check('VCD-038', 'POST UploadVAppTemplateParams answers a VAppTemplate with status 0, descriptor not uploaded', async (ctx) => {
  const up = await ctx.use(upload);
  expectStatusClass(up.res, 2, 'VCD-038: POST UploadVAppTemplateParams to the vDC');
  const t = expectRoot(up.res, 'VAppTemplate', 'VCD-038');
  expect({ status: attr(t, 'status'), ovfDescriptorUploaded: attr(t, 'ovfDescriptorUploaded') }, 'VCD-038: the new template').toEqual({ status: '0', ovfDescriptorUploaded: 'false' });
}, { uses: [upload] });

check('VCD-039', 'the new template lists a File with an upload:default link for the descriptor', async (ctx) => {
  const up = await reached(ctx, 'sparse');
  expect(templateFiles(up.sparse!).filter((f) => f.uploadHref).length, 'VCD-039: Files/File with Link rel="upload:default"').toBeGreaterThan(0);
}, { uses: [upload] });

check('VCD-040', 'PUT of the OVF descriptor (text/xml) answers 200', async (ctx) => {
  const up = await reached(ctx, 'descriptorPut');
  expectStatus(up.descriptorPut!, 200, 'VCD-040: PUT descriptor');
}, { uses: [upload] });

check('VCD-041', "after the descriptor, the template lists a File per reference with its href, size, 0 bytes sent and an upload link", async (ctx) => {
  const up = await reached(ctx, 'listed');
  const listed = templateFiles(up.listed!);
  for (const ref of references(pkg)) {
    const f = listed.find((l) => l.name === ref.name);
    expect(f && { size: f.size, bytesTransferred: f.bytesTransferred, upload: !!f.uploadHref }, `VCD-041: the File for ${ref.name} (ovf:size ${ref.size})`).toEqual({ size: ref.size, bytesTransferred: 0, upload: true });
  }
}, { uses: [upload] });

check('VCD-042', 'after the descriptor, its File reports every byte and the template ovfDescriptorUploaded="true"', async (ctx) => {
  const up = await reached(ctx, 'listed');
  const names = new Set(references(pkg).map((r) => r.name));
  const descriptor = templateFiles(up.listed!).find((f) => !names.has(f.name));
  expect(descriptor, 'VCD-042: the descriptor File').toBeDefined();
  expect(descriptor!.bytesTransferred, `VCD-042: bytesTransferred of '${descriptor!.name}'`).toBe(descriptor!.size);
  expect(attr(up.listed, 'ovfDescriptorUploaded'), 'VCD-042: VAppTemplate@ovfDescriptorUploaded').toBe('true');
}, { uses: [upload] });

check('VCD-044', "PUT of each file's bytes answers 200", async (ctx) => {
  const up = await reached(ctx, 'listed');
  expect(up.filePuts.map((p) => p.name).sort(), 'VCD-044: files PUT').toEqual(references(pkg).map((r) => r.name).sort());
  for (const p of up.filePuts) for (const r of p.res) expectStatus(r, 200, `VCD-044: PUT ${p.name}`);
}, { uses: [upload] });

check('VCD-046', 'after the last byte the template reaches status 8', async (ctx) => {
  const up = await reached(ctx, 'final');
  expect(attr(up.final, 'status'), 'VCD-046: VAppTemplate@status once at rest').toBe(String(STATUS.POWERED_OFF));
}, { uses: [upload] });

check('VCD-043', 'with manifestRequired="true" the template lists a File for the manifest too', async ({ ws }) => {
  const up = await ws.uploadTemplate(packageOf(TEMPLATE_SHAPE, 'SHA1'), { manifestRequired: true });
  if (!up.listed) throw new HarnessError('PRECONDITION', `the upload stopped before the files were listed: ${up.stopped ?? ''}`);
  const names = templateFiles(up.listed).map((f) => f.name);
  // The descriptor, the one disk, and the manifest.
  expect(names.length, `VCD-043: Files listed with manifestRequired="true" (${names.join(', ')})`).toBe(TEMPLATE_SHAPE.disks.length + 2);
  expect(attr(up.final, 'status'), 'VCD-043: the template with its manifest reaches status 8').toBe('8');
}, { creates: { VAppTemplate: 1 } });

check('VCD-045', 'files PUT in Content-Range parts arrive whole', async ({ ws }) => {
  const up = await ws.uploadTemplate(templatePackage(), { partBytes: 300 });
  for (const p of up.filePuts) for (const r of p.res) expectStatus(r, 200, `VCD-045: PUT ${p.name} with ${String(r.exchange.requestHeaders['Content-Range'])}`);
  expect(up.filePuts.some((p) => p.res.length > 1), 'VCD-045: some file was sent in several parts').toBe(true);
  expect(attr(up.final, 'status'), `VCD-045: the template once every part arrived${up.stopped ? ` (${up.stopped})` : ''}`).toBe('8');
}, { creates: { VAppTemplate: 1 } });

/** The failed Task the template embeds (VCD-047, VCD-048). */
const failedTask = (up: Upload) => (up.final ?? up.listed ? embeddedTasks((up.final ?? up.listed)!).find((t) => t.status === 'error') : undefined);

check('VCD-047', 'an invalid descriptor sets the template to status -1 with a Task carrying an Error', async (ctx) => {
  const up = await ctx.use(invalid);
  if (up.descriptorPut && up.descriptorPut.status >= 400) {
    // Refused at once: accepted too, when the refusal says why (see the catalogue note).
    expect(up.descriptorPut.error?.message ?? '', 'VCD-047: the refusal of the invalid descriptor carries an Error').not.toBe('');
    return;
  }
  expect(attr(up.final ?? up.listed, 'status'), `VCD-047: status of the template after an invalid descriptor${up.stopped ? ` (${up.stopped})` : ''}`).toBe('-1');
  expect(failedTask(up)?.error, 'VCD-047: its Task ended in error with an Error').toBeDefined();
}, { uses: [invalid] });

check('VCD-079', 'a failed Task has status error and an Error with message, majorErrorCode and minorErrorCode', async (ctx) => {
  const up = await ctx.use(invalid);
  const task = failedTask(up);
  if (!task) return ctx.notApplicable('the invalid upload left no failed Task to judge');
  const error = children(task.el, 'Error')[0];
  expect(error?.namespaceURI, 'VCD-079: the Task has an Error child').toBe(NS.v15);
  expect({ message: !!attr(error, 'message'), major: !!attr(error, 'majorErrorCode'), minor: !!attr(error, 'minorErrorCode') }, 'VCD-079: attributes of the Error').toEqual({ message: true, major: true, minor: true });
}, { uses: [invalid] });

check('VCD-048', 'a file that does not match the manifest sets the template to status -1 with a Task Error', async ({ ws }) => {
  const up = await ws.uploadTemplate(wrongDigestPackage(), { manifestRequired: true });
  const refused = up.filePuts.flatMap((p) => p.res).find((r) => r.status >= 400);
  if (refused) {
    expect(refused.error?.message ?? '', 'VCD-048: the refusal of the mismatching upload carries an Error').not.toBe('');
    return;
  }
  expect(attr(up.final, 'status'), `VCD-048: status of the template whose manifest names a wrong digest${up.stopped ? ` (${up.stopped})` : ''}`).toBe('-1');
  expect(failedTask(up)?.error, 'VCD-048: its Task ended in error with an Error').toBeDefined();
}, { creates: { VAppTemplate: 1 } });
