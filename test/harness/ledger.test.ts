import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger, outstanding } from '../../src/harness/ledger.js';

const tmpLedger = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-ledger-')), 'ledger.jsonl');

describe('ledger', () => {
  it('lists created-but-not-deleted and intended-but-unconfirmed resources, newest first', async () => {
    const l = new Ledger(tmpLedger(), 10);
    l.intent('machines', 'a');
    l.created('machines', 'http://h/m/a', 'a');
    await new Promise((r) => setTimeout(r, 2));
    l.intent('machines', 'b');
    l.created('machines', 'http://h/m/b', 'b');
    await new Promise((r) => setTimeout(r, 2));
    l.intent('machines', 'c'); // crashed before the provider answered
    l.intent('machines', 'd');
    l.refused('machines', 'd', '400'); // the provider said no: nothing to clean up
    l.deleted('machines', 'http://h/m/a');
    const out = outstanding(Ledger.read(l.file));
    expect(out.map((o) => o.id ?? o.name)).toEqual(['c', 'http://h/m/b']);
  });

  it('refuses to create beyond limits.maxResources', () => {
    const l = new Ledger(tmpLedger(), 2);
    l.intent('machines', 'a');
    l.intent('machines', 'b');
    expect(() => l.intent('machines', 'c')).toThrow(/limits.maxResources/);
  });

  it('a ledger two providers share: each line names its entry point, and each provider has its own budget', () => {
    const file = tmpLedger();
    const a = new Ledger(file, 1, 'http://a/cep');
    const b = new Ledger(file, 1, 'http://b/cep');
    a.intent('machines', 'm');
    b.intent('machines', 'm');
    expect(() => a.intent('machines', 'n')).toThrow(/limits.maxResources/);
    expect(Ledger.read(file).map((e) => e.endpoint)).toEqual(['http://a/cep', 'http://b/cep']);
  });

  it('names the line of a corrupt ledger', () => {
    const f = tmpLedger();
    fs.writeFileSync(f, '{"kind":"created"}\nnot json\n');
    expect(() => Ledger.read(f)).toThrow(/ledger.jsonl:2/);
  });
});
