// The one HTTP client every check uses: fetch with a per-request timeout, a bound on response size,
// a bound on requests per check, and a recording of every exchange (redacted) with a curl line.

import type { Auth } from './profile.js';
import type { Exchange } from '../model/run.js';
import { HarnessError } from '../model/errors.js';
import { Redactor } from './redaction.js';
import { curlLine } from './curl.js';

export interface HttpClientOptions {
  auth: Auth;
  secrets: readonly string[];
  timeoutMs: number;
  /** Requests this client may send in its lifetime; bounds every request loop of a check. */
  maxRequests: number;
  /** Responses larger than this are abandoned: a hostile or broken endpoint must not exhaust memory. */
  maxResponseBytes?: number;
  /** How much of each body the transcript keeps. */
  excerptBytes?: number;
}

export interface HttpRequest {
  headers?: Record<string, string>;
  /** Text, or bytes sent as they are (package files); a transcript shows bytes by their count. */
  body?: string | Uint8Array;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
  /** The body as received, for binary payloads (OVF packages) that text would corrupt. */
  bytes?: Buffer;
  exchange: Exchange;
}

export function authorizationHeader(auth: Auth): string | undefined {
  if (auth.type === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return undefined;
}

export class HttpClient {
  readonly exchanges: Exchange[] = [];
  /** Full request bodies of exchanges, for their curl lines; rendered only when the transcript is read. */
  private readonly bodies = new Map<Exchange, string | { bytes: number } | undefined>();
  private redactor: Redactor;
  private readonly secrets: string[];
  private readonly authHeader: string | undefined;
  private sent = 0;

  constructor(private readonly opts: HttpClientOptions) {
    this.authHeader = authorizationHeader(opts.auth);
    this.secrets = this.authHeader ? [...opts.secrets, this.authHeader] : [...opts.secrets];
    this.redactor = new Redactor(this.secrets);
  }

  /**
   * Masks a secret learnt during the session (a token a login answered with) from now on, and in the
   * exchanges already recorded, the one that brought it included.
   */
  addSecret(value: string): void {
    this.secrets.push(value);
    this.redactor = new Redactor(this.secrets);
    for (const e of this.exchanges) {
      e.url = this.redactor.text(e.url);
      e.requestHeaders = this.redactor.headers(e.requestHeaders);
      if (e.responseHeaders) e.responseHeaders = this.redactor.headers(e.responseHeaders);
      if (e.requestBody !== undefined) e.requestBody = this.redactor.text(e.requestBody);
      if (e.responseBody !== undefined) e.responseBody = this.redactor.text(e.responseBody);
      if (e.error !== undefined) e.error = this.redactor.text(e.error);
    }
  }

  get requestCount(): number {
    return this.sent;
  }

  /** The recorded exchanges with their curl lines (built here, not per request: most are never shown). */
  transcript(): Exchange[] {
    for (const [e, body] of this.bodies) e.curl = curlLine(e.method, e.url, e.requestHeaders, typeof body === 'string' ? this.redactor.text(body) : body);
    this.bodies.clear();
    return this.exchanges;
  }

  redact(s: string): string {
    return this.redactor.text(s);
  }

  async request(method: string, url: string, req: HttpRequest = {}): Promise<HttpResponse> {
    if (++this.sent > this.opts.maxRequests) {
      throw new HarnessError('BUDGET', `request budget of ${this.opts.maxRequests} per check exhausted (limits.maxRequestsPerCheck)`);
    }
    const headers: Record<string, string> = { ...req.headers };
    if (this.authHeader) headers['Authorization'] = this.authHeader;
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs;
    const started = Date.now();
    const shownHeaders = this.redactor.headers(headers);
    const shownUrl = this.redactor.text(url);
    const textBody = typeof req.body === 'string' || req.body === undefined ? req.body : `<${req.body.length} bytes>`;
    const shownBody = textBody === undefined ? undefined : this.excerpt(this.redactor.text(textBody));
    const exchange: Exchange = {
      seq: this.exchanges.length + 1,
      startedAt: new Date(started).toISOString(),
      method,
      url: shownUrl,
      requestHeaders: shownHeaders,
      ...(shownBody === undefined ? {} : { requestBody: shownBody }),
      durationMs: 0,
      curl: '',
    };
    this.exchanges.push(exchange);
    this.bodies.set(exchange, typeof req.body === 'string' || req.body === undefined ? req.body : { bytes: req.body.length });
    // A timer cleared on completion: AbortSignal.timeout would leave one pending timer per request.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    const signal = abort.signal;
    try {
      const res = await fetch(url, { method, headers, body: req.body, redirect: 'manual', signal });
      const bytes = await this.readBounded(res, url);
      const text = bytes.toString('utf8');
      const resHeaders: Record<string, string> = {};
      res.headers.forEach((v, k) => (resHeaders[k] = v));
      exchange.status = res.status;
      exchange.responseHeaders = this.redactor.headers(resHeaders);
      exchange.responseBody = this.excerpt(this.redactor.text(text));
      exchange.responseBytes = bytes.length;
      exchange.durationMs = Date.now() - started;
      return { status: res.status, headers: resHeaders, text, bytes, exchange };
    } catch (err) {
      exchange.durationMs = Date.now() - started;
      const e = this.describe(err, method, url, timeoutMs, signal.aborted);
      exchange.error = e.message;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private async readBounded(res: Response, url: string): Promise<Buffer> {
    const limit = this.opts.maxResponseBytes ?? 16 * 1024 * 1024;
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limit) {
      await res.body?.cancel();
      throw new HarnessError('RESPONSE_TOO_LARGE', `${this.redactor.text(url)}: response declares ${declared} bytes, more than the ${limit} allowed`);
    }
    if (!res.body) return Buffer.alloc(0);
    // A declared length within the bound is enforced by fetch itself: read it in one go.
    if (Number.isFinite(declared)) return Buffer.from(await res.arrayBuffer());
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += chunk.byteLength;
      if (total > limit) {
        await res.body.cancel().catch(() => undefined);
        throw new HarnessError('RESPONSE_TOO_LARGE', `${this.redactor.text(url)}: response exceeded ${limit} bytes; abandoned`);
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  private describe(err: unknown, method: string, url: string, timeoutMs: number, timedOut: boolean): Error {
    if (err instanceof HarnessError) return err;
    const where = `${method} ${this.redactor.text(url)}`;
    if (timedOut) return new HarnessError('TIMEOUT', `${where}: no response within ${timeoutMs} ms (limits.requestTimeoutMs)`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (err as Error).message;
    return new HarnessError('NETWORK', `${where}: ${this.redactor.text(String(reason))}`);
  }

  private excerpt(s: string): string {
    const max = this.opts.excerptBytes ?? 4096;
    return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
  }
}
