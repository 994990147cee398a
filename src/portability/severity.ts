// How bad a difference between the two ends of a leg is, by the family of the field and the way it
// changed, and the verdict the findings add up to. The rule, in words:
// - error (NOT PORTABLE): something the workload needs is gone or smaller — a processor, memory, a disk
//   or its capacity, a NIC's network, a product property (the appliance's configuration), the guest OS
//   type — or a changed value of those that are not amounts; a package refused or invalid.
// - warning (PORTABLE WITH LOSSES): the workload runs, but not as described — an amount rounded up or
//   grown, a CPU speed lost or changed (DSP0263 calls it approximate), a name or description or
//   annotation lost or changed.
// - info: no loss — the target added something the source did not have.

import type { PortabilityRunFinding, PortabilitySeverity, PortabilityVerdict } from '../reporters/portabilityResults.js';
import type { Family, Value } from './description.js';

export type Change = 'lost' | 'added' | 'grown' | 'shrunk' | 'changed';

const NEEDED: Record<Change, PortabilitySeverity> = { lost: 'error', added: 'info', grown: 'error', shrunk: 'error', changed: 'error' };
const AMOUNT: Record<Change, PortabilitySeverity> = { ...NEEDED, grown: 'warning' };
const DESCRIPTIVE: Record<Change, PortabilitySeverity> = { lost: 'warning', added: 'info', grown: 'warning', shrunk: 'warning', changed: 'warning' };

const RULES: Record<Family, Record<Change, PortabilitySeverity>> = {
  name: DESCRIPTIVE,
  description: DESCRIPTIVE,
  'cpu.count': AMOUNT,
  'cpu.speedMHz': DESCRIPTIVE,
  memoryKiB: AMOUNT,
  'disks.name': DESCRIPTIVE,
  'disks.capacityKB': AMOUNT,
  'nics.name': DESCRIPTIVE,
  'nics.network': NEEDED,
  productProperties: NEEDED,
  'os.type': NEEDED,
  annotation: DESCRIPTIVE,
};

export function changeOf(from: Value | undefined, to: Value | undefined): Change {
  if (to === undefined) return 'lost';
  if (from === undefined) return 'added';
  if (typeof from === 'number' && typeof to === 'number') return to > from ? 'grown' : 'shrunk';
  return 'changed';
}

export function severityOf(family: Family, change: Change): PortabilitySeverity {
  return RULES[family][change];
}

export function verdictOf(findings: readonly Pick<PortabilityRunFinding, 'severity'>[]): PortabilityVerdict {
  if (findings.some((f) => f.severity === 'error')) return 'NOT PORTABLE';
  return findings.some((f) => f.severity === 'warning') ? 'PORTABLE WITH LOSSES' : 'PORTABLE';
}
