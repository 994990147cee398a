// In-memory resources, keyed by their absolute id URI, in creation order (which is the stable
// collection order $first/$last rely on, §4.1.6.2). Bounded: beyond maxResources, creation is refused.

import { CimiError } from './errors.js';

export type Values = Record<string, unknown>;

export interface Resource {
  readonly type: string;
  readonly id: string;
  /** Attribute values in JSON shape, without id, resourceURI and operations. */
  values: Values;
  /** Bumped on every change of the representation; the ETag. */
  version: number;
  /** Deleted but still listed (quirk deleted-stays-listed): invisible to get(). */
  ghost?: boolean;
}

export class Store {
  private readonly items = new Map<string, Resource>();
  private seq = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly maxResources: number,
    /** Types that do not count against maxResources (Jobs are bounded by their own retention). */
    private readonly uncounted: ReadonlySet<string>,
  ) {}

  /** A fresh id under `path` (relative to the base URL); ids are never reused. */
  newId(path: string): string {
    return `${this.baseUrl}${path}/${++this.seq}`;
  }

  /** Refuses (403) when `n` more resources would exceed the limit; call before a multi-resource create. */
  ensureRoom(n: number): void {
    if (this.count() + n > this.maxResources) {
      throw new CimiError(403, `resource limit reached: this provider holds at most ${this.maxResources} resources; delete some first`);
    }
  }

  add(type: string, id: string, values: Values): Resource {
    if (!this.uncounted.has(type)) this.ensureRoom(1);
    const r: Resource = { type, id, values, version: 1 };
    this.items.set(id, r);
    return r;
  }

  get(id: string, type?: string): Resource | undefined {
    const r = this.items.get(id);
    return r && !r.ghost && (!type || r.type === type) ? r : undefined;
  }

  /** Members of a type in creation order, ghosts included (they are what makes them ghosts). */
  list(type: string, where: (r: Resource) => boolean = () => true): Resource[] {
    return [...this.items.values()].filter((r) => r.type === type && where(r));
  }

  remove(id: string, keepListed = false): void {
    const r = this.items.get(id);
    if (r && keepListed) r.ghost = true;
    else this.items.delete(id);
  }

  touch(r: Resource): void {
    r.version++;
  }

  private count(): number {
    let n = 0;
    for (const r of this.items.values()) if (!this.uncounted.has(r.type)) n++;
    return n;
  }
}
