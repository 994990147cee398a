// The final sweep: delete everything the ledger says is still out there, newest first, wait for each
// deletion, and list what survives. Also the engine of `cloudconform cleanup <ledger>`. Lines tagged
// with another entry point (the other provider of a portability run) are left alone: their ids belong
// to that provider, and this profile's credentials must not be sent there.

import type { Leftover } from '../model/run.js';
import type { Profile } from '../harness/profile.js';
import type { SpecVersion } from './specVersion.js';
import { pinnedVersion } from './specVersion.js';
import { Ledger, outstanding } from '../harness/ledger.js';
import { HttpClient } from '../harness/httpClient.js';
import { CimiClient } from './cimiClient.js';
import { Workspace, collectionItems } from './workspace.js';

export interface SweepResult {
  deleted: number;
  leftovers: Leftover[];
}

/** `specVersion`: the one the run used (default: the profile's pinned version, else 2.0). */
export async function sweep(profile: Profile, cepUrl: string, ledgerFile: string, runId: string, specVersion: SpecVersion = pinnedVersion(profile)): Promise<SweepResult> {
  const entries = Ledger.read(ledgerFile);
  const pending = outstanding(entries.filter((e) => e.endpoint === undefined || e.endpoint === cepUrl));
  if (pending.length === 0) return { deleted: 0, leftovers: [] };
  const http = new HttpClient({
    auth: profile.auth,
    secrets: profile.secrets,
    timeoutMs: profile.limits.requestTimeoutMs,
    maxRequests: pending.length * 60 + 10,
  });
  const cimi = new CimiClient(http, cepUrl, profile.formats[0] ?? 'json', specVersion);
  // A tagged ledger stays tagged, so what this sweep records is never taken for the other side's.
  const ledger = new Ledger(ledgerFile, Number.MAX_SAFE_INTEGER, entries.some((e) => e.endpoint !== undefined) ? cepUrl : undefined);
  const ws = new Workspace(cimi, ledger, { runId, suite: '', cepUrl, profile, specVersion, features: [], ledgerFile, preexisting: {} });
  const leftovers: Leftover[] = [];
  let deleted = 0;
  for (const item of pending) {
    try {
      const url = item.id ?? (await findByName(cimi, item.collection, item.name));
      if (!url) continue; // never created: the intent was refused or failed before the provider acted
      // Found by name: record where it is, so the ledger's intent is settled by what follows.
      if (!item.id) ledger.created(item.collection, url, item.name);
      const res = await ws.teardown(url, item.collection);
      if (!res) continue; // already gone
      if (res.status === 404) {
        // Deleted after all (a check's wait gave up before the provider showed it): nothing left behind.
        ledger.deleted(item.collection, url);
        deleted++;
      } else if (res.status >= 300) {
        ledger.deleteFailed(item.collection, url, `DELETE answered ${res.status}`);
        leftovers.push({ id: url, ...(item.name ? { name: item.name } : {}), collection: item.collection, reason: `DELETE answered ${res.status}` });
      } else deleted++;
    } catch (err) {
      leftovers.push({ ...(item.id ? { id: item.id } : {}), ...(item.name ? { name: item.name } : {}), collection: item.collection, reason: http.redact((err as Error).message) });
    }
  }
  return { deleted, leftovers };
}

async function findByName(cimi: CimiClient, collection: string, name: string | undefined): Promise<string | undefined> {
  if (!name) return undefined;
  const url = await cimi.collectionUrl(collection);
  if (!url) return undefined;
  const hit = collectionItems((await cimi.get(url)).body).find((i) => i['name'] === name);
  return typeof hit?.['id'] === 'string' ? cimi.resolve(hit['id']) : undefined;
}
