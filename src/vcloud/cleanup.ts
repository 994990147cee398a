// The final sweep (Dialect.sweep) and the engine of `cloudconform cleanup`: every vApp, template and
// catalog item the ledger says is still out there on this endpoint, newest first (an item before its
// template, a vApp before the template it came from), torn down like a check's own and waited on.
// Intents with no href are looked for by name where a client would see them: the vDC's
// ResourceEntities for vApps and templates, the catalog's CatalogItems for items.

import type { SweepResult } from '../harness/dialect.js';
import type { Leftover } from '../model/run.js';
import type { Profile } from '../harness/profile.js';
import { Ledger, outstanding } from '../harness/ledger.js';
import { type VcloudClient } from './client.js';
import { reference } from './entities.js';
import { path } from './xml.js';
import { MEDIA, sameMediaType } from './mediaTypes.js';
import { vcloudClient } from './session.js';
import { VcloudWorkspace } from './workspace.js';
import { SUITE_VERSIONS } from './preflight.js';

const REQUESTS_PER_ITEM = 80;

export async function sweep(profile: Profile, endpoint: string, ledgerFile: string, runId: string, version?: string): Promise<SweepResult> {
  const entries = Ledger.read(ledgerFile);
  const pending = outstanding(entries.filter((e) => e.endpoint === undefined || e.endpoint === endpoint));
  if (pending.length === 0) return { deleted: 0, leftovers: [] };
  const pinned = profile.spec.version === 'discover' ? undefined : profile.spec.version;
  const vcloud = vcloudClient(profile, endpoint, version ?? pinned ?? SUITE_VERSIONS[0], pending.length * REQUESTS_PER_ITEM + 20);
  // A tagged ledger stays tagged, so what this sweep records is never taken for another endpoint's.
  const ledger = new Ledger(ledgerFile, Number.MAX_SAFE_INTEGER, entries.some((e) => e.endpoint !== undefined) ? endpoint : undefined);
  const ws = new VcloudWorkspace(vcloud, ledger, { runId, suite: 'vcloud', cepUrl: endpoint, profile, specVersion: vcloud.version, features: [], ledgerFile, preexisting: {} });
  const leftovers: Leftover[] = [];
  let deleted = 0;
  try {
    for (const item of pending) {
      try {
        const href = item.id ?? (await findByName(vcloud, item.collection, item.name));
        if (!href) continue; // never created: refused, or failed before the provider acted
        if (!item.id) ledger.created(item.collection, href, item.name);
        const res = await ws.teardown(href, item.collection);
        if (!res) continue; // already gone
        if (res.status >= 300) {
          ledger.deleteFailed(item.collection, href, `DELETE answered ${res.status}`);
          leftovers.push({ id: href, ...(item.name ? { name: item.name } : {}), collection: item.collection, reason: `DELETE answered ${res.status}` });
        } else deleted++;
      } catch (err) {
        leftovers.push({ ...(item.id ? { id: item.id } : {}), ...(item.name ? { name: item.name } : {}), collection: item.collection, reason: vcloud.http.redact((err as Error).message) });
      }
    }
  } finally {
    await vcloud.logout().catch(() => undefined);
  }
  return { deleted, leftovers };
}

async function findByName(vcloud: VcloudClient, collection: string, name: string | undefined): Promise<string | undefined> {
  if (!name) return undefined;
  const refs =
    collection === 'catalogItems'
      ? path(await vcloud.catalog(), 'CatalogItems', 'CatalogItem').map(reference)
      : path(await vcloud.vdc(), 'ResourceEntities', 'ResourceEntity').map(reference).filter((r) => sameMediaType(r.type, collection === 'vApps' ? MEDIA.vApp : MEDIA.vAppTemplate));
  const hit = refs.find((r) => r.name === name);
  return hit?.href ? vcloud.resolve(hit.href) : undefined;
}
