// The embedded reference provider for `endpoint: embedded` profiles. The CLI owns it so the harness
// never imports the reference provider (it is the system under test, not part of the harness). One
// server speaks both APIs: CIMI under /cimi/, vCloud under /api/.

import { randomBytes } from 'node:crypto';
import type { Profile } from '../harness/profile.js';
import type { ReferenceProvider } from '../reference/server.js';
import { parseQuirks } from '../reference/quirks.js';
import { UsageError } from '../model/errors.js';
import { cimiVersion, pinnedVersion } from '../cimi/specVersion.js';

export interface Target {
  /** The endpoint the run talks to: the CIMI cloud entry point or the vCloud API root. */
  cepUrl: string;
  label: string;
  /** The profile to run with: the given one, or for an embedded vCloud its one-time login filled in. */
  profile: Profile;
  close(): Promise<void>;
}

/** The vCloud login of the embedded provider when the profile names none: made up per run, never written down. */
const EMBEDDED_VCLOUD_USER = 'cloudconform@conformance';

function withLogin(profile: Profile): Profile {
  if (profile.auth.type !== 'none') return profile;
  const password = randomBytes(12).toString('base64url');
  return { ...profile, auth: { type: 'basic', username: EMBEDDED_VCLOUD_USER, password }, secrets: [...profile.secrets, password] };
}

export async function resolveTarget(given: Profile, extraQuirks: string[] = []): Promise<Target> {
  if (given.endpoint !== 'embedded') return { cepUrl: given.endpoint, label: given.endpoint, profile: given, close: async () => undefined };
  const quirks = [...(given.reference?.quirks ?? []), ...extraQuirks];
  try {
    parseQuirks(quirks);
  } catch (err) {
    throw new UsageError((err as Error).message, given.reference?.quirks.length ? `${given.source} reference.quirks` : '--quirk');
  }
  const vcloud = given.spec.name === 'vcloud';
  const profile = vcloud ? withLogin(given) : given;
  const { startReferenceProvider } = await import('../reference/server.js');
  const common = { quirks, transitionMs: profile.reference?.transitionMs ?? 20, latencyMs: profile.reference?.latencyMs ?? 0 };
  let provider: ReferenceProvider;
  if (vcloud && profile.auth.type === 'basic') {
    provider = await startReferenceProvider({ ...common, vcloud: { username: profile.auth.username, password: profile.auth.password } });
  } else {
    provider = await startReferenceProvider({
      ...common,
      auth: profile.auth,
      specVersion: profile.reference?.specVersion ? cimiVersion(profile.reference.specVersion) : pinnedVersion(profile),
      jobs: profile.reference?.jobs ?? true,
    });
  }
  const label = `embedded reference provider${quirks.length ? ` (quirks: ${quirks.join(', ')})` : ''}`;
  return { cepUrl: vcloud ? new URL('/api/', provider.baseUrl).href : provider.cepUrl, label, profile, close: () => provider.close() };
}
