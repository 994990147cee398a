// Bad input gets a clear message naming what and where, exit 2, and no report folder left behind.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch, writeProfile } from './cli.js';

const dir = scratch('bad-input');
const reports = `${dir}/reports`;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const profile = (name: string, body: string) => writeProfile(dir, name, body);

describe('profile errors exit 2 and name the file, line and field', () => {
  const cases: [string, string, RegExp][] = [
    ['missing-endpoint.yaml', 'name: x\n', /missing-endpoint\.yaml:\d+:\d+.*endpoint/],
    ['wrong-type.yaml', 'name: x\nendpoint: embedded\nlimits:\n  concurrency: many\n', /wrong-type\.yaml:4:\d+.*limits\.concurrency/],
    ['unknown-field.yaml', 'name: x\nendpoint: embedded\ncolour: blue\n', /unknown-field\.yaml:3:\d+.*colour/],
    ['literal-secret.yaml', 'name: x\nendpoint: https://cloud.invalid/cimi\nauth:\n  type: basic\n  username: u\n  password: hunter2\n', /literal-secret\.yaml:6:\d+.*auth\.password.*\$\{/],
    ['bad-yaml.yaml', 'name: x\nendpoint: [embedded\n', /bad-yaml\.yaml:\d+:\d+/],
  ];
  it.each(cases)('%s', async (file, body, message) => {
    const res = await cli(['run', '--profile', profile(file, body), '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toContain('hunter2');
    expect(fs.existsSync(reports)).toBe(false);
  });

  it('a resource budget lower than the run plan: the plan is printed and nothing is created', async () => {
    const res = await cli(['run', '--profile', profile('tight-budget.yaml', 'name: tight\nendpoint: embedded\nlimits:\n  maxResources: 10\n'), '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/plan: \d+ checks; at most \d+ resources \(\d+ Machine/);
    expect(res.stderr).toMatch(/this run may create up to \d+ resources \(\d+ Machines\) but limits\.maxResources is 10/);
    expect(res.stdout).not.toContain('Verdict');
    expect(fs.existsSync(reports)).toBe(false);
  });

  it('run --suite ovf: the OVF catalogue has no endpoint checks, and the message says where OVF is checked', async () => {
    const res = await cli(['run', '--suite', 'ovf', '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/suite 'ovf' has no checks that run against an endpoint \(runnable: cimi, vcloud\).*cloudconform validate/);
    expect(fs.existsSync(reports)).toBe(false);
  });

  it.each([
    ['a malformed id', 'CIMI-Q-4', /--requirement: 'CIMI-Q-4' is not a requirement id \(like CIMI-Q-004/],
    ['an id the catalogue does not have', 'CIMI-Q-999', /--requirement: CIMI-Q-999 is not in the catalogue of suites 'cimi', 'vcloud'/],
  ])('--requirement with %s selects nothing, so it is refused', async (_what, id, message) => {
    const res = await cli(['run', '--requirement', 'CIMI-Q-004', id, '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(fs.existsSync(reports)).toBe(false);
  });

  it('a missing profile file', async () => {
    const res = await cli(['run', '--profile', `${dir}/nope.yaml`, '--reports', reports]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('nope.yaml');
  });

  it('an unknown quirk', async () => {
    const res = await cli(['run', '--quirk', 'no-such-quirk', '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('no-such-quirk');
  });
});

describe('endpoints that cannot be tested stop the run with exit 2 (preflight)', () => {
  let blackHole: http.Server;
  let garbage: http.Server;
  let locked: http.Server;
  let closedPort: number;
  const url = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/cimi/cloudEntryPoint`;

  beforeAll(async () => {
    blackHole = http.createServer(() => undefined); // accepts, never answers
    garbage = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>not a cloud</html>');
    });
    locked = http.createServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="cimi"' });
      res.end();
    });
    const probe = http.createServer();
    for (const s of [blackHole, garbage, locked, probe]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
  });
  afterAll(() => {
    blackHole.closeAllConnections();
    blackHole.close();
    garbage.close();
    locked.close();
  });

  const remote = (name: string, endpoint: string) =>
    profile(name, `name: ${name}\nendpoint: ${endpoint}\nformats: [json]\nlimits:\n  requestTimeoutMs: 1000\n`);

  it('connection refused', async () => {
    const res = await cli(['run', '--profile', remote('refused.yaml', `http://127.0.0.1:${closedPort}/cimi/cloudEntryPoint`), '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unreachable.*ECONNREFUSED/);
  });

  it('no answer: gives up within the request timeout', async () => {
    const res = await cli(['run', '--profile', remote('silent.yaml', url(blackHole)), '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no response within 1000 ms/);
    expect(res.ms).toBeLessThan(15_000);
  });

  it('credentials refused', async () => {
    const file = profile('locked.yaml', `name: locked\nendpoint: ${url(locked)}\nformats: [json]\nauth:\n  type: bearer\n  token: \${CC_TEST_TOKEN}\n`);
    const res = await cli(['run', '--profile', file, '--reports', reports, '--no-progress'], { env: { CC_TEST_TOKEN: 'tok-very-secret-123' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/credentials refused \(401\)/);
    expect(res.stderr + res.stdout).not.toContain('tok-very-secret-123');
  });

  it('an answer that is not a CIMI entry point', async () => {
    const res = await cli(['run', '--profile', remote('garbage.yaml', url(garbage)), '--reports', reports, '--no-progress']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/not parseable JSON/);
    expect(fs.existsSync(reports)).toBe(false);
  });
});
