// The in-memory entities, by UUID, in creation order. Bounded: vApps, Vms, templates and catalog
// items beyond MAX_ENTITIES are refused; transfer bytes beyond MAX_TRANSFER_BYTES are refused when a
// descriptor declares them; finished Tasks beyond MAX_TASKS are forgotten, oldest first.

import type { Catalog, CatalogItem, Org, OrgNetwork, Task, TemplateVm, Uuid, VApp, VAppTemplate, Vdc, Vm } from './entities.js';
import { VcdError, badRequest, noAccess } from './errors.js';
import { type Kind, urnOf } from './refs.js';

export const MAX_ENTITIES = 10_000;
export const MAX_TRANSFER_BYTES = 256 * 1024 * 1024;
const MAX_TASKS = 1000;

export class VcdStore {
  readonly vdcs = new Map<Uuid, Vdc>();
  readonly networks = new Map<Uuid, OrgNetwork>();
  readonly catalogs = new Map<Uuid, Catalog>();
  readonly catalogItems = new Map<Uuid, CatalogItem>();
  readonly templates = new Map<Uuid, VAppTemplate>();
  readonly vapps = new Map<Uuid, VApp>();
  readonly tasks = new Map<Uuid, Task>();

  constructor(
    readonly org: Org,
    /** Unknown ids answer 500 instead of 403 (quirk vcloud-unknown-id-500). */
    private readonly unknownIs500: boolean,
  ) {}

  /** Every Vm of every vApp, in creation order. */
  vms(): Vm[] {
    return [...this.vapps.values()].flatMap((a) => a.vms);
  }

  templateVms(): { template: VAppTemplate; vm: TemplateVm }[] {
    return [...this.templates.values()].flatMap((template) => template.vms.map((vm) => ({ template, vm })));
  }

  /** Refuses when `n` more entities would pass the bound. */
  ensureRoom(n: number): void {
    const held = this.catalogItems.size + this.templates.size + this.vapps.size + this.vms().length + this.templateVms().length;
    if (held + n > MAX_ENTITIES) throw badRequest(`this provider holds at most ${MAX_ENTITIES} vApps, Vms, templates and catalog items; delete some first`);
  }

  transferBytesInUse(): number {
    let n = 0;
    for (const t of this.templates.values()) n += t.reservedBytes;
    return n;
  }

  addTask(task: Task): void {
    this.tasks.set(task.uuid, task);
    const finished = [...this.tasks.values()].filter((t) => t.endTime !== undefined);
    for (const t of finished.slice(0, Math.max(0, this.tasks.size - MAX_TASKS))) this.tasks.delete(t.uuid);
  }

  /** The entity `uuid` names, or 403: an unknown id and a foreign one look the same (§10). */
  need<T>(map: ReadonlyMap<Uuid, T>, kind: Kind, uuid: Uuid): T {
    const found = map.get(uuid);
    return found !== undefined ? found : this.unknown(kind, uuid);
  }

  unknown(kind: Kind, uuid: Uuid): never {
    if (this.unknownIs500) throw new VcdError(500, `internal error looking up ${urnOf(kind, uuid)}`);
    throw noAccess(urnOf(kind, uuid));
  }

  needVm(uuid: Uuid): Vm {
    return this.need(new Map(this.vms().map((vm) => [vm.uuid, vm])), 'vm', uuid);
  }

  needTemplateVm(uuid: Uuid): { template: VAppTemplate; vm: TemplateVm } {
    return this.need(new Map(this.templateVms().map((x) => [x.vm.uuid, x])), 'templateVm', uuid);
  }

  vappOf(vm: Vm): VApp {
    return this.vapps.get(vm.vapp)!;
  }
}
