// Navigation by links (brief §3): OrgList → Org → Vdc (and the catalog), the common attributes every
// representation carries, and the Vdc's shape (vdc.xsd order, allocation model, the add links clients
// need, status).

import { expect } from 'vitest';
import { check } from '../../src/vcloud/check.js';
import { NS, attr, childNames, children, textOf, type Element } from '../../src/vcloud/xml.js';
import { URN_ID, findLink, links } from '../../src/vcloud/entities.js';
import { MEDIA, sameMediaType } from '../../src/vcloud/mediaTypes.js';
import { expectEntity } from '../../src/vcloud/probes.js';
import type { VcloudClient } from '../../src/vcloud/client.js';

/** The read-only objects a client walks through: Session, OrgList, Org, Vdc and, where there is one, the catalog. */
async function walked(vcloud: VcloudClient): Promise<Element[]> {
  const catalog = await vcloud.catalog();
  return [await vcloud.login(), await vcloud.orgList(), await vcloud.org(), await vcloud.vdc(), ...(catalog ? [catalog] : [])];
}

/** The entities of the walk that extend EntityType (the Session and OrgList do not). */
async function entities(vcloud: VcloudClient): Promise<Element[]> {
  const catalog = await vcloud.catalog();
  return [await vcloud.org(), await vcloud.vdc(), ...(catalog ? [catalog] : [])];
}

check('VCD-019', 'the OrgList names each Org with href, name and the org media type', async ({ vcloud }) => {
  const link = findLink(await vcloud.login(), 'down', MEDIA.orgList)!;
  const list = expectEntity(await vcloud.get(link.href), 'OrgList', 'VCD-019: GET the orgList link');
  const orgs = children(list, 'Org');
  expect(orgs.length, 'VCD-019: Org entries of the OrgList').toBeGreaterThan(0);
  for (const o of orgs) {
    expect({ href: !!attr(o, 'href'), name: !!attr(o, 'name'), type: sameMediaType(attr(o, 'type'), MEDIA.org) }, `VCD-019: Org entry ${attr(o, 'name') ?? attr(o, 'href') ?? '?'}`).toEqual({ href: true, name: true, type: true });
  }
});

check('VCD-020', 'an Org has a name and a FullName', async ({ vcloud }) => {
  const org = await vcloud.org();
  expect(attr(org, 'name') ?? '', 'VCD-020: Org@name').not.toBe('');
  expect(children(org, 'FullName').length, 'VCD-020: FullName elements of the Org').toBe(1);
});

check('VCD-021', 'the Org links down to at least one named vDC', async ({ vcloud }) => {
  const vdcs = links(await vcloud.org()).filter((l) => l.rel === 'down' && sameMediaType(l.type, MEDIA.vdc));
  expect(vdcs.length, `VCD-021: Link rel="down" type="${MEDIA.vdc}" on the Org`).toBeGreaterThan(0);
  for (const l of vdcs) expect(l.name ?? '', `VCD-021: name of the vDC link ${l.href}`).not.toBe('');
});

check('VCD-022', 'the Org links down to its catalogs and its tasks list', async ({ vcloud }) => {
  const org = await vcloud.org();
  expect(findLink(org, 'down', MEDIA.catalog), `VCD-022: Link rel="down" type="${MEDIA.catalog}"`).toBeDefined();
  expect(findLink(org, 'down', MEDIA.tasksList), `VCD-022: Link rel="down" type="${MEDIA.tasksList}"`).toBeDefined();
});

check('VCD-023', 'every Link has href and rel; every reference has href', async ({ vcloud }) => {
  const REFERENCES = ['Org', 'ResourceEntity', 'Network', 'CatalogItem', 'Entity', 'Owner', 'User', 'Organization'];
  for (const el of await walked(vcloud)) {
    const where = `${el.localName} ${attr(el, 'href') ?? ''}`;
    const bad = el.getElementsByTagNameNS(NS.v15, 'Link').filter((l) => !attr(l, 'href') || !attr(l, 'rel'));
    expect(bad.map((l) => `<Link rel="${attr(l, 'rel') ?? ''}" href="${attr(l, 'href') ?? ''}">`), `VCD-023: Links without href or rel in ${where}`).toEqual([]);
    const refs = REFERENCES.flatMap((n) => el.getElementsByTagNameNS(NS.v15, n)).filter((r) => !attr(r, 'href'));
    expect(refs.map((r) => `<${r.localName} name="${attr(r, 'name') ?? ''}">`), `VCD-023: references without href in ${where}`).toEqual([]);
  }
});

check('VCD-024', 'the Org, the Vdc and the catalog carry a name', async ({ vcloud }) => {
  for (const el of await entities(vcloud)) expect(attr(el, 'name') ?? '', `VCD-024: ${el.localName}@name (${attr(el, 'href') ?? ''})`).not.toBe('');
});

check('VCD-025', 'first-class entities carry an id urn:vcloud:<kind>:<uuid>', async ({ vcloud }) => {
  for (const el of await entities(vcloud)) expect(attr(el, 'id') ?? '(none)', `VCD-025: ${el.localName}@id (${attr(el, 'href') ?? ''})`).toMatch(URN_ID);
});

/** VdcType's own elements in vdc.xsd order; what EntityType puts first (Link, Description, Tasks) precedes them. */
const VDC_ORDER = ['AllocationModel', 'StorageCapacity', 'ComputeCapacity', 'ResourceEntities', 'AvailableNetworks', 'Capabilities', 'NicQuota', 'NetworkQuota', 'VmQuota', 'IsEnabled'];
const VDC_REQUIRED = ['AllocationModel', 'StorageCapacity', 'ComputeCapacity', 'NicQuota', 'NetworkQuota'];
const BASE = ['Link', 'Description', 'Tasks'];

check('VCD-026', 'Vdc elements appear in vdc.xsd order', async ({ vcloud }) => {
  const vdc = await vcloud.vdc();
  const names = childNames(vdc);
  const own = names.filter((n) => VDC_ORDER.includes(n));
  expect(own, 'VCD-026: the Vdc elements, in document order').toEqual([...own].sort((a, b) => VDC_ORDER.indexOf(a) - VDC_ORDER.indexOf(b)));
  expect(VDC_REQUIRED.filter((n) => !own.includes(n)), 'VCD-026: required Vdc elements missing').toEqual([]);
  const firstOwn = names.findIndex((n) => VDC_ORDER.includes(n));
  expect(names.slice(firstOwn).filter((n) => BASE.includes(n)), 'VCD-026: Link, Description and Tasks come before the Vdc elements').toEqual([]);
  expect(childNames(children(vdc, 'ComputeCapacity')[0]!), 'VCD-026: ComputeCapacity holds Cpu then Memory').toEqual(['Cpu', 'Memory']);
});

check('VCD-027', 'AllocationModel is AllocationVApp, AllocationPool or ReservationPool', async ({ vcloud }) => {
  expect(['AllocationVApp', 'AllocationPool', 'ReservationPool'], 'VCD-027: Vdc AllocationModel').toContain(textOf(await vcloud.vdc(), 'AllocationModel'));
});

check('VCD-028', 'the Vdc links add for InstantiateVAppTemplateParams', async ({ vcloud }) => {
  expect(findLink(await vcloud.vdc(), 'add', MEDIA.instantiateVAppTemplateParams), `VCD-028: Link rel="add" type="${MEDIA.instantiateVAppTemplateParams}"`).toBeDefined();
});

check('VCD-029', 'the Vdc links add for UploadVAppTemplateParams', async ({ vcloud }) => {
  expect(findLink(await vcloud.vdc(), 'add', MEDIA.uploadVAppTemplateParams), `VCD-029: Link rel="add" type="${MEDIA.uploadVAppTemplateParams}"`).toBeDefined();
});

check('VCD-032', 'the Vdc status is a vDC code, and 1 (READY) for a usable vDC', async ({ vcloud }) => {
  const vdc = await vcloud.vdc();
  expect(['-1', '0', '1', '2', '3'], 'VCD-032: Vdc@status is a vDC code').toContain(attr(vdc, 'status'));
  expect(attr(vdc, 'status'), 'VCD-032: the vDC the account works in reports READY').toBe('1');
});
