// Errors (brief §10): the Error element and its media type, invalid and unknown ids in an href taken
// from the provider, a verb an entity does not take, and a body sent with the wrong media type.

import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/vcloud/check.js';
import { attr } from '../../src/vcloud/xml.js';
import { MEDIA } from '../../src/vcloud/mediaTypes.js';
import { expectError, expectStatus } from '../../src/vcloud/probes.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The vDC's href with its id replaced: the one place the suite alters a provider's URL, because the
 * rules are about ids in URLs. Not applicable when the href carries no UUID to replace.
 */
async function vdcHrefWith(ctx: CheckContext, id: string): Promise<string> {
  const href = attr(await ctx.vcloud.vdc(), 'href') ?? '';
  if (!UUID.test(href)) return ctx.notApplicable(`the vDC href ${href} carries no UUID to replace`);
  return href.replace(UUID, id);
}

check('VCD-088', 'error responses are error+xml with majorErrorCode equal to the HTTP status', async (ctx) => {
  for (const id of [randomUUID(), 'cloudconform-invalid-id']) {
    const res = await ctx.vcloud.get(await vdcHrefWith(ctx, id));
    expect(res.status, `VCD-088: GET ${res.exchange.url} must fail`).toBeGreaterThanOrEqual(400);
    expectError(res, [res.status], 'VCD-088');
  }
});

check('VCD-089', 'a syntactically invalid id in a URL gets 400 BAD_REQUEST', async (ctx) => {
  expectError(await ctx.vcloud.get(await vdcHrefWith(ctx, 'cloudconform-invalid-id')), [400], 'VCD-089: GET a vDC href whose id is not a UUID', 'BAD_REQUEST');
});

check('VCD-090', 'a well-formed unknown id gets 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN (404 tolerated)', async (ctx) => {
  const res = await ctx.vcloud.get(await vdcHrefWith(ctx, randomUUID()));
  expectStatus(res, [403, 404], 'VCD-090: GET a vDC href with an unknown UUID');
  if (res.status === 403) expectError(res, [403], 'VCD-090', 'ACCESS_TO_RESOURCE_IS_FORBIDDEN');
});

check('VCD-091', 'a verb an entity URL does not take gets 405', async ({ vcloud }) => {
  const href = attr(await vcloud.org(), 'href') ?? '';
  expectStatus(await vcloud.post(href, undefined), 405, 'VCD-091: POST on the Org href');
});

check('VCD-092', 'a body with the wrong Content-Type for the URL gets 415 (or 400)', async ({ ws }) => {
  const made = await ws.uploadParams({ contentType: MEDIA.catalogItem });
  expectStatus(made.res, [415, 400], `VCD-092: UploadVAppTemplateParams POSTed as ${MEDIA.catalogItem}`);
}, { creates: { VAppTemplate: 1 } });
