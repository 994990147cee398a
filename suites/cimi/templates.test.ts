// Templates at creation time (§4.2.1.1, §5.14.2.1, §5.14.3): Machines from a MachineTemplate by
// reference, overrides and erasures that stay with one instantiation, by-value templates that stay
// invisible, and the credentials a template carries (§5.14.9–§5.14.12).

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import { isRef, type CimiObject } from '../../src/cimi/cimiClient.js';
import { expectOneOf } from '../../src/cimi/probes.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { HarnessError } from '../../src/model/errors.js';
import { fixture } from '../../src/cimi/check.js';
import { sharedMachine, sharedMachines } from '../../src/cimi/sharedMachines.js';
import { attemptCreate, capabilities, isTrue, jobUrlOf, metadataFor, retire, valueList } from '../../src/cimi/machineLifecycle.js';
import { FINAL_JOB_STATES } from '../../src/cimi/machineStates.js';

/** A MachineTemplate of the check's own: the first advertised configuration and image, plus `attrs`. */
async function makeTemplate(ctx: CheckContext, attrs: CimiObject = {}): Promise<{ url: string; rep: CimiObject }> {
  const { url } = await ctx.ws.createTemplate('machineTemplates', 'MachineTemplate', { ...(await ctx.ws.byValueTemplate()), ...attrs });
  const res = await ctx.cimi.get(url);
  return { url, rep: res.body ?? {} };
}

/** Creates a Machine from `machineTemplate`, lets `fn` judge the settled Machine, and retires it. */
async function fromTemplate(ctx: CheckContext, machineTemplate: CimiObject, fn: (machine: CimiObject) => Promise<void> | void): Promise<void> {
  const { url } = await ctx.ws.create('machines', 'Machine', { machineTemplate });
  try {
    await fn(await ctx.ws.settle(url));
  } finally {
    await retire(ctx, url);
  }
}

const hrefOf = (ctx: Pick<CheckContext, 'cimi'>, v: unknown): Promise<string> => ctx.cimi.resolve(String((v as CimiObject | undefined)?.['href'] ?? ''));

/**
 * One MachineTemplate per format, created by value as MACH-028 judges: the checks that instantiate a
 * template without changing it (by reference, with an override) build on it instead of a template each.
 */
const byValue = fixture('templates.test.ts: a MachineTemplate created by value', { creates: { MachineTemplate: 1 }, perFormat: true }, async (fx) => {
  const coll = await fx.cimi.requireCollection('machineTemplates');
  if (!fx.cimi.operation((await fx.cimi.get(coll)).body, 'add')) return fx.notApplicable('the machineTemplates collection does not advertise add');
  const template = await fx.ws.byValueTemplate();
  const description = 'template by value, cloudconform';
  const attempt = await attemptCreate(fx, 'machineTemplates', 'MachineTemplate', { description, machineTemplate: template });
  const rep = attempt.created ? ((await fx.cimi.get(attempt.created.url)).body ?? {}) : undefined;
  return { template, description, attempt, rep };
});

/** The file's by-value MachineTemplate in the check's format; its creation refused is a precondition here (MACH-028 judges it). */
async function sharedTemplate(ctx: CheckContext): Promise<{ url: string; rep: CimiObject }> {
  const { attempt, rep } = await ctx.use(byValue);
  if (!attempt.created || !rep) throw new HarnessError('PRECONDITION', `creating a MachineTemplate by value was refused with ${String(attempt.refused)} (CIMI-MACH-028)`);
  return { url: attempt.created.url, rep };
}

check('CIMI-MACH-028', 'a MachineTemplateCreate with the template by value creates that MachineTemplate', async (ctx) => {
  const { template, description, attempt, rep } = await ctx.use(byValue);
  const outcome = attempt.refused === undefined ? 'created' : `refused with ${attempt.refused}`;
  expect(outcome, 'CIMI-MACH-028: the canonical MachineTemplateCreate (§4.2.1.1: a Template is created by value)').toBe('created');
  expect(rep!['resourceURI'], 'CIMI-MACH-028: the created resource is a MachineTemplate').toBe(ctx.cimi.typeUri('MachineTemplate'));
  expect({ name: rep!['name'], description: rep!['description'] }, 'CIMI-MACH-028: name and description of the create body').toEqual({ name: attempt.created!.name, description });
  expect(await hrefOf(ctx, rep!['machineConfig']), 'CIMI-MACH-028: machineConfig of the template given by value').toBe(await hrefOf(ctx, template['machineConfig']));
}, { uses: [byValue], format: 'each' });

check('CIMI-MACH-027', 'a MachineCreate naming a MachineTemplate by reference creates a Machine from it', async (ctx) => {
  const { url, rep } = await sharedTemplate(ctx);
  const config = (await ctx.cimi.get(await hrefOf(ctx, rep['machineConfig']))).body ?? {};
  await fromTemplate(ctx, { href: String(rep['id'] ?? url) }, (m) => {
    expect(m['resourceURI'], 'CIMI-MACH-027: the created resource is a Machine').toBe(ctx.cimi.typeUri('Machine'));
    expect(['ERROR', 'FAILED'].includes(String(m['state'])), `CIMI-MACH-027: creation by reference must not end ${String(m['state'])}`).toBe(false);
    expect({ cpu: m['cpu'], memory: m['memory'] }, "CIMI-MACH-027: the Machine has the template configuration's cpu and memory").toEqual({ cpu: config['cpu'], memory: config['memory'] });
  });
}, { creates: { Machine: 1 }, uses: [byValue], format: 'each' });

check('CIMI-MACH-020', 'an override next to a template href applies to that Machine only; the template is unchanged', async (ctx) => {
  const { url, rep } = await sharedTemplate(ctx);
  const own = await hrefOf(ctx, rep['machineConfig']);
  const first = (await ctx.cimi.get(own)).body ?? {};
  // The provider's own configurations only: this run's come and go with the checks that made them.
  const configs = collectionItems((await ctx.cimi.get(await ctx.cimi.requireCollection('machineConfigs'))).body).filter((c) => ctx.ws.providerOwned('machineConfigs', c));
  const other = configs.find((c) => c['cpu'] !== first['cpu'] || c['memory'] !== first['memory']);
  if (!other) return ctx.notApplicable("no machineConfig with a cpu or memory other than the template's to override with");
  const override = await ctx.cimi.resolve(String(other['id']));
  await fromTemplate(ctx, { href: String(rep['id'] ?? url), machineConfig: { href: override } }, (m) => {
    expect({ cpu: m['cpu'], memory: m['memory'] }, 'CIMI-MACH-020: the overriding machineConfig applies to this Machine').toEqual({ cpu: other['cpu'], memory: other['memory'] });
  });
  const after = (await ctx.cimi.get(url)).body ?? {};
  expect(await hrefOf(ctx, after['machineConfig']), 'CIMI-MACH-020: the override must not be written back into the MachineTemplate').toBe(own);
}, { creates: { Machine: 1 }, uses: [byValue] });

check('CIMI-MACH-021', '"attr": null next to a template href erases that attribute for the instantiation', async (ctx) => {
  // The control: where a Machine created without initialState ends, as the run's shared Machines did
  // (its correctness is CIMI-MACH-006's business).
  const fallback = String((await sharedMachine(ctx)).body['state']);
  const allowed = valueList(capabilities(await metadataFor(ctx.cimi, 'Machine')).get('InitialStates'));
  const kept = ['STARTED', 'STOPPED', ...(allowed ?? [])].find((s) => s !== fallback && (!allowed || allowed.includes(s)));
  if (!kept) return ctx.notApplicable('InitialStates offers no state other than the default one');
  const { url, rep } = await makeTemplate(ctx, { initialState: kept });
  // JSON null; the XML client encoding is the empty element <initialState/> (§4.2.1.1).
  await fromTemplate(ctx, { href: String(rep['id'] ?? url), initialState: null }, (m) => {
    expect(m['state'], `CIMI-MACH-021: with the template's initialState (${kept}) erased, the Machine must end as one created without initialState does`).toBe(fallback);
  });
}, { creates: { MachineTemplate: 1, Machine: 1 }, uses: [sharedMachines], format: 'each' });

check('CIMI-MACH-022', 'a by-value template never becomes a visible MachineTemplate', async (ctx) => {
  const coll = await ctx.cimi.requireCollection('machineTemplates');
  const listed = async (): Promise<Map<string, CimiObject>> =>
    new Map(await Promise.all(collectionItems((await ctx.cimi.get(coll)).body).map(async (t) => [await ctx.cimi.resolve(String(t['id'])), t] as const)));
  const before = await listed();
  const template = await ctx.ws.byValueTemplate();
  const { url } = await ctx.ws.createMachine(template);
  await ctx.ws.settle(url);
  // Other checks (and OVF imports) create templates at the same time: only one built from exactly this
  // by-value template's configuration and image, and not named by this run, counts as exposed.
  const href = async (v: unknown) => (isRef(v) ? ctx.cimi.resolve(v.href) : undefined);
  const wanted = [await href(template['machineConfig']), await href(template['machineImage'])].join(' ');
  const fresh: string[] = [];
  for (const [id, t] of await listed()) {
    if (before.has(id) || String(t['name'] ?? '').startsWith(ctx.ws.namePrefix)) continue;
    const full = (await ctx.cimi.get(id)).body;
    if ([await href(full?.['machineConfig']), await href(full?.['machineImage'])].join(' ') === wanted) fresh.push(id);
  }
  expect(fresh, 'CIMI-MACH-022: MachineTemplates that appeared with a by-value create').toEqual([]);
}, { creates: { Machine: 1 } });

check('CIMI-MACH-015', 'a template credential that names no Credential makes Machine creation fail', async (ctx) => {
  const credentials = await ctx.cimi.requireCollection('credentials');
  const bogus = new URL(ctx.ws.uniqueName('missing'), credentials.endsWith('/') ? credentials : `${credentials}/`).toString();
  const attempt = await attemptCreate(ctx, 'machines', 'Machine', { machineTemplate: { ...(await ctx.ws.byValueTemplate()), credential: { href: bogus } } });
  if (attempt.created === undefined) {
    expect(attempt.refused, 'CIMI-MACH-015: the refusal is a client error').toBeLessThan(500);
    return;
  }
  const { url, res } = attempt.created;
  try {
    const machine = await ctx.ws.settle(url);
    const jobUrl = await jobUrlOf(ctx.cimi, res);
    const job = jobUrl ? (await ctx.ws.waitFor(jobUrl, (j) => FINAL_JOB_STATES.has(String(j['state'])), 'the create Job to end'))['state'] : undefined;
    const failed = ['ERROR', 'FAILED'].includes(String(machine['state'])) || job === 'FAILED';
    expect(failed ? 'creation failed' : `Machine ${String(machine['state'])}, Job ${String(job ?? 'none')}`, `CIMI-MACH-015: credential ${bogus} names no Credential, so creation must fail`).toBe('creation failed');
  } finally {
    await retire(ctx, url);
  }
}, { creates: { Machine: 1 } });

check('CIMI-CRED-001', "a Credential created from a CredentialTemplate carries the template's parameters", async (ctx) => {
  const byValue = isTrue(capabilities(await metadataFor(ctx.cimi, 'Credential')).get('CredentialTemplateByValue'));
  const parameters = { userName: ctx.ws.uniqueName('user') };
  let template: CimiObject;
  if (byValue) template = { parameters };
  else {
    const url = await ctx.cimi.collectionUrl('credentialTemplates');
    const first = url ? collectionItems((await ctx.cimi.get(url)).body)[0] : undefined;
    if (!first) return ctx.notApplicable('CredentialTemplateByValue is not advertised and no CredentialTemplate is listed');
    template = { href: String(first['id']) };
  }
  const { url } = await ctx.ws.create('credentials', 'Credential', { credentialTemplate: template });
  const expected = byValue ? parameters : (((await ctx.cimi.get(await ctx.cimi.resolve(String(template['href'])))).body?.['parameters'] ?? {}) as CimiObject);
  const got = ((await ctx.cimi.get(url)).body?.['parameters'] ?? {}) as CimiObject;
  for (const [k, v] of Object.entries(expected)) expectOneOf(got[k], [v], `CIMI-CRED-001: Credential parameter ${k} from the template`);
}, { creates: { Credential: 1 } });
