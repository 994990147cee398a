// Layers point one way: cli → portability → harness → (suites, reporters) → ovf, catalogue. The
// reference provider is a separate program: it may use the OVF library but never the harness or the CLI.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/harness/paths.js';

const FORBIDDEN: Record<string, string[]> = {
  catalogue: ['cli', 'harness', 'reference', 'reporters', 'ovf', 'portability'],
  ovf: ['cli', 'harness', 'reference', 'reporters', 'portability'],
  reference: ['cli', 'harness', 'reporters', 'portability'],
  reporters: ['cli', 'reference', 'portability'],
  harness: ['cli', 'reference', 'portability'],
  portability: ['cli', 'reference'],
};

function imports(dir: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  const walk = (d: string) => {
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
