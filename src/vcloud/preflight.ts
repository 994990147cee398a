// Before any check (Dialect.preflight): is the endpoint a vCloud API root with a versions document,
// which version does the run speak (a pinned one must be offered; discover takes the highest of 1.5
// and 5.1 offered), are the credentials accepted, is there an org with a vDC to work in, and what
// optional parts does the provider offer? Any "no" stops the run (exit 2). It logs out at the end.

import type { Discovery, ResolvedVersion } from '../harness/dialect.js';
import type { Profile } from '../harness/profile.js';
import { HarnessError, UsageError } from '../model/errors.js';
import { type VersionInfo, versionInfos } from './client.js';
import type { Element } from './xml.js';
import { findLink } from './entities.js';
import { MEDIA } from './mediaTypes.js';
import { vcloudClient } from './session.js';

/** The versions this suite judges, lowest first. */
export const SUITE_VERSIONS = ['1.5', '5.1'] as const;

const PREFLIGHT_REQUESTS = 30;

export async function preflight(profile: Profile, endpoint: string): Promise<Discovery> {
  if (profile.auth.type !== 'basic') throw new UsageError(`vCloud logs in with basic auth (username user@org, password); this profile's auth is '${profile.auth.type}'`, `${profile.source}: auth.type`);
  const pinned = profile.spec.version === 'discover' ? undefined : profile.spec.version;
  if (pinned !== undefined && !(SUITE_VERSIONS as readonly string[]).includes(pinned)) {
    throw new UsageError(`the vCloud suite judges API versions ${SUITE_VERSIONS.join(' and ')}, not '${pinned}'`, `${profile.source}: spec.version`);
  }
  const probe = vcloudClient(profile, endpoint, pinned ?? SUITE_VERSIONS[0], PREFLIGHT_REQUESTS);
  const where = `GET ${probe.http.redact(probe.versionsUrl)}`;
  let res;
  try {
    res = await probe.versions();
  } catch (err) {
    if (err instanceof HarnessError) throw new UsageError(`endpoint unreachable: ${err.message}`, `profile '${profile.name}' endpoint`);
    throw err;
  }
  if (res.status !== 200) throw new UsageError(`the versions document answered ${res.status}, expected 200 (is the endpoint the API root, e.g. https://host/api/?)`, where);
  const infos = versionInfos(res.root);
  if (infos.length === 0) throw new UsageError(`not a vCloud SupportedVersions document: ${res.decodeError ?? `root <${res.root?.localName ?? '?'}> in ${res.root?.namespaceURI ?? 'no namespace'}`}`, where);
  const version = chooseVersion(infos, pinned, where);
  const features = profile.features === 'discover' ? undefined : ['core', ...profile.features];
  // No LoginUrl to log in at: the versions checks judge that (VCD-002, VCD-003); every check that needs a session errs.
  if (!infos.find((v) => v.version === version.version)?.loginUrl) return { version, features: features ?? ['core'], preexisting: {} };

  const vcloud = vcloudClient(profile, endpoint, version.version, PREFLIGHT_REQUESTS);
  const login = await vcloud.tryLogin();
  if (login.status === 401 || login.status === 403) {
    throw new UsageError(`credentials refused (${login.status}); check auth in ${profile.source} (username user@org, password) and the environment variables it names`, `POST ${login.exchange.url}`);
  }
  try {
    const session = vcloud.startSession(login);
    // Every check works in the session's org and its vDC: finding them is required.
    const org = await vcloud.org();
    await vcloud.vdc();
    return { version, features: [...new Set(features ?? discovered(session, org, infos))].sort(), preexisting: {} };
  } catch (err) {
    if (err instanceof HarnessError) throw new UsageError(`the account cannot be used: ${err.message}`, `profile '${profile.name}'`);
    throw err;
  } finally {
    await vcloud.logout().catch(() => undefined);
  }
}

/** A pinned version must be offered; discover takes the highest the suite judges. Compared as text (brief §1). */
function chooseVersion(infos: VersionInfo[], pinned: string | undefined, where: string): ResolvedVersion {
  const offered = infos.map((v) => v.version);
  const evidence = `${where} offers ${offered.join(', ')}`;
  if (pinned !== undefined) {
    if (!offered.includes(pinned)) throw new UsageError(`the profile pins spec.version ${pinned}, which the endpoint does not offer (it offers ${offered.join(', ')})`, where);
    return { version: pinned, source: 'profile', evidence };
  }
  const best = [...SUITE_VERSIONS].reverse().find((v) => offered.includes(v));
  if (!best) throw new UsageError(`the endpoint offers none of the versions this suite judges (${SUITE_VERSIONS.join(', ')}); it offers ${offered.join(', ')}`, where);
  return { version: best, source: 'discovered', evidence };
}

/**
 * What the provider offers beyond core, read from where a client would find it: `query` (the Session
 * links a QueryList), `catalog` (the org links a catalog), `login-1.0` (the versions document gives a
 * 1.0 LoginUrl).
 */
function discovered(session: Element, org: Element, infos: VersionInfo[]): string[] {
  const features = ['core'];
  if (findLink(session, 'down', MEDIA.queryList)) features.push('query');
  if (findLink(org, 'down', MEDIA.catalog)) features.push('catalog');
  if (infos.some((v) => v.version === '1.0' && v.loginUrl)) features.push('login-1.0');
  return features;
}
