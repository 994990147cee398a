// A machine as an OVF package describes it (its first VirtualSystem), in the description's fields: every
// family, since a descriptor can say everything the comparison asks about.

import type { Envelope } from '../ovf/descriptorModel.js';
import { virtualMachines } from '../ovf/virtualMachine.js';
import { FAMILIES, type View, inUnits, listFields, view } from './description.js';

const KIB = 1024n;
const KB = 1000n;

/** Undefined when the descriptor has no VirtualSystem. */
export function packageView(env: Envelope): View | undefined {
  const [vm] = virtualMachines(env);
  if (!vm) return undefined;
  return view(FAMILIES, {
    name: vm.name,
    description: vm.info,
    'cpu.count': vm.cpu,
    'cpu.speedMHz': vm.cpuMHz,
    memoryKiB: inUnits(vm.memoryBytes, KIB),
    ...listFields('disks', vm.disks.map((d) => ({ name: d.name, capacityKB: inUnits(d.capacityBytes, KB) }))),
    ...listFields('nics', vm.nics.map((n) => ({ name: n.name, network: n.connection }))),
    ...Object.fromEntries(Object.entries(vm.properties).map(([k, v]) => [`productProperties.${k}`, v])),
    'os.type': vm.osType,
    annotation: vm.annotation,
  });
}
