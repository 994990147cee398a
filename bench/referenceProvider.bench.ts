// Reference provider throughput under a bounded list/get/create/delete mix on loopback, against a
// bare node:http server answering the same requests with a fixed body. Report the ratio; aim ≥ 0.5×.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../src/harness/paths.js';
import { interleave, round } from './stats.js';
import type { BenchResult } from './result.js';

const REQUESTS = 4_000;
const CONCURRENCY = 16;
const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

async function startServer(kind: 'reference' | 'bare'): Promise<{ cepUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot, 'bench/serveForBench.ts'), kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const cepUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
  return { cepUrl, child };
}

interface Targets {
  machines: string;
  createBody: string;
}

async function discover(cepUrl: string): Promise<Targets> {
  const get = async (u: string) => (await (await fetch(u, { headers: JSON_HEADERS })).json()) as Record<string, { href: string } & unknown>;
  const cep = await get(cepUrl);
  if (!cep['machines']) return { machines: cepUrl, createBody: '{}' };
  const abs = (h: string) => new URL(h, cepUrl).toString();
  const first = async (attr: string) => ((await get(abs(cep[attr]!.href))) as unknown as Record<string, { id: string }[]>)[attr]![0]!.id;
  const body = { name: 'bench', machineTemplate: { machineConfig: { href: await first('machineConfigs') }, machineImage: { href: await first('machineImages') } } };
  return { machines: abs(cep['machines'].href), createBody: JSON.stringify(body) };
}

/** REQUESTS requests from CONCURRENCY loops: 40% get, 30% list, 15% create, 15% delete of a created one. */
async function load(t: Targets): Promise<number> {
  const created: string[] = [];
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < REQUESTS) {
      const n = issued++;
      const slot = n % 20;
      let res: Response;
      if (slot < 3) {
        res = await fetch(t.machines, { method: 'POST', headers: JSON_HEADERS, body: t.createBody });
        const loc = res.headers.get('location');
        if (loc) created.push(new URL(loc, t.machines).toString());
      } else if (slot < 6 && created.length) {
        res = await fetch(created.pop()!, { method: 'DELETE', headers: JSON_HEADERS });
      } else if (slot < 12) {
        res = await fetch(t.machines, { headers: JSON_HEADERS });
      } else {
        res = await fetch(created.at(-1) ?? t.machines, { headers: JSON_HEADERS });
      }
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`${res.status} from the server under load`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return REQUESTS / ((performance.now() - started) / 1000);
}

export async function benchReferenceProvider(repeats = 5): Promise<BenchResult> {
  const ref = await startServer('reference');
  const bare = await startServer('bare');
  try {
    const [refTargets, bareTargets] = [await discover(ref.cepUrl), { machines: bare.cepUrl, createBody: '{}' }];
    await load(refTargets);
    await load(bareTargets);
    const [subject, baseline] = await interleave(repeats, () => load(refTargets), () => load(bareTargets));
    const ratio = round(subject.median / baseline.median, 3);
    return {
      name: 'reference provider: list/get/create/delete mix',
      unit: `requests/s (${REQUESTS} requests, ${CONCURRENCY} concurrent)`,
      subject,
      baseline: { name: 'bare node:http, fixed body', stats: baseline },
      ratio,
      ratioMeaning: 'throughput(reference) / throughput(bare)',
      target: 'report; aim ≥ 0.5×',
      met: ratio >= 0.5,
      notes: [],
    };
  } finally {
    ref.child.kill();
    bare.child.kill();
  }
}
