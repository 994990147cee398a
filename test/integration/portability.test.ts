// `cloudconform portability` end to end: the built CLI moves a workload between two reference providers
// this test starts on 127.0.0.1 (each with its own quirks) and must find exactly the expected findings,
// leaving nothing behind on either; two embedded providers with --back are PORTABLE; an unreachable --to
// stops before anything is created; a Ctrl-C still cleans both providers up.

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAnyResults } from '../../src/cli/compareRuns.js';
import { generatedWorkload } from '../../src/portability/workload.js';
import { portabilitySchemaErrors } from '../../src/reporters/portabilityJson.js';
import type { PortabilityRunResults } from '../../src/reporters/portabilityResults.js';
import { type ReferenceProvider, startReferenceProvider } from '../../src/reference/server.js';
import { cli, runDir, scratch, writeProfile } from './cli.js';
import { CASES, CROSS_CASES } from './portabilityCases.js';
import { Ledger, outstanding } from '../../src/harness/ledger.js';
import type { Profile } from '../../src/harness/profile.js';
import { vcloudClient } from '../../src/vcloud/session.js';
import { path as xmlPath } from '../../src/vcloud/xml.js';

const root = scratch('portability');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** What the run could leave behind on a provider. */
const COLLECTIONS = ['systemTemplates', 'machineTemplates', 'machineConfigs', 'machines'];
async function inventory(p: ReferenceProvider): Promise<Record<string, number>> {
  const counts = await Promise.all(COLLECTIONS.map(async (c) => ((await (await fetch(`${p.baseUrl}${c}`, { headers: { accept: 'application/json' } })).json()) as { count: number }).count));
  return Object.fromEntries(COLLECTIONS.map((c, i) => [c, counts[i]!]));
}

const profileFor = (dir: string, name: string, endpoint: string): string =>
  writeProfile(dir, `${name}.yaml`, [`name: ${name}`, `endpoint: ${endpoint}`, 'limits:', '  stateTimeoutMs: 10000', ''].join('\n'));

function results(reports: string): { results: PortabilityRunResults; dir: string } {
  const dir = runDir(reports);
  return { results: JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as PortabilityRunResults, dir };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const VCD_USER = 'porter@acme';
const VCD_PASSWORD = 'p0rt-Pa55';

/** The vApps and templates in the vCloud provider's vDC (what the run could leave behind there). */
async function vcloudInventory(p: ReferenceProvider): Promise<number> {
  const profile = { auth: { type: 'basic', username: VCD_USER, password: VCD_PASSWORD }, secrets: [VCD_PASSWORD], limits: { requestTimeoutMs: 10_000 } } as unknown as Profile;
  const client = vcloudClient(profile, new URL('/api/', p.baseUrl).href, '5.1', 20);
  try {
    return xmlPath(await client.vdc(), 'ResourceEntities', 'ResourceEntity').length;
  } finally {
    await client.logout();
  }
}

const vcloudProfileFor = (dir: string, name: string, p: ReferenceProvider): string =>
  writeProfile(dir, `${name}.yaml`, [
    `name: ${name}`, `endpoint: ${new URL('/api/', p.baseUrl).href}`, 'spec:', '  name: vcloud', '  version: discover', 'formats: [xml]',
    'auth:', '  type: basic', `  username: ${VCD_USER}`, '  password: ${CC_PORT_VCD_PASSWORD}', 'limits:', '  stateTimeoutMs: 10000', '',
  ].join('\n'));

describe('cloudconform portability between CIMI and vCloud providers', () => {
  it.each(CROSS_CASES.map((c) => [c.title, c] as const))('%s', async (title, c) => {
    const dir = fs.mkdtempSync(path.join(root, 'cross-'));
    const a = await startReferenceProvider({ transitionMs: 20, vcloud: { username: VCD_USER, password: VCD_PASSWORD } });
    const b = await startReferenceProvider({ transitionMs: 20, vcloud: { username: VCD_USER, password: VCD_PASSWORD } });
    const held = async (p: ReferenceProvider, api: 'cimi' | 'vcloud') => (api === 'cimi' ? await inventory(p) : await vcloudInventory(p));
    try {
      const before = [await held(a, c.from), await held(b, c.to)];
      const reports = path.join(dir, 'reports');
      const profile = (api: 'cimi' | 'vcloud', name: string, p: ReferenceProvider) => (api === 'cimi' ? profileFor(dir, name, p.cepUrl) : vcloudProfileFor(dir, name, p));
      const res = await cli(['portability', '--from', profile(c.from, 'alpha', a), '--to', profile(c.to, 'beta', b), '--reports', reports, ...(c.back ? ['--back'] : [])], { env: { CC_PORT_VCD_PASSWORD: VCD_PASSWORD } });
      const { results: r, dir: run } = results(reports);
      expect(r.findings.map(({ field, step, leg, severity }) => ({ field, step, leg, severity })), `${title}: ${res.stdout}${res.stderr}`).toEqual(c.findings);
      expect(r.verdict).toBe(c.verdict);
      expect(res.code).toBe(c.verdict === 'PORTABLE' ? 0 : 1);
      expect(portabilitySchemaErrors(r)).toEqual([]);
      expect(r.steps.every((s) => s.status === 'done'), JSON.stringify(r.steps)).toBe(true);
      expect(r.compared.filter((f) => f.leg === 'there').length).toBeGreaterThan(10);
      expect([r.from.suite, r.to.suite]).toEqual([c.from, c.to]);
      expect(fs.readFileSync(path.join(run, 'summary.md'), 'utf8')).toContain(c.to === 'vcloud' ? 'vCloud API 5.1' : 'CIMI 2.0');
      // Everything created on both sides is deleted: nothing outstanding in the one ledger, nothing left on either.
      const entries = Ledger.read(path.join(run, 'ledger.jsonl'));
      expect(new Set(entries.map((e) => e.endpoint)).size).toBe(2);
      expect(outstanding(entries)).toEqual([]);
      expect(r.cleanup.leftovers).toEqual([]);
      expect(r.cleanup.created).toBe(r.cleanup.deleted);
      expect([await held(a, c.from), await held(b, c.to)], 'nothing left on either provider').toEqual(before);
      // The vCloud password goes to the vCloud provider only, and is written nowhere.
      const written = (fs.readdirSync(run) as string[]).map((f) => fs.readFileSync(path.join(run, f), 'utf8'));
      for (const text of [res.stdout, res.stderr, ...written]) expect(text).not.toContain(VCD_PASSWORD);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('cloudconform portability between two embedded providers of two APIs', () => {
  it('CIMI → vCloud and back, each embedded (the vCloud one with its one-time login): the cross case\'s findings, nothing outstanding', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'embedded-cross-'));
    const reports = path.join(dir, 'reports');
    const vcloud = writeProfile(dir, 'beta.yaml', ['name: beta', 'endpoint: embedded', 'spec:', '  name: vcloud', 'formats: [xml]', 'limits:', '  stateTimeoutMs: 10000', 'reference:', '  transitionMs: 20', ''].join('\n'));
    const res = await cli(['portability', '--from', profileFor(dir, 'alpha', 'embedded'), '--to', vcloud, '--back', '--reports', reports]);
    const { results: r, dir: run } = results(reports);
    const expected = CROSS_CASES.find((c) => c.from === 'cimi' && c.to === 'vcloud' && c.back)!;
    expect(r.findings.map(({ field, step, leg, severity }) => ({ field, step, leg, severity })), res.stdout + res.stderr).toEqual(expected.findings);
    expect(res.stdout).toContain('(CIMI 2.0) → embedded reference provider (vCloud API 5.1)');
    expect(outstanding(Ledger.read(path.join(run, 'ledger.jsonl')))).toEqual([]);
    expect(r.cleanup.leftovers).toEqual([]);
  });
});

describe('cloudconform portability between two reference providers', () => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s', async (title, c) => {
    const dir = fs.mkdtempSync(path.join(root, 'case-'));
    const a = await startReferenceProvider({ quirks: c.quirks.from ?? [], transitionMs: 20 });
    const b = await startReferenceProvider({ quirks: c.quirks.to ?? [], transitionMs: 20 });
    try {
      const before = [await inventory(a), await inventory(b)];
      const reports = path.join(dir, 'reports');
      const res = await cli(['portability', '--from', profileFor(dir, 'alpha', a.cepUrl), '--to', profileFor(dir, 'beta', b.cepUrl), '--reports', reports, ...(c.back ? ['--back'] : [])]);
      const { results: r } = results(reports);
      expect(r.findings.map(({ field, step, leg, severity }) => ({ field, step, leg, severity })), `${title}: ${res.stdout}`).toEqual(c.findings);
      expect(r.verdict).toBe(c.verdict);
      expect(res.code).toBe(c.verdict === 'PORTABLE' ? 0 : 1);
      expect(res.stdout).toContain(`Verdict: ${c.verdict}`);
      expect(portabilitySchemaErrors(r)).toEqual([]);
      expect(r.cleanup.leftovers).toEqual([]);
      expect([await inventory(a), await inventory(b)], 'nothing left on either provider').toEqual(before);
      if (c.back) expect(r.compared.filter((f) => f.leg === 'back').length).toBeGreaterThan(10);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two embedded providers, there and back: PORTABLE, every step with its package digest, a report compare reads', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'embedded-'));
    const reports = path.join(dir, 'reports');
    const res = await cli(['portability', '--from', profileFor(dir, 'alpha', 'embedded'), '--to', profileFor(dir, 'beta', 'embedded'), '--back', '--reports', reports]);
    expect(res.code, res.stderr).toBe(0);
    const { results: r, dir: run } = results(reports);
    expect(r.verdict).toBe('PORTABLE');
    expect(r.findings).toEqual([]);
    expect(r.steps.map((s) => `${s.leg} ${s.name} ${s.side} ${s.status}`)).toEqual([
      'there onboard from done', 'there instantiate from done', 'there export from done', 'there validation from done', 'there import to done', 'there instantiate to done',
      'back export to done', 'back validation to done', 'back import from done', 'back instantiate from done', 'back describe from done',
    ]);
    expect(r.steps.find((s) => s.name === 'onboard')?.digest).toBe(r.package.digest);
    const exported = r.steps.filter((s) => s.leg === 'there' && ['export', 'validation', 'import'].includes(s.name)).map((s) => s.digest);
    expect(new Set(exported).size, 'the package validated and imported is the one exported').toBe(1);
    expect(r.compared.every((f) => f.same)).toBe(true);
    expect(r.cleanup).toEqual({ created: 12, deleted: 12, leftovers: [] });
    expect(fs.readdirSync(run).sort()).toEqual(['badge.svg', 'index.html', 'junit.xml', 'ledger.jsonl', 'results.json', 'summary.md']);
    expect(fs.readFileSync(path.join(run, 'junit.xml'), 'utf8')).toMatch(/<testsuites name="cloudconform portability: alpha → beta" tests="\d+" failures="0" errors="0"/);
    expect(readAnyResults(run).kind).toBe('portability');
  });

  it('--package moves the OVA given; one the validator refuses stops with exit 2 before anything is created', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'package-'));
    const a = await startReferenceProvider({ transitionMs: 20 });
    const b = await startReferenceProvider({ transitionMs: 20 });
    try {
      const before = [await inventory(a), await inventory(b)];
      const given = path.join(dir, 'app.ova');
      fs.writeFileSync(given, (await generatedWorkload()).bytes);
      const broken = path.join(dir, 'broken.ova');
      fs.writeFileSync(broken, 'not a tar archive');
      const args = (pkg: string, reports: string) => ['portability', '--from', profileFor(dir, 'alpha', a.cepUrl), '--to', profileFor(dir, 'beta', b.cepUrl), '--package', pkg, '--reports', reports];
      const refused = await cli(args(broken, path.join(dir, 'refused')));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--package ${broken}: not an OVA the validator can read`);
      expect(fs.existsSync(path.join(dir, 'refused'))).toBe(false);
      const res = await cli(args(given, path.join(dir, 'reports')));
      expect(res.code, res.stdout).toBe(0);
      const { results: r } = results(path.join(dir, 'reports'));
      expect(r.package).toMatchObject({ source: 'file', name: 'app.ova' });
      expect(r.steps[0]).toMatchObject({ name: 'onboard', digest: r.package.digest });
      expect([await inventory(a), await inventory(b)]).toEqual(before);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an unreachable --to stops with exit 2 and a message naming it, before anything is created on --from', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'unreachable-'));
    const a = await startReferenceProvider({ transitionMs: 20 });
    try {
      const before = await inventory(a);
      const to = profileFor(dir, 'nowhere', `http://127.0.0.1:${await closedPort()}/cimi/cloudEntryPoint`);
      const reports = path.join(dir, 'reports');
      const res = await cli(['portability', '--from', profileFor(dir, 'alpha', a.cepUrl), '--to', to, '--reports', reports]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(`--to ${to}: profile 'nowhere' endpoint: endpoint unreachable`);
      expect(fs.existsSync(reports), 'no run folder').toBe(false);
      expect(await inventory(a)).toEqual(before);
    } finally {
      await a.close();
    }
  });

  it('a Ctrl-C while the target boots still deletes everything on both providers', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'sigint-'));
    // Each transition lasts 1 s, so the interrupt lands while the run waits for the target's Machine.
    const a = await startReferenceProvider({ transitionMs: 1000 });
    const b = await startReferenceProvider({ transitionMs: 1000 });
    try {
      const before = [await inventory(a), await inventory(b)];
      const reports = path.join(dir, 'reports');
      const res = await cli(['portability', '--from', profileFor(dir, 'alpha', a.cepUrl), '--to', profileFor(dir, 'beta', b.cepUrl), '--reports', reports], {
        interruptWhen: (stderr) => stderr.includes("instantiate on 'beta'"),
      });
      expect(res.code, res.stderr).toBe(2);
      const { results: r } = results(reports);
      expect(r.verdict).toBe('ERROR');
      expect(r.harnessErrors.join()).toMatch(/interrupted/);
      expect(r.cleanup.leftovers).toEqual([]);
      expect(r.cleanup.created).toBe(r.cleanup.deleted);
      expect([await inventory(a), await inventory(b)]).toEqual(before);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
