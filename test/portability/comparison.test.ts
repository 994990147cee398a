// The normalised description and its judging, without a provider: views of a package and of CIMI
// resources agree on one workload, and each difference is charged to the step (and leg) that lost it
// with the severity the rule in severity.ts gives it.

import { describe, expect, it } from 'vitest';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { machineView, templateView } from '../../src/portability/cimiViews.js';
import { type Artefact, judge } from '../../src/portability/comparison.js';
import { FAMILIES, type View, familyOf, overlay, view } from '../../src/portability/description.js';
import { packageView } from '../../src/portability/packageView.js';
import { changeOf, severityOf, verdictOf } from '../../src/portability/severity.js';
import { WORKLOAD_SHAPE } from '../../src/portability/workload.js';

const pkg = packageView(envelopeOf(WORKLOAD_SHAPE))!;

/** The workload as a provider that maps it faithfully shows it. */
const config = { cpu: 2, cpuSpeed: 2000, memory: 1536 * 1024, disks: [{ capacity: 3146 }, { capacity: 1049 }] };
const template = {
  name: 'cloudconform-workload', description: 'A virtual machine', properties: { port: '8080', greeting: 'hello' },
  interfaceTemplates: [{ name: 'Network adapter 1', network: { name: 'frontend' } }, { name: 'Network adapter 2', network: { name: 'backend' } }],
};
const machine = { cpu: 2, cpuSpeed: 2000, memory: 1536 * 1024 };
const disks = [{ name: 'Hard disk 1', capacity: 3146 }, { name: 'Hard disk 2', capacity: 1049 }];

const provider = (m = machine, t: Record<string, unknown> = template, c: Record<string, unknown> = config, d = disks): { tpl: View; desc: View } => {
  const tpl = templateView(t, c);
  return { tpl, desc: overlay(machineView(m, d), tpl, pkg) };
};
const chainTo = (exported: View, p: { tpl: View; desc: View }, leg: 'there' | 'back' = 'there'): Artefact[] => [
  { step: 'export', leg, view: exported, label: 'the export' },
  { step: 'import', leg, view: p.tpl, label: 'the template' },
  { step: 'instantiate', leg, view: p.desc, label: 'the Machine' },
];
const changed = (v: View, fields: Record<string, string | number | undefined>): View => {
  const next: Record<string, string | number> = { ...v.fields };
  for (const [k, x] of Object.entries(fields)) if (x === undefined) delete next[k]; else next[k] = x;
  return { shows: v.shows, fields: next };
};
const brief = (t: ReturnType<typeof judge>) => t.findings.map((f) => [f.field, f.step, f.leg, f.severity]);

describe('views of one workload', () => {
  it('a package and the CIMI resources of a faithful provider describe it alike', () => {
    const a = provider().desc;
    expect(a.fields).toEqual(pkg.fields);
    expect(pkg.fields).toMatchObject({ 'cpu.count': 2, 'cpu.speedMHz': 2000, memoryKiB: 1572864, 'disks[1].capacityKB': 3146, 'disks[2].name': 'Hard disk 2', 'nics[2].network': 'backend', 'productProperties.port': '8080', 'os.type': '101' });
  });

  it('CIMI shows no guest OS or annotation; each family comes from the first view that shows it', () => {
    expect(machineView(machine, disks).shows.has('os.type')).toBe(false);
    expect(templateView(template, config).shows.has('annotation')).toBe(false);
    const merged = overlay(view(['memoryKiB'], { memoryKiB: 1 }), view(['memoryKiB', 'name'], { memoryKiB: 2, name: 'n' }));
    expect(merged.fields).toEqual({ memoryKiB: 1, name: 'n' });
    expect(FAMILIES.map((f) => familyOf(f.replace('disks.', 'disks[3].').replace('nics.', 'nics[1].').replace(/^productProperties$/, 'productProperties.a.b')))).toEqual([...FAMILIES]);
  });
});

describe('judging a leg', () => {
  const start = provider().desc;

  it('finds nothing when nothing changed', () => {
    const t = judge({ leg: 'there', fromName: 'A', toName: 'B', start, chain: chainTo(pkg, provider()) });
    expect(t.findings).toEqual([]);
    expect(t.compared.every((c) => c.same)).toBe(true);
  });

  it('charges a value missing from the export to export, one the template changed to import, one only the Machine changed to instantiate', () => {
    const exported = changed(pkg, { 'productProperties.port': undefined });
    const b = provider({ ...machine, cpuSpeed: 1800, memory: 2 * 1024 * 1024 }, { ...template, properties: { greeting: 'hello' } }, { ...config, memory: 2 * 1024 * 1024 });
    const t = judge({ leg: 'there', fromName: 'A', toName: 'B', start, chain: chainTo(exported, b) });
    expect(brief(t)).toEqual([
      ['cpu.speedMHz', 'instantiate', 'there', 'warning'],
      ['memoryKiB', 'import', 'there', 'warning'],
      ['productProperties.port', 'export', 'there', 'error'],
    ]);
    expect(t.findings[1]!.message).toBe('memoryKiB grown at import: 1572864 on A, 2097152 on B (first seen in the template)');
  });

  it('charges what the templates cannot show (disk names, the guest OS) to the import that took it in', () => {
    const b = provider(machine, template, config, [{ name: 'vda', capacity: 3146 }, disks[1]!]);
    const t = judge({ leg: 'there', fromName: 'A', toName: 'B', start, chain: chainTo(pkg, { tpl: b.tpl, desc: changed(b.desc, { 'os.type': undefined }) }) });
    expect(brief(t)).toEqual([['disks[1].name', 'import', 'there', 'warning'], ['os.type', 'import', 'there', 'error']]);
  });

  it('home again: each difference from the original is charged to the leg (and step) that lost it', () => {
    const b = provider({ ...machine, memory: 2 * 1024 * 1024 }, template, { ...config, memory: 2 * 1024 * 1024 });
    const there = chainTo(pkg, b);
    const home = provider({ ...machine, memory: 2 * 1024 * 1024 }, template, { ...config, memory: 2 * 1024 * 1024 }, [disks[0]!]);
    const t = judge({ leg: 'back', fromName: 'A', toName: 'A', start, chain: [...there, ...chainTo(changed(pkg, { memoryKiB: 2 * 1024 * 1024 }), home, 'back')] });
    expect(brief(t)).toEqual([
      ['memoryKiB', 'import', 'there', 'warning'],
      ['disks[2].name', 'import', 'back', 'warning'],
      ['disks[2].capacityKB', 'instantiate', 'back', 'error'],
    ]);
    expect(t.compared.every((c) => c.leg === 'back')).toBe(true);
  });
});

describe('severity and verdict', () => {
  it('a loss of what the workload needs is an error, rounding up a warning, an addition no loss', () => {
    expect(severityOf('memoryKiB', changeOf(1024, 2048))).toBe('warning');
    expect(severityOf('memoryKiB', changeOf(2048, 1024))).toBe('error');
    expect(severityOf('cpu.count', changeOf(2, undefined))).toBe('error');
    expect(severityOf('productProperties', changeOf('a', 'b'))).toBe('error');
    expect(severityOf('disks.name', changeOf('a', 'b'))).toBe('warning');
    expect(severityOf('annotation', changeOf(undefined, 'x'))).toBe('info');
    expect(verdictOf([])).toBe('PORTABLE');
    expect(verdictOf([{ severity: 'info' }, { severity: 'warning' }])).toBe('PORTABLE WITH LOSSES');
    expect(verdictOf([{ severity: 'warning' }, { severity: 'error' }])).toBe('NOT PORTABLE');
  });
});
