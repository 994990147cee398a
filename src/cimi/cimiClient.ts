// A discovery-driven CIMI client: it starts at the cloud entry point, follows hrefs, and only invokes
// operations a resource advertises. Bodies are decoded into one JSON-shaped model whatever the wire format.

import type { Format } from '../harness/profile.js';
import type { SpecVersion } from './specVersion.js';
import type { HttpClient, HttpResponse } from '../harness/httpClient.js';
import { HarnessError } from '../model/errors.js';
import { decodeCimi, encodeCimi, mediaType } from './cimiCodec.js';

export type CimiObject = Record<string, unknown>;
export type Query = [string, string][];

export interface CimiResponse extends HttpResponse {
  /** Decoded body; undefined when empty or not decodable (see decodeError). */
  body: CimiObject | undefined;
  decodeError?: string;
  contentType: string;
}

export interface RequestOptions {
  query?: Query;
  /** Representation asked for; defaults to the client's format. `null` sends no Accept header. */
  format?: Format | null;
  headers?: Record<string, string>;
}

export interface Operation {
  rel: string;
  href: string;
  available?: boolean;
}

export const cimiNamespace = (version: SpecVersion): string =>
  version === '2.0' ? 'http://schemas.dmtf.org/cimi/2' : 'http://schemas.dmtf.org/cimi/1';

export class CimiClient {
  readonly ns: string;
  private cepCache: CimiObject | undefined;

  constructor(
    readonly http: HttpClient,
    readonly cepUrl: string,
    readonly format: Format,
    readonly specVersion: SpecVersion,
  ) {
    this.ns = cimiNamespace(specVersion);
  }

  typeUri(name: string): string {
    return `${this.ns}/${name}`;
  }

  actionUri(name: string): string {
    return `${this.ns}/action/${name}`;
  }

  /** A copy of this client speaking another format (or version) over the same recorded connection. */
  as(format: Format, specVersion: SpecVersion = this.specVersion): CimiClient {
    const c = new CimiClient(this.http, this.cepUrl, format, specVersion);
    c.cepCache = this.cepCache;
    return c;
  }

  async cep(): Promise<CimiObject> {
    if (!this.cepCache) {
      const res = await this.get(this.cepUrl);
      if (res.status !== 200 || !res.body) {
        throw new HarnessError('PRECONDITION', `cloud entry point ${this.cepUrl} answered ${res.status}${res.decodeError ? ` (${res.decodeError})` : ''}`);
      }
      this.cepCache = res.body;
    }
    return this.cepCache;
  }

  /** Resolves an href from the provider against the entry point's baseURI (§5.5.10). */
  async resolve(href: string): Promise<string> {
    const cep = await this.cep();
    const base = typeof cep['baseURI'] === 'string' ? cep['baseURI'] : this.cepUrl;
    return new URL(href, base).toString();
  }

  /** The URL of a collection the entry point advertises, or undefined when it does not. */
  async collectionUrl(attr: string): Promise<string | undefined> {
    const ref = (await this.cep())[attr];
    const href = isRef(ref) ? ref.href : undefined;
    return href ? this.resolve(href) : undefined;
  }

  async requireCollection(attr: string): Promise<string> {
    const url = await this.collectionUrl(attr);
    if (!url) throw new HarnessError('PRECONDITION', `the cloud entry point does not advertise '${attr}'`);
    return url;
  }

  get(url: string, opts: RequestOptions = {}): Promise<CimiResponse> {
    return this.send('GET', url, undefined, undefined, opts);
  }

  /** POST a create request (`<Name>Create`) or an Action body; `rootName` names the XML wrapper. */
  post(url: string, rootName: string, body: CimiObject, opts: RequestOptions = {}): Promise<CimiResponse> {
    return this.send('POST', url, rootName, body, opts);
  }

  put(url: string, rootName: string, body: CimiObject, opts: RequestOptions = {}): Promise<CimiResponse> {
    return this.send('PUT', url, rootName, body, opts);
  }

  delete(url: string, opts: RequestOptions = {}): Promise<CimiResponse> {
    return this.send('DELETE', url, undefined, undefined, opts);
  }

  /** Sends raw text with an explicit Content-Type (negative tests: bad JSON, wrong media type). */
  async raw(method: string, url: string, contentType: string, text: string, opts: RequestOptions = {}): Promise<CimiResponse> {
    const headers = { ...this.acceptHeader(opts), 'Content-Type': contentType, ...opts.headers };
    return this.decode(await this.http.request(method, withQuery(url, opts.query), { headers, body: text }));
  }

  operations(resource: CimiObject | undefined): Operation[] {
    const ops = resource?.['operations'];
    return Array.isArray(ops) ? ops.filter((o): o is Operation => typeof o?.rel === 'string' && typeof o?.href === 'string') : [];
  }

  /** The href of an advertised operation; `name` is a core rel (`edit`) or an action name (`start`). */
  operation(resource: CimiObject | undefined, name: string): Operation | undefined {
    const wanted = new Set([name, this.actionUri(name)]);
    return this.operations(resource).find((o) => wanted.has(o.rel) && o.available !== false);
  }

  async action(resource: CimiObject, name: string, extra: CimiObject = {}, opts: RequestOptions = {}): Promise<CimiResponse> {
    const op = this.operation(resource, name);
    if (!op) throw new HarnessError('PRECONDITION', `resource ${String(resource['id'])} does not advertise '${name}'`);
    const body = { resourceURI: this.typeUri('Action'), action: this.actionUri(name), ...extra };
    return this.post(await this.resolve(op.href), 'Action', body, opts);
  }

  private acceptHeader(opts: RequestOptions): Record<string, string> {
    const format = opts.format === undefined ? this.format : opts.format;
    return format === null ? {} : { Accept: mediaType(format) };
  }

  private async send(method: string, url: string, rootName: string | undefined, body: CimiObject | undefined, opts: RequestOptions): Promise<CimiResponse> {
    const headers: Record<string, string> = { ...this.acceptHeader(opts) };
    let text: string | undefined;
    if (body !== undefined && rootName !== undefined) {
      text = encodeCimi(body, rootName, this.format, this.ns);
      headers['Content-Type'] = mediaType(this.format);
    }
    Object.assign(headers, opts.headers);
    return this.decode(await this.http.request(method, withQuery(url, opts.query), { headers, ...(text === undefined ? {} : { body: text }) }));
  }

  private decode(res: HttpResponse): CimiResponse {
    const contentType = res.headers['content-type'] ?? '';
    if (res.text.trim() === '') return { ...res, body: undefined, contentType };
    const decoded = decodeCimi(res.text, contentType);
    return decoded.ok
      ? { ...res, body: decoded.value, contentType }
      : { ...res, body: undefined, decodeError: decoded.error, contentType };
  }
}

export function isRef(v: unknown): v is { href: string } {
  return typeof v === 'object' && v !== null && typeof (v as { href?: unknown }).href === 'string';
}

/** Appends CIMI query parameters keeping `$` readable; values are percent-encoded (§4.1.6). */
export function withQuery(url: string, query: Query | undefined): string {
  if (!query?.length) return url;
  const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/'/g, '%27')}`).join('&');
  return url + (url.includes('?') ? '&' : '?') + qs;
}
