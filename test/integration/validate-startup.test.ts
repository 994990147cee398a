// `cloudconform validate` loads only what it needs: none of the other commands' heavy dependencies
// (the harness, the reference provider, the reporters, YAML, JSON Schema), no TAR reader for a bare
// descriptor, and the OVF catalogue from its build-time cache (src/ovf/catalogueCache.ts).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/harness/paths.js';
import { CATALOGUE_PATH, parseCatalogue } from '../../src/ovf/catalogue.js';
import { readCatalogueCache, writeCatalogueCache } from '../../src/ovf/catalogueCache.js';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import { binPath } from './cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-startup-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs the built CLI and lists the packages and own modules it loaded (ESM through a loader hook, CJS from require.cache). */
function loadedBy(args: string[]): { status: number | null; modules: string[] } {
  const hooks = path.join(scratch, 'hooks.mjs');
  fs.writeFileSync(hooks, 'export async function load(url, context, next) { process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }\n');
  const preload = path.join(scratch, 'preload.mjs');
  fs.writeFileSync(preload, [
    "import { register, createRequire } from 'node:module';",
    `register(${JSON.stringify(new URL(`file://${hooks}`).href)});`,
    'const require = createRequire(import.meta.url);',
    "process.on('exit', () => { for (const f of Object.keys(require.cache)) process.stderr.write(`LOADED file://${f}\\n`); });",
  ].join('\n'));
  const r = spawnSync(process.execPath, ['--import', preload, binPath, ...args], { encoding: 'utf8', cwd: packageRoot });
  const modules = [...new Set([...r.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1] as string))]
    .filter((u) => u.startsWith('file://'))
    .map((u) => {
      const p = new URL(u).pathname;
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
      return pkg ? `pkg:${pkg[1]}` : path.relative(packageRoot, p);
    });
  return { status: r.status, modules: [...new Set(modules)].sort() };
}

describe('start-up of validate', () => {
  it('loads neither the other commands\' dependencies nor a TAR reader for a descriptor', () => {
    if (!fs.existsSync(binPath)) throw new Error(`${binPath} is missing: run \`npm run build\` first (npm test does)`);
    const descriptor = path.join(scratch, 'vm.ovf');
    fs.writeFileSync(descriptor, serializeEnvelope(envelopeOf({ version: 2, disks: [{ payload: new Uint8Array(4), capacityMiB: 8 }], networks: ['LAN'], cpus: 1, memoryMiB: 256, name: 'vm', os: '101', products: [] })));
    const { status, modules } = loadedBy(['validate', descriptor, '--format', 'json']);
    expect(status === 0 || status === 1, `exit ${status}`).toBe(true);
    // The bundle (scripts/postbuild.mjs) inlines these; an unbundled build loads them from node_modules.
    const allowed = ['pkg:commander', 'pkg:saxes', 'pkg:xmlchars'];
    expect(modules.filter((m) => m.startsWith('pkg:') && !allowed.includes(m))).toEqual([]);
    // The other commands' own modules, as compiled files (dist/harness/orchestrator.js) or as bundle chunks (dist/cli/bundle-orchestrator-….js).
    expect(modules.filter((m) => /(orchestrator|profileLoader|cleanup|httpClient|server|compareRuns|terminalSummary|embedded|reporters\/)/.test(m))).toEqual([]);
    expect(modules.length).toBeLessThan(60);
  });

  it('still lists every command in --help', () => {
    const r = spawnSync(process.execPath, [binPath, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['run', 'serve', 'catalogue', 'validate', 'cleanup', 'selfcheck', 'compare']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });
});

describe('the catalogue cache', () => {
  const source = fs.readFileSync(CATALOGUE_PATH, 'utf8');
  const file = path.join(scratch, 'requirements.cache.json');

  it('gives back exactly what parsing gives', () => {
    writeCatalogueCache(file, source, parseCatalogue(source));
    expect(readCatalogueCache(file, source)).toEqual(parseCatalogue(source));
  });

  it('is ignored once the catalogue has changed, and when it is missing or broken', () => {
    writeCatalogueCache(file, source, parseCatalogue(source));
    expect(readCatalogueCache(file, `${source}\n# edited\n`)).toBeUndefined();
    expect(readCatalogueCache(path.join(scratch, 'absent.json'), source)).toBeUndefined();
    fs.writeFileSync(file, '{"source": ');
    expect(readCatalogueCache(file, source)).toBeUndefined();
  });

  it('is written by the build next to the compiled catalogue', () => {
    const built = path.join(packageRoot, 'dist/ovf/requirements.cache.json');
    if (!fs.existsSync(built)) return; // `tsc` alone (as npm test runs it) leaves it to `npm run build`
    const cached = readCatalogueCache(built, source);
    // A build older than the catalogue is simply not used; a current one must match.
    if (cached) expect(cached).toEqual(parseCatalogue(source));
  });
});
