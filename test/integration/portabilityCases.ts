// What `cloudconform portability` must find between two reference providers, case by case: the quirks
// on each side and the exact findings (field, step, leg, severity) with the verdict. The portability test
// runs every case; the quirks test checks that each quirk caught by portability has one.

import type { Leg, LossStep, PortabilitySeverity, PortabilityVerdict } from '../../src/reporters/portabilityResults.js';

export interface ExpectedFinding {
  field: string;
  step: LossStep;
  leg: Leg;
  severity: PortabilitySeverity;
}

export interface PortabilityCase {
  title: string;
  quirks: { from?: string[]; to?: string[] };
  back: boolean;
  verdict: PortabilityVerdict;
  findings: ExpectedFinding[];
}

const finding = (leg: Leg, field: string, step: LossStep, severity: PortabilitySeverity): ExpectedFinding => ({ field, step, leg, severity });

export const CASES: readonly PortabilityCase[] = [
  { title: 'clean → clean', quirks: {}, back: false, verdict: 'PORTABLE', findings: [] },
  {
    title: 'from drops product properties on export',
    quirks: { from: ['export-drops-product-properties'] },
    back: false,
    verdict: 'NOT PORTABLE',
    findings: [finding('there', 'productProperties.port', 'export', 'error'), finding('there', 'productProperties.greeting', 'export', 'error')],
  },
  {
    title: 'from renames disks on export',
    quirks: { from: ['export-renames-disks'] },
    back: false,
    verdict: 'PORTABLE WITH LOSSES',
    findings: [finding('there', 'disks[1].name', 'export', 'warning'), finding('there', 'disks[2].name', 'export', 'warning')],
  },
  {
    title: 'to rounds memory to GiB on import',
    quirks: { to: ['import-rounds-memory-gib'] },
    back: false,
    verdict: 'PORTABLE WITH LOSSES',
    findings: [finding('there', 'memoryKiB', 'import', 'warning')],
  },
  { title: 'to refuses OVF 2.x', quirks: { to: ['import-refuses-ovf2'] }, back: false, verdict: 'NOT PORTABLE', findings: [finding('there', 'package', 'import', 'error')] },
  {
    title: 'home again: to renames disks when it exports the workload back',
    quirks: { to: ['export-renames-disks'] },
    back: true,
    verdict: 'PORTABLE WITH LOSSES',
    findings: [finding('back', 'disks[1].name', 'export', 'warning'), finding('back', 'disks[2].name', 'export', 'warning')],
  },
];

/** A move between providers of two APIs (or two vCloud ones), each an embedded reference provider with no quirk. */
export interface CrossCase {
  title: string;
  from: 'cimi' | 'vcloud';
  to: 'cimi' | 'vcloud';
  back: boolean;
  verdict: PortabilityVerdict;
  findings: ExpectedFinding[];
}

// What the mapping between CIMI and vCloud loses on clean providers (README, "Portability"): a Vm's
// hardware has no place for the CPU speed, and vCloud sizes disks in whole MB, so a disk CIMI sized in
// kilobytes (3 MiB is 3146 KB, just over 3 MB) grows to the next MB. Both are warnings.
export const CROSS_CASES: readonly CrossCase[] = [
  {
    title: 'CIMI → vCloud and back: the CPU speed and whole-MB disks are lost at vCloud\'s import, and reported once',
    from: 'cimi',
    to: 'vcloud',
    back: true,
    verdict: 'PORTABLE WITH LOSSES',
    findings: [finding('there', 'cpu.speedMHz', 'import', 'warning'), finding('there', 'disks[1].capacityKB', 'import', 'warning'), finding('there', 'disks[2].capacityKB', 'import', 'warning')],
  },
  { title: 'vCloud → CIMI', from: 'vcloud', to: 'cimi', back: false, verdict: 'PORTABLE', findings: [] },
  {
    title: 'vCloud → CIMI and back: the disks CIMI sized in kilobytes grow to the next MB at home',
    from: 'vcloud',
    to: 'cimi',
    back: true,
    verdict: 'PORTABLE WITH LOSSES',
    findings: [finding('back', 'disks[1].capacityKB', 'import', 'warning'), finding('back', 'disks[2].capacityKB', 'import', 'warning')],
  },
  { title: 'vCloud → vCloud and back', from: 'vcloud', to: 'vcloud', back: true, verdict: 'PORTABLE', findings: [] },
];
