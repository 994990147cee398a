// `cloudconform validate` on trees and lists: one result per package, streamed in input order (jsonl, text),
// a bounded window of validations, --files-from (file or stdin), and the exit codes.
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runValidateAll, runValidateCommand } from '../../src/cli/validateCommand.js';
import type { OutStream } from '../../src/cli/validateStream.js';
import { WINDOW } from '../../src/cli/validateStream.js';
import { main } from '../../src/cli/main.js';
import { UsageError } from '../../src/model/errors.js';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { type GeneratedPackage, writeFolder, writeOva } from '../../src/ovf/generators/package.js';
import { expandTargets } from '../../src/ovf/packageTree.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import { type ValidationResult, validatePath } from '../../src/ovf/validate.js';
import { hasSharedOvf, sharedOvf, tempDir } from './sharedOvf.js';

const payload = Buffer.from('0123456789abcdef'.repeat(10));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function temp(): Promise<string> {
  const d = await tempDir('ovf-stream-');
  dirs.push(d);
  return d;
}

function pkg(name: string, edit?: (xml: string) => string): GeneratedPackage {
  const envelope = envelopeOf({ version: 1, disks: [{ payload, capacityMiB: 1 }], networks: ['LAN'], cpus: 1, memoryMiB: 64, name: 'vm', os: '101', products: [] });
  return { name, envelope, payloads: new Map([['disk1.vmdk', payload]]), manifest: 'SHA1', edits: edit ? { descriptor: edit } : {} };
}
const dropId = (xml: string): string => xml.replace(' ovf:id="vm"', '');
const bare = serializeEnvelope(envelopeOf({ version: 1, disks: [], networks: ['LAN'], cpus: 1, memoryMiB: 64, name: 'vm', os: '101', products: [] }));

/** A fake stdout/stderr: what was written, line by line, and an event log shared with the validator. */
function out(log: string[], name: string, tty = false): OutStream & { text: string } {
  const s = {
    text: '',
    isTTY: tty,
    columns: 120,
    write(chunk: string) {
      s.text += chunk;
      log.push(`${name}:${chunk}`);
      return true;
    },
  };
  return s;
}
const linesOf = (s: { text: string }): string[] => s.text.split('\n').filter(Boolean);

/**
 * root/
 *   a/first.ova            valid
 *   b/vm/second.ovf (+mf, disk)  valid folder package, found as its descriptor
 *   b/z.ova                invalid (OVF-CNT-001)
 *   c/readme.txt           not a package, ignored
 *   loop -> root           symbolic link to a folder: not followed
 *   outside -> elsewhere/  symbolic link to a folder holding a package: not followed
 */
async function tree(): Promise<{ root: string; paths: string[] }> {
  const root = await temp();
  await mkdir(join(root, 'a'));
  await mkdir(join(root, 'b'));
  await mkdir(join(root, 'c'));
  const first = await writeOva(pkg('first'), join(root, 'a'));
  const second = await writeFolder(pkg('second'), join(root, 'b', 'vm'));
  const third = await writeOva(pkg('z', dropId), join(root, 'b'));
  await writeFile(join(root, 'c', 'readme.txt'), 'not a package');
  await symlink(root, join(root, 'loop'));
  const elsewhere = await temp();
  await writeOva(pkg('elsewhere'), elsewhere);
  await symlink(elsewhere, join(root, 'outside'));
  return { root, paths: [first, second, third] };
}

describe('validate on a tree', () => {
  it('walks a folder without a descriptor: every .ova and .ovf, sorted, symbolic links to folders not followed', async () => {
    const { root, paths } = await tree();
    const found: string[] = [];
    for await (const t of expandTargets([root])) found.push(t.path);
    expect(found).toEqual(paths);
  });

  it('streams one JSON line per package in order, then a summary line; exit 1 for an invalid one', async () => {
    const { root, paths } = await tree();
    const log: string[] = [];
    const stdout = out(log, 'out');
    const stderr = out(log, 'err');
    const exitCode = await runValidateCommand([root], { format: 'jsonl' }, { stdout, stderr });
    expect(exitCode).toBe(1);
    expect(stderr.text).toBe('');
    const lines = linesOf(stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((l) => [l.path, l.valid])).toEqual([[paths[0], true], [paths[1], true], [paths[2], false]]);
    expect((lines[2]!.findings as { rule: string }[]).map((f) => f.rule)).toContain('OVF-CNT-001');
    expect(lines[3]).toEqual({ summary: { total: 3, valid: 2, invalid: 1, unreadable: 0, exitCode: 1 } });
  });

  it('text: each package block as it comes, then the count', async () => {
    const { root, paths } = await tree();
    const { exitCode, output } = await runValidateAll([root]);
    expect(exitCode).toBe(1);
    const summaries = output.split('\n').filter((l) => / — \d+ error/.test(l));
    expect(summaries.map((l) => l.split(':')[0])).toEqual(paths);
    expect(output.split('\n').at(-1)).toBe('3 paths: 2 valid, 1 invalid, 0 unreadable');
  });

  it('json: one document with every result (a tree is never the bare single object)', async () => {
    const root = await temp();
    const only = await writeOva(pkg('only'), root);
    const { exitCode, output } = await runValidateAll([root], { format: 'json' });
    expect(exitCode).toBe(0);
    expect(JSON.parse(output)).toMatchObject({ valid: true, results: [{ path: only, valid: true }] });
  });

  it('a folder that directly holds a .ovf stays one package (OVF-PKG-001 with two descriptors)', async () => {
    const root = await temp();
    const dir = join(root, 'pkg');
    await writeFolder(pkg('pkg'), dir);
    await writeFile(join(dir, 'other.ovf'), bare);
    await mkdir(join(dir, 'sub'));
    await writeOva(pkg('nested'), join(dir, 'sub')); // inside a package folder: not another package
    const { exitCode, output } = await runValidateAll([dir], { format: 'jsonl' });
    const lines = output.split('\n').map((l) => JSON.parse(l) as { path?: string; findings?: { rule: string }[] });
    expect(lines).toHaveLength(2);
    expect(lines[0]!.path).toBe(dir);
    expect(lines[0]!.findings!.map((f) => f.rule)).toContain('OVF-PKG-001');
    expect(exitCode).toBe(1);
  });

  it('a tree with no package is a read error naming the folder: exit 2', async () => {
    const root = await temp();
    await mkdir(join(root, 'x'));
    await writeFile(join(root, 'x', 'notes.txt'), 'nothing here');
    const text = await runValidateAll([root]);
    expect(text.exitCode).toBe(2);
    expect(text.output).toBe(`error: cannot read ${root}: the folder holds no .ovf descriptor, and no .ova or .ovf is in the folders below it`);
    const log: string[] = [];
    const stdout = out(log, 'out');
    const stderr = out(log, 'err');
    expect(await runValidateCommand([root], {}, { stdout, stderr })).toBe(2);
    expect(stderr.text).toContain(root);
    expect(stdout.text).toBe('');
  });

  it('renders notes in every format (--descriptor-only skips the file checks)', async () => {
    const root = await temp();
    const descriptor = await writeFolder(pkg('pkg'), join(root, 'pkg'));
    await writeFile(join(root, 'pkg', 'disk1.vmdk'), 'truncated'); // a size and digest error, unless skipped
    expect((await runValidateAll([descriptor])).exitCode).toBe(1);
    const text = await runValidateAll([descriptor], { descriptorOnly: true });
    expect(text.exitCode).toBe(0);
    expect(text.output).toMatch(/^note: file checks skipped/m);
    const jsonl = await runValidateAll([descriptor], { descriptorOnly: true, format: 'jsonl' });
    const [line] = jsonl.output.split('\n').map((l) => JSON.parse(l) as { notes?: string[] });
    expect(line!.notes?.[0]).toMatch(/^file checks skipped/);
    const json = JSON.parse((await runValidateAll([descriptor], { descriptorOnly: true, format: 'json' })).output) as { notes?: string[] };
    expect(json.notes).toHaveLength(1);
  });
});

describe('--files-from', () => {
  it('validates the listed paths after the positional ones; blank lines and trailing whitespace ignored', async () => {
    const root = await temp();
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(async (n) => { const p = join(root, `${n}.ovf`); await writeFile(p, bare); return p; }));
    const list = join(root, 'list.txt');
    await writeFile(list, `${b}   \n\n   \n${c}\r\n`);
    const { exitCode, output } = await runValidateAll([a!], { filesFrom: list, format: 'jsonl' });
    expect(exitCode).toBe(0);
    const lines = output.split('\n').map((l) => JSON.parse(l) as { path?: string; summary?: { total: number } });
    expect(lines.map((l) => l.path ?? 'summary')).toEqual([a, b, c, 'summary']);
    expect(lines[3]!.summary!.total).toBe(3);
  });

  it('reads the list from stdin with -', async () => {
    const root = await temp();
    const a = join(root, 'a.ovf');
    await writeFile(a, bare);
    const missing = join(root, 'missing.ova');
    const log: string[] = [];
    const stdout = out(log, 'out');
    const stderr = out(log, 'err');
    const stdin = Readable.from([`${a}\n${missing}\n`]);
    expect(await runValidateCommand([], { filesFrom: '-' }, { stdout, stderr, stdin })).toBe(2);
    expect(linesOf(stdout)).toEqual([`${a}: valid — 0 error(s), 0 warning(s), 0 portability note(s)`, '2 paths: 1 valid, 0 invalid, 1 unreadable']);
    expect(linesOf(stderr)).toEqual([`error: cannot read ${missing}: no such file or directory`]);
  });

  it('a list that cannot be read is a usage error naming it (exit 2), before anything is validated', async () => {
    const root = await temp();
    const missing = join(root, 'nope.txt');
    const validate = vi.fn(validatePath);
    const io = { stdout: out([], 'out'), stderr: out([], 'err'), validate };
    await expect(runValidateCommand([join(root, 'x.ovf')], { filesFrom: missing }, io)).rejects.toThrow(UsageError);
    await expect(runValidateCommand([], { filesFrom: missing }, io)).rejects.toThrow(`cannot read the list of paths ${missing} (--files-from): no such file`);
    await expect(runValidateCommand([], { filesFrom: root }, io)).rejects.toThrow(/it is a folder/);
    expect(validate).not.toHaveBeenCalled();
    const empty = join(root, 'empty.txt');
    await writeFile(empty, '\n\n');
    await expect(runValidateCommand([], { filesFrom: empty }, io)).rejects.toThrow(/no paths to validate/);
    await expect(runValidateCommand([], {}, io)).rejects.toThrow(/give at least one path/);
  });

  it('through the command line: exit 2 and the message on stderr', async () => {
    const missing = join(await temp(), 'list.txt');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      expect(await main(['node', 'cloudconform', 'validate', '--files-from', missing])).toBe(2);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
    expect(written.join('')).toContain(missing);
  });
});

describe('streaming', () => {
  it('writes the first result before the last package is validated', async () => {
    const root = await temp();
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    await mkdir(join(root, 'sub')); // a tree: no descriptor at its top
    for (const n of names) await writeFile(join(root, 'sub', `${n}.ovf`), bare);
    const log: string[] = [];
    const validate = async (path: string, options: object): Promise<ValidationResult> => {
      log.push(`start:${path}`);
      const r = await validatePath(path, options);
      log.push(`done:${path}`);
      return r;
    };
    const stdout = out(log, 'out');
    expect(await runValidateCommand([root], { format: 'jsonl' }, { stdout, stderr: out(log, 'err'), validate })).toBe(0);
    const last = join(root, 'sub', 'p7.ovf');
    const firstWrite = log.findIndex((e) => e.startsWith('out:'));
    expect(firstWrite).toBeGreaterThan(-1);
    expect(firstWrite, log.join('\n')).toBeLessThan(log.indexOf(`start:${last}`));
    expect(linesOf(stdout)).toHaveLength(names.length + 1);
  });

  it('keeps input order when validations finish out of order, with at most WINDOW in flight', async () => {
    const root = await temp();
    const paths = Array.from({ length: 10 }, (_, i) => join(root, `m${i}.ovf`)); // missing: expandTargets leaves them as they are
    const pending = new Map<string, () => void>();
    let inFlight = 0;
    let most = 0;
    const validate = (path: string): Promise<ValidationResult> =>
      new Promise((resolve) => {
        inFlight++;
        most = Math.max(most, inFlight);
        pending.set(path, () => {
          inFlight--;
          resolve({ path, valid: true, findings: [], notes: [] });
        });
      });
    const stdout = out([], 'out');
    const run = runValidateCommand(paths, { format: 'jsonl' }, { stdout, stderr: out([], 'err'), validate });
    const settle = () => new Promise((r) => setTimeout(r, 10));
    // Waits for what the stream does next, bounded (5 s): a loaded machine runs the stream late, not differently.
    const until = async (done: () => boolean) => { for (let i = 0; i < 500 && !done(); i++) await settle(); };
    await until(() => pending.size >= WINDOW);
    await settle();
    expect([...pending.keys()]).toEqual(paths.slice(0, WINDOW));
    for (const p of paths.slice(1, WINDOW).reverse()) pending.get(p)!();
    await settle();
    expect(stdout.text, 'nothing before the first one').toBe('');
    pending.get(paths[0]!)!();
    await until(() => linesOf(stdout).length >= WINDOW);
    expect(linesOf(stdout).map((l) => (JSON.parse(l) as { path: string }).path)).toEqual(paths.slice(0, WINDOW));
    for (const p of paths.slice(WINDOW)) {
      await until(() => pending.has(p));
      pending.get(p)!();
    }
    expect(await run).toBe(0);
    expect(linesOf(stdout).slice(0, -1).map((l) => (JSON.parse(l) as { path: string }).path)).toEqual(paths);
    expect(most).toBeLessThanOrEqual(WINDOW);
  });

  it.skipIf(!hasSharedOvf)('--xsd per batch gives the same verdicts as one batch', async () => {
    const dir = join(sharedOvf, 'corpus/vmware__govmomi/ovf/fixtures/external');
    const paths = (await readdir(dir)).filter((n) => n.endsWith('.ovf')).sort().slice(0, 7).map((n) => join(dir, n));
    const xsd = join(sharedOvf, 'xsd');
    const run = async (xsdBatch: number) => {
      const stdout = out([], 'out');
      const exitCode = await runValidateCommand(paths, { format: 'jsonl', xsd }, { stdout, stderr: out([], 'err'), xsdBatch });
      return { exitCode, lines: linesOf(stdout) };
    };
    const one = await run(200);
    expect(one.lines).toHaveLength(paths.length + 1);
    expect(await run(3)).toEqual(one);
    expect(one.lines.slice(0, -1).every((l) => 'xsd' in (JSON.parse(l) as object))).toBe(true);
  });
});
