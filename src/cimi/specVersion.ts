// Which CIMI version an endpoint speaks, from its cloud entry point: the namespace of its resourceURI
// (`…/cimi/1/` for 1.0/1.1, `…/cimi/2/` for 2.0, §4.1.2 Table 1) and the `CIMI-Specification-Version`
// header 1.x implementations send (some as `X-CIMI-Specification-Version`; the 2.0 text has none).

import type { Profile } from '../harness/profile.js';
import type { ResolvedVersion as AnyResolvedVersion } from '../harness/dialect.js';
import { UsageError } from '../model/errors.js';

export type SpecVersion = '1.0' | '1.1' | '2.0';
const SPEC_VERSIONS: readonly string[] = ['1.0', '1.1', '2.0'];

/** A version the profile or the run names, as a CIMI one (the profile schema allows only these for cimi). */
export function cimiVersion(v: string): SpecVersion {
  if (!SPEC_VERSIONS.includes(v)) throw new UsageError(`'${v}' is not a CIMI version (1.0, 1.1, 2.0)`);
  return v as SpecVersion;
}

export interface VersionEvidence {
  /** Major version of the entry point's resourceURI namespace, when it is a CIMI one. */
  namespace?: 1 | 2;
  resourceURI?: string;
  /** The header as sent. */
  header?: string;
}

export interface ResolvedVersion extends AnyResolvedVersion {
  version: SpecVersion;
}

/** The profile's pinned version, or 2.0 where nothing was discovered (the standalone cleanup command). */
export const pinnedVersion = (profile: Pick<Profile, 'spec'>): SpecVersion => (profile.spec.version === 'discover' ? '2.0' : cimiVersion(profile.spec.version));

const NAMESPACE = /^http:\/\/schemas\.dmtf\.org\/cimi\/([12])\//;

export function versionEvidence(resourceURI: unknown, headers: Record<string, string | undefined>): VersionEvidence {
  const ns = typeof resourceURI === 'string' ? NAMESPACE.exec(resourceURI)?.[1] : undefined;
  const header = headers['cimi-specification-version'] ?? headers['x-cimi-specification-version'];
  return {
    ...(ns ? { namespace: Number(ns) as 1 | 2 } : {}),
    ...(typeof resourceURI === 'string' ? { resourceURI } : {}),
    ...(header !== undefined ? { header: header.trim() } : {}),
  };
}

/** `1.1.0` → `1.1`; undefined when the header names no version this suite knows. */
function headerVersion(header: string): SpecVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(header);
  const v = m ? `${m[1]}.${m[2]}` : '';
  return v === '1.0' || v === '1.1' || v === '2.0' ? v : undefined;
}

export function describeEvidence(e: VersionEvidence): string {
  const parts = [
    e.resourceURI !== undefined ? `entry point resourceURI ${e.resourceURI}` : 'no entry point resourceURI',
    e.header !== undefined ? `CIMI-Specification-Version: ${e.header}` : 'no CIMI-Specification-Version header',
  ];
  return parts.join(', ');
}

/**
 * The version the run uses. With `spec.version: discover` it is what the endpoint says (1.1 for a cimi/1
 * namespace without a header: 1.0 and 1.1 share the namespace and every 1.x requirement applies to both);
 * a pinned version the endpoint contradicts, or an endpoint that contradicts itself, stops the run.
 */
export function resolveVersion(profile: Pick<Profile, 'source' | 'spec'>, e: VersionEvidence, endpoint: string): ResolvedVersion {
  const evidence = describeEvidence(e);
  const fromHeader = e.header !== undefined ? headerVersion(e.header) : undefined;
  if (e.header !== undefined && !fromHeader) throw new UsageError(`the endpoint names a CIMI version this suite does not know (${evidence}); supported: 1.0, 1.1, 2.0`, endpoint);
  if (fromHeader && e.namespace && Number(fromHeader[0]) !== e.namespace) {
    throw new UsageError(`the endpoint contradicts itself about its CIMI version (${evidence})`, endpoint);
  }
  const said: SpecVersion | undefined = fromHeader ?? (e.namespace === 2 ? '2.0' : e.namespace === 1 ? '1.1' : undefined);
  const pinned = profile.spec.version;
  if (pinned === 'discover') return said ? { version: said, source: 'discovered', evidence } : { version: '2.0', source: 'assumed', evidence };
  const agrees = fromHeader ? fromHeader === pinned : e.namespace === undefined || Number(pinned[0]) === e.namespace;
  if (!agrees) {
    throw new UsageError(
      `spec.version is '${pinned}' but the endpoint speaks CIMI ${said} (${evidence}); set spec.version to '${said}' or to discover`,
      `${profile.source}: spec.version`,
    );
  }
  return { version: cimiVersion(pinned), source: 'profile', evidence };
}
