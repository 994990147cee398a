// $filter (§4.1.6.1): each check judges only the membership of the run's shared Machines in what the
// provider lists (other checks' Machines may be there too), against the client-side oracle of the
// grammar (src/harness/filterOracle.ts), which answers only where the spec pins the outcome.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject } from '../../src/cimi/cimiClient.js';
import { HarnessError } from '../../src/model/errors.js';
import { matchesFilter } from '../../src/cimi/filterOracle.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';
import { listMachines, uniqueTag, type Mine } from './queryScope.js';

/** Two of the run's shared Machines with distinct names, descriptions and `cc-q` properties. */
async function pair(ctx: CheckContext): Promise<[Mine, Mine]> {
  const { machines } = await ctx.use(sharedMachines);
  const a = machines[0]!;
  const b = machines.find((m) => m.body['description'] !== a.body['description']);
  if (!b) throw new HarnessError('PRECONDITION', 'the shared Machines do not carry the descriptions they were created with');
  return [a, b];
}

/**
 * GET machines with the `$filter` parameter(s) and compare each of `mine` with the oracle: listed
 * exactly when every filter matches it (several `$filter`s are ANDed, §4.1.6.1).
 */
async function expectFilter(ctx: CheckContext, mine: Mine[], filters: string[], rule: string): Promise<void> {
  const shown = filters.map((f) => `$filter=${f}`).join('&');
  const { ids } = await listMachines(ctx.cimi, filters.map((f) => ['$filter', f]), `${rule}: GET machines?${shown}`);
  for (const m of mine) {
    const verdicts = filters.map((f) => matchesFilter(f, m.body));
    if (verdicts.includes(undefined)) throw new HarnessError('INTERNAL', `the oracle cannot judge ${shown} on ${m.name}: the check must probe only what the spec pins down`);
    const expected = verdicts.every(Boolean);
    expect(ids.includes(m.id), `${rule}: machines?${shown} ${expected ? 'must' : 'must not'} list Machine '${m.name}'`).toBe(expected);
  }
}

check('CIMI-Q-004', '$filter=name=… lists the Machine of that name and not another', async (ctx) => {
  const [a, b] = await pair(ctx);
  await expectFilter(ctx, [a, b], [`name='${a.name}'`], '$filter is honoured');
  await expectFilter(ctx, [a, b], [`name!='${a.name}'`], '$filter is honoured');
}, { uses: [sharedMachines] });

check('CIMI-Q-005', "reversed operands: 'x'=name means name='x'", async (ctx) => {
  const [a, b] = await pair(ctx);
  await expectFilter(ctx, [a, b], [`'${a.name}'=name`], 'Value Op Attribute is a Comp (§4.1.6.1 grammar)');
  await expectFilter(ctx, [a, b], [`'${b.body['description']}'!=description`], 'Value Op Attribute is a Comp (§4.1.6.1 grammar)');
}, { uses: [sharedMachines] });

check('CIMI-Q-006', '`and` binds tighter than `or`; parentheses regroup', async (ctx) => {
  const [a, b] = await pair(ctx);
  const [na, nb, da, db] = [a.name, b.name, String(a.body['description']), String(b.body['description'])];
  for (const f of [
    `name='${na}' or name='${nb}' and description='${da}'`,
    `name='${nb}' and description='${da}' or name='${na}'`,
    `(name='${na}' or name='${nb}') and description='${db}'`,
    `name='${na}' and (description='${db}' or description='${da}')`,
  ]) {
    await expectFilter(ctx, [a, b], [f], 'Filter ::= AndExpr ( or Filter )*: `and` binds tighter than `or`');
  }
}, { uses: [sharedMachines] });

/** 10^digits(n): a literal with one digit more, where decimal-string order and numeric order disagree. */
const nextPowerOfTen = (n: number): string => `1${'0'.repeat(String(n).length)}`;

check('CIMI-Q-007', 'integer comparisons < <= = >= > != on integer attributes', async (ctx) => {
  const m = await sharedMachine(ctx);
  const ints = ['cpu', 'memory', 'cpuSpeed'].filter((a) => Number.isInteger(m.body[a]));
  if (ints.length === 0) return ctx.notApplicable('the Machine exposes none of cpu, memory, cpuSpeed as an integer');
  for (const attr of ints) {
    const v = m.body[attr] as number;
    const probes = ['<', '<=', '=', '>=', '>', '!='].map((op) => `${attr}${op}${v}`);
    probes.push(`${attr}<${nextPowerOfTen(v)}`, `${attr}>9`, `${attr}>=${v + 1}`);
    if (v > 0) probes.push(`${attr}>${v - 1}`);
    for (const f of probes) await expectFilter(ctx, [m], [f], 'integer comparison is numeric');
  }
}, { uses: [sharedMachines] });

/** An xs:dateTime `days` days away from `iso`, in UTC. */
const shifted = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

check('CIMI-Q-008', 'dateTime comparisons on created', async (ctx) => {
  const m = await sharedMachine(ctx);
  const created = m.body['created'];
  if (typeof created !== 'string' || Number.isNaN(Date.parse(created))) return ctx.notApplicable('the Machine has no created dateTime (it is not providerMandatory)');
  const probes = ['<', '<=', '=', '>=', '>', '!='].map((op) => `created${op}${created}`);
  probes.push(`created>${shifted(created, -1)}`, `created<${shifted(created, 1)}`, `created<${shifted(created, -1)}`, `created>=${shifted(created, 1)}`);
  // A created value without an offset is CIMI-SER-003's business; the oracle does not judge those it cannot order.
  const judged = probes.filter((f) => matchesFilter(f, m.body) !== undefined);
  if (judged.length === 0) return ctx.notApplicable(`created=${created} carries no UTC offset, so no date comparison is determinate`);
  for (const f of judged) await expectFilter(ctx, [m], [f], 'DateValue comparison is chronological');
}, { uses: [sharedMachines] });

check('CIMI-Q-009', 'single- and double-quoted strings are both accepted', async (ctx) => {
  const [a, b] = await pair(ctx);
  await expectFilter(ctx, [a, b], [`name="${a.name}"`], 'StringValue ::= "..." | \'...\'');
  await expectFilter(ctx, [a, b], [`description!="${String(b.body['description'])}"`], 'StringValue ::= "..." | \'...\'');
  await expectFilter(ctx, [a, b], [`name='${a.name}'`], 'StringValue ::= "..." | \'...\'');
}, { uses: [sharedMachines] });

check('CIMI-Q-010', "property['k']='v' matches Machines having that properties entry", async (ctx) => {
  const [a, b] = await pair(ctx);
  const va = (a.body['properties'] as CimiObject | undefined)?.['cc-q'];
  for (const f of [`property['cc-q']='${String(va)}'`, `property['cc-q']!='${String(va)}'`, `property['cc-none']='${String(va)}'`]) {
    await expectFilter(ctx, [a, b], [f], 'PropExpr matches an entry of properties');
  }
}, { uses: [sharedMachines] });

check('CIMI-Q-011', 'several $filter parameters are ANDed', async (ctx) => {
  const [a, b] = await pair(ctx);
  await expectFilter(ctx, [a, b], [`name='${a.name}'`, `description='${b.body['description']}'`], 'two $filter parameters are ANDed');
  await expectFilter(ctx, [a, b], [`name='${a.name}'`, `description='${a.body['description']}'`], 'two $filter parameters are ANDed');
}, { uses: [sharedMachines] });

check('CIMI-Q-012', 'with $filter, count is the number of matching members', async (ctx) => {
  const m = await sharedMachine(ctx);
  for (const [f, n] of [[`name='${m!.name}'`, 1], [`name='${uniqueTag(ctx, 'nobody')}'`, 0]] as const) {
    const { body, items } = await listMachines(ctx.cimi, [['$filter', f]], 'CIMI-Q-012');
    expect(items.length, `$filter=${f} lists ${n} member(s)`).toBe(n);
    expect(body['count'], `$filter=${f}: count must be the number of matching members (${n}), not the collection size`).toBe(n);
  }
}, { uses: [sharedMachines] });

/** A member of some advertised collection with a top-level boolean attribute, and that collection. */
async function booleanMember(ctx: CheckContext): Promise<{ url: string; member: CimiObject; id: string; attr: string } | undefined> {
  const cep = await ctx.cimi.cep();
  for (const attr of Object.keys(cep)) {
    const url = await ctx.cimi.collectionUrl(attr);
    if (!url || url === ctx.cimi.cepUrl) continue;
    const res = await ctx.cimi.get(url);
    for (const member of collectionItems(res.body)) {
      const flag = Object.keys(member).find((k) => typeof member[k] === 'boolean');
      if (flag && typeof member['id'] === 'string') return { url, member, id: await ctx.cimi.resolve(member['id']), attr: flag };
    }
  }
  return undefined;
}

check('CIMI-Q-013', 'boolean attributes filter with true/false', async (ctx) => {
  const found = await booleanMember(ctx);
  if (!found) return ctx.notApplicable('no member of an advertised collection has a top-level boolean attribute to filter on');
  const { url, member, id, attr } = found;
  for (const literal of ['true', 'false']) {
    const f = `${attr}=${literal}`;
    const res = await ctx.cimi.get(url, { query: [['$filter', f]] });
    expect(res.status, `$filter=${f} on ${url}`).toBe(200);
    const ids = await Promise.all(collectionItems(res.body).map((i) => ctx.cimi.resolve(String(i['id'] ?? ''))));
    expect(ids.includes(id), `$filter=${f} ${matchesFilter(f, member) ? 'must' : 'must not'} list ${id} (${attr}=${String(member[attr])})`).toBe(matchesFilter(f, member));
  }
});
