// What the provider holds, as plain data. Statuses are not stored where they can be computed:
// a vApp's status and `deployed` come from its Vms (vappStatus.ts). Ids are UUIDs; hrefs and URNs are
// derived from them (refs.ts).

export type Uuid = string;
export type PowerState = 'off' | 'on' | 'suspended';

export interface Org {
  uuid: Uuid;
  name: string;
  fullName: string;
  /** The one user of the org, the one the credentials name: owner of everything and of every Task. */
  user: { uuid: Uuid; name: string };
}

export interface Vdc {
  uuid: Uuid;
  name: string;
}

export interface OrgNetwork {
  uuid: Uuid;
  name: string;
}

export interface Catalog {
  uuid: Uuid;
  name: string;
  created: string;
}

export interface CatalogItem {
  uuid: Uuid;
  name: string;
  description?: string;
  catalog: Uuid;
  template: Uuid;
}

/** A file of an upload: the descriptor, a referenced file, or the manifest. */
export interface TransferFile {
  /** The descriptor's server-chosen name, an ovf:href, or manifest.mf. */
  name: string;
  /** ovf:size; undefined while unknown (the descriptor and manifest before their upload). */
  size?: number;
  chunks: Buffer[];
  received: number;
}

/** A disk of a Vm: its item's name, its capacity in MB, and the ovf:href of its contents in the template's files (in `format`). */
export interface VmDisk {
  name: string;
  capacityMiB: number;
  file?: string;
  format?: string;
}

export interface VmNic {
  name: string;
  network: string;
}

/** A ProductSection as the descriptor gave it (the keys, types and values of its properties). */
export interface VmProduct {
  info?: string;
  class?: string;
  instance?: string;
  product?: string;
  vendor?: string;
  version?: string;
  properties: { key: string; type: string; value?: string; label?: string; description?: string }[];
}

/**
 * A VirtualSystem of an uploaded (or captured) descriptor: what the Vm's sections show — its hardware
 * (CPUs, memory and disks in MB, NICs with their networks), guest OS, product sections and annotation,
 * and its ovf:Info as the Vm's Description. A CPU reservation is not kept: the vDC's allocation model
 * sets reservations, not the package.
 */
export interface TemplateVm {
  uuid: Uuid;
  name: string;
  description?: string;
  cpus: number;
  memoryMiB: number;
  guestOs?: string;
  os?: { version?: string; description?: string };
  disks: VmDisk[];
  nics: VmNic[];
  products: VmProduct[];
  annotation?: string;
}

export type TemplateStatus = -1 | 0 | 8;

export interface VAppTemplate {
  uuid: Uuid;
  name: string;
  description?: string;
  vdc: Uuid;
  created: string;
  status: TemplateStatus;
  manifestRequired: boolean;
  /** The upload transfer session: /transfer/<transfer>/<file>. */
  transfer: Uuid;
  /** The descriptor file first; then, once it is in, one per References/File (and the manifest). */
  files: TransferFile[];
  vms: TemplateVm[];
  hasEula: boolean;
  /** Bytes this template holds against the provider's transfer limit. */
  reservedBytes: number;
  /** The download transfer session, once enableDownload succeeded. */
  download?: Uuid;
  /** The Task that failed the template (status -1). */
  failure?: Uuid;
}

export type FenceMode = 'bridged' | 'isolated' | 'natRouted';

export interface VAppNetwork {
  networkName: string;
  parent?: Uuid;
  fenceMode: FenceMode;
}

/** A Vm of a vApp: its template Vm's sections, and the contents of its disks (what a capture copies). */
export interface Vm extends Omit<TemplateVm, 'uuid'> {
  uuid: Uuid;
  vapp: Uuid;
  power: PowerState;
  deployed: boolean;
  /** ovf:href → bytes of the files its disks came with. */
  files: { name: string; bytes: Buffer }[];
}

export interface VApp {
  uuid: Uuid;
  name: string;
  description?: string;
  vdc: Uuid;
  created: string;
  template: Uuid;
  /** creating until the instantiation Task ends; failed when it did not succeed. */
  phase: 'creating' | 'ready' | 'failed';
  networks: VAppNetwork[];
  vms: Vm[];
  failure?: Uuid;
}

export type TaskStatus = 'queued' | 'preRunning' | 'running' | 'success' | 'error' | 'canceled' | 'aborted';

export interface ErrorInfo {
  major: number;
  minor: string;
  message: string;
}

export interface Ref {
  href: string;
  type: string;
  name: string;
  id: string;
}

export interface Task {
  uuid: Uuid;
  status: TaskStatus;
  operation: string;
  operationName: string;
  owner: Ref;
  startTime: string;
  endTime?: string;
  expiryTime: string;
  error?: ErrorInfo;
  /** Entities this task keeps busy: a second operation on any of them is refused (BUSY_ENTITY). */
  subjects: Uuid[];
  /** What the task does when its time is up; throwing a VcdError ends it in error. */
  work: () => void;
  /** Undoes or marks what the task leaves behind when it ends in error or is canceled. */
  onFail?: (task: Task) => void;
}
