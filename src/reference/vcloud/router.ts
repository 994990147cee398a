// Dispatch of /api/ and /transfer/ requests: the public documents (versions, schemas) and login
// first, then version negotiation (406) and the session token (401) for everything else, then the
// route table by path and verb (404, 405). Ids in a path are read by the handlers: malformed → 400,
// unknown → 403. Replies and VcdErrors are answered in the negotiated version (wire.ts).

import { type Reply, type VcdContext, type VcdRequest, header } from './context.js';
import { captureVApp } from './capture.js';
import { addCatalogItem, deleteCatalogItem } from './catalog.js';
import { enableDownload, getTransferFile } from './download.js';
import { VcdError, badRequest, methodNotAllowed, notFound } from './errors.js';
import { instantiateVAppTemplate } from './instantiate.js';
import { resolveEntity } from './entityResolver.js';
import { API_VERSIONS, type ApiVersion, MEDIA, negotiateVersion } from './media-types.js';
import { deploy, isPowerOp, powerAction, type Target, undeploy, vappTarget, vmTarget } from './power.js';
import { query } from './query.js';
import { uuidIn } from './refs.js';
import { deleteTemplate, deleteVApp } from './removal.js';
import { TOKEN_HEADER, authenticate, login, logout } from './session.js';
import { taskElement, tasksListElement } from './taskViews.js';
import { cancelTask } from './tasks.js';
import { putTransferFile, uploadVAppTemplate } from './upload.js';
import { editVApp } from './vappEdit.js';
import { templateElement, templateVmElement, vappElement, vmElement } from './vappViews.js';
import { schemaDocument, schemaPath, versionsDocument } from './versions.js';
import { catalogElement, catalogItemElement, entityElement, networkElement, orgElement, orgListElement, sessionElement, vdcElement } from './views.js';
import { type Wire, errorWire, toWire } from './wire.js';
import type { XmlElement } from './xml.js';

export interface Incoming {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

type Handler = (ctx: VcdContext, req: VcdRequest, params: string[]) => Reply;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Route {
  /** Segments after /api/; `:` matches any one segment, passed to the handler in order. */
  path: string[];
  methods: Partial<Record<Method, Handler>>;
}

const ok = (root: XmlElement, media: string): Reply => ({ status: 200, xml: { root, media } });

/** The one org: its id is the only one an org or tasksList path may name. */
const orgOf = (ctx: VcdContext, segment: string) => ctx.store.need(new Map([[ctx.store.org.uuid, ctx.store.org]]), 'org', uuidIn(segment));
const vdcOf = (ctx: VcdContext, segment: string) => ctx.store.need(ctx.store.vdcs, 'vdc', uuidIn(segment));
const catalogOf = (ctx: VcdContext, segment: string) => ctx.store.need(ctx.store.catalogs, 'catalog', uuidIn(segment));
const catalogItemOf = (ctx: VcdContext, segment: string) => ctx.store.need(ctx.store.catalogItems, 'catalogItem', uuidIn(segment));
const templateOf = (ctx: VcdContext, segment: string) => ctx.store.need(ctx.store.templates, 'vAppTemplate', uuidIn(segment, 'vappTemplate-'));
const vappOf = (ctx: VcdContext, segment: string) => ctx.store.need(ctx.store.vapps, 'vApp', uuidIn(segment, 'vapp-'));
const taskOf = (ctx: VcdContext, segment: string) => ctx.store.need(ctx.store.tasks, 'task', uuidIn(segment));

/** /api/vApp/<segment> names a vApp (vapp-<uuid>) or one of its Vms (vm-<uuid>). */
const targetOf = (ctx: VcdContext, segment: string): Target =>
  segment.startsWith('vm-') ? vmTarget(ctx, ctx.store.needVm(uuidIn(segment, 'vm-'))) : vappTarget(ctx, vappOf(ctx, segment));

/** PUT and DELETE exist for vApps only; on a Vm they are 405. */
function onVApp(method: string, handler: (ctx: VcdContext, req: VcdRequest, segment: string) => Reply): Handler {
  return (ctx, req, [segment = '']) => {
    if (segment.startsWith('vm-')) {
      ctx.store.needVm(uuidIn(segment, 'vm-'));
      throw methodNotAllowed(method, ['GET']);
    }
    return handler(ctx, req, segment);
  };
}

const ROUTES: Route[] = [
  { path: ['session'], methods: { GET: (ctx) => ok(sessionElement(ctx), MEDIA.session), DELETE: (ctx, req) => (logout(ctx, req.session), { status: 204 }) } },
  { path: ['org'], methods: { GET: (ctx) => ok(orgListElement(ctx), MEDIA.orgList) } },
  { path: ['org', ':'], methods: { GET: (ctx, _req, [id = '']) => (orgOf(ctx, id), ok(orgElement(ctx), MEDIA.org)) } },
  { path: ['vdc', ':'], methods: { GET: (ctx, _req, [id = '']) => ok(vdcElement(ctx, vdcOf(ctx, id)), MEDIA.vdc) } },
  { path: ['vdc', ':', 'action', 'uploadVAppTemplate'], methods: { POST: (ctx, req, [id = '']) => uploadVAppTemplate(ctx, req, vdcOf(ctx, id)) } },
  { path: ['vdc', ':', 'action', 'instantiateVAppTemplate'], methods: { POST: (ctx, req, [id = '']) => instantiateVAppTemplate(ctx, req, vdcOf(ctx, id)) } },
  { path: ['vdc', ':', 'action', 'captureVApp'], methods: { POST: (ctx, req, [id = '']) => captureVApp(ctx, req, vdcOf(ctx, id)) } },
  { path: ['catalog', ':'], methods: { GET: (ctx, _req, [id = '']) => ok(catalogElement(ctx, catalogOf(ctx, id)), MEDIA.catalog) } },
  { path: ['catalog', ':', 'catalogItems'], methods: { POST: (ctx, req, [id = '']) => addCatalogItem(ctx, req, catalogOf(ctx, id)) } },
  {
    path: ['catalogItem', ':'],
    methods: {
      GET: (ctx, _req, [id = '']) => ok(catalogItemElement(ctx, catalogItemOf(ctx, id)), MEDIA.catalogItem),
      DELETE: (ctx, _req, [id = '']) => deleteCatalogItem(ctx, catalogItemOf(ctx, id)),
    },
  },
  { path: ['network', ':'], methods: { GET: (ctx, _req, [id = '']) => ok(networkElement(ctx, ctx.store.need(ctx.store.networks, 'network', uuidIn(id))), MEDIA.network) } },
  {
    path: ['vAppTemplate', ':'],
    methods: {
      GET: (ctx, _req, [id = '']) => {
        if (!id.startsWith('vm-')) return ok(templateElement(ctx, templateOf(ctx, id)), MEDIA.vAppTemplate);
        const { template, vm } = ctx.store.needTemplateVm(uuidIn(id, 'vm-'));
        return ok(templateVmElement(ctx, template, vm), MEDIA.vm);
      },
      DELETE: (ctx, _req, [id = '']) => deleteTemplate(ctx, templateOf(ctx, id)),
    },
  },
  { path: ['vAppTemplate', ':', 'action', 'enableDownload'], methods: { POST: (ctx, _req, [id = '']) => enableDownload(ctx, templateOf(ctx, id)) } },
  {
    path: ['vApp', ':'],
    methods: {
      GET: (ctx, _req, [id = '']) => (id.startsWith('vm-') ? ok(vmElement(ctx, ctx.store.needVm(uuidIn(id, 'vm-'))), MEDIA.vm) : ok(vappElement(ctx, vappOf(ctx, id)), MEDIA.vApp)),
      PUT: onVApp('PUT', (ctx, req, id) => editVApp(ctx, req, vappOf(ctx, id))),
      DELETE: onVApp('DELETE', (ctx, _req, id) => deleteVApp(ctx, vappOf(ctx, id))),
    },
  },
  {
    path: ['vApp', ':', 'power', 'action', ':'],
    methods: {
      POST: (ctx, req, [id = '', op = '']) => {
        const target = targetOf(ctx, id);
        if (!isPowerOp(op)) throw notFound(req.url.pathname);
        return powerAction(ctx, target, op);
      },
    },
  },
  {
    path: ['vApp', ':', 'action', ':'],
    methods: {
      POST: (ctx, req, [id = '', action = '']) => {
        const target = targetOf(ctx, id);
        if (action === 'deploy') return deploy(ctx, req, target);
        if (action === 'undeploy') return undeploy(ctx, req, target);
        throw notFound(req.url.pathname);
      },
    },
  },
  { path: ['task', ':'], methods: { GET: (ctx, _req, [id = '']) => ok(taskElement(ctx, taskOf(ctx, id)), MEDIA.task) } },
  { path: ['task', ':', 'action', 'cancel'], methods: { POST: (ctx, _req, [id = '']) => (cancelTask(ctx, taskOf(ctx, id)), { status: 204 }) } },
  {
    path: ['tasksList', ':'],
    methods: { GET: (ctx, _req, [id = '']) => (orgOf(ctx, id), ok(tasksListElement(ctx), MEDIA.tasksList)) },
  },
  { path: ['query'], methods: { GET: (ctx, req) => query(ctx, req.url.searchParams) } },
  { path: ['entity', ':'], methods: { GET: (ctx, _req, [urn = '']) => ok(entityElement(ctx, urn, resolveEntity(ctx, urn)), MEDIA.entity) } },
];

function match(route: Route, segments: string[]): string[] | undefined {
  if (route.path.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (route.path[i] === ':') params.push(segments[i]!);
    else if (route.path[i] !== segments[i]) return undefined;
  }
  return params;
}

function routeApi(ctx: VcdContext, req: VcdRequest, segments: string[]): Reply {
  for (const route of ROUTES) {
    const params = match(route, segments);
    if (!params) continue;
    const handler = route.methods[req.method as Method];
    if (!handler) throw methodNotAllowed(req.method, Object.keys(route.methods));
    return handler(ctx, req, params);
  }
  throw notFound(req.url.pathname);
}

/** /transfer/<session>/<file>: PUT on an upload session, GET on a download session. */
function routeTransfer(ctx: VcdContext, req: VcdRequest, segments: string[]): Reply {
  const [session = '', ...file] = segments;
  const name = file.join('/');
  const upload = [...ctx.store.templates.values()].find((t) => t.transfer === session);
  if (upload) {
    if (req.method !== 'PUT') throw methodNotAllowed(req.method, ['PUT']);
    return putTransferFile(ctx, req, upload, name);
  }
  const download = [...ctx.store.templates.values()].find((t) => t.download === session);
  if (!download) throw notFound(req.url.pathname);
  if (req.method !== 'GET') throw methodNotAllowed(req.method, ['GET']);
  return getTransferFile(req, download, name);
}

/** Segments of the path after its first one (api or transfer), decoded; a trailing slash is ignored. */
function segmentsOf(url: URL): string[] {
  const parts = url.pathname.split('/').slice(2);
  if (parts.at(-1) === '') parts.pop();
  try {
    return parts.map(decodeURIComponent);
  } catch {
    throw badRequest(`the path ${url.pathname} is not validly percent-encoded`);
  }
}

function publicReply(ctx: VcdContext, incoming: Incoming, segments: string[]): Reply | undefined {
  const path = segments.join('/');
  const only = (method: string, reply: () => Reply): Reply => {
    if (incoming.method !== method) throw methodNotAllowed(incoming.method, [method]);
    return reply();
  };
  if (path === 'versions') return only('GET', () => versionsDocument(ctx.apiUrl, ctx.quirk('vcloud-versions-no-login-url')));
  const version = API_VERSIONS.find((v) => schemaPath(v) === path);
  if (version) return only('GET', () => schemaDocument(version));
  return undefined;
}

export function handle(ctx: VcdContext, incoming: Incoming): Wire {
  let version: ApiVersion = API_VERSIONS[0];
  try {
    const [area] = incoming.url.pathname.split('/').slice(1);
    const segments = segmentsOf(incoming.url);
    const pub = area === 'api' ? publicReply(ctx, incoming, segments) : undefined;
    if (pub) return toWire(ctx, pub, version);
    if (area === 'api') version = negotiateVersion(header(incoming, 'accept'));
    let reply: Reply;
    if (area === 'api' && segments.join('/') === 'sessions') {
      if (incoming.method !== 'POST') throw methodNotAllowed(incoming.method, ['POST']);
      const session = login(ctx, incoming);
      reply = { ...ok(sessionElement(ctx), MEDIA.session), headers: { [TOKEN_HEADER]: session.token } };
    } else {
      const req: VcdRequest = { ...incoming, session: authenticate(ctx, incoming) };
      reply = area === 'api' ? routeApi(ctx, req, segments) : routeTransfer(ctx, req, segments);
    }
    const wire = toWire(ctx, reply, version);
    reply.after?.();
    return wire;
  } catch (e) {
    if (e instanceof VcdError) return errorWire(ctx, e, version);
    return errorWire(ctx, new VcdError(500, `internal error: ${(e as Error).message}`), version);
  }
}
