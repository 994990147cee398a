// Streaming: validating a large generated OVA keeps memory flat. Vitest's forks pool runs this file
// in its own child process, so RSS here is the validator's. OVF_BIG_OVA_BYTES=4294967296 runs the
// 4 GiB check (several minutes; see the npm script suggested in the report).
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { writeBigOva } from '../../src/ovf/generators/bigOva.js';
import { validatePath } from '../../src/ovf/validate.js';
import { tempDir } from './sharedOvf.js';

const MiB = 1024 * 1024;
const bytes = Number(process.env.OVF_BIG_OVA_BYTES ?? 256 * MiB);
/** Allowed RSS growth while validating, whatever the OVA size. */
const BUDGET = 96 * MiB;

describe('streaming OVA validation', () => {
  it(`validates a ${Math.round(bytes / MiB)} MiB OVA with bounded memory`, async () => {
    const dir = await tempDir('ovf-big-');
    try {
      const path = await writeBigOva(dir, bytes);
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
      const started = Date.now();
      const result = await validatePath(path);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const growth = peak - before;
      console.log(`streaming: ${Math.round(bytes / MiB)} MiB OVA validated in ${Date.now() - started} ms; RSS ${Math.round(before / MiB)} → peak ${Math.round(peak / MiB)} MiB (growth ${Math.round(growth / MiB)} MiB)`);
      expect(result.findings).toEqual([]);
      expect(growth).toBeLessThan(BUDGET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
