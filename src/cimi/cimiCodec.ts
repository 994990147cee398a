// Client-side CIMI codec: JSON passes through; XML (§5.4, §5.5) is mapped to and from the same
// JSON-shaped model, so checks are written once and run in either format. Written independently of
// the reference provider's codec on purpose: a shared codec would hide the bugs it shares.

import { DOMParser, XMLSerializer, type Element as XmlElement } from '@xmldom/xmldom';
import type { Format } from '../harness/profile.js';

type Json = Record<string, unknown>;

export const mediaType = (format: Format): string => (format === 'xml' ? 'application/xml' : 'application/json');

// The CIMI model's non-string leaf types; XML text is converted for these names (§5.5.1, §5.5.4).
const INTEGER_ATTRS = new Set(['cpu', 'memory', 'cpuSpeed', 'capacity', 'count', 'progress', 'returnCode', 'minimum', 'maximum', 'increment']);
const BOOLEAN_ATTRS = new Set(['force', 'available', 'providerMandatory', 'consumerMandatory', 'mutable', 'consumerWritable', 'bootable', 'required']);
// Ref arrays are serialised as repeated, unwrapped elements named after the item (§5.5.11).
const UNWRAPPED_REF_ARRAYS: Record<string, string> = { affectedResource: 'affectedResources', nestedJob: 'nestedJobs' };
// CIMI 1.x (namespace cimi/1, DSP8009 1.0.2) repeats the items of other multi-valued attributes directly
// under the resource too, where 2.0 wraps them (`<operations><operation/></operations>`); an item of
// these is always structured (attributes or child elements), which tells a Job's `<action>uri</action>` apart.
const UNWRAPPED_ITEMS: Record<string, string> = {
  operation: 'operations',
  disk: 'disks',
  attribute: 'attributes',
  capability: 'capabilities',
  action: 'actions',
  componentDescriptor: 'componentDescriptors',
  interfaceTemplate: 'interfaceTemplates',
  volumeTemplate: 'volumeTemplates',
};

export type Decoded = { ok: true; value: Json } | { ok: false; error: string };

export function decodeCimi(text: string, contentType: string): Decoded {
  const ct = contentType.toLowerCase();
  if (ct.includes('xml') || (!ct.includes('json') && text.trimStart().startsWith('<'))) return decodeXml(text);
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'JSON body is not an object' };
    return { ok: true, value: v as Json };
  } catch (e) {
    return { ok: false, error: `body is not valid JSON: ${(e as Error).message}` };
  }
}

export function decodeXml(text: string): Decoded {
  if (/<!DOCTYPE/i.test(text)) return { ok: false, error: 'XML body carries a DOCTYPE (refused: no DTDs or entities)' };
  let root: XmlElement | null;
  try {
    const doc = new DOMParser({
      // XML 1.0 (§2.11) normalises only CR and CRLF; xmldom's default also folds U+0085, U+2028 and U+2029.
      normalizeLineEndings: (text: string) => text.replace(/\r\n?/g, '\n'),
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(text, 'application/xml');
    root = doc.documentElement;
  } catch (e) {
    return { ok: false, error: `body is not well-formed XML: ${(e as Error).message}` };
  }
  if (!root) return { ok: false, error: 'XML body has no root element' };
  const value = decodeElement(root, local(root) === 'Collection');
  value['resourceURI'] = local(root) === 'Collection' ? (root.getAttribute('resourceURI') ?? '') : `${root.namespaceURI ?? ''}/${local(root)}`;
  return { ok: true, value: { ...value, $xml: { namespace: root.namespaceURI ?? '', root: local(root) } } };
}

const local = (el: XmlElement): string => el.localName ?? el.nodeName;

function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

function leaf(name: string, text: string): unknown {
  if (INTEGER_ATTRS.has(name) && /^-?\d+$/.test(text.trim())) return Number(text.trim());
  if (BOOLEAN_ATTRS.has(name) && (text.trim() === 'true' || text.trim() === 'false')) return text.trim() === 'true';
  return text;
}

/** `capabilities` → `capability`, `disks` → `disk`. */
const singular = (name: string): string => name.replace(/ies$/, 'y').replace(/s$/, '');

function isArrayWrapper(el: XmlElement, kids: XmlElement[]): boolean {
  if (kids.length === 0) return false;
  const first = local(kids[0]!);
  if (!kids.every((k) => local(k) === first)) return false;
  return first === singular(local(el)) || /^[A-Z]/.test(first) || local(el) === 'operations' || local(el) === 'vscope';
}

const isStructured = (el: XmlElement): boolean => childElements(el).length > 0 || Array.from(el.attributes).some((a) => a.name !== 'xmlns' && a.prefix !== 'xmlns');

/** The JSON attribute holding a Collection's members when 1.x XML lists them bare: `Machine` → `machines`. */
const membersAttribute = (type: string): string => `${type[0]!.toLowerCase()}${type.slice(1)}s`;

/** A resource or structure; `collection`: the root `<Collection>`, whose bare resource children are its members (1.x). */
function decodeElement(el: XmlElement, collection = false): Json {
  const out: Json = {};
  for (const attr of Array.from(el.attributes)) {
    if (attr.name === 'xmlns' || attr.prefix === 'xmlns' || attr.name === 'resourceURI') continue;
    out[attr.localName ?? attr.name] = leaf(attr.localName ?? attr.name, attr.value);
  }
  const push = (attr: string, item: unknown): void => void ((out[attr] ??= []) as unknown[]).push(item);
  for (const child of childElements(el)) {
    const name = local(child);
    const plural = UNWRAPPED_REF_ARRAYS[name];
    if (plural) push(plural, decodeValue(child));
    else if (name === 'property' && child.hasAttribute('key')) out['properties'] = { ...(out['properties'] as Json | undefined), [child.getAttribute('key')!]: child.textContent ?? '' };
    else if (collection && /^[A-Z]/.test(name)) push(membersAttribute(name), { ...decodeElement(child), resourceURI: `${child.namespaceURI ?? ''}/${name}` });
    else if (UNWRAPPED_ITEMS[name] && isStructured(child)) push(UNWRAPPED_ITEMS[name], decodeElement(child));
    else out[name] = decodeValue(child);
  }
  return out;
}

function decodeValue(el: XmlElement): unknown {
  const kids = childElements(el);
  if (local(el) === 'properties') {
    const map: Record<string, string> = {};
    for (const p of kids) map[p.getAttribute('key') ?? ''] = p.textContent ?? '';
    return map;
  }
  if (isArrayWrapper(el, kids)) {
    return kids.map((k) => {
      const item = decodeElement(k);
      // Items of a collection are resources: their type URI is namespace + element name.
      if (/^[A-Z]/.test(local(k))) item['resourceURI'] = `${k.namespaceURI ?? ''}/${local(k)}`;
      return item;
    });
  }
  if (kids.length === 0 && el.attributes.length === 0) return leaf(local(el), el.textContent ?? '');
  return decodeElement(el);
}

/** Serialises the JSON model as the XML wrapper `rootName` in namespace `ns`. */
export function encodeCimi(body: Json, rootName: string, format: Format, ns: string): string {
  if (format === 'json') return JSON.stringify(body);
  const doc = new DOMParser().parseFromString(`<${rootName} xmlns="${ns}"/>`, 'application/xml');
  const root = doc.documentElement!;
  const make = (name: string): XmlElement => doc.createElementNS(ns, name);
  const fill = (el: XmlElement, obj: Json): void => {
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'resourceURI' || k === '$xml' || v === undefined) continue;
      append(el, k, v);
    }
  };
  const append = (parent: XmlElement, name: string, v: unknown): void => {
    if (Array.isArray(v)) {
      const singular = name.replace(/s$/, '');
      const refs = v.every((i) => typeof i === 'object' && i !== null && Object.keys(i).join() === 'href');
      if (refs && Object.values(UNWRAPPED_REF_ARRAYS).includes(name)) {
        for (const i of v) append(parent, singular, i);
        return;
      }
      const wrapper = make(name);
      for (const i of v) append(wrapper, singular, i);
      parent.appendChild(wrapper);
      return;
    }
    const el = make(name);
    if (v === null) {
      // `<attr/>` erases a template attribute in a by-reference create (§4.2.1.1).
    } else if (name === 'properties' && typeof v === 'object') {
      for (const [key, val] of Object.entries(v as Json)) {
        const p = make('property');
        p.setAttribute('key', key);
        p.appendChild(doc.createTextNode(String(val)));
        el.appendChild(p);
      }
    } else if (typeof v === 'object') {
      const o = v as Json;
      if (typeof o['href'] === 'string') el.setAttribute('href', o['href']);
      if (name === 'operation' && typeof o['rel'] === 'string') el.setAttribute('rel', o['rel']);
      fill(el, Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'href' && !(name === 'operation' && k === 'rel'))));
    } else {
      el.appendChild(doc.createTextNode(String(v)));
    }
    parent.appendChild(el);
  };
  fill(root, body);
  return new XMLSerializer().serializeToString(doc);
}
