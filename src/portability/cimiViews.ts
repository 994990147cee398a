// A machine as a provider's CIMI resources show it, in the description's fields: the Machine (cpu, its
// speed, memory, its Disks with their names) and the MachineTemplate it came from with its
// MachineConfiguration (names, the configuration, NICs and networks, product properties as template
// properties, Annex A). Neither shows the guest OS or the annotation: CIMI has no attribute for them.

import type { CimiObject } from '../cimi/cimiClient.js';
import { type Value, type View, listFields, view } from './description.js';

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): CimiObject[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as CimiObject[]) : []);

export function machineView(machine: CimiObject, disks: readonly CimiObject[]): View {
  return view(['cpu.count', 'cpu.speedMHz', 'memoryKiB', 'disks.name', 'disks.capacityKB'], {
    'cpu.count': num(machine['cpu']),
    'cpu.speedMHz': num(machine['cpuSpeed']),
    memoryKiB: num(machine['memory']),
    ...listFields('disks', disks.map((d) => ({ name: str(d['name']), capacityKB: num(d['capacity']) }))),
  });
}

export function templateView(template: CimiObject, config: CimiObject): View {
  const properties = (template['properties'] ?? {}) as Record<string, unknown>;
  return view(['name', 'description', 'cpu.count', 'cpu.speedMHz', 'memoryKiB', 'disks.capacityKB', 'nics.name', 'nics.network', 'productProperties'], {
    name: str(template['name']),
    description: str(template['description']),
    'cpu.count': num(config['cpu']),
    'cpu.speedMHz': num(config['cpuSpeed']),
    memoryKiB: num(config['memory']),
    ...listFields('disks', list(config['disks']).map((d) => ({ capacityKB: num(d['capacity']) }))),
    ...listFields('nics', list(template['interfaceTemplates']).map((n) => ({ name: str(n['name']), network: str((n['network'] as CimiObject | undefined)?.['name']) }))),
    ...Object.fromEntries(Object.entries(properties).map(([k, v]): [string, Value | undefined] => [`productProperties.${k}`, str(v)])),
  });
}
