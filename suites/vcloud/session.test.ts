// Login, the Session, and logout (brief §2): Basic user@org:password to the version's LoginUrl, the
// x-vcloud-authorization token, the Session's links, and what wrong credentials or tokens get.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/vcloud/check.js';
import { TOKEN_HEADER, versionInfos } from '../../src/vcloud/client.js';
import { NS, attr } from '../../src/vcloud/xml.js';
import { findLink, links } from '../../src/vcloud/entities.js';
import { MEDIA, acceptHeader } from '../../src/vcloud/mediaTypes.js';
import { expectEntity, expectRoot, expectStatus, show } from '../../src/vcloud/probes.js';

const V1 = 'http://www.vmware.com/vcloud/v1';
const BOGUS_TOKEN = 'cloudconform-bogus-token';

/** user and org of the profile's `user@org` username. */
function account(ctx: CheckContext): { user: string; org: string } {
  const auth = ctx.run.profile.auth;
  const username = auth.type === 'basic' ? auth.username : '';
  const at = username.lastIndexOf('@');
  return { user: username.slice(0, at), org: username.slice(at + 1) };
}

const basic = (userAtOrg: string, password: string): string => `Basic ${Buffer.from(`${userAtOrg}:${password}`).toString('base64')}`;

check('VCD-009', 'login with valid Basic user@org:password answers 200 and a token', async ({ vcloud }) => {
  const res = await vcloud.tryLogin();
  expectStatus(res, 200, 'VCD-009: POST LoginUrl with valid credentials');
  expect(res.headers[TOKEN_HEADER] ?? '', `VCD-009: ${TOKEN_HEADER} of ${show(res)}`).not.toBe('');
});

check('VCD-010', "the login body is a Session naming the credentials' user and org", async (ctx) => {
  const res = await ctx.vcloud.tryLogin();
  const session = expectRoot(res, 'Session', 'VCD-010');
  const { user, org } = account(ctx);
  expect({ user: attr(session, 'user')?.toLowerCase(), org: attr(session, 'org')?.toLowerCase() }, 'VCD-010: Session@user and @org (names compared case-insensitively)').toEqual({ user: user.toLowerCase(), org: org.toLowerCase() });
});

check('VCD-011', 'the Session links down to the OrgList', async ({ vcloud }) => {
  expect(findLink(await vcloud.login(), 'down', MEDIA.orgList), `VCD-011: Link rel="down" type="${MEDIA.orgList}"`).toBeDefined();
});

check('VCD-012', 'the Session links a QueryList and an entity resolver', async ({ vcloud }) => {
  const session = await vcloud.login();
  expect(findLink(session, 'down', MEDIA.queryList), `VCD-012: Link rel="down" type="${MEDIA.queryList}"`).toBeDefined();
  expect(links(session).some((l) => l.rel === 'entityResolver'), 'VCD-012: Link rel="entityResolver"').toBe(true);
});

check('VCD-013', 'a wrong password is refused with 401', async (ctx) => {
  const { user, org } = account(ctx);
  const res = await ctx.vcloud.tryLogin({ authorization: basic(`${user}@${org}`, `cloudconform-wrong-${Date.now()}`) });
  expectStatus(res, 401, 'VCD-013: login with a wrong password');
  expect(res.headers[TOKEN_HEADER], 'VCD-013: no token for a refused login').toBeUndefined();
});

check('VCD-014', 'a login without Authorization is refused with 403 (401 tolerated)', async ({ vcloud }) => {
  const res = await vcloud.tryLogin({ authorization: null });
  expectStatus(res, [403, 401], 'VCD-014: login without an Authorization header');
});

check('VCD-015', 'a bogus x-vcloud-authorization token gets 401', async ({ vcloud }) => {
  const res = await vcloud.get(attr(await vcloud.login(), 'href') ?? '', { token: BOGUS_TOKEN });
  expectStatus(res, 401, 'VCD-015: GET the Session with a bogus token');
});

check('VCD-016', 'GET on the Session href returns the same Session', async ({ vcloud }) => {
  const session = await vcloud.login();
  const again = expectEntity(await vcloud.get(attr(session, 'href') ?? ''), 'Session', 'VCD-016: GET Session@href');
  for (const a of ['user', 'org', 'href']) expect(attr(again, a), `VCD-016: Session@${a}`).toBe(attr(session, a));
});

check('VCD-017', 'logout answers 200 or 204, and the token then gets 401', async ({ vcloud }) => {
  const session = await vcloud.login();
  const token = vcloud.sessionToken!;
  const res = await vcloud.logout();
  expectStatus(res!, [200, 204], 'VCD-017: DELETE the Session');
  const after = await vcloud.get(attr(session, 'href') ?? '', { token });
  expectStatus(after, 401, 'VCD-017: the token of an ended session');
});

check('VCD-018', 'the deprecated 1.0 login answers an OrgList and a token', async (ctx) => {
  const v10 = versionInfos((await ctx.vcloud.versions()).root).find((v) => v.version === '1.0');
  if (!v10?.loginUrl) return ctx.notApplicable('the endpoint offers no 1.0 LoginUrl');
  const res = await ctx.vcloud.tryLogin({ url: v10.loginUrl, accept: acceptHeader('1.0') });
  expectStatus(res, 200, 'VCD-018: POST the 1.0 LoginUrl');
  expect(res.headers[TOKEN_HEADER] ?? '', 'VCD-018: token of the 1.0 login').not.toBe('');
  expect(`{${res.root?.namespaceURI ?? ''}}${res.root?.localName ?? ''}`, 'VCD-018: body of the 1.0 login').toMatch(new RegExp(`^\\{(${V1}|${NS.v15})\\}OrgList$`));
});

check('VCD-093', 'a 204 response carries no body', async (ctx) => {
  await ctx.vcloud.login();
  const res = (await ctx.vcloud.logout())!;
  if (res.status !== 204) return ctx.notApplicable(`DELETE of the Session answered ${res.status}, not 204`);
  expect(res.text, 'VCD-093: body of the 204 to DELETE the Session').toBe('');
});
