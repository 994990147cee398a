// A vCloud API client that moves by Links only: from the versions document (the one URL it derives,
// relative to the profile's endpoint) to the LoginUrl, from the Session to the org, its vDC and
// catalog. It logs in lazily with Basic `user@org:password` — sent to the LoginUrl and nowhere else —
// keeps the `x-vcloud-authorization` token (masked in every transcript) and sends it, with the
// negotiated `Accept: application/*+xml;version=X`, on every later request.

import type { HttpClient, HttpResponse } from '../harness/httpClient.js';
import type { Auth } from '../harness/profile.js';
import { HarnessError } from '../model/errors.js';
import { type Element, NS, attr, children, decode, path, textOf } from './xml.js';
import { type Link, type Reference, type VcloudError, decodeError, findLink, reference } from './entities.js';
import { MEDIA, acceptHeader } from './mediaTypes.js';

export const TOKEN_HEADER = 'x-vcloud-authorization';

export interface VcloudResponse extends HttpResponse {
  /** The body's root element; undefined when empty or not XML (see decodeError). */
  root?: Element;
  decodeError?: string;
  contentType: string;
  /** The body when it is an Error element. */
  error?: VcloudError;
}

export interface SendOptions {
  /** Content-Type of the body. */
  contentType?: string;
  /** Text, or bytes as they are (the files of a package). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** `session` (default): log in if needed and send the token; `none`: no token; a string: that token. */
  token?: 'session' | 'none' | string;
  /** Overrides the negotiated Accept header; null sends none. */
  accept?: string | null;
}

/** `Basic base64(user@org:password)`: the only credentials a login sends (brief §2). */
export function basicAuthorization(auth: Auth): string {
  if (auth.type !== 'basic') throw new HarnessError('PRECONDITION', `vCloud logs in with basic auth (user@org and password); the profile's auth is '${auth.type}'`);
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

export class VcloudClient {
  private token: string | undefined;
  private sessionRoot: Element | undefined;
  private loginUrlCache: string | undefined;
  private readonly reads = new Map<string, Promise<Element>>();
  private readonly masked = new Set<string>();

  constructor(
    readonly http: HttpClient,
    /** The API root, e.g. `https://host/api/`; the versions document is at `<root>versions`. */
    readonly endpoint: string,
    /** The API version the client speaks in Accept. */
    readonly version: string,
    /** The Basic Authorization header value the login sends. */
    private readonly authorization: string,
  ) {}

  get versionsUrl(): string {
    return new URL('versions', this.endpoint.endsWith('/') ? this.endpoint : `${this.endpoint}/`).toString();
  }

  /** An href from the provider made absolute (hrefs are opaque: used as given, resolved only if relative). */
  resolve(href: string): string {
    return new URL(href, this.endpoint).toString();
  }

  async send(method: string, url: string, opts: SendOptions = {}): Promise<VcloudResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    const accept = opts.accept === undefined ? acceptHeader(this.version) : opts.accept;
    if (accept !== null) headers['Accept'] = accept;
    if (opts.contentType !== undefined) headers['Content-Type'] = opts.contentType;
    const token = opts.token ?? 'session';
    if (token === 'session') {
      await this.login();
      headers[TOKEN_HEADER] = this.token!;
    } else if (token !== 'none') headers[TOKEN_HEADER] = token;
    const res = await this.http.request(method, this.resolve(url), { headers, ...(opts.body === undefined ? {} : { body: opts.body }) });
    // Any token a response hands out (every login, the checks' own included) is masked from then on.
    const issued = res.headers[TOKEN_HEADER];
    if (issued && !this.masked.has(issued)) {
      this.masked.add(issued);
      this.http.addSecret(issued);
    }
    const decoded = decode(res.text);
    return {
      ...res,
      contentType: res.headers['content-type'] ?? '',
      ...(decoded.root ? { root: decoded.root, ...(decoded.root.localName === 'Error' ? { error: decodeError(decoded.root) } : {}) } : { decodeError: decoded.error }),
    };
  }

  get = (url: string, opts: SendOptions = {}): Promise<VcloudResponse> => this.send('GET', url, opts);
  post = (url: string, contentType: string | undefined, body?: string | Uint8Array, opts: SendOptions = {}): Promise<VcloudResponse> =>
    this.send('POST', url, { ...opts, ...(contentType ? { contentType } : {}), ...(body === undefined ? {} : { body }) });
  put = (url: string, contentType: string, body: string | Uint8Array, opts: SendOptions = {}): Promise<VcloudResponse> => this.send('PUT', url, { ...opts, contentType, body });
  delete = (url: string, opts: SendOptions = {}): Promise<VcloudResponse> => this.send('DELETE', url, opts);

  /** GET of the versions document: unauthenticated (brief §1). */
  versions(): Promise<VcloudResponse> {
    return this.get(this.versionsUrl, { token: 'none', accept: null });
  }

  /** The LoginUrl the versions document gives for this client's version. */
  async loginUrl(): Promise<string> {
    if (this.loginUrlCache) return this.loginUrlCache;
    const res = await this.versions();
    const info = versionInfos(res.root).find((v) => v.version === this.version);
    if (res.status !== 200 || !info?.loginUrl) throw new HarnessError('PRECONDITION', `${this.versionsUrl} (${res.status}) gives no LoginUrl for version ${this.version}`);
    return (this.loginUrlCache = this.resolve(info.loginUrl));
  }

  /**
   * A login POST as a check sees it: the client's Basic credentials unless `authorization` says
   * otherwise (null: no Authorization header), to the version's LoginUrl unless `url` is given.
   */
  async tryLogin(opts: { authorization?: string | null; url?: string; accept?: string } = {}): Promise<VcloudResponse> {
    const authorization = opts.authorization === undefined ? this.authorization : opts.authorization;
    return this.post(opts.url ?? (await this.loginUrl()), undefined, undefined, {
      token: 'none',
      headers: authorization === null ? {} : { Authorization: authorization },
      ...(opts.accept ? { accept: opts.accept } : {}),
    });
  }

  /** Logs in once; later calls return the Session. A refused login is a precondition of every check. */
  async login(): Promise<Element> {
    return this.sessionRoot ?? this.startSession(await this.tryLogin());
  }

  /** Takes a login response's token and Session as this client's. */
  startSession(res: VcloudResponse): Element {
    const token = res.headers[TOKEN_HEADER];
    if (res.status !== 200 || !token || !res.root) throw new HarnessError('PRECONDITION', `login at ${res.exchange.url} answered ${res.status}${token ? '' : ` without ${TOKEN_HEADER}`}`);
    this.token = token;
    return (this.sessionRoot = res.root);
  }

  /** The session token, once logged in (a check of the session itself needs it). */
  get sessionToken(): string | undefined {
    return this.token;
  }

  /** Ends the session: DELETE on its `remove` link, else its href (brief §2). */
  async logout(): Promise<VcloudResponse | undefined> {
    if (!this.sessionRoot) return undefined;
    const res = await this.delete(sessionUrl(this.sessionRoot));
    this.sessionRoot = undefined;
    this.token = undefined;
    this.reads.clear();
    return res;
  }

  /** GET that must answer 200 with XML; cached per client for the navigation objects. */
  read(url: string, what: string, cached = false): Promise<Element> {
    const load = async () => {
      const res = await this.get(url);
      if (res.status !== 200 || !res.root) throw new HarnessError('PRECONDITION', `${what}: GET ${res.exchange.url} answered ${res.status}${res.decodeError ? ` (${res.decodeError})` : ''}`);
      return res.root;
    };
    if (!cached) return load();
    let hit = this.reads.get(url);
    if (!hit) {
      hit = load();
      this.reads.set(url, hit);
      hit.catch(() => this.reads.delete(url));
    }
    return hit;
  }

  /** Follows the Link `rel` of `type` on `from`; a missing link is a precondition failure. */
  async follow(from: Element, rel: string, type: string, what: string): Promise<Element> {
    const link = findLink(from, rel, type);
    if (!link) throw new HarnessError('PRECONDITION', `${what}: ${from.localName} ${attr(from, 'href') ?? ''} has no Link rel="${rel}" type="${type}"`);
    return this.read(link.href, what, true);
  }

  async orgList(): Promise<Element> {
    return this.follow(await this.login(), 'down', MEDIA.orgList, 'the OrgList');
  }

  /** The Session's own org (by the Session's `org` attribute), else the first the OrgList names. */
  async org(): Promise<Element> {
    const session = await this.login();
    const orgs = children(await this.orgList(), 'Org').map(reference);
    const mine = orgs.find((o) => o.name === attr(session, 'org')) ?? orgs[0];
    if (!mine?.href) throw new HarnessError('PRECONDITION', 'the OrgList names no Org');
    return this.read(mine.href, 'the Org', true);
  }

  async vdc(): Promise<Element> {
    return this.follow(await this.org(), 'down', MEDIA.vdc, "the org's vDC");
  }

  /** The org's first catalog, or undefined when it has none (the `catalog` feature). */
  async catalog(): Promise<Element | undefined> {
    const org = await this.org();
    return findLink(org, 'down', MEDIA.catalog) ? this.follow(org, 'down', MEDIA.catalog, "the org's catalog") : undefined;
  }

  /** The first network the vDC makes available for instantiation. */
  async network(): Promise<Reference | undefined> {
    return path(await this.vdc(), 'AvailableNetworks', 'Network').map(reference)[0];
  }

  /** The vDC's `add` link of a params type (uploadVAppTemplate, instantiateVAppTemplate…). */
  async vdcAction(mediaType: string): Promise<Link> {
    const link = findLink(await this.vdc(), 'add', mediaType);
    if (!link) throw new HarnessError('PRECONDITION', `the vDC has no Link rel="add" type="${mediaType}"`);
    return link;
  }
}

/** Where a Session is ended: its `remove` link (5.5), else its own href. */
export const sessionUrl = (session: Element): string => findLink(session, 'remove')?.href ?? attr(session, 'href') ?? '';

export interface VersionInfo {
  version: string;
  loginUrl?: string;
  deprecated?: boolean;
  el: Element;
}

/** The VersionInfo entries of a SupportedVersions document; Version compared as text (brief §1). */
export function versionInfos(root: Element | undefined): VersionInfo[] {
  if (!root || root.localName !== 'SupportedVersions' || root.namespaceURI !== NS.versions) return [];
  return children(root, 'VersionInfo', NS.versions).map((el) => {
    const loginUrl = textOf(el, 'LoginUrl', NS.versions);
    return { version: textOf(el, 'Version', NS.versions) ?? '', ...(loginUrl ? { loginUrl } : {}), ...(attr(el, 'deprecated') === 'true' ? { deprecated: true } : {}), el };
  });
}
