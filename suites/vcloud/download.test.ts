// Download (brief §5.2): enableDownload on a status-8 template, the download:default link it then
// offers, the descriptor and every file it references fetched with exactly their ovf:size bytes, and
// the annotated descriptor behind the template's `ovf` link.

import { expect } from 'vitest';
import { check, fixture } from '../../src/vcloud/check.js';
import { NS, children, decode, type Element } from '../../src/vcloud/xml.js';
import type { VcloudResponse } from '../../src/vcloud/client.js';
import { findLink } from '../../src/vcloud/entities.js';
import { MEDIA } from '../../src/vcloud/mediaTypes.js';
import { templatePackage } from '../../src/vcloud/packages.js';
import { type Waited, decodeTask, waitTask } from '../../src/vcloud/task.js';
import { expectStatus, expectTask } from '../../src/vcloud/probes.js';
import { HarnessError } from '../../src/model/errors.js';

const pkg = templatePackage();

interface Enabled {
  href: string;
  template: Element;
  /** The enableDownload response and its Task, when the template offered the link. */
  res?: VcloudResponse;
  task?: Waited;
  after: Element;
}

/** The template uploaded, then POSTed its `enable` link; the Task waited on, the template read again. */
const enabled = fixture('download.test.ts: a template enabled for download', { creates: { VAppTemplate: 1 } }, async (fx): Promise<Enabled> => {
  const { href, template } = await fx.ws.template(pkg);
  const enable = findLink(template, 'enable');
  if (!enable) return { href, template, after: template };
  const res = await fx.vcloud.post(enable.href, undefined);
  const task = res.status === 202 && res.root?.localName === 'Task' ? await waitTask(fx, decodeTask(res.root)) : undefined;
  return { href, template, res, ...(task ? { task } : {}), after: await fx.ws.settle(href) };
});

check('VCD-049', 'POST enableDownload on a status-8 template answers 202 with a Task that succeeds', async (ctx) => {
  const e = await ctx.use(enabled);
  expect(findLink(e.template, 'enable'), 'VCD-049: the status-8 template offers Link rel="enable" (enableDownload)').toBeDefined();
  expectTask(e.res!, 'VCD-049: POST enableDownload');
  expect(e.task?.final.status, 'VCD-049: the enableDownload Task').toBe('success');
}, { uses: [enabled] });

check('VCD-050', 'once enabled, the template links download:default of type text/xml', async (ctx) => {
  const e = await ctx.use(enabled);
  if (e.task?.final.status !== 'success') throw new HarnessError('PRECONDITION', 'enableDownload did not succeed (VCD-049)');
  expect(findLink(e.after, 'download:default', MEDIA.ovfDescriptor), 'VCD-050: Link rel="download:default" type="text/xml"').toBeDefined();
}, { uses: [enabled] });

check('VCD-051', 'the downloaded descriptor is an Envelope whose every file is GET-able with exactly ovf:size bytes', async (ctx) => {
  const e = await ctx.use(enabled);
  const link = findLink(e.after, 'download:default');
  if (!link) throw new HarnessError('PRECONDITION', 'the template offers no download:default link (VCD-050)');
  const res = await ctx.vcloud.get(link.href, { accept: null });
  expectStatus(res, 200, 'VCD-051: GET download:default');
  const root = decode(res.text).root;
  expect(`{${root?.namespaceURI ?? ''}}${root?.localName ?? ''}`, 'VCD-051: the downloaded descriptor').toBe(`{${NS.ovf}}Envelope`);
  const files = children(children(root, 'References', NS.ovf)[0], 'File', NS.ovf);
  expect(files.length, 'VCD-051: References/File entries of the downloaded descriptor').toBe(pkg.envelope.files.length);
  const base = ctx.vcloud.resolve(link.href);
  for (const f of files) {
    const href = f.getAttributeNS(NS.ovf, 'href') ?? '';
    const got = await ctx.vcloud.get(new URL(href, base).toString(), { accept: null });
    expectStatus(got, 200, `VCD-051: GET ${href} relative to the descriptor`);
    expect(got.bytes?.length, `VCD-051: bytes of ${href} (ovf:size)`).toBe(Number(f.getAttributeNS(NS.ovf, 'size')));
    expect(got.bytes?.length, `VCD-051: bytes of ${href} (as uploaded)`).toBe(pkg.payloads.get(href)?.length);
  }
}, { uses: [enabled] });

check('VCD-052', "the template's ovf link returns the vCloud-annotated descriptor", async (ctx) => {
  const e = await ctx.use(enabled);
  const link = findLink(e.after, 'ovf');
  if (!link) return ctx.notApplicable('the template offers no Link rel="ovf"');
  const res = await ctx.vcloud.get(link.href);
  expectStatus(res, 200, 'VCD-052: GET the ovf link');
  expect(`{${res.root?.namespaceURI ?? ''}}${res.root?.localName ?? ''}`, 'VCD-052: the annotated descriptor').toBe(`{${NS.ovf}}Envelope`);
}, { uses: [enabled] });
