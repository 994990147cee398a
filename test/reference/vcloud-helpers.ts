// Shared plumbing for the vCloud reference provider's tests: start/stop, HTTP calls with the session
// token, the XML of answers as a tree, navigation by links only (from /api/versions and its
// LoginUrl), task polling, and the small OVF package the journeys upload.

import { afterAll, beforeAll } from 'vitest';
import { envelopeOf } from '../../src/ovf/generators/arbitraries.js';
import { digest } from '../../src/ovf/generators/package.js';
import { formatManifest } from '../../src/ovf/manifest.js';
import { parseXml } from '../../src/ovf/safeXml.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import type { Element } from '../../src/ovf/xmlTree.js';
import { type ReferenceOptions, type ReferenceProvider, startReferenceProvider } from '../../src/reference/server.js';

export const VCLOUD_NS = 'http://www.vmware.com/vcloud/v1.5';
export const ACCEPT = 'application/*+xml;version=1.5';
export const vnd = (suffix: string): string => `application/vnd.vmware.vcloud.${suffix}+xml`;
export const DEFAULT_USER = 'cloudconform@conformance';
export const DEFAULT_PASSWORD = 'reference';

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  /** The root element, when the body is XML. */
  xml?: Element;
}

export async function call(method: string, url: string, opts: { headers?: Record<string, string>; body?: string | Uint8Array } = {}): Promise<Res> {
  const res = await fetch(url, { method, headers: opts.headers ?? {}, ...(opts.body !== undefined ? { body: opts.body } : {}) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  const parsed = /^\s*</.test(text) ? parseXml(text) : undefined;
  return { status: res.status, headers: res.headers, text, bytes, ...(parsed?.ok ? { xml: parsed.doc.documentElement! } : {}) };
}

export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Starts a provider for the file's tests; the returned box fills in once beforeAll ran. */
export function useVcloud(opts: ReferenceOptions = {}): { p: ReferenceProvider } {
  const box = { p: undefined as unknown as ReferenceProvider };
  beforeAll(async () => {
    box.p = await startReferenceProvider(opts);
  });
  afterAll(async () => {
    await box.p.close();
  });
  return box;
}

// ---- the XML of answers

export const kids = (e: Element | undefined, name: string): Element[] => (e?.children ?? []).filter((c) => c.localName === name);
export const kid = (e: Element | undefined, name: string): Element | undefined => kids(e, name)[0];
export const text = (e: Element | undefined, name: string): string | undefined => kid(e, name)?.textContent.trim();
export const attr = (e: Element | undefined, name: string): string | undefined => e?.getAttribute(name) ?? undefined;
export const rels = (e: Element | undefined): string[] => kids(e, 'Link').map((l) => l.getAttribute('rel')!);

/** The href of the one Link of `rel` (and `type`, compared case-insensitively); throws if absent. */
export function linkHref(e: Element | undefined, rel: string, type?: string): string {
  const found = kids(e, 'Link').find((l) => l.getAttribute('rel') === rel && (type === undefined || l.getAttribute('type')?.toLowerCase() === type.toLowerCase()));
  if (!found) throw new Error(`no Link rel=${rel}${type ? ` type=${type}` : ''} in <${e?.localName}>: ${kids(e, 'Link').map((l) => `${l.getAttribute('rel')} ${l.getAttribute('type') ?? ''}`).join('; ')}`);
  return found.getAttribute('href')!;
}

// ---- a session

export class Client {
  constructor(readonly token: string, readonly accept = ACCEPT) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'x-vcloud-authorization': this.token, accept: this.accept, ...extra };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Res> {
    return call('GET', url, { headers: this.headers(headers) });
  }

  /** GET that must answer 200 XML; returns the root. */
  async read(url: string): Promise<Element> {
    const r = await this.get(url);
    if (r.status !== 200 || !r.xml) throw new Error(`GET ${url}: ${r.status} ${r.text}`);
    return r.xml;
  }

  send(method: string, url: string, contentType?: string, body?: string | Uint8Array, headers: Record<string, string> = {}): Promise<Res> {
    return call(method, url, { headers: this.headers({ ...(contentType ? { 'content-type': contentType } : {}), ...headers }), ...(body !== undefined ? { body } : {}) });
  }

  post(url: string, contentType?: string, body?: string): Promise<Res> {
    return this.send('POST', url, contentType, body);
  }

  delete(url: string): Promise<Res> {
    return this.send('DELETE', url);
  }
}

export async function loginUrl(p: ReferenceProvider): Promise<string> {
  const versions = await call('GET', p.vcloudUrl);
  const info = kids(versions.xml, 'VersionInfo').find((v) => text(v, 'Version') === '1.5');
  const url = text(info, 'LoginUrl');
  if (!url) throw new Error(`no LoginUrl for 1.5: ${versions.text}`);
  return url;
}

export async function login(p: ReferenceProvider, user = DEFAULT_USER, password = DEFAULT_PASSWORD, accept = ACCEPT): Promise<{ client: Client; session: Element; res: Res }> {
  const res = await call('POST', await loginUrl(p), { headers: { authorization: basic(user, password), accept } });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.text}`);
  return { client: new Client(res.headers.get('x-vcloud-authorization')!, accept), session: res.xml!, res };
}

export interface Places {
  client: Client;
  session: Element;
  org: Element;
  vdc: Element;
  vdcHref: string;
  catalogHref: string;
  networkHref: string;
}

/** Logs in and walks Session → OrgList → Org → Vdc and Catalog by their links. */
export async function navigate(p: ReferenceProvider): Promise<Places> {
  const { client, session } = await login(p);
  const orgList = await client.read(linkHref(session, 'down', vnd('orgList')));
  const org = await client.read(attr(kid(orgList, 'Org'), 'href')!);
  const vdcHref = linkHref(org, 'down', vnd('vdc'));
  const vdc = await client.read(vdcHref);
  const networkHref = attr(kid(kid(vdc, 'AvailableNetworks'), 'Network'), 'href')!;
  return { client, session, org, vdc, vdcHref, catalogHref: linkHref(org, 'down', vnd('catalog')), networkHref };
}

// ---- tasks

export const TERMINAL = ['success', 'error', 'canceled', 'aborted'];

/** Polls a Task href until it ends; returns the final Task. */
export async function waitTask(client: Client, taskHref: string, timeoutMs = 5000): Promise<Element> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await client.read(taskHref);
    if (TERMINAL.includes(attr(task, 'status')!)) return task;
    if (Date.now() > deadline) throw new Error(`task ${taskHref} still ${attr(task, 'status')}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Polls `url` until `pred` holds on its representation. */
export async function waitFor(client: Client, url: string, pred: (e: Element) => boolean, timeoutMs = 5000): Promise<Element> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const e = await client.read(url);
    if (pred(e)) return e;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${url}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Sends a 202 request and waits for its Task to succeed. */
export async function accepted(client: Client, method: string, url: string, contentType?: string, body?: string): Promise<Element> {
  const r = await client.send(method, url, contentType, body);
  if (r.status !== 202) throw new Error(`${method} ${url}: ${r.status} ${r.text}`);
  const task = await waitTask(client, attr(r.xml, 'href')!);
  if (attr(task, 'status') !== 'success') throw new Error(`task of ${method} ${url} ended ${attr(task, 'status')}`);
  return task;
}

// ---- the package

export interface Package {
  descriptor: string;
  /** ovf:href → bytes. */
  files: Map<string, Uint8Array>;
}

/** One VirtualSystem with one small disk, OVF 1.x; `eula` adds a license, `editXml` changes the descriptor text. */
export function smallPackage(opts: { name?: string; eula?: boolean; editXml?: (xml: string) => string } = {}): Package {
  const payload = new Uint8Array(1500).map((_, i) => i % 251);
  const envelope = envelopeOf({ version: 1, disks: [{ payload, capacityMiB: 4 }], networks: ['VM Network'], cpus: 1, memoryMiB: 512, name: opts.name ?? 'tiny', os: '101', products: [] });
  if (opts.eula) envelope.content!.eulas.push({ info: 'License agreement', license: 'Use at your own risk.' });
  const descriptor = serializeEnvelope(envelope);
  return { descriptor: opts.editXml ? opts.editXml(descriptor) : descriptor, files: new Map([['disk1.vmdk', payload]]) };
}

/** A descriptor the OVF validator refuses (OVF-ENV-003: References is not the first element). */
export const invalidPackage = (): Package => smallPackage({
  editXml: (xml) => {
    const refs = /\s*<References>[\s\S]*?<\/References>/.exec(xml)![0];
    return xml.replace(refs, '').replace('</DiskSection>', `</DiskSection>${refs}`);
  },
});

/** A SHA1 manifest of the package (the client names its descriptor `<name>.ovf`). */
export function manifestOf(pkg: Package, name = 'tiny'): string {
  return formatManifest([
    { algorithm: 'SHA1', file: `${name}.ovf`, digest: digest('SHA1', Buffer.from(pkg.descriptor)) },
    ...[...pkg.files].map(([file, bytes]) => ({ algorithm: 'SHA1' as const, file, digest: digest('SHA1', bytes) })),
  ]);
}

export const uploadParams = (name: string, manifestRequired = false): string =>
  `<UploadVAppTemplateParams xmlns="${VCLOUD_NS}" name="${name}" manifestRequired="${manifestRequired}"><Description>uploaded by a test</Description></UploadVAppTemplateParams>`;

const fileLink = (template: Element, name: string): string => {
  const file = kids(kid(template, 'Files'), 'File').find((f) => attr(f, 'name') === name);
  if (!file) throw new Error(`no File ${name}: ${kids(kid(template, 'Files'), 'File').map((f) => attr(f, 'name')).join(', ')}`);
  return linkHref(file, 'upload:default');
};

/** POSTs UploadVAppTemplateParams to the vDC's add link and PUTs the descriptor; returns the template href. */
export async function startUpload(places: Places, name: string, pkg: Package, manifestRequired = false): Promise<string> {
  const { client, vdc } = places;
  const created = await client.post(linkHref(vdc, 'add', vnd('uploadVAppTemplateParams')), vnd('uploadVAppTemplateParams'), uploadParams(name, manifestRequired));
  if (created.status !== 201) throw new Error(`upload params: ${created.status} ${created.text}`);
  const descriptorFile = kids(kid(created.xml, 'Files'), 'File')[0]!;
  const put = await client.send('PUT', linkHref(descriptorFile, 'upload:default'), 'text/xml', pkg.descriptor);
  if (put.status !== 200) throw new Error(`descriptor PUT: ${put.status} ${put.text}`);
  return attr(created.xml, 'href')!;
}

/** PUTs one file whole to its upload link as the template lists it. */
export async function putFile(client: Client, templateHref: string, name: string, bytes: Uint8Array | string, headers: Record<string, string> = {}): Promise<Res> {
  const template = await client.read(templateHref);
  return client.send('PUT', fileLink(template, name), 'application/octet-stream', bytes, headers);
}

/** The whole §5.1 upload; returns the href of the template, waited to status 8. */
export async function uploadTemplate(places: Places, name: string, pkg = smallPackage()): Promise<string> {
  const href = await startUpload(places, name, pkg);
  for (const [file, bytes] of pkg.files) {
    const r = await putFile(places.client, href, file, bytes);
    if (r.status !== 200) throw new Error(`PUT ${file}: ${r.status} ${r.text}`);
  }
  await waitFor(places.client, href, (t) => attr(t, 'status') !== '0');
  return href;
}

export function instantiateParams(name: string, templateHref: string, opts: { deploy?: boolean; powerOn?: boolean; network?: string; eula?: boolean } = {}): string {
  const flags = `${opts.deploy === undefined ? '' : ` deploy="${opts.deploy}"`}${opts.powerOn === undefined ? '' : ` powerOn="${opts.powerOn}"`}`;
  const network = opts.network === undefined ? '' : `<InstantiationParams><NetworkConfigSection><ovf:Info>networks</ovf:Info><NetworkConfig networkName="VM Network"><Configuration><ParentNetwork href="${opts.network}"/><FenceMode>bridged</FenceMode></Configuration></NetworkConfig></NetworkConfigSection></InstantiationParams>`;
  const eula = opts.eula === undefined ? '' : `<AllEULAsAccepted>${opts.eula}</AllEULAsAccepted>`;
  return `<InstantiateVAppTemplateParams xmlns="${VCLOUD_NS}" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" name="${name}"${flags}><Description>a test vApp</Description>${network}<Source href="${templateHref}"/>${eula}</InstantiateVAppTemplateParams>`;
}

/** Instantiates and waits for the embedded Task; returns the vApp href. */
export async function instantiate(places: Places, name: string, templateHref: string, opts: Parameters<typeof instantiateParams>[2] = {}): Promise<string> {
  const r = await places.client.post(linkHref(places.vdc, 'add', vnd('instantiateVAppTemplateParams')), vnd('instantiateVAppTemplateParams'), instantiateParams(name, templateHref, opts));
  if (r.status !== 201) throw new Error(`instantiate: ${r.status} ${r.text}`);
  const task = kid(kid(r.xml, 'Tasks'), 'Task');
  await waitTask(places.client, attr(task, 'href')!);
  return attr(r.xml, 'href')!;
}

/** POSTs the link `rel` of the entity at `href` (empty body) and waits for the Task to succeed. */
export async function follow(client: Client, href: string, rel: string, contentType?: string, body?: string): Promise<Element> {
  return accepted(client, 'POST', linkHref(await client.read(href), rel), contentType, body);
}

export const undeployParams = (action?: string): string =>
  `<UndeployVAppParams xmlns="${VCLOUD_NS}">${action === undefined ? '' : `<UndeployPowerAction>${action}</UndeployPowerAction>`}</UndeployVAppParams>`;
export const deployParams = (powerOn?: boolean): string => `<DeployVAppParams xmlns="${VCLOUD_NS}"${powerOn === undefined ? '' : ` powerOn="${powerOn}"`}/>`;
