// Before any check runs: is the endpoint reachable, is our auth accepted, is the entry point a
// CIMI CloudEntryPoint, and what does the provider claim? Any "no" stops the run (exit 2), like an ABORT.

import type { Profile } from '../harness/profile.js';
import { HttpClient } from '../harness/httpClient.js';
import { CimiClient, isRef, type CimiObject } from './cimiClient.js';
import { HarnessError, UsageError } from '../model/errors.js';
import { collectionItems } from './workspace.js';
import { type ResolvedVersion, pinnedVersion, resolveVersion, versionEvidence } from './specVersion.js';

export interface Preflight {
  cep: CimiObject;
  /** The CIMI version the run uses, where it came from and what the endpoint said. */
  version: ResolvedVersion;
  features: string[];
  preexisting: Record<string, string[]>;
}

/** Collections checks build templates from; their members at the start of the run are the provider's own. */
const SNAPSHOT = ['machineConfigs', 'machineImages'];

/** Collections of the entry point (§5.12) that are optional features when present. */
const COLLECTION_FEATURES = ['machineTemplates', 'credentials', 'credentialTemplates', 'jobs', 'systems', 'systemTemplates', 'volumes', 'networks'];

export async function preflight(profile: Profile, cepUrl: string): Promise<Preflight> {
  const http = new HttpClient({ auth: profile.auth, secrets: profile.secrets, timeoutMs: profile.limits.requestTimeoutMs, maxRequests: 20 });
  const format = profile.formats[0] ?? 'json';
  let cimi = new CimiClient(http, cepUrl, format, pinnedVersion(profile));
  let res;
  try {
    res = await cimi.get(cepUrl);
  } catch (err) {
    if (err instanceof HarnessError) throw new UsageError(`endpoint unreachable: ${err.message}`, `profile '${profile.name}' endpoint`);
    throw err;
  }
  const where = `GET ${http.redact(cepUrl)}`;
  if (res.status === 401 || res.status === 403) {
    throw new UsageError(`credentials refused (${res.status}); check auth in ${profile.source} and the environment variables it names`, where);
  }
  if (res.status !== 200) throw new UsageError(`the cloud entry point answered ${res.status}, expected 200`, where);
  if (!res.body) throw new UsageError(`the cloud entry point is not parseable ${format.toUpperCase()}: ${res.decodeError ?? 'empty body'}`, where);
  const cep = res.body;
  if (typeof cep['id'] !== 'string' && typeof cep['baseURI'] !== 'string') {
    throw new UsageError('the response is not a CloudEntryPoint (no id, no baseURI)', where);
  }
  const version = resolveVersion(profile, versionEvidence(cep['resourceURI'], res.headers), where);
  cimi = cimi.as(format, version.version);
  const features = profile.features === 'discover' ? await discover(cimi, cep) : ['core', ...profile.features];
  const preexisting: Record<string, string[]> = {};
  for (const attr of SNAPSHOT) {
    const url = await cimi.collectionUrl(attr);
    const res = url ? await cimi.get(url).catch(() => undefined) : undefined;
    if (res?.status === 200) preexisting[attr] = collectionItems(res.body).map((i) => String(i['id']));
  }
  return { cep, version, features: [...new Set(features)].sort(), preexisting };
}

/** Features a provider claims: the optional collections it lists, and the capabilities its metadata grants. */
async function discover(cimi: CimiClient, cep: CimiObject): Promise<string[]> {
  const features = ['core', ...COLLECTION_FEATURES.filter((c) => isRef(cep[c]))];
  const rmUrl = await cimi.collectionUrl('resourceMetadata').catch(() => undefined);
  if (!rmUrl) return features;
  const res = await cimi.get(rmUrl).catch(() => undefined);
  for (const rm of collectionItems(res?.body)) {
    const caps = Array.isArray(rm['capabilities']) ? (rm['capabilities'] as CimiObject[]) : [];
    for (const cap of caps) {
      // An absent value means true (§5.11.1); a false boolean does not grant the feature.
      const value = cap['value'];
      if (value === false || value === 'false') continue;
      if (typeof cap['name'] === 'string') features.push(cap['name']);
    }
  }
  return features;
}
