// What every vCloud representation shares (brief §3, §10): ResourceType's href/type and Links,
// EntityType's name and id, ReferenceType, and the Error element. Links are how a client moves:
// every URL the suite uses, apart from the versions document, comes from one of these.

import { type Element, attr, children } from './xml.js';
import { sameMediaType } from './mediaTypes.js';

export interface Reference {
  href: string;
  type?: string;
  name?: string;
  id?: string;
}

export interface Link extends Reference {
  rel: string;
}

const opt = (el: Element, name: string): Record<string, string> => {
  const v = attr(el, name);
  return v === undefined ? {} : { [name]: v };
};

export function reference(el: Element): Reference {
  return { href: attr(el, 'href') ?? '', ...opt(el, 'type'), ...opt(el, 'name'), ...opt(el, 'id') };
}

/** The element's own Link children (not those of nested entities). */
export function links(el: Element | undefined): Link[] {
  return children(el, 'Link').map((l) => ({ ...reference(l), rel: attr(l, 'rel') ?? '' }));
}

/** The first Link with `rel` and, when given, of media type `type` (case-insensitive, brief §1). */
export function findLink(el: Element | undefined, rel: string, type?: string): Link | undefined {
  return links(el).find((l) => l.rel === rel && (type === undefined || sameMediaType(l.type, type)));
}

export const hasLink = (el: Element | undefined, rel: string): boolean => findLink(el, rel) !== undefined;

/** The Error element (ErrorType, brief §10), as the root of an error response or inside a failed Task. */
export interface VcloudError {
  message?: string;
  majorErrorCode?: string;
  minorErrorCode?: string;
  vendorSpecificErrorCode?: string;
}

export function decodeError(el: Element | undefined): VcloudError | undefined {
  if (!el || el.localName !== 'Error') return undefined;
  return { ...opt(el, 'message'), ...opt(el, 'majorErrorCode'), ...opt(el, 'minorErrorCode'), ...opt(el, 'vendorSpecificErrorCode') };
}

/** `urn:vcloud:<kind>:<uuid>` (brief §3: first-class entities carry such an id). */
export const URN_ID = /^urn:vcloud:[A-Za-z]+:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
