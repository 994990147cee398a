// `cloudconform cleanup` replays the ledger of an interrupted run: what it lists is deleted, running
// machines are stopped first, and a resource nobody confirmed is found by its name.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceProvider, type ReferenceProvider } from '../../src/reference/server.js';
import { Ledger, outstanding } from '../../src/harness/ledger.js';
import { cli, scratch, writeProfile } from './cli.js';

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

describe('cloudconform cleanup', () => {
  const dir = scratch('cleanup');
  let provider: ReferenceProvider;
  beforeAll(async () => {
    provider = await startReferenceProvider({ transitionMs: 0 });
  });
  afterAll(async () => {
    await provider.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function createMachine(name: string, initialState: string): Promise<string> {
    const get = async (u: string) => (await (await fetch(u, { headers: JSON_HEADERS })).json()) as Record<string, unknown>;
    const cep = await get(provider.cepUrl);
    const first = async (attr: string) => ((await get((cep[attr] as { href: string }).href))[attr] as { id: string }[])[0]!.id;
    const body = { name, machineTemplate: { machineConfig: { href: await first('machineConfigs') }, machineImage: { href: await first('machineImages') }, initialState } };
    const res = await fetch((cep['machines'] as { href: string }).href, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
    expect(res.status).toBeLessThan(300);
    return new URL(res.headers.get('location')!, provider.baseUrl).toString();
  }

  it('deletes what the ledger lists, stopping running machines, and finds unconfirmed ones by name', async () => {
    const stopped = await createMachine('cc-left-1', 'STOPPED');
    const started = await createMachine('cc-left-2', 'STARTED');
    await createMachine('cc-left-3', 'STOPPED'); // created, but the run died before recording where
    const runDir = path.join(dir, 'reports', '20260101T000000Z-abcdef');
    fs.mkdirSync(runDir, { recursive: true });
    const ledger = new Ledger(path.join(runDir, 'ledger.jsonl'), 100);
    for (const [name, url] of [['cc-left-1', stopped], ['cc-left-2', started]] as const) {
      ledger.intent('machines', name);
      ledger.created('machines', url, name);
    }
    ledger.intent('machines', 'cc-left-3');
    const profile = writeProfile(dir, 'remote.yaml', `name: remote\nendpoint: ${provider.cepUrl}\nformats: [json]\n`);

    const res = await cli(['cleanup', ledger.file, '--profile', profile]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('deleted 3; leftovers 0');
    for (const url of [stopped, started]) expect((await fetch(url, { headers: JSON_HEADERS })).status).toBe(404);
    const machines = (await (await fetch(`${provider.baseUrl}machines`, { headers: JSON_HEADERS })).json()) as { machines?: { name: string }[] };
    expect((machines.machines ?? []).map((m) => m.name)).not.toContain('cc-left-3');
    expect(outstanding(Ledger.read(ledger.file))).toEqual([]);
  });

  it('refuses an embedded profile and a missing ledger with exit 2', async () => {
    const embedded = writeProfile(dir, 'embedded.yaml', 'name: e\nendpoint: embedded\n');
    expect((await cli(['cleanup', path.join(dir, 'nope.jsonl'), '--profile', embedded])).code).toBe(2);
    const ledgerFile = path.join(dir, 'empty.jsonl');
    fs.writeFileSync(ledgerFile, '');
    const res = await cli(['cleanup', ledgerFile, '--profile', embedded]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/embedded provider keeps nothing/);
  });
});
