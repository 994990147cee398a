// Everything a request handler needs from the running provider: resolved options, the store, the
// namespace of the selected spec version, the quirks, and the clock.

import type { QuirkName } from './quirks.js';
import type { Store } from './store.js';
import type { Lifecycle } from './lifecycle.js';
import type { ExportedPackages } from './exportedPackages.js';

export type SpecVersion = '1.0' | '1.1' | '2.0';

export interface Context {
  /** `http://127.0.0.1:<port>/cimi/` */
  readonly baseUrl: string;
  readonly specVersion: SpecVersion;
  /** `http://schemas.dmtf.org/cimi/2` (or `/1`): resourceURIs, XML namespace, action and capability URIs. */
  readonly ns: string;
  readonly transitionMs: number;
  readonly jobs: boolean;
  readonly store: Store;
  readonly lifecycle: Lifecycle;
  readonly exports: ExportedPackages;
  quirk(name: QuirkName): boolean;
  /** ISO 8601 with offset (unless a quirk says otherwise). */
  now(): string;
}

export const typeUri = (ctx: Context, type: string): string => `${ctx.ns}/${type}`;
export const actionUri = (ctx: Context, action: string): string => `${ctx.ns}/action/${action}`;
export const cepUrl = (ctx: Context): string => `${ctx.baseUrl}cloudEntryPoint`;
export const collectionUrl = (ctx: Context, attr: string): string => `${ctx.baseUrl}${attr}`;

/** An href made absolute against the base URL (§5.5.10); undefined if it is not a URI reference. */
export function absoluteHref(ctx: Context, href: string): string | undefined {
  try {
    return new URL(href, ctx.baseUrl).href;
  } catch {
    return undefined;
  }
}
