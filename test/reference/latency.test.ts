// The reference's added latency (`serve --latency-ms`, reference.latencyMs): every answer, error
// answers included, comes no sooner than latencyMs after its request, as from a distant cloud.

import { describe, expect, it } from 'vitest';
import { startReferenceProvider } from '../../src/reference/server.js';
import { call, useProvider } from './helpers.js';

const LATENCY_MS = 150;
const ctx = useProvider({ transitionMs: 0, latencyMs: LATENCY_MS });

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const r = await call('GET', url);
  return { status: r.status, ms: performance.now() - t };
}

describe('latencyMs', () => {
  it('delays every answer, a 404 as much as a 200', async () => {
    const ok = await timed(ctx.p.cepUrl);
    const missing = await timed(ctx.url('machines/no-such-machine'));
    expect(ok.status).toBe(200);
    expect(missing.status).toBe(404);
    // Timers may fire a millisecond early; never a whole latency early.
    expect(ok.ms).toBeGreaterThanOrEqual(LATENCY_MS - 2);
    expect(missing.ms).toBeGreaterThanOrEqual(LATENCY_MS - 2);
  });

  it('refuses a negative or absurd latency, naming the option', async () => {
    await expect(startReferenceProvider({ latencyMs: -1 })).rejects.toThrow('reference provider: latencyMs -1 must be 0..60000');
    await expect(startReferenceProvider({ latencyMs: 600_000 })).rejects.toThrow('latencyMs 600000 must be 0..60000');
  });
});
