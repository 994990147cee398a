import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/model/errors.js';
import { activeWaivers, fieldName, loadProfile, parseProfile } from '../../src/harness/profileLoader.js';

const SOURCE = 'profiles/x.yaml';

/** The UsageError message a profile text produces (fails the test if it loads). */
function errorOf(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseProfile(text, SOURCE, env);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

const minimal = 'name: t\nendpoint: embedded\n';

describe('parseProfile errors name file:line:column and field', () => {
  it.each([
    ['missing required field', 'endpoint: embedded\n', `${SOURCE}:1:1: name: required field is missing`],
    ['wrong type', `${minimal}limits:\n  concurrency: lots\n`, `${SOURCE}:4:3: limits.concurrency: must be an integer`],
    ['out of range', `${minimal}limits:\n  concurrency: 17\n`, `${SOURCE}:4:3: limits.concurrency: must be <= 16`],
    ['unknown field', `${minimal}limits:\n  speed: 3\n`, `${SOURCE}:4:3: limits.speed: unknown field 'speed'`],
    ['unknown top-level field', `${minimal}colour: red\n`, `${SOURCE}:3:1: colour: unknown field 'colour'`],
    ['bad enum', `${minimal}cleanup: sometimes\n`, `${SOURCE}:3:1: cleanup: must be one of: always, never`],
    ['bad format item', `${minimal}formats: [json, yaml]\n`, `${SOURCE}:3:17: formats[1]: must be one of: json, xml`],
    ['duplicate format', `${minimal}formats: [json, json]\n`, `${SOURCE}:3:1: formats: must NOT have duplicate items`],
    ['bad spec version', `${minimal}spec:\n  version: '3.0'\n`, `${SOURCE}:4:3: spec.version: must be one of: discover, 1.0, 1.1, 2.0`],
    ['features neither discover nor list', `${minimal}features: all\n`, `${SOURCE}:3:1: features: must be \`discover\` or a list`],
    ['bad auth type', `${minimal}auth:\n  type: kerberos\n`, `${SOURCE}:4:3: auth.type: must be one of: none, basic, bearer`],
    ['auth missing field', `${minimal}auth:\n  type: bearer\n`, `${SOURCE}:4:3: auth.token: required field is missing`],
    ['field of another auth type', `${minimal}auth:\n  type: none\n  token: \${T}\n`, `${SOURCE}:5:3: auth.token: unknown field`],
    ['bad endpoint', 'name: t\nendpoint: ftp://x\n', `${SOURCE}:2:1: endpoint: must be \`embedded\` or an http(s) URL`],
    ['unparsable endpoint', 'name: t\nendpoint: http://\n', `${SOURCE}:2:1: endpoint: must be \`embedded\` or an http(s) URL`],
    ['credentials in endpoint', 'name: t\nendpoint: https://u:p@h/cimi\n', `${SOURCE}:2:1: endpoint: credentials in the URL`],
    [
      'reference with a remote endpoint',
      'name: t\nendpoint: https://h/cimi\nreference:\n  jobs: false\n',
      `${SOURCE}:3:1: reference: only allowed with \`endpoint: embedded\``,
    ],
    [
      'waiver id',
      `${minimal}waivers:\n  - requirement: qry-4\n    reason: r\n    expires: 2030-01-01\n`,
      `${SOURCE}:4:5: waivers[0].requirement: must be a requirement id like CIMI-Q-004`,
    ],
    [
      'waiver expiry not a date',
      `${minimal}waivers:\n  - requirement: CIMI-QRY-004\n    reason: r\n    expires: next year\n`,
      `${SOURCE}:6:5: waivers[0].expires: must be a date YYYY-MM-DD`,
    ],
    [
      'waiver expiry impossible date',
      `${minimal}waivers:\n  - requirement: CIMI-QRY-004\n    reason: r\n    expires: 2030-02-30\n`,
      `${SOURCE}:6:5: waivers[0].expires: must be a date`,
    ],
    ['not a mapping', '- a\n- b\n', `${SOURCE}:1:1: profile: must be a mapping`],
    ['empty file', '', `${SOURCE}:1:1: name: required field is missing`],
  ])('%s', (_label, text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });

  it('reports YAML syntax errors with their line and column', () => {
    const message = errorOf('name: t\nendpoint: [embedded\nformats: json\n');
    expect(message).toMatch(/^profiles\/x\.yaml:3:1: YAML syntax: /);
  });

  it('reports duplicate keys as a syntax error', () => {
    expect(errorOf('name: t\nname: u\nendpoint: embedded\n')).toMatch(/^profiles\/x\.yaml:2:1: YAML syntax: .*unique/);
  });

  it('reports an unresolved alias where it is', () => {
    expect(errorOf(`${minimal}cleanup: *nope\n`)).toMatch(/^profiles\/x\.yaml:3:10: YAML: Unresolved alias/);
  });

  it('refuses an alias bomb', () => {
    const ten = (alias: string) => `[${Array(10).fill(alias).join(', ')}]`;
    const bomb = `${minimal}a: &a ${ten('x')}\nb: &b ${ten('*a')}\nc: &c ${ten('*b')}\nd: ${ten('*c')}\n`;
    expect(errorOf(bomb)).toMatch(/^profiles\/x\.yaml:\d+:\d+: YAML: Excessive alias count/);
  });

  it('collects several problems, one per line', () => {
    const lines = errorOf('endpoint: embedded\ncleanup: maybe\nlimits:\n  concurrency: 0\n').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${SOURCE}:1:1: name: required field is missing`,
        `${SOURCE}:2:1: cleanup: must be one of: always, never`,
        `${SOURCE}:4:3: limits.concurrency: must be >= 1`,
      ]),
    );
  });

  it('lists the allowed fields next to an unknown one', () => {
    expect(errorOf(`${minimal}property:\n  runs: 3\n`)).toContain('(allowed: numRuns, creatingRuns, seed)');
  });
});

describe('any input', () => {
  // Mutated profiles: valid lines, plausible garbage, and random text, shuffled.
  const line = fc.oneof(
    fc.constantFrom('name: t', 'endpoint: embedded', 'endpoint: https://h/c', 'limits:', '  concurrency: 3', 'formats: [json]'),
    fc.constantFrom('  - x', 'auth: {type: basic}', 'waivers: [{}]', 'features: 7', '[', ': :', '&a b', '*a', '? x'),
    fc.string({ maxLength: 20 }),
  );

  it('either loads or throws a UsageError whose every line starts with file:line:column', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        try {
          parseProfile(lines.join('\n'), SOURCE, {});
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          for (const l of (err as Error).message.split('\n')) expect(l).toMatch(/^profiles\/x\.yaml:\d+:\d+: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('secrets', () => {
  const basic = (password: string) => `name: t\nendpoint: https://h/cimi\nauth:\n  type: basic\n  username: u\n  password: ${password}\n`;

  it('refuses a literal password without echoing it', () => {
    const message = errorOf(basic('hunter2'));
    expect(message).toContain(`${SOURCE}:6:3: auth.password: literal secrets are refused`);
    expect(message).toContain('${ENV_VAR}');
    expect(message).not.toContain('hunter2');
  });

  it('refuses a literal token', () => {
    const message = errorOf('name: t\nendpoint: embedded\nauth:\n  type: bearer\n  token: abc.def\n');
    expect(message).toContain(`${SOURCE}:5:3: auth.token: literal secrets are refused`);
    expect(message).not.toContain('abc.def');
  });

  it('refuses a reference embedded in other text', () => {
    expect(errorOf(basic('pre-${PW}'))).toContain('auth.password: literal secrets are refused');
  });

  it('resolves references from the injected environment and records the secrets', () => {
    const profile = parseProfile(basic('${PW}').replace('username: u', 'username: ${USER_NAME}'), SOURCE, {
      PW: 's3cret',
      USER_NAME: 'alice',
    });
    expect(profile.auth).toEqual({ type: 'basic', username: 'alice', password: 's3cret' });
    expect(profile.secrets).toEqual(['s3cret']);
  });

  it('names the field and the variable when the variable is missing or empty', () => {
    for (const env of [{}, { PW: '' }]) {
      const message = errorOf(basic('${PW}'), env);
      expect(message).toBe(`${SOURCE}:6:3: auth.password: environment variable PW is not set`);
    }
  });

  it('never puts a resolved secret into an error message', () => {
    const text = basic('${PW}') + 'limits:\n  concurrency: 99\n';
    const message = errorOf(text, { PW: 'TOPSECRET' });
    expect(message).toContain('limits.concurrency');
    expect(message).not.toContain('TOPSECRET');
  });
});

describe('defaults', () => {
  it('fills every optional field', () => {
    const profile = parseProfile(minimal, SOURCE, {});
    expect(profile).toEqual({
      source: SOURCE,
      name: 't',
      endpoint: 'embedded',
      auth: { type: 'none' },
      spec: { name: 'cimi', version: 'discover' },
      formats: ['json', 'xml'],
      features: 'discover',
      limits: {
        requestTimeoutMs: 10000,
        stateTimeoutMs: 300000,
        runTimeoutMs: 7200000,
        concurrency: 2,
        maxResources: 50,
        maxRequestsPerCheck: 2000,
      },
      property: { numRuns: 10, creatingRuns: 2 },
      cleanup: 'always',
      waivers: [],
      certification: false,
      secrets: [],
    });
  });

  it('fills the defaults of a partial reference section', () => {
    const profile = parseProfile(`${minimal}reference:\n  quirks: [no-location-header]\n`, SOURCE, {});
    expect(profile.reference).toEqual({ quirks: ['no-location-header'], transitionMs: 20, latencyMs: 0, jobs: true });
  });

  it('takes the CIMI version the embedded provider serves from reference.specVersion', () => {
    expect(parseProfile(`${minimal}reference:\n  specVersion: '1.1'\n`, SOURCE, {}).reference).toEqual({ quirks: [], transitionMs: 20, latencyMs: 0, jobs: true, specVersion: '1.1' });
    expect(() => parseProfile(`${minimal}reference:\n  specVersion: '1.2'\n`, SOURCE, {})).toThrow(`${SOURCE}:4:3: reference.specVersion: must be one of: 1.0, 1.1, 2.0`);
  });

  it('keeps a pinned feature list', () => {
    expect(parseProfile(`${minimal}features: [machines, machineImages]\n`, SOURCE, {}).features).toEqual([
      'machines',
      'machineImages',
    ]);
  });
});

describe('loadProfile', () => {
  it('names the file when it cannot be read', () => {
    expect(() => loadProfile('profiles/does-not-exist.yaml')).toThrow(
      new UsageError('cannot read profile (ENOENT)', 'profiles/does-not-exist.yaml'),
    );
  });

  it('names the file as given in messages and records the absolute path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-profile-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: t\n');
    expect(() => loadProfile(file)).toThrow(`${file}:1:1: endpoint: required field is missing`);
    writeFileSync(file, minimal);
    expect(loadProfile(file).source).toBe(resolve(file));
  });

  it('loads profiles/reference.yaml', () => {
    const profile = loadProfile('profiles/reference.yaml', {});
    expect(profile.endpoint).toBe('embedded');
    expect(profile.formats).toEqual(['json', 'xml']);
    expect(profile.features).toBe('discover');
    expect(profile.property.numRuns).toBeLessThanOrEqual(10);
    expect(profile.reference).toBeDefined();
  });

  const examples = readdirSync('profiles/examples').map((f) => join('profiles/examples', f));
  const embedded = examples.filter((f) => /^endpoint: embedded$/m.test(readFileSync(f, 'utf8')));

  it.each(embedded)('loads %s (the embedded reference, no secrets)', (file) => {
    const profile = loadProfile(file, {});
    expect(profile.endpoint).toBe('embedded');
    expect(profile.reference).toBeDefined();
    expect(profile.secrets).toEqual([]);
  });

  it.each(examples.filter((f) => !embedded.includes(f)))('loads %s', (file) => {
    const env = { CIMI_USER: 'alice', CIMI_PASSWORD: 'pw-1', CIMI_TOKEN: 'tok-1' };
    const profile = loadProfile(file, env);
    expect(profile.endpoint).toMatch(/^https:\/\//);
    expect(profile.auth.type).not.toBe('none');
    expect(profile.secrets).toHaveLength(1);
    expect(() => loadProfile(file, {})).toThrow(/auth\.(password|token): environment variable CIMI_\w+ is not set/);
  });
});

describe('activeWaivers', () => {
  const waivers = [
    { requirement: 'CIMI-QRY-004', reason: 'r', expires: '2026-03-31' },
    { requirement: 'CIMI-MCH-001', reason: 'r', expires: '2026-04-01' },
  ];

  it('keeps a waiver through its expiry day and drops it after', () => {
    expect(activeWaivers({ waivers }, new Date('2026-03-31T23:59:59Z'))).toHaveLength(2);
    expect(activeWaivers({ waivers }, new Date('2026-04-01T00:00:00Z'))).toEqual([waivers[1]]);
    expect(activeWaivers({ waivers }, new Date('2026-04-02T00:00:00Z'))).toEqual([]);
  });
});

describe('fieldName', () => {
  it('renders paths the way users write them', () => {
    expect(fieldName([])).toBe('profile');
    expect(fieldName(['waivers', 0, 'expires'])).toBe('waivers[0].expires');
  });
});

describe('vcloud profiles', () => {
  const vcloud = 'name: v\nspec:\n  name: vcloud\nformats: [xml]\n';
  const external = `${vcloud}endpoint: https://vcd.example/api/\n`;

  it.each([
    ['a CIMI version', `${vcloud}endpoint: embedded\nspec:\n  name: vcloud\n  version: '2.0'\n`.replace('spec:\n  name: vcloud\nformats', 'formats'), 'spec.version: must be one of: discover, 1.5, 5.1'],
    ['json', 'name: v\nendpoint: embedded\nspec:\n  name: vcloud\nformats: [json, xml]\n', 'formats[0]: a vcloud API speaks XML only: use formats: [xml]'],
    ['no formats (the default has json)', 'name: v\nendpoint: embedded\nspec:\n  name: vcloud\n', 'formats: required field is missing'],
    ['an external endpoint without auth', external, 'auth: required field is missing'],
    ['a login without @org', `${external}auth: {type: basic, username: bob, password: '\${PW}'}\n`, 'auth.username: must be user@org'],
    ['a bearer token', `${external}auth: {type: bearer, token: '\${PW}'}\n`, 'auth.type: vcloud logs in with basic credentials user@org'],
    ['a CIMI version for the reference', `${vcloud}endpoint: embedded\nreference:\n  specVersion: '2.0'\n`, 'reference.specVersion'],
  ])('refuses %s, naming the field', (_what, text, message) => {
    expect(errorOf(text, { PW: 'pw' })).toContain(message);
  });

  it('loads an external one with user@org and a password from the environment, and the embedded one without auth', () => {
    const p = parseProfile(`${external}spec:\n  name: vcloud\n  version: '5.1'\nauth: {type: basic, username: 'bob@acme', password: '\${PW}'}\n`.replace('spec:\n  name: vcloud\nformats', 'formats'), SOURCE, { PW: 'pw' });
    expect(p.spec).toEqual({ name: 'vcloud', version: '5.1' });
    expect(p.auth).toEqual({ type: 'basic', username: 'bob@acme', password: 'pw' });
    expect(p.secrets).toEqual(['pw']);
    expect(loadProfile(resolve('profiles/reference-vcloud.yaml')).spec).toEqual({ name: 'vcloud', version: 'discover' });
  });

  it('refuses an API family it does not speak', () => {
    expect(errorOf(`${minimal}spec:\n  name: openstack\n`)).toContain('spec.name: must be one of: cimi, vcloud');
  });
});
