// Deletion (brief §9): a running vApp is refused, a powered-off undeployed one is deleted through a
// Task and then answers 403 or 404, and a template's DELETE removes it from the vDC. The last check
// deletes the file's template.

import { expect } from 'vitest';
import { check } from '../../src/vcloud/check.js';
import { attr, path } from '../../src/vcloud/xml.js';
import { reference } from '../../src/vcloud/entities.js';
import { powerState } from '../../src/vcloud/power.js';
import { expectError, expectStatus } from '../../src/vcloud/probes.js';
import { stoppedVApp } from './fixtures.js';
import { bringTo } from './walk.js';

const vapp = stoppedVApp('delete.test.ts');
const uses = { uses: [vapp] };

check('VCD-086', 'DELETE on a powered-on vApp is refused with an Error, the vApp unchanged', async (ctx) => {
  const { href } = await ctx.use(vapp);
  const before = powerState(await bringTo(ctx, href, 'on'));
  const res = await ctx.vcloud.delete(href);
  if (res.status < 300) ctx.ws.adoptStray('vApp', href);
  expectError(res, [400, 403, 409], 'VCD-086: DELETE a powered-on vApp');
  expect(powerState(await ctx.ws.settle(href)), 'VCD-086: the vApp after the refused DELETE').toEqual(before);
}, uses);

check('VCD-085', 'DELETE on a powered-off undeployed vApp answers 202; the vApp then answers 403 or 404', async (ctx) => {
  const { href } = await ctx.use(vapp);
  await bringTo(ctx, href, 'off-undeployed');
  const { res, task } = await ctx.ws.remove(href, 'vApp');
  expectStatus(res, 202, 'VCD-085: DELETE the vApp');
  expect(task?.final.status, 'VCD-085: the delete Task').toBe('success');
  // ws.remove waited until the vApp answered 403 or 404 (a FAIL if it never did).
}, uses);

check('VCD-087', "DELETE on a VAppTemplate answers 202; the template leaves the vDC's ResourceEntities", async (ctx) => {
  const { template } = await ctx.use(vapp);
  const { res, task } = await ctx.ws.remove(template.href, 'template');
  expectStatus(res, 202, 'VCD-087: DELETE the VAppTemplate');
  expect(task?.final.status, 'VCD-087: the delete Task').toBe('success');
  const vdc = await ctx.vcloud.get(attr(await ctx.vcloud.vdc(), 'href') ?? '');
  expect(path(vdc.root, 'ResourceEntities', 'ResourceEntity').map((e) => ctx.vcloud.resolve(reference(e).href)), "VCD-087: the vDC's ResourceEntities after the DELETE").not.toContain(template.href);
}, uses);
