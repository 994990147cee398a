// What the provider holds at start-up (§14): the org the credentials name, with one vDC, one catalog
// and one network, and no templates, so a client can upload, instantiate and run without setting
// anything up first.

import type { Credentials } from './context.js';
import type { Org } from './entities.js';
import { newUuid } from './refs.js';
import { splitUsername } from './session.js';
import { VcdStore } from './store.js';

export function seededStore(credentials: Credentials, now: string, unknownIs500: boolean): VcdStore {
  const { user, org: name } = splitUsername(credentials.username);
  const org: Org = { uuid: newUuid(), name, fullName: `${name} (cloudconform reference organization)`, user: { uuid: newUuid(), name: user } };
  const store = new VcdStore(org, unknownIs500);
  const vdc = { uuid: newUuid(), name: 'Reference vDC' };
  store.vdcs.set(vdc.uuid, vdc);
  const catalog = { uuid: newUuid(), name: 'Reference catalog', created: now };
  store.catalogs.set(catalog.uuid, catalog);
  const network = { uuid: newUuid(), name: 'Reference network' };
  store.networks.set(network.uuid, network);
  return store;
}
