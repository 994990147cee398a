// The embedded reference provider for `endpoint: embedded` profiles. The CLI owns it so the harness
// never imports the reference provider (it is the system under test, not part of the harness).

import type { Profile } from '../harness/profile.js';
import type { ReferenceProvider } from '../reference/server.js';
import { parseQuirks } from '../reference/quirks.js';
import { UsageError } from '../model/errors.js';
import { cimiVersion, pinnedVersion } from '../cimi/specVersion.js';

export interface Target {
  cepUrl: string;
  label: string;
  close(): Promise<void>;
}

export async function resolveTarget(profile: Profile, extraQuirks: string[] = []): Promise<Target> {
  if (profile.endpoint !== 'embedded') return { cepUrl: profile.endpoint, label: profile.endpoint, close: async () => undefined };
  const quirks = [...(profile.reference?.quirks ?? []), ...extraQuirks];
  try {
    parseQuirks(quirks);
  } catch (err) {
    throw new UsageError((err as Error).message, profile.reference?.quirks.length ? `${profile.source} reference.quirks` : '--quirk');
  }
  const { startReferenceProvider } = await import('../reference/server.js');
  const provider: ReferenceProvider = await startReferenceProvider({
    quirks,
    auth: profile.auth,
    specVersion: profile.reference?.specVersion ? cimiVersion(profile.reference.specVersion) : pinnedVersion(profile),
    transitionMs: profile.reference?.transitionMs ?? 20,
    latencyMs: profile.reference?.latencyMs ?? 0,
    jobs: profile.reference?.jobs ?? true,
  });
  const label = `embedded reference provider${quirks.length ? ` (quirks: ${quirks.join(', ')})` : ''}`;
  return { cepUrl: provider.cepUrl, label, close: () => provider.close() };
}
