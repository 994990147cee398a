// Fetching an import source (§5.13.5.1) into a scratch folder: an OVA, or a descriptor plus the
// files its References name. The reference provider is a test target on loopback, so it only talks
// to loopback http URLs, with a time limit per import and a byte budget for everything fetched.

import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { tarDialect } from '../ovf/ovaReader.js';
import { isLocalHref } from '../ovf/packageContents.js';
import { validateDescriptor } from '../ovf/validate.js';
import { CimiError, badRequest } from './errors.js';

/** Annex A: the media type of an OVF package at an import source (and of an export). */
export const OVF_MEDIA_TYPE = 'application/ovf';

const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 64;
export const TRANSFER_TIMEOUT_MS = 10_000;

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** An http URL on loopback, or a 400 that says why not. */
export function loopbackUrl(value: unknown, what: string): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw badRequest(`${what} ${JSON.stringify(value)} is not an absolute URI`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK.test(url.hostname)) {
    throw badRequest(`${what} ${url.href}: this reference provider only transfers packages over http on loopback (127.0.0.1, ::1, localhost)`);
  }
  return url;
}

/** Fetch errors (refused connection, timeout) are the consumer's bad URI: 400, with the cause. */
export function transferError(e: unknown, url: string): CimiError {
  if (e instanceof CimiError) return e;
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return badRequest(`${url} did not complete within ${TRANSFER_TIMEOUT_MS} ms`);
  return badRequest(`${url} is unreachable: ${err.cause?.code ?? err.cause?.message ?? err.message}`);
}

class Budget {
  private used = 0;
  private files = 0;
  /** Counts one more file to fetch. */
  file(): void {
    if (++this.files > MAX_FILES) throw badRequest(`the package names more than ${MAX_FILES} files`);
  }
  take(n: number, url: string): void {
    this.used += n;
    if (this.used > MAX_PACKAGE_BYTES) throw new CimiError(413, `the package at ${url} is larger than ${MAX_PACKAGE_BYTES} bytes, the limit of this provider`);
  }
}

/** GETs `url` into `path` and returns its media type; undefined when it answered 404 and `optional`. */
async function download(url: string, path: string, budget: Budget, signal: AbortSignal, optional = false): Promise<string | undefined> {
  budget.file();
  try {
    const res = await fetch(url, { signal, redirect: 'manual' });
    if (res.status === 404 && optional) return undefined;
    if (res.status !== 200 || !res.body) throw badRequest(`GET ${url} answered ${res.status}, not 200`);
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        try {
          budget.take(chunk.length, url);
          done(null, chunk);
        } catch (e) {
          done(e as Error);
        }
      },
    });
    await pipeline(Readable.fromWeb(res.body as WebStream<Uint8Array>), counter, createWriteStream(path), { signal });
    return (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  } catch (e) {
    throw transferError(e, url);
  }
}

async function isTar(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const block = Buffer.alloc(512);
    const { bytesRead } = await fh.read(block, 0, 512, 0);
    return bytesRead === 512 && tarDialect(block) !== null;
  } finally {
    await fh.close();
  }
}

/** A file name for the fetched package: the URL's last segment when it is a plain name. */
function localName(url: URL, fallback: string): string {
  const last = decodeURIComponent(posix.basename(url.pathname));
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(last) ? last : fallback;
}

/** A relative href that stays inside the package folder. */
const safeHref = (href: string): boolean => isLocalHref(href) && !href.includes(':') && !href.startsWith('/') && !href.split('/').includes('..');

/**
 * Fetches the package at `source` into `dir` and returns the path to validate (the .ova or the
 * .ovf). The source must be served as application/ovf (Annex A).
 */
export async function fetchPackage(source: URL, dir: string): Promise<string> {
  const budget = new Budget();
  const signal = AbortSignal.timeout(TRANSFER_TIMEOUT_MS);
  const probe = join(dir, 'source');
  const type = await download(source.href, probe, budget, signal);
  if (type !== OVF_MEDIA_TYPE) throw badRequest(`the import source ${source.href} is served as "${type ?? ''}"; an OVF package is ${OVF_MEDIA_TYPE} (DSP0263 Annex A)`);
  if (await isTar(probe)) {
    const path = join(dir, localName(source, 'package.ova'));
    await rename(probe, path);
    return path;
  }
  const descriptor = localName(source, 'package.ovf').replace(/(\.ovf)?$/i, '.ovf');
  const path = join(dir, descriptor);
  await rename(probe, path);
  const files = validateDescriptor(await readFile(path, 'utf8')).envelope?.files ?? [];
  for (const href of files.map((f) => f.href).filter((h): h is string => h !== undefined && safeHref(h))) {
    await mkdir(dirname(join(dir, href)), { recursive: true });
    await download(new URL(href, source).href, join(dir, href), budget, signal, true);
  }
  const base = descriptor.slice(0, -'.ovf'.length);
  for (const ext of ['mf', 'cert']) await download(new URL(`${base}.${ext}`, source).href, join(dir, `${base}.${ext}`), budget, signal, true);
  return path;
}
