// Reading and writing vCloud XML. Responses are parsed with the project's safe parser (no DTD, no
// entity expansion, bounded size and depth) and read by namespace and local name, never by prefix.
// Requests are written element by element in the order the caller gives, which is the schema's.

import { parseXml } from '../ovf/safeXml.js';
import type { Element } from '../ovf/xmlTree.js';
import { escapeXml } from '../ovf/serialize.js';

export type { Element } from '../ovf/xmlTree.js';

/** vCloud 1.5 (also the namespace of 5.1 and 5.5), the versions document, OVF 1.x (brief §4). */
export const NS = {
  v15: 'http://www.vmware.com/vcloud/v1.5',
  versions: 'http://www.vmware.com/vcloud/versions',
  ovf: 'http://schemas.dmtf.org/ovf/envelope/1',
} as const;

export type Decoded = { root: Element; error?: undefined } | { root?: undefined; error: string };

/** The root element of a response body, or why there is none. */
export function decode(text: string): Decoded {
  if (text.trim() === '') return { error: 'empty body' };
  const r = parseXml(text);
  return r.ok ? { root: r.doc.documentElement! } : { error: `${r.problem}: ${r.message}${r.line ? ` at ${r.line}:${r.column}` : ''}` };
}

/** The element children named `local` in `ns` (default vCloud 1.5). */
export function children(el: Element | undefined, local: string, ns: string = NS.v15): Element[] {
  return el ? el.children.filter((c) => c.localName === local && c.namespaceURI === ns) : [];
}

export const child = (el: Element | undefined, local: string, ns: string = NS.v15): Element | undefined => children(el, local, ns)[0];

/** Follows a path of child names, e.g. path(vdc, 'ResourceEntities', 'ResourceEntity'); the last step may match several. */
export function path(el: Element | undefined, ...names: string[]): Element[] {
  let level = el ? [el] : [];
  for (const n of names) level = level.flatMap((e) => children(e, n));
  return level;
}

/** An unqualified attribute (vCloud attributes take no namespace). */
export const attr = (el: Element | undefined, name: string): string | undefined => el?.getAttributeNS(null, name) ?? undefined;

/** The trimmed text of a child element. */
export const textOf = (el: Element | undefined, local: string, ns: string = NS.v15): string | undefined => child(el, local, ns)?.textContent.trim();

/** The local names of an element's children in document order (for schema-order checks). */
export const childNames = (el: Element): string[] => el.children.map((c) => c.localName);

// ---- writing

export type XmlAttrs = Record<string, string | number | boolean | undefined>;
export type XmlChild = string | undefined;

/**
 * `<name attrs>children</name>`: attributes in the order given (undefined ones left out), children
 * already written (undefined ones left out). Text children are escaped with `text()`.
 */
export function xml(name: string, attrs: XmlAttrs = {}, ...content: XmlChild[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const body = content.filter((c) => c !== undefined).join('');
  return body === '' ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

/** An element with only text content; undefined when the value is. */
export const textElement = (name: string, value: string | number | boolean | undefined): XmlChild =>
  value === undefined ? undefined : `<${name}>${escapeXml(String(value))}</${name}>`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
