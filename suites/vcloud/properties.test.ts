// Property-based checks (fast-check), each case a template on the provider's account (so sized by
// property.creatingRuns, each deleted at the end of its case): names with arbitrary allowed characters
// come back unchanged, and any valid generated OVF 1.x package uploads, lists its files with their
// ovf:size, and reaches status 8. Failures print the seed and path for `--replay`.

import fc from 'fast-check';
import { expect } from 'vitest';
import { check } from '../../src/vcloud/check.js';
import { attr } from '../../src/vcloud/xml.js';
import { uploadablePackage } from '../../src/vcloud/packages.js';
import { templateFiles } from '../../src/vcloud/upload.js';
import { assertProperty, propertyRuns } from '../../src/harness/property.js';
import { expectRoot, expectStatusClass } from '../../src/vcloud/probes.js';

/** Name characters: letters of several scripts, digits, punctuation, XML specials and inner spaces. */
const nameChar = fc.constantFrom(...'abcXYZ019 -_.,;:()[]{}!@#$%+=~&<>\'"äößéñΩжд中文😀');
const namePart = fc.string({ unit: nameChar, minLength: 1, maxLength: 24 }).filter((s) => s.trim() === s);

check('VCD-038', 'property: a template named with any allowed characters comes back with that name', async (ctx) => {
  await assertProperty(
    ctx,
    fc.asyncProperty(namePart, async (part) => {
      const name = `${ctx.ws.uniqueName('n')}-${part}`;
      const made = await ctx.ws.uploadParams({ name });
      try {
        expectStatusClass(made.res, 2, `VCD-038: POST UploadVAppTemplateParams name=${JSON.stringify(name)}`);
        expect(attr(expectRoot(made.res, 'VAppTemplate', 'VCD-038'), 'name'), 'VCD-038: the new template is named as asked').toBe(name);
        expect(attr((await ctx.vcloud.get(made.href!)).root, 'name'), 'VCD-038: the template read back').toBe(name);
      } finally {
        if (made.href) await ctx.ws.remove(made.href, 'template').catch(() => undefined);
      }
    }),
    'creating',
  );
}, { creates: (run) => ({ VAppTemplate: propertyRuns(run, 'creating') }) });

check(['VCD-041', 'VCD-046'], 'property: any valid generated OVF package uploads, lists each file with its ovf:size, and reaches status 8', async (ctx) => {
  await assertProperty(
    ctx,
    fc.asyncProperty(uploadablePackage, async (pkg) => {
      const up = await ctx.ws.uploadTemplate(pkg);
      try {
        const listed = up.listed ? templateFiles(up.listed) : [];
        for (const f of pkg.envelope.files) {
          expect(listed.find((l) => l.name === f.href)?.size, `VCD-041: the File for ${f.href} (ovf:size ${f.size})`).toBe(Number(f.size));
        }
        expect(attr(up.final, 'status'), `VCD-046: the template after its last byte${up.stopped ? ` (${up.stopped})` : ''}`).toBe('8');
      } finally {
        if (up.href) await ctx.ws.remove(up.href, 'template').catch(() => undefined);
      }
    }),
    'creating',
  );
}, { creates: (run) => ({ VAppTemplate: propertyRuns(run, 'creating') }) });
