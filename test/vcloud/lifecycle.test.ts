import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POWER_OPS, STATUS, allowed, effect, expectedLinks, matches, refused, towardsDeletable, vAppStatus, type PowerState } from '../../src/vcloud/lifecycle.js';
import { packageFiles, textSafe, uploadablePackage } from '../../src/vcloud/packages.js';

const ON: PowerState = { status: STATUS.POWERED_ON, deployed: true };
const OFF: PowerState = { status: STATUS.POWERED_OFF, deployed: false };
const state = fc.record({ status: fc.constantFrom(STATUS.POWERED_ON, STATUS.POWERED_OFF, STATUS.SUSPENDED), deployed: fc.boolean() });

describe('vApp power state machine', () => {
  it('allows the power:* actions on a powered-on vApp only, powerOn when off or suspended', () => {
    for (const op of ['powerOff', 'reset', 'suspend', 'shutdown', 'reboot'] as const) expect([allowed(ON, op), allowed(OFF, op)]).toEqual([true, false]);
    expect([allowed(OFF, 'powerOn'), allowed({ status: STATUS.SUSPENDED, deployed: true }, 'powerOn'), allowed(ON, 'powerOn')]).toEqual([true, true, false]);
    expect([allowed(ON, 'undeploy'), allowed(OFF, 'undeploy')]).toEqual([true, false]);
  });

  it('says where each operation ends', () => {
    expect(effect(OFF, 'powerOn')).toEqual({ status: 4, deployed: true });
    expect(effect(ON, 'powerOff')).toEqual({ status: 8, deployed: true });
    expect(effect(ON, 'suspend')).toEqual({ status: 3, deployed: true });
    expect(effect(OFF, 'deploy')).toEqual({ status: 4, deployed: true });
    expect(effect(OFF, 'deploy', { powerOn: false })).toEqual({ status: 8, deployed: true });
    expect(effect(ON, 'undeploy')).toEqual({ status: 8, deployed: false });
    expect(effect(ON, 'undeploy', { undeploy: 'suspend' })).toEqual({ status: 3, deployed: false });
    expect(matches({ deployed: false }, OFF)).toBe(true);
  });

  it('refuses exactly what §7 forbids of the actions VCD-069 names', () => {
    fc.assert(fc.property(state, fc.constantFrom(...POWER_OPS), (s, op) => {
      if (refused(s, op)) expect(allowed(s, op)).toBe(false);
    }));
  });

  it('every allowed operation from a state at rest ends in a state the table knows', () => {
    fc.assert(fc.property(state, fc.constantFrom(...POWER_OPS), (s, op) => {
      if (!allowed(s, op)) return;
      const e = effect(s, op);
      if (e.status !== undefined) expect([STATUS.POWERED_ON, STATUS.POWERED_OFF, STATUS.SUSPENDED]).toContain(e.status);
    }));
  });

  it('links: a running vApp offers no remove, a stopped undeployed one does', () => {
    expect(expectedLinks(ON).absent).toContain('remove');
    expect(expectedLinks(OFF).present).toEqual(['power:powerOn', 'remove']);
  });

  it("computes a vApp's status from its Vms'", () => {
    expect(vAppStatus([8, 8])).toBe(8);
    expect(vAppStatus([4, 8])).toBe(STATUS.MIXED);
    expect(vAppStatus([])).toBeUndefined();
  });

  it('walks towards deletable: undeploy when deployed', () => {
    expect(towardsDeletable(ON)).toBe('undeploy');
    expect(towardsDeletable(OFF)).toBeUndefined();
  });
});

describe('uploadable packages', () => {
  it('keep every byte count and send text', () => {
    fc.assert(fc.property(uploadablePackage, (pkg) => {
      const files = packageFiles(pkg);
      expect(pkg.envelope.version).toBe(1);
      for (const f of pkg.envelope.files) expect(Buffer.byteLength(files.files.get(f.href!)!, 'utf8')).toBe(Number(f.size));
    }), { numRuns: 20 });
  });
  it('textSafe maps bytes into printable ASCII', () => {
    const pkg = textSafe({ name: 'x', envelope: { version: 1, files: [], placementGroups: [], strings: [] } as never, payloads: new Map([['d', Uint8Array.from([0, 255, 127])]]), edits: {} });
    expect([...pkg.payloads.get('d')!].every((b) => b >= 0x21 && b <= 0x7e)).toBe(true);
    expect(pkg.name).toBe('descriptor');
  });
});
