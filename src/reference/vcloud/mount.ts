// The vCloud provider inside the reference server: /api/* and /transfer/* routes in a fastify scope
// of their own, so their bodies stay Buffers (transfer PUTs are binary) and their errors are vCloud
// Error elements, while the CIMI routes keep their string bodies and Job errors. The provider starts
// once the server knows its address, and close() leaves no timer behind.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { drain } from '../drain.js';
import { Lifecycle } from '../lifecycle.js';
import type { Credentials, VcdContext } from './context.js';
import { VcdError } from './errors.js';
import type { VcloudQuirkName } from './quirks.js';
import { handle } from './router.js';
import { type Wire, errorWire } from './wire.js';
import { seededStore } from './seed.js';
import { Sessions } from './session.js';

export interface VcloudOptions {
  credentials: Credentials;
  transitionMs: number;
  quirk(name: VcloudQuirkName): boolean;
  now(): string;
}

export interface VcloudProvider {
  /** Seeds the store and starts answering; `origin` is `http://host:port`. */
  start(origin: string): void;
  close(): void;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

export function mountVcloud(app: FastifyInstance, opts: VcloudOptions): VcloudProvider {
  let ctx: VcdContext | undefined;
  const lifecycle = new Lifecycle();
  const send = (reply: FastifyReply, w: Wire): FastifyReply => reply.code(w.status).headers(w.headers).send(w.payload);

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.setErrorHandler(async (err: { statusCode?: number; message: string }, req, reply) => {
      if (!ctx) return reply.code(503).send();
      const status = err.statusCode !== undefined && err.statusCode >= 400 ? err.statusCode : 500;
      if (status === 413) await drain(req.raw);
      return send(reply, errorWire(ctx, new VcdError(status, err.message)));
    });
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      if (!ctx) return reply.code(503).send();
      const body = Buffer.isBuffer(req.body) ? req.body : undefined;
      return send(reply, handle(ctx, { method: req.method, url: new URL(req.url, ctx.origin), headers: req.headers, ...(body ? { body } : {}) }));
    };
    for (const url of ['/api/*', '/transfer/*']) scope.route({ method: [...METHODS], url, handler });
  });

  return {
    start(origin) {
      ctx = {
        origin,
        apiUrl: `${origin}/api/`,
        transitionMs: opts.transitionMs,
        credentials: opts.credentials,
        store: seededStore(opts.credentials, opts.now(), opts.quirk('vcloud-unknown-id-500')),
        sessions: new Sessions(),
        lifecycle,
        quirk: opts.quirk,
        now: opts.now,
      };
    },
    close: () => lifecycle.close(),
  };
}
