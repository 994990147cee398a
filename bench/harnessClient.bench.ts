// Harness client overhead: 2,000 GETs of one machine on the loopback reference provider through
// HttpClient (recording, redaction, curl lines) versus raw fetch doing the same. Target ≤ 1.15×.

import { startReferenceProvider } from '../src/reference/server.js';
import { HttpClient } from '../src/harness/httpClient.js';
import { interleave, round, timed } from './stats.js';
import type { BenchResult } from './result.js';

const GETS = 2_000;

export async function benchHarnessClient(repeats = 11): Promise<BenchResult> {
  const provider = await startReferenceProvider({ transitionMs: 0 });
  try {
    const cep = (await (await fetch(provider.cepUrl, { headers: { accept: 'application/json' } })).json()) as { machineConfigs: { href: string } };
    const configs = (await (await fetch(new URL(cep.machineConfigs.href, provider.baseUrl), { headers: { accept: 'application/json' } })).json()) as { machineConfigs: { id: string }[] };
    const url = new URL(configs.machineConfigs[0]!.id, provider.baseUrl).toString();
    const headers = { accept: 'application/json' };
    const viaHarness = () =>
      timed(async () => {
        // A fresh client per batch, as a check gets; its transcript grows to 2,000 exchanges.
        const client = new HttpClient({ auth: { type: 'none' }, secrets: [], timeoutMs: 10_000, maxRequests: GETS });
        for (let i = 0; i < GETS; i++) await client.request('GET', url, { headers });
        client.transcript(); // the evidence a check hands to the report, curl lines included
      });
    const viaFetch = () =>
      timed(async () => {
        for (let i = 0; i < GETS; i++) await (await fetch(url, { headers })).text();
      });
    await viaFetch(); // warm both paths (JIT, keep-alive sockets)
    await viaHarness();
    const [subject, baseline] = await interleave(repeats, viaHarness, viaFetch);
    const ratio = round(subject.median / baseline.median, 3);
    return {
      name: 'harness client: 2,000 GETs on loopback',
      unit: `ms per ${GETS} GETs`,
      subject,
      baseline: { name: 'raw fetch', stats: baseline },
      ratio,
      ratioMeaning: 'time(harness) / time(fetch)',
      target: '≤ 1.15×',
      met: ratio <= 1.15,
      notes: [],
    };
  } finally {
    await provider.close();
  }
}
