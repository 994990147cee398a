// The embedded reference providers: an in-memory CIMI (DSP0263) implementation under /cimi/ and an
// in-memory vCloud API 1.5/5.1 subset under /api/ and /transfer/ (vcloud/), on loopback, with a
// quirks switchboard (quirks.ts) to break one rule at a time. A separate program: it never imports
// the harness. Fastify is only the HTTP shell (listening, body limits); routing is by resource id.

import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { sameSecret } from './constantTime.js';
import { type Context, type SpecVersion, cepUrl } from './context.js';
import { drain } from './drain.js';
import { CimiError } from './errors.js';
import { EXPORTS_PATH, ExportedPackages } from './exportedPackages.js';
import { errorJob } from './jobs.js';
import { encodeJson } from './jsonCodec.js';
import { Lifecycle } from './lifecycle.js';
import { type Format, MEDIA_TYPE, responseFormat } from './negotiation.js';
import { OVF_MEDIA_TYPE } from './ovfFetch.js';
import { parseQuirks } from './quirks.js';
import type { Rep } from './representation.js';
import { type Reply, route } from './router.js';
import { seed } from './seed.js';
import { Store } from './store.js';
import { encodeXml } from './xmlCodec.js';
import { mountVcloud } from './vcloud/mount.js';
import type { VcloudQuirkName } from './vcloud/quirks.js';

export interface ReferenceOptions {
  /** Default 127.0.0.1; anything that is not loopback is refused. */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** Names from QUIRKS. */
  quirks?: string[];
  auth?: { type: 'none' } | { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };
  /** Selects the namespace cimi/1 (1.0, 1.1) or cimi/2 (2.0, default). */
  specVersion?: SpecVersion;
  /** How long each transitional state lasts; default 20; 0 = immediate (synchronous responses). */
  transitionMs?: number;
  /** Added before every answer, as a distant cloud's round trip; default 0. */
  latencyMs?: number;
  /** Expose Jobs (CIMI-Job-URI headers, jobs collection); default true. */
  jobs?: boolean;
  /** Default 1 MiB; larger bodies get 413 (vCloud transfer PUTs too: send bigger files in Content-Range parts). */
  maxBodyBytes?: number;
  /** The one vCloud user; `username` is `user@org` and names the seeded org. Default cloudconform@conformance / reference. */
  vcloud?: { username: string; password: string };
  log?: boolean;
}

export interface ReferenceProvider {
  cepUrl: string;
  baseUrl: string;
  /** The vCloud entry point: the unauthenticated versions document, `http://host:port/api/versions`. */
  vcloudUrl: string;
  close(): Promise<void>;
}

const DEFAULT_VCLOUD_CREDENTIALS = { username: 'cloudconform@conformance', password: 'reference' };

const MAX_RESOURCES = 10_000;
/** The `CIMI-Specification-Version` a 1.x provider sends: the last published release of that line (Annex C). */
const VERSION_HEADER: Record<'1.0' | '1.1', string> = { '1.0': '1.0.1', '1.1': '1.1.0' };
const OVERSIZE_LIMIT = 64 * 1024 * 1024;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

function checkOptions(o: ReferenceOptions): void {
  const bad = (what: string): never => {
    throw new Error(`reference provider: ${what}`);
  };
  if (o.host !== undefined && !isLoopback(o.host)) bad(`host ${o.host} is not a loopback address (use 127.0.0.1, ::1 or localhost)`);
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)) bad(`port ${o.port} is not 0..65535`);
  if (o.transitionMs !== undefined && !(Number.isFinite(o.transitionMs) && o.transitionMs >= 0)) bad(`transitionMs ${o.transitionMs} must be >= 0`);
  if (o.latencyMs !== undefined && !(Number.isFinite(o.latencyMs) && o.latencyMs >= 0 && o.latencyMs <= 60_000)) bad(`latencyMs ${o.latencyMs} must be 0..60000`);
  if (o.maxBodyBytes !== undefined && !(Number.isInteger(o.maxBodyBytes) && o.maxBodyBytes > 0)) bad(`maxBodyBytes ${o.maxBodyBytes} must be a positive integer`);
  if (o.specVersion !== undefined && !['1.0', '1.1', '2.0'].includes(o.specVersion)) bad(`specVersion ${String(o.specVersion)} is not 1.0, 1.1 or 2.0`);
  if (o.vcloud !== undefined && !/^[^:]+@[^@:]+$/.test(o.vcloud.username)) bad(`vcloud.username "${o.vcloud.username}" is not user@org (no ":")`);
  if (o.vcloud !== undefined && o.vcloud.password === '') bad('vcloud.password must not be empty');
}

function authorize(auth: ReferenceOptions['auth'], given: string | undefined): void {
  if (!auth || auth.type === 'none') return;
  const scheme = auth.type === 'basic' ? 'Basic' : 'Bearer';
  const expected = auth.type === 'basic' ? Buffer.from(`${auth.username}:${auth.password}`).toString('base64') : auth.token;
  const [kind = '', value = ''] = (given ?? '').trim().split(/\s+/, 2);
  if (kind.toLowerCase() !== scheme.toLowerCase() || !sameSecret(value, expected)) {
    throw new CimiError(401, 'authentication required', { 'www-authenticate': `${scheme} realm="cimi"` });
  }
}

/** A clock whose readings strictly increase, so two updates never share an `updated` value. */
function clock(): () => string {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
}

interface Wire {
  status: number;
  headers: Record<string, string>;
  payload: string;
}

function encode(ctx: Context, rep: Rep, format: Format): string {
  return format === 'xml' ? encodeXml(ctx, rep) : encodeJson(ctx, rep);
}

function toWire(ctx: Context, reply: Reply, format: Format): Wire {
  if (!reply.body) return { status: reply.status, headers: reply.headers, payload: '' };
  return { status: reply.status, headers: { ...reply.headers, 'content-type': MEDIA_TYPE[format] }, payload: encode(ctx, reply.body, format) };
}

function errorWire(ctx: Context, err: CimiError, format: Format): Wire {
  if (ctx.quirk('error-body-not-job')) return { status: err.status, headers: { ...err.headers, 'content-type': 'text/plain' }, payload: err.message };
  return { status: err.status, headers: { ...err.headers, 'content-type': MEDIA_TYPE[format] }, payload: encode(ctx, errorJob(ctx, err.status, err.message), format) };
}

/** The bytes of an exported package the URL names, if it names one. */
function exportedPackage(ctx: Context, url: URL): Buffer | undefined {
  const prefix = new URL(EXPORTS_PATH, ctx.baseUrl).pathname;
  return url.pathname.startsWith(prefix) ? ctx.exports.get(url.pathname.slice(prefix.length)) : undefined;
}

export async function startReferenceProvider(opts: ReferenceOptions = {}): Promise<ReferenceProvider> {
  checkOptions(opts);
  const quirks = parseQuirks(opts.quirks);
  const host = opts.host ?? '127.0.0.1';
  const app = Fastify({
    logger: opts.log === true,
    bodyLimit: quirks.has('oversize-accepted') ? OVERSIZE_LIMIT : (opts.maxBodyBytes ?? 1024 * 1024),
    exposeHeadRoutes: false,
    forceCloseConnections: true,
  });
  let ctx: Context | undefined;
  const lifecycle = new Lifecycle();

  // 1.x implementations name their version in every response; the 2.0 text has no such header.
  const versionHeader = (): Record<string, string> => (ctx && ctx.specVersion !== '2.0' ? { 'cimi-specification-version': VERSION_HEADER[ctx.specVersion] } : {});
  const send = (reply: FastifyReply, w: Wire): FastifyReply => reply.code(w.status).headers({ ...w.headers, ...versionHeader() }).send(w.payload);

  const latencyMs = opts.latencyMs ?? 0;
  if (latencyMs > 0) app.addHook('onRequest', () => new Promise<void>((resolve) => setTimeout(resolve, latencyMs)));

  // Bodies stay text: the codecs decide by Content-Type, so unsupported types get a CIMI 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler(async (err: { statusCode?: number; message: string }, req, reply) => {
    if (!ctx) return reply.code(503).send();
    const status = err.statusCode !== undefined && err.statusCode >= 400 ? err.statusCode : 500;
    if (status === 413) await drain(req.raw);
    return send(reply, errorWire(ctx, new CimiError(status, err.message), 'json'));
  });
  app.route({
    method: [...METHODS],
    url: '/*',
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      if (!ctx) return reply.code(503).send();
      let format: Format = 'json';
      try {
        authorize(opts.auth, req.headers.authorization);
        const url = new URL(req.url, ctx.baseUrl);
        format = responseFormat(ctx, url.search, req.headers.accept);
        const body = typeof req.body === 'string' ? req.body : undefined;
        const exported = req.method === 'GET' ? exportedPackage(ctx, url) : undefined;
        if (exported) return reply.code(200).headers({ 'content-type': OVF_MEDIA_TYPE }).send(exported);
        return send(reply, toWire(ctx, await route(ctx, { method: req.method, url, headers: req.headers, ...(body !== undefined ? { body } : {}) }), format));
      } catch (e) {
        if (!(e instanceof CimiError)) req.log.error(e);
        const err = e instanceof CimiError ? e : new CimiError(500, `internal error: ${(e as Error).message}`);
        return send(reply, errorWire(ctx, err, format));
      }
    },
  });

  const now = clock();
  const vcloud = mountVcloud(app, {
    credentials: opts.vcloud ?? DEFAULT_VCLOUD_CREDENTIALS,
    transitionMs: opts.transitionMs ?? 20,
    quirk: (name: VcloudQuirkName) => quirks.has(name),
    now,
  });

  await app.listen({ host, port: opts.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const baseUrl = `${origin}/cimi/`;
  const specVersion = opts.specVersion ?? '2.0';
  ctx = {
    baseUrl,
    specVersion,
    ns: `http://schemas.dmtf.org/cimi/${specVersion === '2.0' ? 2 : 1}`,
    transitionMs: opts.transitionMs ?? 20,
    jobs: opts.jobs ?? true,
    store: new Store(baseUrl, MAX_RESOURCES, new Set(['Job'])),
    lifecycle,
    exports: new ExportedPackages(baseUrl),
    quirk: (name) => quirks.has(name),
    now,
  };
  seed(ctx);
  vcloud.start(origin);
  const entry = cepUrl(ctx);
  return {
    cepUrl: entry,
    baseUrl,
    vcloudUrl: `${origin}/api/versions`,
    close: async () => {
      lifecycle.close();
      vcloud.close();
      await app.close();
    },
  };
}
