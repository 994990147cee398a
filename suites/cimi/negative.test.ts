// Requests a provider must refuse: each gets the error class its rule names, a Job-shaped error body
// (§4.2.2), and creates nothing (the collection is listed before and after and compared).
// The probes are data; each check below names the requirement a probe's refusal verifies.

import { expect } from 'vitest';
import { check, type CheckContext } from '../../src/cimi/check.js';
import type { CimiObject, CimiResponse } from '../../src/cimi/cimiClient.js';
import { encodeCimi, mediaType } from '../../src/cimi/cimiCodec.js';
import { collectionItems } from '../../src/cimi/workspace.js';
import { expectCimiError, expectStatus, expectStatusClass } from '../../src/cimi/probes.js';

interface Probe {
  title: string;
  /** Sends the request; `marker` is the name any resource it wrongly creates would carry. */
  send(ctx: CheckContext, marker: string): Promise<CimiResponse>;
  /** Resources the request may have made outside the machines collection. */
  strays?(ctx: CheckContext, marker: string): Promise<string[]>;
}

/** Where the machines collection takes creations (its `add` href, else itself). */
async function addHref({ cimi }: CheckContext): Promise<string> {
  const url = await cimi.requireCollection('machines');
  const add = cimi.operation((await cimi.get(url)).body, 'add');
  return add ? cimi.resolve(add.href) : url;
}

/** A MachineCreate that would be valid: by-value template from the first configuration and image. */
async function machineCreate(ctx: CheckContext, marker: string, extra: CimiObject = {}): Promise<CimiObject> {
  return { resourceURI: ctx.cimi.typeUri('MachineCreate'), name: marker, machineTemplate: await ctx.ws.byValueTemplate(), ...extra };
}

const encode = (ctx: CheckContext, body: CimiObject, root: string): string => encodeCimi(body, root, ctx.format, ctx.cimi.ns);

/** A URL next to `collectionUrl` that names nothing: a deliberately unknown id. */
function unknownIn(collectionUrl: string, name: string): string {
  return new URL(name, collectionUrl.endsWith('/') ? collectionUrl : `${collectionUrl}/`).toString();
}

// Collections of the 2.0 entry point (§5.12) that are optional; one the provider does not list is probed.
const OPTIONAL_COLLECTIONS: [string, string][] = [['volumes', 'Volume'], ['systems', 'System'], ['networks', 'Network'], ['credentials', 'Credential'], ['meters', 'Meter'], ['eventLogs', 'EventLog']];

const MALFORMED: Probe = {
  title: 'a create whose body is not well-formed is refused',
  send: async (ctx, marker) => {
    const text = encode(ctx, await machineCreate(ctx, marker), 'MachineCreate');
    return ctx.cimi.raw('POST', await addHref(ctx), mediaType(ctx.format), text.slice(0, Math.floor(text.length / 2)));
  },
};

const MEDIA_TYPE: Probe = {
  title: 'a create sent as an unsupported media type (text/plain) is refused',
  send: async (ctx, marker) => ctx.cimi.raw('POST', await addHref(ctx), 'text/plain', encode(ctx, await machineCreate(ctx, marker), 'MachineCreate')),
};

const NO_TEMPLATE: Probe = {
  title: 'a MachineCreate without machineTemplate is refused',
  send: async (ctx, marker) => ctx.cimi.post(await addHref(ctx), 'MachineCreate', { resourceURI: ctx.cimi.typeUri('MachineCreate'), name: marker }),
};

const UNKNOWN_ATTRIBUTE: Probe = {
  title: 'a create with an unknown attribute is refused',
  send: async (ctx, marker) => ctx.cimi.post(await addHref(ctx), 'MachineCreate', await machineCreate(ctx, marker, { ccUnknownAttribute: 'x' })),
};

const PUT_UNKNOWN: Probe = {
  title: 'a PUT to an unknown Machine id is refused and creates nothing',
  send: async (ctx, marker) => {
    const url = unknownIn(await ctx.cimi.requireCollection('machines'), marker);
    return ctx.cimi.put(url, 'Machine', { resourceURI: ctx.cimi.typeUri('Machine'), id: url, name: marker });
  },
  strays: async (ctx, marker) => {
    const url = unknownIn(await ctx.cimi.requireCollection('machines'), marker);
    return (await ctx.cimi.get(url)).status < 400 ? [url] : [];
  },
};

const UNLISTED: Probe = {
  title: 'a create sent to a collection the entry point does not list is refused',
  send: async (ctx, marker) => {
    const { cimi } = ctx;
    const cep = await cimi.cep();
    const machines = await cimi.requireCollection('machines');
    // Guessing is only sound where the provider names its collections after their attributes.
    if (!machines.replace(/\/$/, '').endsWith('/machines')) return ctx.notApplicable('collection URLs are not named after their attributes; nowhere to guess');
    const unlisted = OPTIONAL_COLLECTIONS.find(([attr]) => cep[attr] === undefined);
    if (!unlisted) return ctx.notApplicable('the entry point lists every optional collection probed here');
    const [attr, type] = unlisted;
    const url = machines.replace(/machines\/?$/, attr);
    return cimi.post(url, `${type}Create`, { resourceURI: cimi.typeUri(`${type}Create`), name: marker });
  },
};

/** Sends the probe between two listings of the machines collection; what it wrongly created is reported and removed. */
async function attempt(ctx: CheckContext, probe: Probe): Promise<{ res: CimiResponse; created: string[] }> {
  const { cimi, ws } = ctx;
  const coll = await cimi.requireCollection('machines');
  const ids = async () => Promise.all(collectionItems((await cimi.get(coll)).body).map((m) => cimi.resolve(String(m['id']))));
  const before = new Set(await ids());
  const marker = ws.uniqueName('neg');
  const res = await probe.send(ctx, marker);
  const created = (await probe.strays?.(ctx, marker)) ?? [];
  for (const id of (await ids()).filter((i) => !before.has(i) && !created.includes(i))) {
    // Other checks create Machines concurrently, always named cc-…; anything else new is this request's.
    const res = await cimi.get(id);
    if (res.status === 404) continue; // deleted since the listing: another check's
    const name = res.body?.['name'];
    if (name === marker || typeof name !== 'string' || !name.startsWith('cc-')) created.push(id);
  }
  for (const id of created) await ws.settle(id).then(() => ws.remove(id)).catch(() => undefined);
  return { res, created };
}

/** The check of a probe: refused with a 4xx (or exactly `status`), and nothing created. */
function refused(id: string, probe: Probe, status?: number) {
  return async (ctx: CheckContext): Promise<void> => {
    const { res, created } = await attempt(ctx, probe);
    if (status !== undefined) return expectStatus(res, status, `${id}: ${probe.title}`);
    expectStatusClass(res, 4, `${id}: ${probe.title}`);
    expect(created, `${id}: Machines created by the refused request`).toEqual([]);
  };
}

check('CIMI-NEG-001', MALFORMED.title, refused('CIMI-NEG-001', MALFORMED), { format: 'each' });
check('CIMI-NEG-002', MEDIA_TYPE.title, refused('CIMI-NEG-002', MEDIA_TYPE), { format: 'each' });
check('CIMI-NEG-003', `${MEDIA_TYPE.title} with 415`, refused('CIMI-NEG-003', MEDIA_TYPE, 415));
check('CIMI-NEG-004', NO_TEMPLATE.title, refused('CIMI-NEG-004', NO_TEMPLATE), { format: 'each' });
check('CIMI-GEN-010', UNKNOWN_ATTRIBUTE.title, refused('CIMI-GEN-010', UNKNOWN_ATTRIBUTE), { format: 'each' });
check('CIMI-NEG-005', PUT_UNKNOWN.title, refused('CIMI-NEG-005', PUT_UNKNOWN), { format: 'each' });
check('CIMI-NEG-006', UNLISTED.title, refused('CIMI-NEG-006', UNLISTED), { format: 'each' });

for (const probe of [MALFORMED, MEDIA_TYPE, NO_TEMPLATE, UNKNOWN_ATTRIBUTE, PUT_UNKNOWN, UNLISTED]) {
  check('CIMI-HTTP-016', `the error body is a Job: ${probe.title}`, async (ctx) => {
    const { res } = await attempt(ctx, probe);
    // No error, no error body: that is the probe's own requirement failing.
    if (res.status < 400) return ctx.notApplicable(`the request was not refused (${res.status})`);
    expectCimiError(res, ctx.cimi.typeUri('Job'), `CIMI-HTTP-016: ${probe.title}`);
  }, { format: 'each' });
}
