// The normalised description of a machine that a portability run compares: flat fields in CIMI's units
// (`cpu.count`, `cpu.speedMHz`, `memoryKiB`, `disks[2].capacityKB`, `nics[1].network`,
// `productProperties.port`, `os.type`, …), so one workload reads the same from a provider's CIMI resources
// and from an OVF package. Each view says which families of fields its source can show at all: a field
// its source cannot show is unknown there, not lost.

export type Value = string | number;

export const FAMILIES = [
  'name', 'description', 'cpu.count', 'cpu.speedMHz', 'memoryKiB', 'disks.name', 'disks.capacityKB',
  'nics.name', 'nics.network', 'productProperties', 'os.type', 'annotation',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface View {
  shows: ReadonlySet<Family>;
  fields: Readonly<Record<string, Value>>;
}

/** `disks[2].name` → `disks.name`; `productProperties.a.b` → `productProperties`. */
export function familyOf(field: string): Family {
  const family = field.replace(/\[\d+\]/, '').replace(/^productProperties\..*$/, 'productProperties');
  if (!(FAMILIES as readonly string[]).includes(family)) throw new Error(`not a description field: ${field}`);
  return family as Family;
}

/** Fields of a list (disks, NICs), numbered from 1 in document order; undefined members are left out. */
export function listFields(list: string, items: readonly Record<string, Value | undefined>[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  items.forEach((item, i) => {
    for (const [k, v] of Object.entries(item)) if (v !== undefined) out[`${list}[${i + 1}].${k}`] = v;
  });
  return out;
}

/** `bytes` in a CIMI unit (KiB for memory, kilobytes for disks), rounded up as providers do. */
export const inUnits = (bytes: bigint, unit: bigint): number => Number((bytes + unit - 1n) / unit);

export function view(shows: readonly Family[], fields: Record<string, Value | undefined>): View {
  const set = new Set(shows);
  const kept = Object.entries(fields).filter((e): e is [string, Value] => e[1] !== undefined && set.has(familyOf(e[0])));
  return { shows: set, fields: Object.fromEntries(kept) };
}

/** One view of several sources: each family from the first view that shows it (a Machine, then its template…). */
export function overlay(...views: View[]): View {
  const shows = new Set<Family>();
  const fields: Record<string, Value> = {};
  for (const v of views) {
    for (const [k, x] of Object.entries(v.fields)) if (!shows.has(familyOf(k))) fields[k] = x;
    for (const f of v.shows) shows.add(f);
  }
  return { shows, fields };
}
