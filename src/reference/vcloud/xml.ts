// XML both ways. Out: a small element tree serialised with every vCloud root declaring the vCloud
// and OVF namespaces. In: request bodies parsed with the OVF library's safe parser (no DOCTYPE, so
// no entity expansion), their root checked, and their children checked against the schema's
// sequence the way a validating parser would (order and cardinality, unknown elements refused).

import { escapeXml } from '../../ovf/serialize.js';
import { parseXml } from '../../ovf/safeXml.js';
import type { Element } from '../../ovf/xmlTree.js';
import { badRequest } from './errors.js';
import { OVF_NS, VCLOUD_NS } from './media-types.js';

type AttrValue = string | number | boolean | undefined;
export interface XmlElement {
  name: string;
  attrs: Record<string, AttrValue>;
  children: XmlElement[];
  text?: string;
}
type Child = XmlElement | undefined | false;

/** An element; undefined attributes and children are left out, so optional parts read inline. */
export function el(name: string, attrs: Record<string, AttrValue> = {}, ...children: (Child | Child[])[]): XmlElement {
  return { name, attrs, children: children.flat().filter((c): c is XmlElement => !!c) };
}

export function textEl(name: string, text: string | number | boolean, attrs: Record<string, AttrValue> = {}): XmlElement {
  return { name, attrs, children: [], text: String(text) };
}

function write(e: XmlElement, pad: string): string {
  const attrs = Object.entries(e.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  if (e.text !== undefined) return `${pad}<${e.name}${attrs}>${escapeXml(e.text)}</${e.name}>\n`;
  if (e.children.length === 0) return `${pad}<${e.name}${attrs}/>\n`;
  return `${pad}<${e.name}${attrs}>\n${e.children.map((c) => write(c, `${pad}  `)).join('')}${pad}</${e.name}>\n`;
}

/** A document whose root declares `namespaces` (default: the vCloud namespace, and ovf). */
export function serialize(root: XmlElement, namespaces: Record<string, string> = { xmlns: VCLOUD_NS, 'xmlns:ovf': OVF_NS }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write({ ...root, attrs: { ...namespaces, ...root.attrs } }, '')}`;
}

/** The root element of a request body, which must be `name` in the vCloud namespace. */
export function readRoot(body: Buffer | undefined, name: string): Element {
  const text = body?.toString('utf8') ?? '';
  if (text.trim() === '') throw badRequest(`this request needs a ${name} body`);
  const parsed = parseXml(text);
  if (!parsed.ok) throw badRequest(`the body is not well-formed XML: ${parsed.message}${parsed.line !== undefined ? ` (line ${parsed.line})` : ''}`);
  const root = parsed.doc.documentElement!;
  if (root.localName !== name || root.namespaceURI !== VCLOUD_NS) {
    throw badRequest(`the body must be a ${name} element in namespace ${VCLOUD_NS}, not {${root.namespaceURI ?? ''}}${root.localName}`);
  }
  return root;
}

export interface Particle {
  name: string;
  /** Default: the vCloud namespace. */
  ns?: string;
  min?: number;
  /** Default 1. */
  max?: number;
}

const qname = (ns: string | null, name: string): string => (ns === OVF_NS ? `ovf:${name}` : ns === VCLOUD_NS ? name : `{${ns ?? ''}}${name}`);

/**
 * Checks the children of `parent` against a schema sequence and returns them by particle name.
 * `ordered: false` checks names and cardinality only (what a lax parser does).
 */
export function sequence(parent: Element, particles: readonly Particle[], ordered = true): Map<string, Element[]> {
  const found = new Map<string, Element[]>(particles.map((p) => [p.name, []]));
  let at = 0;
  for (const child of parent.children) {
    const index = particles.findIndex((p) => p.name === child.localName && (p.ns ?? VCLOUD_NS) === child.namespaceURI);
    const what = qname(child.namespaceURI, child.localName);
    if (index < 0) throw badRequest(`cvc-complex-type.2.4.a: invalid content starting with element '${what}' in ${parent.localName}; expected ${particles.map((p) => qname(p.ns ?? VCLOUD_NS, p.name)).join(', ')}`);
    if (ordered && index < at) throw badRequest(`cvc-complex-type.2.4.a: element '${what}' is out of schema order in ${parent.localName}: it must come before ${qname(particles[at]!.ns ?? VCLOUD_NS, particles[at]!.name)}`);
    at = Math.max(at, index);
    const list = found.get(particles[index]!.name)!;
    list.push(child);
    if (list.length > (particles[index]!.max ?? 1)) throw badRequest(`element '${what}' appears more than ${particles[index]!.max ?? 1} time(s) in ${parent.localName}`);
  }
  for (const p of particles) {
    if ((found.get(p.name)?.length ?? 0) < (p.min ?? 0)) throw badRequest(`cvc-complex-type.2.4.b: ${parent.localName} must contain ${qname(p.ns ?? VCLOUD_NS, p.name)}`);
  }
  return found;
}

/** An xs:boolean attribute or text ("true", "false", "1", "0"); `fallback` when absent. */
export function xsBoolean(value: string | null | undefined, what: string, fallback: boolean): boolean {
  if (value === null || value === undefined) return fallback;
  const v = value.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`${what} must be an xs:boolean (true or false), not "${value}"`);
}

/** A required, non-empty attribute. */
export function requiredAttr(e: Element, name: string): string {
  const v = e.getAttribute(name);
  if (v === null || v.trim() === '') throw badRequest(`${e.localName} needs a ${name} attribute`);
  return v;
}

/** Trimmed text of the first element of a particle, if present. */
export const textOf = (items: Map<string, Element[]>, name: string): string | undefined => items.get(name)?.[0]?.textContent.trim();
