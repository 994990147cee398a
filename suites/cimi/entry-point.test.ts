// The cloud entry point (§5.12) and what hangs directly off it.

import { expect } from 'vitest';
import { check } from '../../src/cimi/check.js';
import { isRef } from '../../src/cimi/cimiClient.js';
import { expectHeaders, expectResource } from '../../src/cimi/probes.js';

check('CIMI-CEP-001', 'the entry point has an id and an absolute baseURI', async ({ cimi }) => {
  const cep = expectResource(await cimi.get(cimi.cepUrl), cimi.typeUri('CloudEntryPoint'), 'GET cloud entry point');
  expect(typeof cep['id'], 'CloudEntryPoint.id').toBe('string');
  expect(String(cep['baseURI']), 'baseURI must be an absolute URI').toMatch(/^[a-z][a-z0-9+.-]*:\/\//i);
}, { format: 'each' });

check('CIMI-CEP-002', 'the entry point lists the §7.1 minimal collections', async ({ cimi }) => {
  const cep = await cimi.cep();
  const missing = ['resourceMetadata', 'machines', 'machineImages', 'machineConfigs'].filter((c) => !isRef(cep[c]));
  expect(missing, 'collections missing from the cloud entry point').toEqual([]);
});

check('CIMI-CEP-003', 'every collection href dereferences to a Collection of its type', async ({ cimi }) => {
  const cep = await cimi.cep();
  const wrong: string[] = [];
  for (const [attr, ref] of Object.entries(cep)) {
    if (!isRef(ref) || attr === 'baseURI') continue;
    const res = await cimi.get(await cimi.resolve(ref.href));
    const uri = String(res.body?.['resourceURI'] ?? '');
    if (res.status !== 200 || !uri.endsWith('Collection')) wrong.push(`${attr} → ${res.status} ${uri || '(no resourceURI)'}`);
  }
  expect(wrong, 'collection hrefs that are not Collections').toEqual([]);
}, { format: 'each' });

check('CIMI-SER-010', 'baseURI ends with / and relative hrefs do not start with /', async ({ cimi }) => {
  const cep = await cimi.cep();
  expect(String(cep['baseURI']), 'baseURI').toMatch(/\/$/);
  const rooted = Object.entries(cep)
    .filter(([, v]) => isRef(v) && v.href.startsWith('/'))
    .map(([k]) => k);
  expect(rooted, 'hrefs starting with "/"').toEqual([]);
});

check('CIMI-GEN-002', 'JSON roots carry resourceURI (entry point, collections)', async ({ cimi }) => {
  const cep = await cimi.cep();
  const without: string[] = [];
  if (typeof cep['resourceURI'] !== 'string') without.push('CloudEntryPoint');
  for (const attr of ['machines', 'machineConfigs', 'machineImages', 'resourceMetadata']) {
    const url = await cimi.collectionUrl(attr);
    if (!url) continue;
    const res = await cimi.get(url);
    if (typeof res.body?.['resourceURI'] !== 'string') without.push(attr);
  }
  expect(without, 'representations without resourceURI').toEqual([]);
}, { format: 'json' });

check('CIMI-HTTP-006', 'GET answers 200 with Content-Type and Content-Length', async ({ cimi }) => {
  const res = await cimi.get(cimi.cepUrl);
  expect(res.status).toBe(200);
  expectHeaders(res, ['content-type', 'content-length'], 'GET cloud entry point');
}, { format: 'each' });
