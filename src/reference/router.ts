// Dispatch by what a URL names: a stored resource (GET, PUT, DELETE), a collection (GET, POST add),
// or an operation href `<resource id>/<action>` (POST with an Action body). Ids are the URLs.

import { type Context, actionUri } from './context.js';
import { CimiError, badRequest, methodNotAllowed, notFound } from './errors.js';
import { beginJob, delaySyncJob, endJob } from './jobs.js';
import type { Outcome } from './kind.js';
import { kindOf } from './kinds.js';
import { readBody } from './negotiation.js';
import { type Query, parseQuery } from './query.js';
import type { Rep } from './representation.js';
import { expandCollection, expandResource, selectCollection, selectResource } from './select.js';
import type { Resource, Values } from './store.js';
import { applyUpdate } from './update.js';
import { type CollectionView, collectionAt, renderCollection, renderResource, resolver } from './views.js';

export interface CimiRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: Rep;
}

const header = (req: CimiRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

export const etag = (r: Resource): string => `"${r.version}"`;

/** Async only because some actions (OVF import/export) fetch or upload before answering. */
export async function route(ctx: Context, req: CimiRequest): Promise<Reply> {
  const href = `${req.url.origin}${req.url.pathname}`;
  const q = parseQuery(ctx, req.url.search);
  const resource = ctx.store.get(href);
  if (resource) return onResource(ctx, req, q, resource);
  const view = collectionAt(ctx, href);
  if (view) return onCollection(ctx, req, q, view);
  const cut = href.lastIndexOf('/');
  const owner = ctx.store.get(href.slice(0, cut));
  if (owner && kindOf(owner.type).act) return onAction(ctx, req, owner, href.slice(cut + 1));
  const ownerView = collectionAt(ctx, href.slice(0, cut));
  if (ownerView && kindOf(ownerView.itemType).actOnCollection) return onCollectionAction(ctx, req, ownerView, href.slice(cut + 1));
  if (req.method === 'GET' && ctx.quirk('unknown-200')) return { status: 200, headers: {}, body: {} };
  if (req.method === 'DELETE' && ctx.quirk('delete-unknown-returns-500')) throw new CimiError(500, `${href} does not exist`);
  throw notFound(href);
}

function shaped(ctx: Context, rep: Rep, q: Query, collection: boolean): Rep {
  const selected = q.select ? (collection ? selectCollection(ctx, rep, q.select) : selectResource(ctx, rep, q.select)) : rep;
  if (!q.expand) return selected;
  return collection ? expandCollection(ctx, selected, q.expand, resolver(ctx)) : expandResource(ctx, selected, q.expand, resolver(ctx));
}

function checkIfMatch(ctx: Context, req: CimiRequest, r: Resource): void {
  const ifMatch = header(req, 'if-match');
  if (ifMatch === undefined || ctx.quirk('etag-ignored')) return;
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (ctx.quirk('if-match-always-412') || !(tags.includes('*') || tags.includes(etag(r)))) {
    throw new CimiError(412, `If-Match ${ifMatch} does not match the current ETag ${etag(r)}; GET the resource again`);
  }
}

/** The reply to a mutating request: status, Job header, Location, and the body to send. */
function outcomeReply(ctx: Context, o: Outcome, syncStatus: number, syncBody: Rep | undefined): Reply {
  if (!o.async) delaySyncJob(ctx, o.job);
  const headers: Record<string, string> = {};
  if (o.job && !ctx.quirk('job-header-missing')) headers['cimi-job-uri'] = o.job.id;
  if (o.resource && !ctx.quirk('no-location-header')) headers['location'] = o.resource.id;
  else if (o.location) headers['location'] = o.location;
  const jobRep = o.job ? renderResource(ctx, o.job) : undefined;
  if (o.async) return { status: 202, headers, ...(jobRep ?? syncBody ? { body: jobRep ?? syncBody } : {}) };
  return { status: syncStatus, headers, ...(syncBody ?? jobRep ? { body: syncBody ?? jobRep } : {}) };
}

function onResource(ctx: Context, req: CimiRequest, q: Query, r: Resource): Reply {
  const kind = kindOf(r.type);
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return { status: 200, headers: { etag: etag(r) }, body: shaped(ctx, renderResource(ctx, r), q, false) };
    case 'PUT': {
      if (!kind.canEdit) throw methodNotAllowed('PUT', ['GET']);
      if (!kind.canEdit(r)) throw new CimiError(409, `this ${r.type} cannot be updated while ${String(r.values['state'])}`);
      checkIfMatch(ctx, req, r);
      applyUpdate(ctx, kind, r, readBody(ctx, header(req, 'content-type'), req.body, r.type), q.select);
      const job = beginJob(ctx, 'edit', r.id);
      endJob(ctx, job);
      const reply = outcomeReply(ctx, { ...(job ? { job } : {}), async: false }, 200, renderResource(ctx, r));
      return { ...reply, headers: { ...reply.headers, etag: etag(r) } };
    }
    case 'DELETE':
      if (!kind.remove) throw methodNotAllowed('DELETE', kind.canEdit ? ['GET', 'PUT'] : ['GET']);
      checkIfMatch(ctx, req, r);
      return outcomeReply(ctx, kind.remove(ctx, r), 200, undefined);
    default:
      throw methodNotAllowed(req.method, ['GET', ...(kind.canEdit ? ['PUT'] : []), ...(kind.remove ? ['DELETE'] : [])]);
  }
}

function onCollection(ctx: Context, req: CimiRequest, q: Query, view: CollectionView): Reply {
  const kind = kindOf(view.itemType);
  const canAdd = view.operations.some((o) => o.rel === 'add');
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return { status: 200, headers: {}, body: shaped(ctx, renderCollection(ctx, view, q), q, true) };
    case 'POST': {
      if (!canAdd || !kind.create || !kind.createBody) throw methodNotAllowed('POST', ['GET']);
      const spec = typeof kind.createBody === 'function' ? kind.createBody(ctx) : kind.createBody;
      const body = readBody(ctx, header(req, 'content-type'), req.body, spec.type, spec.roots);
      const o = kind.create(ctx, body);
      const created = o.resource ? renderResource(ctx, o.resource) : undefined;
      return outcomeReply(ctx, o, ctx.quirk('create-returns-200') ? 200 : 201, created);
    }
    default:
      throw methodNotAllowed(req.method, canAdd ? ['GET', 'POST'] : ['GET']);
  }
}

/** The Action body of a POST to an operation href, checked to name that action. */
function actionBody(ctx: Context, req: CimiRequest, name: string): Values {
  if (req.method !== 'POST') throw methodNotAllowed(req.method, ['POST']);
  const body = readBody(ctx, header(req, 'content-type'), req.body, 'Action');
  const uri = actionUri(ctx, name);
  // Under action-rel-relative a client may echo the bare rel it was shown; accept it so only the rel is wrong.
  const accepted = ctx.quirk('action-rel-relative') ? [uri, name] : [uri];
  if (!accepted.includes(String(body['action']))) throw badRequest(`the Action body must say "action": "${uri}"`);
  return body;
}

async function onAction(ctx: Context, req: CimiRequest, r: Resource, name: string): Promise<Reply> {
  const kind = kindOf(r.type);
  if (!kind.act || !kind.actions?.includes(name)) throw notFound(`${r.id}/${name}`);
  const body = actionBody(ctx, req, name);
  checkIfMatch(ctx, req, r);
  return outcomeReply(ctx, await kind.act(ctx, r, name, body), 200, undefined);
}

async function onCollectionAction(ctx: Context, req: CimiRequest, view: CollectionView, name: string): Promise<Reply> {
  const kind = kindOf(view.itemType);
  if (!kind.actOnCollection || !kind.collectionActions?.includes(name)) throw notFound(`${view.id}/${name}`);
  const body = actionBody(ctx, req, name);
  return outcomeReply(ctx, await kind.actOnCollection(ctx, view.id, name, body), 200, undefined);
}
