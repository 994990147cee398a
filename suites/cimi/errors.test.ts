// Error responses (§4.2.2): the status class and the Job-shaped body, for resources that do not exist.

import { expect } from 'vitest';
import { check } from '../../src/cimi/check.js';
import { expectCimiError, expectResource, expectStatusClass } from '../../src/cimi/probes.js';
import type { CheckContext } from '../../src/cimi/check.js';

/** A URL inside the machines collection that names no machine. */
async function unknownMachineUrl({ cimi, ws }: CheckContext): Promise<string> {
  const machines = await cimi.requireCollection('machines');
  return new URL(`${ws.uniqueName('missing')}`, machines.endsWith('/') ? machines : `${machines}/`).toString();
}

check('CIMI-HTTP-020', 'GET and DELETE of an unknown id answer 4xx', async (ctx) => {
  const url = await unknownMachineUrl(ctx);
  expectStatusClass(await ctx.cimi.get(url), 4, 'GET unknown Machine');
  expectStatusClass(await ctx.cimi.delete(url), 4, 'DELETE unknown Machine');
}, { format: 'each' });

check('CIMI-HTTP-021', 'GET and DELETE of an unknown id answer 404', async (ctx) => {
  const url = await unknownMachineUrl(ctx);
  expect((await ctx.cimi.get(url)).status, 'GET unknown Machine').toBe(404);
  expect((await ctx.cimi.delete(url)).status, 'DELETE unknown Machine').toBe(404);
});

check('CIMI-HTTP-016', 'an error response body is a Job', async (ctx) => {
  const res = await ctx.cimi.get(await unknownMachineUrl(ctx));
  expectStatusClass(res, 4, 'GET unknown Machine');
  expectCimiError(res, ctx.cimi.typeUri('Job'), 'error body');
}, { format: 'each' });

check('CIMI-HTTP-017', 'an error Job is transient (id "", nested Jobs inline) or a Job that exists', async (ctx) => {
  const { cimi } = ctx;
  const res = await cimi.get(await unknownMachineUrl(ctx));
  expectStatusClass(res, 4, 'GET unknown Machine');
  expectCimiError(res, cimi.typeUri('Job'), 'CIMI-HTTP-017: error body');
  const job = res.body!;
  expect(typeof job['id'], 'CIMI-HTTP-017: an error Job has an id ("" when transient)').toBe('string');
  if (job['id'] !== '') {
    expectResource(await cimi.get(await cimi.resolve(String(job['id']))), cimi.typeUri('Job'), 'CIMI-HTTP-017: a non-transient error Job dereferences');
    return;
  }
  const nested = Array.isArray(job['nestedJobs']) ? (job['nestedJobs'] as Record<string, unknown>[]) : [];
  const byReference = nested.filter((n) => Object.keys(n).every((k) => k === 'href'));
  expect(byReference, 'CIMI-HTTP-017: nested Jobs of a transient Job must be expanded inline').toEqual([]);
}, { format: 'each' });
