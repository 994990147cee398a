// The entity resolver (§3): GET /api/entity/<urn> answers an Entity whose alternate link is the href
// of what the URN names, whatever its kind; a malformed URN is 400, one that names nothing 403.

import type { VcdContext } from './context.js';
import type { Ref } from './entities.js';
import { badRequest } from './errors.js';
import { type Kind, parseUrn, refOf } from './refs.js';

export function resolveEntity(ctx: VcdContext, urn: string): Ref {
  const parsed = parseUrn(urn);
  if (!parsed) throw badRequest(`"${urn}" is not an entity URN (urn:vcloud:<type>:<uuid>)`);
  const { store, apiUrl } = ctx;
  const { uuid } = parsed;
  const named: Partial<Record<Kind, { name: string } | undefined>> = {
    org: store.org.uuid === uuid ? store.org : undefined,
    vdc: store.vdcs.get(uuid),
    catalog: store.catalogs.get(uuid),
    catalogItem: store.catalogItems.get(uuid),
    network: store.networks.get(uuid),
    vAppTemplate: store.templates.get(uuid),
    templateVm: store.templateVms().find((x) => x.vm.uuid === uuid)?.vm,
    vApp: store.vapps.get(uuid),
    vm: store.vms().find((vm) => vm.uuid === uuid),
    task: store.tasks.has(uuid) ? { name: 'task' } : undefined,
  };
  for (const kind of parsed.kinds) {
    const entity = named[kind];
    if (entity) return refOf(apiUrl, kind, uuid, entity.name);
  }
  return store.unknown(parsed.kinds[0]!, uuid);
}
