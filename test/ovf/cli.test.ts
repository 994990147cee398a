// `cloudconform validate` through its pure core: exit codes 0/1/2 and both output formats.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerValidateCommand, runValidate, runValidateAll } from '../../src/cli/validateCommand.js';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import { hasSharedOvf, sharedOvf, tempDir } from './sharedOvf.js';

const clean = serializeEnvelope(envelopeOf({ version: 1, disks: [], networks: ['LAN'], cpus: 1, memoryMiB: 64, name: 'vm', os: '101', products: [] }));

async function file(name: string, content: string): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, content);
  return path;
}

describe('cloudconform validate', () => {
  it('exits 0 for a valid descriptor and prints a summary', async () => {
    const path = await file('ok.ovf', clean);
    const out = await runValidate(path);
    expect(out.exitCode).toBe(0);
    expect(out.output).toBe(`${path}: valid — 0 error(s), 0 warning(s), 0 portability note(s)`);
  });

  it('says when a bare descriptor could not have its files checked, and --descriptor-only skips them on purpose', async () => {
    const withDisk = serializeEnvelope(envelopeOf({ version: 1, disks: [{ payload: new Uint8Array(8), capacityMiB: 1 }], networks: ['LAN'], cpus: 1, memoryMiB: 64, name: 'vm', os: '101', products: [] }));
    const path = await file('bare.ovf', withDisk);
    const out = await runValidate(path);
    expect(out.exitCode).toBe(0);
    expect(out.output.split('\n')).toEqual([
      expect.stringMatching(/^note: file checks not possible: the one referenced file is not beside the descriptor/),
      `${path}: valid — 0 error(s), 0 warning(s), 0 portability note(s)`,
    ]);
    const json = JSON.parse((await runValidate(path, { format: 'json', descriptorOnly: true })).output) as { notes: string[] };
    expect(json.notes).toEqual([expect.stringMatching(/^file checks skipped \(--descriptor-only\)/)]);
  });

  it('exits 1 and prints one line per finding with location and fix', async () => {
    const path = await file('bad.ovf', clean.replace('<rasd:ResourceType>3</rasd:ResourceType>', '<rasd:ResourceType>x</rasd:ResourceType>'));
    const out = await runValidate(path);
    expect(out.exitCode).toBe(1);
    expect(out.output.split('\n')[0]).toMatch(new RegExp(`^error OVF-RASD-012 ${path.replace(/[/.]/g, '\\$&')}:\\d+:\\d+ .*\\(fix: .+\\)$`));
  });

  it('validates several paths in one call: the worst exit code wins, JSON lists each result', async () => {
    const ok = await file('ok.ovf', clean);
    const bad = await file('bad.ovf', clean.replace(' ovf:id="vm"', ''));
    const missing = join(await tempDir(), 'missing.ovf');
    const text = await runValidateAll([ok, bad]);
    expect(text.exitCode).toBe(1);
    expect(text.output.split('\n').at(-1)).toBe('2 paths: 1 valid, 1 invalid, 0 unreadable');
    const json = await runValidateAll([ok, bad, missing], { format: 'json' });
    expect(json.exitCode).toBe(2);
    const parsed = JSON.parse(json.output) as { valid: boolean; results: { path: string; valid: boolean }[] };
    expect(parsed.valid).toBe(false);
    expect(parsed.results.map((r) => [r.path, r.valid])).toEqual([[ok, true], [bad, false], [missing, false]]);
  });

  it('renders JSON with path, valid and findings', async () => {
    const path = await file('bad.ovf', clean.replace(' ovf:id="vm"', ''));
    const out = await runValidate(path, { format: 'json' });
    const json = JSON.parse(out.output) as { path: string; valid: boolean; findings: { rule: string; location: { file: string } }[] };
    expect(json).toMatchObject({ path, valid: false });
    expect(json.findings.map((f) => f.rule)).toEqual(['OVF-CNT-001']);
  });

  it('exits 2 naming the path when it cannot be read', async () => {
    const missing = join(await tempDir(), 'nope.ova');
    expect(await runValidate(missing)).toEqual({ exitCode: 2, output: `error: cannot read ${missing}: no such file or directory` });
    const junk = await file('junk.txt', 'hello');
    const out = await runValidate(junk);
    expect(out.exitCode).toBe(2);
    expect(out.output).toContain(junk);
  });

  it('applies --ovf-version', async () => {
    const path = await file('ok.ovf', clean);
    expect((await runValidate(path, { ovfVersion: 2 })).output).toContain('OVF-V2-005');
  });

  it('registers the command with its options', () => {
    const program = new Command();
    registerValidateCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'validate');
    expect(cmd?.options.map((o) => o.long)).toEqual(['--ovf-version', '--format', '--xsd', '--files-from', '--descriptor-only']);
  });

  it.skipIf(!hasSharedOvf)('reports the schema verdict with --xsd and flags disagreement', async () => {
    const path = join(sharedOvf, 'corpus/vmware__govmomi/ovf/fixtures/external/nvm_disk.ovf');
    const out = await runValidate(path, { xsd: join(sharedOvf, 'xsd'), format: 'text' });
    expect(out.exitCode).toBe(1); // the schema error (OVF-ENV-002) makes it invalid
    expect(out.output).toMatch(/error OVF-ENV-002 .*StorageGroupSection/);
    expect(out.output).toMatch(/xsd: invalid .* disagrees with the rule verdict \(valid\)/);
  });
});
