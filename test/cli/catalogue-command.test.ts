// `cloudconform catalogue`: the OVF table says what each level was checked against.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

afterEach(() => vi.restoreAllMocks());

async function stdoutOf(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { chunks.push(String(s)); return true; });
  const code = await main(['node', 'cloudconform', ...args]);
  return { code, out: chunks.join('') };
}

describe('cloudconform catalogue', () => {
  it('prints the OVF rules with the version and clause each level was checked against', async () => {
    const { code, out } = await stdoutOf(['catalogue', '--suite', 'ovf']);
    expect(code).toBe(0);
    expect(out).toMatch(/\| checked against \|/);
    expect(out).toMatch(/^\| OVF-REF-003 \| MUST \| DSP0243 \| §7\.1 \|.*DSP0243 1\.0\.0 §7\.1 l\.489.* \|$/m);
  });

  it('keeps the CIMI table without that column', async () => {
    const { out } = await stdoutOf(['catalogue', '--suite', 'cimi']);
    expect(out).not.toMatch(/checked against/);
    expect(out).toMatch(/^\| CIMI-Q-004 \|/m);
  });
});
