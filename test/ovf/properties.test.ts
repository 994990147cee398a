// Property tests over generated packages: valid ones validate clean in both layouts, each
// mutation is reported under the rule it names (and no other new rule), and serialisation is stable.
import fc from 'fast-check';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvelope } from '../../src/ovf/descriptorModel.js';
import { validEnvelope, validPackage } from '../../src/ovf/generators/arbitraries.js';
import { MUTATORS } from '../../src/ovf/generators/mutators.js';
import { type GeneratedPackage, writeFolder, writeOva } from '../../src/ovf/generators/package.js';
import { parseXml } from '../../src/ovf/safeXml.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import { validatePath } from '../../src/ovf/validate.js';
import { tempDir } from './sharedOvf.js';

type Layout = 'ova' | 'folder';

async function write(pkg: GeneratedPackage, layout: Layout): Promise<string> {
  const dir = await tempDir();
  // A folder is validated as the directory, i.e. as a whole package: a descriptor path alone with
  // none of its files beside it would be judged as a bare descriptor.
  return layout === 'ova' ? writeOva(pkg, dir) : dirname(await writeFolder(pkg, join(dir, 'pkg')));
}

async function rulesOf(pkg: GeneratedPackage, layout: Layout): Promise<string[]> {
  const r = await validatePath(await write(pkg, layout));
  expect(r.readError).toBeUndefined();
  return [...new Set(r.findings.map((f) => f.rule))].sort();
}

/** Drops source positions, which legitimately differ between two serialisations. */
function withoutPositions(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'pos' ? undefined : v)));
}

function parseModel(xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.message);
  return readEnvelope(parsed.doc);
}

describe('generated OVF packages', () => {
  it.each(['ova', 'folder'] as const)('every valid package validates clean (%s)', async (layout) => {
    await fc.assert(fc.asyncProperty(validPackage, async (pkg) => {
      expect(await rulesOf(pkg, layout)).toEqual([]);
    }), { numRuns: 25 });
  });

  it('parse → serialise → parse is stable', () => {
    fc.assert(fc.property(validEnvelope, (env) => {
      const xml = serializeEnvelope(env);
      const once = parseModel(xml);
      expect(withoutPositions(once)).toEqual(withoutPositions(env));
      expect(serializeEnvelope(once as NonNullable<typeof once>)).toBe(xml);
    }), { numRuns: 100 });
  });

  for (const layout of ['ova', 'folder'] as const) {
    describe(`mutations (${layout})`, () => {
      it.each(MUTATORS.filter((m) => m.layout === undefined || m.layout === layout).map((m) => [m.name, m] as const))('%s', async (_, m) => {
        await fc.assert(fc.asyncProperty(validPackage.filter((p) => m.applies?.(p) ?? true), async (pkg) => {
          const before = await rulesOf(pkg, layout);
          const after = await rulesOf(m.apply(pkg), layout);
          expect(after.filter((r) => !before.includes(r))).toEqual([m.rule]);
        }), { numRuns: 5 });
      });
    });
  }
});
