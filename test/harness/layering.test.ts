// Layers point one way: cli → portability → dialects (cimi, vcloud) → harness → reporters → model,
// with ovf and catalogue at the bottom. Dialects never import each other, and the harness names no
// dialect: it runs whatever the CLI hands it. The reference provider is a separate program: it may use
// the OVF library but never the harness, a dialect or the CLI.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/harness/paths.js';

const DIALECTS = ['cimi', 'vcloud'];
const FORBIDDEN: Record<string, string[]> = {
  catalogue: ['cli', 'harness', 'reference', 'reporters', 'ovf', 'portability', 'model', ...DIALECTS],
  model: ['cli', 'harness', 'reference', 'reporters', 'ovf', 'portability', ...DIALECTS],
  ovf: ['cli', 'harness', 'reference', 'reporters', 'portability', ...DIALECTS],
  reference: ['cli', 'harness', 'reporters', 'portability', ...DIALECTS],
  reporters: ['cli', 'harness', 'reference', 'portability', ...DIALECTS],
  harness: ['cli', 'reference', 'portability', ...DIALECTS],
  cimi: ['cli', 'reference', 'portability', 'vcloud'],
  vcloud: ['cli', 'reference', 'portability', 'cimi'],
  portability: ['cli', 'reference'],
};

function imports(dir: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return; // a layer not written yet imports nothing
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
          out.push({ file: path.relative(packageRoot, p), target: path.relative(path.join(packageRoot, 'src'), path.resolve(path.dirname(p), m[1]!)) });
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe('layering of src/', () => {
  it.each(Object.entries(FORBIDDEN))('src/%s imports none of the layers above it', (layer, forbidden) => {
    const bad = imports(path.join(packageRoot, 'src', layer)).filter((i) => forbidden.includes(i.target.split(path.sep)[0]!));
    expect(bad.map((b) => `${b.file} → src/${b.target}`)).toEqual([]);
  });
});

describe('src/harness is dialect-neutral', () => {
  it('names no API family: no CIMI or vCloud word in its code or comments', () => {
    const dir = path.join(packageRoot, 'src', 'harness');
    const hits = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').map((line, i) => ({ where: `src/harness/${f}:${i + 1}`, line })))
      .filter(({ line }) => /cimi|vcloud|vcd\b|dsp0263/i.test(line))
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(hits).toEqual([]);
  });
});
