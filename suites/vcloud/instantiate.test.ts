// Instantiation (brief §6): the InstantiateVAppTemplateParams POST, the sparse vApp and its Task,
// what deploy/powerOn ask for, refusals of malformed bodies and of unaccepted EULAs, the vApp
// network, name scope in the org, and the vDC's listing of what it holds. One template for the file.

import { expect } from 'vitest';
import { check, fixture, type CheckContext } from '../../src/vcloud/check.js';
import { NS, XML_DECLARATION, attr, children, path, textOf, xml } from '../../src/vcloud/xml.js';
import { reference } from '../../src/vcloud/entities.js';
import { MEDIA, sameMediaType } from '../../src/vcloud/mediaTypes.js';
import { TEMPLATE_SHAPE, eulaPackage, templatePackage } from '../../src/vcloud/packages.js';
import { STATUS } from '../../src/vcloud/lifecycle.js';
import { powerState } from '../../src/vcloud/power.js';
import { instantiateParams } from '../../src/vcloud/requests.js';
import { embeddedTasks } from '../../src/vcloud/task.js';
import type { Created } from '../../src/vcloud/workspace.js';
import { expectError, expectRoot, expectStatus, expectStatusClass } from '../../src/vcloud/probes.js';
import { HarnessError } from '../../src/model/errors.js';

/**
 * The file's template, a vApp from a minimal InstantiateVAppTemplateParams (name and Source only:
 * deploy and powerOn left to the provider), and, where the vDC offers a network, a vApp bridged to it.
 */
const made = fixture('instantiate.test.ts: a template and two vApps', { creates: { VAppTemplate: 1, VApp: 2 } }, async ({ ws, vcloud }) => {
  const template = await ws.template(templatePackage());
  const name = ws.uniqueName('vapp');
  const minimal = await ws.instantiate(template.href, { name, body: instantiateParams({ name, source: template.href }) });
  const parent = await vcloud.network();
  const networked = parent ? await ws.instantiate(template.href, { network: { networkName: TEMPLATE_SHAPE.networks[0]!, parentHref: parent.href, fenceMode: 'bridged' } }) : undefined;
  // At rest, for the checks that read the result; the creates themselves are judged on their responses.
  for (const v of [minimal, networked]) if (v?.href) await ws.settle(v.href);
  return { template, minimal, ...(networked && parent ? { networked, parent: parent.href } : {}) };
});

/** A create the checks need accepted; its refusal is VCD-053's business. */
function accepted(c: Created | undefined, what: string): Created & { href: string } {
  if (!c?.href) throw new HarnessError('PRECONDITION', `${what} was refused (${c?.res.status ?? 'not attempted'})`);
  return c as Created & { href: string };
}

check('VCD-053', 'a minimal InstantiateVAppTemplateParams (name, Source) answers 201 with the VApp', async (ctx) => {
  const { minimal } = await ctx.use(made);
  expectStatus(minimal.res, 201, 'VCD-053: POST instantiateVAppTemplate with name and Source only');
  expect(attr(expectRoot(minimal.res, 'VApp', 'VCD-053'), 'name'), 'VCD-053: the new vApp is named as asked').toBe(minimal.name);
}, { uses: [made] });

check('VCD-054', 'the 201 VApp has status 0 and a Task whose Owner is the new vApp', async (ctx) => {
  const v = accepted((await ctx.use(made)).minimal, 'the minimal instantiation');
  const root = v.res.root!;
  expect(attr(root, 'status'), 'VCD-054: VApp@status of the 201').toBe('0');
  const tasks = embeddedTasks(root);
  expect(tasks.length, 'VCD-054: Tasks/Task in the 201 VApp').toBeGreaterThan(0);
  expect(['queued', 'preRunning', 'running'], 'VCD-054: the embedded Task is under way').toContain(tasks[0]!.status);
  expect(ctx.vcloud.resolve(tasks[0]!.owner?.href ?? ''), 'VCD-054: the Task Owner').toBe(v.href);
}, { uses: [made] });

check('VCD-030', "the vDC's ResourceEntities list the template and the vApp with type and name", async (ctx) => {
  const { template, minimal } = await ctx.use(made);
  const v = accepted(minimal, 'the minimal instantiation');
  const vdc = await ctx.vcloud.get(attr(await ctx.vcloud.vdc(), 'href') ?? '');
  const entities = path(vdc.root, 'ResourceEntities', 'ResourceEntity').map(reference);
  for (const [href, name, type] of [[template.href, template.name, MEDIA.vAppTemplate], [v.href, v.name, MEDIA.vApp]] as const) {
    const e = entities.find((r) => ctx.vcloud.resolve(r.href) === href);
    expect(e && { name: e.name, type: sameMediaType(e.type, type) }, `VCD-030: the ResourceEntity for ${href}`).toEqual({ name, type: true });
  }
}, { uses: [made] });

check('VCD-037', 'a second vApp with a name taken in the org is refused with 400 DUPLICATE_NAME', async (ctx) => {
  const { template, minimal } = await ctx.use(made);
  const v = accepted(minimal, 'the minimal instantiation');
  const again = await ctx.ws.instantiate(template.href, { name: v.name });
  expectError(again.res, [400], 'VCD-037: instantiating a second vApp named like the first', 'DUPLICATE_NAME');
}, { uses: [made], creates: { VApp: 1 } });

check('VCD-055', 'with deploy="false" powerOn="false" the vApp ends undeployed, status 8 (or 1)', async (ctx) => {
  const { template } = await ctx.use(made);
  const v = await ctx.ws.createVApp(template.href, { deploy: false, powerOn: false });
  const s = powerState(v.vapp);
  expect(s.deployed, 'VCD-055: VApp@deployed').toBe(false);
  expect([STATUS.POWERED_OFF, STATUS.RESOLVED], 'VCD-055: VApp@status').toContain(s.status);
}, { uses: [made], creates: { VApp: 1 } });

check('VCD-056', 'with deploy="true" powerOn="true" the vApp ends deployed, status 4', async (ctx) => {
  const { template } = await ctx.use(made);
  const v = await ctx.ws.createVApp(template.href, { deploy: true, powerOn: true });
  expect(powerState(v.vapp), 'VCD-056: the vApp at rest').toEqual({ status: STATUS.POWERED_ON, deployed: true });
}, { uses: [made], creates: { VApp: 1 } });

/** Instantiates with a hand-written body that must be refused. */
async function refusedBody(ctx: CheckContext, body: (source: string, name: string) => string, rule: string, what: string): Promise<void> {
  const { template } = await ctx.use(made);
  const name = ctx.ws.uniqueName('bad');
  const res = (await ctx.ws.instantiate(template.href, { name, body: body(template.href, name) })).res;
  expectError(res, [400], `${rule}: ${what}`, 'BAD_REQUEST');
}

const badRoot = (name: string, ...content: string[]): string => XML_DECLARATION + xml('InstantiateVAppTemplateParams', { xmlns: NS.v15, name, deploy: 'false', powerOn: 'false' }, ...content);

check('VCD-057', 'elements out of schema order are refused with 400 BAD_REQUEST', (ctx) =>
  refusedBody(ctx, (source, name) => badRoot(name, xml('Source', { href: source }), xml('Description', {}, 'Source before Description')), 'VCD-057', 'InstantiateVAppTemplateParams with Source before Description'),
{ uses: [made], creates: { VApp: 1 } });

check('VCD-058', 'an InstantiateVAppTemplateParams without Source is refused with 400', async (ctx) => {
  const { template } = await ctx.use(made);
  const name = ctx.ws.uniqueName('bad');
  const { res } = await ctx.ws.instantiate(template.href, { name, body: badRoot(name, xml('Description', {}, 'no Source')) });
  expectError(res, [400], 'VCD-058: InstantiateVAppTemplateParams without Source');
}, { uses: [made], creates: { VApp: 1 } });

check('VCD-059', 'a template with a EULA is not instantiated without AllEULAsAccepted', async (ctx) => {
  const t = await ctx.ws.template(eulaPackage());
  const v = await ctx.ws.instantiate(t.href);
  if (!v.href) return expectStatusClass(v.res, 4, 'VCD-059: instantiating a EULA template without AllEULAsAccepted');
  const after = await ctx.ws.settle(v.href);
  const failed = attr(after, 'status') === '-1' || embeddedTasks(after).some((task) => task.status === 'error');
  expect(failed, `VCD-059: the vApp of a EULA template instantiated without AllEULAsAccepted (status ${attr(after, 'status') ?? '?'})`).toBe(true);
}, { creates: { VAppTemplate: 1, VApp: 1 } });

/** The networked vApp, where the vDC offers a network. */
async function networked(ctx: CheckContext): Promise<{ v: Created & { href: string }; parent: string }> {
  const m = await ctx.use(made);
  if (!m.parent) return ctx.notApplicable('the vDC lists no AvailableNetworks/Network');
  return { v: accepted(m.networked, 'the instantiation with a NetworkConfigSection'), parent: m.parent };
}

check('VCD-031', "a vDC AvailableNetworks href is accepted as a vApp network's ParentNetwork", async (ctx) => {
  const m = await ctx.use(made);
  if (!m.parent) return ctx.notApplicable('the vDC lists no AvailableNetworks/Network');
  expectStatus(m.networked!.res, 201, `VCD-031: instantiating with ParentNetwork ${m.parent}`);
  const after = await ctx.ws.settle(m.networked!.href!);
  expect(attr(after, 'status'), 'VCD-031: the vApp on that network was created').not.toBe('-1');
}, { uses: [made] });

check('VCD-060', "the vApp's NetworkConfigSection reflects networkName, ParentNetwork and FenceMode", async (ctx) => {
  const { v, parent } = await networked(ctx);
  const vapp = await ctx.ws.settle(v.href);
  const name = TEMPLATE_SHAPE.networks[0]!;
  const config = vapp.getElementsByTagNameNS(NS.v15, 'NetworkConfig').find((c) => attr(c, 'networkName') === name);
  expect(config, `VCD-060: NetworkConfig networkName="${name}" in the vApp`).toBeDefined();
  const conf = children(config, 'Configuration')[0];
  expect({ parent: ctx.vcloud.resolve(attr(children(conf, 'ParentNetwork')[0], 'href') ?? ''), fence: textOf(conf, 'FenceMode') }, 'VCD-060: its Configuration').toEqual({ parent: ctx.vcloud.resolve(parent), fence: 'bridged' });
}, { uses: [made] });
