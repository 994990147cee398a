// The suite's own package server for OVF import/export checks: a loopback HTTP server (127.0.0.1,
// random port) that a check starts and stops. It serves generated packages (an OVA, or a descriptor
// with its files next to it) with the media types DSP0263 Annex A expects, accepts PUT at the
// destinations a check opened for export, and records every request, so a check can tell what the
// provider fetched and uploaded. Bounded in stored bytes, upload size, log length and time.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GeneratedPackage, members } from '../ovf/generators/package.js';
import { HarnessError } from '../model/errors.js';
import { packOva } from '../ovf/ovaMembers.js';

export type Layout = 'ova' | 'folder';

export interface Request {
  method: string;
  path: string;
  status: number;
}

export interface Upload {
  contentType: string;
  bytes: Buffer;
}

/** What DSP0263 Annex A calls an OVF package, whether descriptor or OVA. */
export const OVF_MEDIA_TYPE = 'application/ovf';

const MAX_STORED_BYTES = 64 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const MAX_LOG = 1000;
const REQUEST_TIMEOUT_MS = 15_000;

function mediaTypeOf(path: string): string {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return ext === 'ova' || ext === 'ovf' ? OVF_MEDIA_TYPE : ext === 'mf' || ext === 'cert' ? 'text/plain' : 'application/octet-stream';
}

/** The package as a TAR archive in memory (generated packages are a few KiB). */
export const ovaBytes = (pkg: GeneratedPackage): Promise<Buffer> => packOva(members(pkg));

export class PackageServer {
  readonly log: Request[] = [];
  private readonly files = new Map<string, { bytes: Buffer; type: string }>();
  private readonly uploads = new Map<string, Upload>();
  private readonly destinations = new Set<string>();
  private stored = 0;
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  /** Runs `fn` with a server of its own, closed whatever happens. */
  static async using<T>(fn: (ps: PackageServer) => Promise<T>): Promise<T> {
    const ps = await PackageServer.start();
    try {
      return await fn(ps);
    } finally {
      await ps.close();
    }
  }

  static async start(): Promise<PackageServer> {
    const server = createServer();
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(new HarnessError('PRECONDITION', `package server could not listen on 127.0.0.1: ${e.message}`)));
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    const ps = new PackageServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => ps.handle(req, res));
    return ps;
  }

  /** Serves `bytes` at `path` (with its media type unless given); returns the URL. */
  serve(path: string, bytes: Uint8Array, type = mediaTypeOf(path)): string {
    this.stored += bytes.length;
    if (this.stored > MAX_STORED_BYTES) throw new HarnessError('BUDGET', `package server holds more than ${MAX_STORED_BYTES} bytes`);
    this.files.set(path, { bytes: Buffer.from(bytes), type });
    return `${this.origin}${path}`;
  }

  /** Serves a generated package under a fresh prefix; returns the URL to import (the .ova or the .ovf). */
  async servePackage(pkg: GeneratedPackage, layout: Layout): Promise<string> {
    const prefix = `/p${++this.seq}/`;
    if (layout === 'ova') return this.serve(`${prefix}${pkg.name}.${pkg.edits.extension ?? 'ova'}`, await ovaBytes(pkg));
    for (const m of members(pkg)) if (m.type !== 'directory') this.serve(`${prefix}${m.name}`, m.bytes);
    return `${this.origin}${prefix}${pkg.name}.ovf`;
  }

  /** A URL that accepts PUT (an export destination); what arrives is in upload(). */
  destination(name: string): string {
    const path = `/d${++this.seq}/${name}`;
    this.destinations.add(path);
    return `${this.origin}${path}`;
  }

  upload(url: string): Upload | undefined {
    return this.uploads.get(new URL(url).pathname);
  }

  /** The requests made for `url`'s path. */
  requestsFor(url: string): Request[] {
    const path = new URL(url).pathname;
    return this.log.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number> = {}, body?: Buffer): void {
    if (this.log.length < MAX_LOG) this.log.push({ method: req.method ?? '', path: new URL(req.url ?? '/', this.origin).pathname, status });
    res.writeHead(status, headers).end(body);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    if (req.method === 'PUT') return void this.receive(req, res, path);
    const file = this.files.get(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.record(req, res, 405, { allow: 'GET, HEAD, PUT' });
    if (!file) return this.record(req, res, 404);
    this.record(req, res, 200, { 'content-type': file.type, 'content-length': file.bytes.length }, req.method === 'GET' ? file.bytes : undefined);
  }

  private async receive(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!this.destinations.has(path)) return this.record(req, res, 403);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_UPLOAD_BYTES) return this.record(req, res, 413);
        chunks.push(chunk as Buffer);
      }
    } catch {
      return this.record(req, res, 400);
    }
    const existed = this.uploads.has(path);
    this.uploads.set(path, { contentType: String(req.headers['content-type'] ?? ''), bytes: Buffer.concat(chunks) });
    this.record(req, res, existed ? 204 : 201);
  }
}
