import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/harness/httpClient.js';
import { HarnessError } from '../../src/model/errors.js';

// A deliberately hostile loopback server: slow, huge, and echoing what it was sent.
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (req.url === '/declared-huge') {
      res.writeHead(200, { 'content-length': String(10 ** 10) });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'session=s3cr3t-cookie' });
    res.end(`auth was ${req.headers.authorization ?? 'none'}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (over: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ auth: { type: 'basic', username: 'alice', password: 'hunter2-secret' }, secrets: ['hunter2-secret'], timeoutMs: 500, maxRequests: 10, ...over });

describe('HttpClient', () => {
  it('records the exchange with secrets redacted, in headers, bodies and the curl line', async () => {
    const c = client();
    const res = await c.request('GET', `${base}/echo`);
    expect(res.text).toContain('Basic ');
    const ex = c.transcript()[0]!;
    expect(ex).toBe(res.exchange);
    const all = JSON.stringify(ex);
    expect(all).not.toContain('hunter2-secret');
    expect(all).not.toContain(Buffer.from('alice:hunter2-secret').toString('base64'));
    expect(all).not.toContain('s3cr3t-cookie');
    expect(ex.requestHeaders['Authorization']).toBe('«redacted»');
    expect(ex.curl).toContain('$CLOUDCONFORM_AUTHORIZATION');
    expect(ex.status).toBe(200);
  });

  it('gives up on a slow endpoint after its timeout with a TIMEOUT error naming the limit', async () => {
    const started = Date.now();
    const err = await client({ timeoutMs: 200 }).request('GET', `${base}/slow`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe('TIMEOUT');
    expect((err as Error).message).toContain('limits.requestTimeoutMs');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('abandons a response larger than the bound instead of buffering it', async () => {
    const err = await client({ timeoutMs: 10_000, maxResponseBytes: 1024 * 1024 }).request('GET', `${base}/huge`).catch((e: unknown) => e);
    expect((err as HarnessError).code).toBe('RESPONSE_TOO_LARGE');
    const declared = await client({ maxResponseBytes: 1024 }).request('GET', `${base}/declared-huge`).catch((e: unknown) => e);
    expect((declared as HarnessError).code).toBe('RESPONSE_TOO_LARGE');
  });

  it('reports a refused connection as NETWORK', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await client().request('GET', `http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect((err as HarnessError).code).toBe('NETWORK');
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('bounds the number of requests a check may send', async () => {
    const c = client({ maxRequests: 2 });
    await c.request('GET', `${base}/a`);
    await c.request('GET', `${base}/b`);
    await expect(c.request('GET', `${base}/c`)).rejects.toMatchObject({ code: 'BUDGET' });
  });
});
