// Runs after `tsc -p tsconfig.build.json` (npm run build, and npm ci through prepare):
//
// 1. Bundles the CLI: dist/cli/bin.js becomes one ESM entry with the commands, commander and saxes inlined,
//    and every module that a command loads on use split into its own chunk beside it (dist/cli/bundle-*.js).
//    Node then starts `cloudconform validate` from a few files instead of ~60 modules, and skips the CommonJS
//    loader for commander and saxes: about 0.1 s of CPU per start on this project's machine (bench/results.md).
//    The other packages stay external, loaded from node_modules when a command needs them. Chunks stay two
//    levels below the package root, as the modules' `new URL('../..', import.meta.url)` paths expect.
// 2. Caches the parsed OVF rule catalogue next to the modules that read it (src/ovf/catalogueCache.ts), so
//    that validate starts without the YAML parser. A catalogue that does not parse is left to fail at run
//    time with the message it has always had, rather than failing the build.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const INLINED = new Set(['commander', 'saxes']);
const cliDir = path.join(root, 'dist/cli');

for (const f of readdirSync(cliDir)) if (/^bundle-.*\.js(\.map)?$/.test(f)) rmSync(path.join(cliDir, f));
await build({
  entryPoints: [path.join(root, 'src/cli/bin.ts')],
  outdir: cliDir,
  entryNames: '[name]',
  chunkNames: 'bundle-[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !INLINED.has(name)),
  // commander is CommonJS and requires Node's built-ins: give the ESM chunks a `require` to do it with.
  banner: { js: "import { createRequire as __ccCreateRequire } from 'node:module'; const require = __ccCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

const { CATALOGUE_PATH, parseCatalogue } = await import('../dist/ovf/catalogue.js');
const { writeCatalogueCache } = await import('../dist/ovf/catalogueCache.js');
// dist/ovf/ for the compiled modules, dist/cli/ for the bundle (its chunks resolve `./requirements.cache.json` there).
const caches = ['dist/ovf', 'dist/cli'].map((d) => path.join(root, d, 'requirements.cache.json'));
for (const c of caches) rmSync(c, { force: true });
try {
  const source = readFileSync(CATALOGUE_PATH, 'utf8');
  const rules = parseCatalogue(source);
  for (const c of caches) writeCatalogueCache(c, source, rules);
} catch (err) {
  process.stderr.write(`note: the OVF catalogue is not cached (${err.message}); validate will parse it at start-up\n`);
}
