// `cloudconform run --profile my-vcloud.yaml` against an external vCloud endpoint (`cloudconform serve`
// in its own process, with its own login): the profile names the API root and `user@org` with the
// password from the environment; the run logs in, uploads, instantiates, deletes, and leaves nothing
// behind, and the password and the session tokens appear nowhere in what it writes.

import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, runDir, scratch, writeProfile, type CliResult } from './cli.js';
import { serveReference } from './serveProcess.js';
import { Ledger, outstanding } from '../../src/harness/ledger.js';
import type { RunResults } from '../../src/model/run.js';

const PASSWORD = 'vcd-Pa55-word';
const CHECKED = ['VCD-001', 'VCD-009', 'VCD-013', 'VCD-017', 'VCD-038', 'VCD-053', 'VCD-065', 'VCD-085'];

describe('a vCloud profile against an external endpoint', () => {
  const root = scratch('external-vcloud');
  const reports = path.join(root, 'reports');
  let server: ChildProcess | undefined;
  let run: CliResult;
  let results: RunResults;
  let dir: string;

  beforeAll(async () => {
    const served = await serveReference(['--vcloud-user', 'tester@acme', '--vcloud-password-env', 'CC_VCD_PASSWORD', '--transition-ms', '50'], { CC_VCD_PASSWORD: PASSWORD });
    server = served.child;
    const profile = writeProfile(root, 'my-vcloud.yaml', [
      'name: my-vcloud', `endpoint: ${served.vcloudRoot}`, 'spec:', '  name: vcloud', '  version: discover', 'formats: [xml]',
      'auth:', '  type: basic', '  username: tester@acme', '  password: ${CC_VCD_PASSWORD}', '',
    ].join('\n'));
    run = await cli(['run', '--no-progress', '--profile', profile, '--reports', reports, '--requirement', ...CHECKED], { env: { CC_VCD_PASSWORD: PASSWORD }, timeoutMs: 180_000 });
    dir = runDir(reports);
    results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
  }, 200_000);
  afterAll(() => {
    server?.kill('SIGINT');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('judges the selected requirements and passes them', () => {
    expect(results.suite).toBe('vcloud');
    expect(results.profile.specVersion).toBe('5.1');
    expect(Object.fromEntries(results.requirements.filter((r) => CHECKED.includes(r.id)).map((r) => [r.id, r.outcome]))).toEqual(Object.fromEntries(CHECKED.map((id) => [id, 'PASS'])));
    expect(results.verdict).toBe('PARTIAL');
    expect(run.stdout).toContain('vCloud API 5.1');
  });

  it('deletes everything it created on the provider', () => {
    const entries = Ledger.read(path.join(dir, 'ledger.jsonl'));
    expect(entries.some((e) => e.kind === 'created' && e.resourceType === 'VApp')).toBe(true);
    expect(outstanding(entries)).toEqual([]);
    expect(results.cleanup.leftovers).toEqual([]);
  });

  it('writes neither the password nor a session token anywhere', () => {
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
    const texts = [run.stdout, run.stderr, ...files.map((f) => fs.readFileSync(f, 'utf8'))];
    const basic = Buffer.from(`tester@acme:${PASSWORD}`).toString('base64');
    for (const t of texts) {
      expect(t).not.toContain(PASSWORD);
      expect(t).not.toContain(basic);
    }
    const tokens = [...fs.readFileSync(path.join(dir, 'results.json'), 'utf8').matchAll(/x-vcloud-authorization"?:\s*"([^"]*)"/gi)].map((m) => m[1]);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t === '«redacted»'), tokens.join(', ')).toBe(true);
  });
});
