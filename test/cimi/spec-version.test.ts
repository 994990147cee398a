import { describe, expect, it } from 'vitest';
import { resolveVersion, versionEvidence } from '../../src/cimi/specVersion.js';
import type { SpecVersion } from '../../src/cimi/specVersion.js';

const V1 = 'http://schemas.dmtf.org/cimi/1/CloudEntryPoint';
const V2 = 'http://schemas.dmtf.org/cimi/2/CloudEntryPoint';
const profile = (version: SpecVersion | 'discover') => ({ source: '/p/my-cloud.yaml', spec: { name: 'cimi' as const, version } });
const resolve = (version: SpecVersion | 'discover', resourceURI: unknown, headers: Record<string, string> = {}) =>
  resolveVersion(profile(version), versionEvidence(resourceURI, headers), 'GET https://cloud/cep');

describe('which CIMI version an endpoint speaks', () => {
  it('discover reads the namespace and the CIMI-Specification-Version header', () => {
    expect(resolve('discover', V2)).toMatchObject({ version: '2.0', source: 'discovered' });
    expect(resolve('discover', V1, { 'cimi-specification-version': '1.0.1' })).toMatchObject({ version: '1.0', source: 'discovered' });
    expect(resolve('discover', undefined, { 'x-cimi-specification-version': '1.1.0' })).toMatchObject({ version: '1.1', source: 'discovered' });
    // 1.0 and 1.1 share the namespace; without a header the later one is used.
    expect(resolve('discover', V1)).toMatchObject({ version: '1.1', source: 'discovered', evidence: `entry point resourceURI ${V1}, no CIMI-Specification-Version header` });
    expect(resolve('discover', 'urn:x')).toMatchObject({ version: '2.0', source: 'assumed' });
  });

  it('a pinned version the endpoint agrees with (or does not contradict) is kept', () => {
    expect(resolve('2.0', V2)).toMatchObject({ version: '2.0', source: 'profile' });
    expect(resolve('1.0', V1)).toMatchObject({ version: '1.0', source: 'profile' });
    expect(resolve('1.1', undefined)).toMatchObject({ version: '1.1', source: 'profile' });
  });

  it('a pinned version the endpoint contradicts stops the run, naming the profile field and what the endpoint said', () => {
    expect(() => resolve('2.0', V1, { 'cimi-specification-version': '1.1.0' })).toThrow(
      `/p/my-cloud.yaml: spec.version: spec.version is '2.0' but the endpoint speaks CIMI 1.1 (entry point resourceURI ${V1}, CIMI-Specification-Version: 1.1.0); set spec.version to '1.1' or to discover`,
    );
    expect(() => resolve('1.1', V2)).toThrow(/spec.version is '1.1' but the endpoint speaks CIMI 2.0/);
    expect(() => resolve('1.0', V1, { 'cimi-specification-version': '1.1.0' })).toThrow(/spec.version is '1.0' but the endpoint speaks CIMI 1.1/);
  });

  it('an endpoint that contradicts itself, or names an unknown version, stops the run', () => {
    expect(() => resolve('discover', V2, { 'cimi-specification-version': '1.1.0' })).toThrow(/GET https:\/\/cloud\/cep: the endpoint contradicts itself/);
    expect(() => resolve('discover', V1, { 'cimi-specification-version': '3.0' })).toThrow(/a CIMI version this suite does not know/);
  });
});
