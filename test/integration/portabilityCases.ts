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
