// Versions and content negotiation (brief §1): the unauthenticated versions document, its
// VersionInfo entries, and the media types responses carry for the version the client asks for.

import { expect } from 'vitest';
import { check } from '../../src/vcloud/check.js';
import { versionInfos } from '../../src/vcloud/client.js';
import { NS, childNames, children, attr } from '../../src/vcloud/xml.js';
import { findLink } from '../../src/vcloud/entities.js';
import { MEDIA, acceptHeader, isVendorType, mediaTypeParam } from '../../src/vcloud/mediaTypes.js';
import { expectRoot, expectStatus, expectStatusClass, show } from '../../src/vcloud/probes.js';

check('VCD-001', 'GET versions without credentials answers 200 with SupportedVersions', async ({ vcloud }) => {
  const res = await vcloud.versions();
  expectStatus(res, 200, 'VCD-001: GET versions, no credentials');
  expect(`{${res.root?.namespaceURI ?? ''}}${res.root?.localName ?? res.decodeError}`, `VCD-001: root of ${show(res)}`).toBe(`{${NS.versions}}SupportedVersions`);
});

check('VCD-002', 'each VersionInfo has Version then LoginUrl', async ({ vcloud }) => {
  const infos = versionInfos((await vcloud.versions()).root);
  expect(infos.length, 'VCD-002: VersionInfo entries').toBeGreaterThan(0);
  for (const v of infos) {
    const names = childNames(v.el).filter((n) => n === 'Version' || n === 'LoginUrl');
    expect(names, `VCD-002: Version and LoginUrl children of VersionInfo '${v.version}', in order`).toEqual(['Version', 'LoginUrl']);
    expect(childNames(v.el).slice(0, 2), `VCD-002: VersionInfo '${v.version}' starts with Version, LoginUrl`).toEqual(['Version', 'LoginUrl']);
  }
});

check('VCD-003', "the 1.5 VersionInfo's LoginUrl ends in /api/sessions", async (ctx) => {
  const v15 = versionInfos((await ctx.vcloud.versions()).root).find((v) => v.version === '1.5');
  if (!v15) return ctx.notApplicable('the endpoint offers no VersionInfo for 1.5');
  expect(new URL(v15.loginUrl ?? '', ctx.vcloud.endpoint).pathname.replace(/\/$/, ''), 'VCD-003: the 1.5 LoginUrl').toMatch(/\/api\/sessions$/);
});

check('VCD-004', "MediaTypeMapping entries carry MediaType, ComplexTypeName and SchemaLocation; the schema is GET-able", async (ctx) => {
  const info = versionInfos((await ctx.vcloud.versions()).root).find((v) => v.version === ctx.run.specVersion)!;
  const mappings = children(info.el, 'MediaTypeMapping', NS.versions);
  if (mappings.length === 0) return ctx.notApplicable(`the VersionInfo for ${ctx.run.specVersion} lists no MediaTypeMapping`);
  for (const m of mappings) {
    const missing = ['MediaType', 'ComplexTypeName', 'SchemaLocation'].filter((n) => !children(m, n, NS.versions)[0]?.textContent.trim());
    expect(missing, `VCD-004: children missing from a MediaTypeMapping of ${ctx.run.specVersion}`).toEqual([]);
  }
  const schema = children(mappings[0], 'SchemaLocation', NS.versions)[0]!.textContent.trim();
  const res = await ctx.vcloud.get(schema, { accept: null });
  expectStatus(res, 200, `VCD-004: GET of the SchemaLocation ${schema}`);
  expect(res.root?.localName, `VCD-004: ${schema} is an XML Schema`).toBe('schema');
});

check('VCD-005', 'each Version is plain text a client reads without numeric coercion', async ({ vcloud, run }) => {
  const infos = versionInfos((await vcloud.versions()).root);
  for (const v of infos) {
    const version = children(v.el, 'Version', NS.versions)[0]!;
    expect(version.children.length, `VCD-005: Version '${v.version}' holds text only`).toBe(0);
    expect(version.textContent, 'VCD-005: a Version is dotted digits, nothing around them').toMatch(/^\d+(\.\d+)+$/);
  }
  expect(new Set(infos.map((v) => v.version)).size, 'VCD-005: each Version text appears once').toBe(infos.length);
  expect(infos.map((v) => v.version), `VCD-005: the run's version ${run.specVersion}, compared as text`).toContain(run.specVersion);
});

check('VCD-006', 'responses to Accept version=X carry a vendor media type with ;version=X', async ({ vcloud, run }) => {
  const login = await vcloud.tryLogin();
  const session = vcloud.startSession(login);
  const orgList = await vcloud.get(findLink(session, 'down', MEDIA.orgList)?.href ?? '');
  const org = await vcloud.get(attr(children(orgList.root, 'Org')[0], 'href') ?? '');
  for (const res of [login, orgList, org]) {
    expectStatus(res, 200, 'VCD-006');
    expect(isVendorType(res.contentType), `VCD-006: ${show(res)} Content-Type '${res.contentType}' is a specific vnd media type (Accept: ${acceptHeader(run.specVersion)})`).toBe(true);
    expect(mediaTypeParam(res.contentType, 'version'), `VCD-006: ${show(res)} Content-Type '${res.contentType}' echoes the version`).toBe(run.specVersion);
  }
});

check('VCD-007', 'a request whose Content-Type is in mixed case is accepted', async ({ ws }) => {
  // The uploadVAppTemplateParams type with its case changed: media types are case-insensitive (brief §1).
  const mixed = MEDIA.uploadVAppTemplateParams.replace('application/vnd.vmware', 'Application/VND.VMware').replace('+xml', '+XML');
  const made = await ws.uploadParams({ contentType: mixed });
  expectStatusClass(made.res, 2, `VCD-007: POST with Content-Type ${mixed}`);
  expectRoot(made.res, 'VAppTemplate', 'VCD-007');
}, { creates: { VAppTemplate: 1 } });

check('VCD-008', 'an Accept version the server does not offer yields 406', async ({ vcloud }) => {
  const offered = versionInfos((await vcloud.versions()).root).map((v) => v.version);
  const unknown = ['0.1', '99.0', '99.9'].find((v) => !offered.includes(v))!;
  const session = await vcloud.login();
  const res = await vcloud.get(findLink(session, 'down', MEDIA.orgList)?.href ?? '', { accept: acceptHeader(unknown) });
  expectStatus(res, 406, `VCD-008: GET with Accept ${acceptHeader(unknown)} (the endpoint offers ${offered.join(', ')})`);
});
