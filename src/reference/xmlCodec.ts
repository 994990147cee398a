// XML serialisation (§4.1.4, §5.5), driven by the type table so it mirrors the JSON shape exactly:
// root element named after the resource in the CIMI namespace; collections as
// `<Collection resourceURI="…">` with a grouping element (2.0) or bare members (1.x); refs as
// `<x href=""/>`; arrays wrapped (2.0) or repeated (1.x); ref arrays always repeated; maps as
// `<properties><property key="k">v</property></properties>`; operations as attributes.
// Input is parsed namespace-aware (any prefix); DOCTYPEs are refused, so no entity is ever expanded.

import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import type { Context } from './context.js';
import { badRequest } from './errors.js';
import { type Rep, TYPE } from './representation.js';
import { type Attribute, type ValueType, isCollectionType, typeDef } from './schema.js';

/** The namespace misprinted in the 2.0 Table 8 header; quirk xml-wrong-namespace uses it. */
const WRONG_NS = 'http://www.dmf.org/cimi/2';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function encodeXml(ctx: Context, rep: Rep): string {
  const type = rep[TYPE] ?? '';
  const ns = ctx.quirk('xml-wrong-namespace') ? WRONG_NS : ctx.ns;
  const wrapped = ctx.specVersion === '2.0';
  const fields = (attrs: readonly Attribute[], obj: Record<string, unknown>): string =>
    Object.entries(obj)
      .map(([k, v]) => {
        const attr = attrs.find((a) => a.name === k);
        return attr ? value(k, attr.type, v) : '';
      })
      .join('');
  const value = (name: string, t: ValueType, v: unknown): string => {
    switch (t.kind) {
      case 'ref': {
        const { href, ...rest } = v as Rep;
        const open = typeof href === 'string' ? `<${name} href="${esc(href)}"` : `<${name}`;
        const inner = Object.keys(rest).length > 0 ? fields(typeDef((v as Rep)[TYPE] ?? t.target).attributes, rest) : '';
        return inner ? `${open}>${inner}</${name}>` : `${open}/>`;
      }
      case 'refArray':
        return (v as { href: string }[]).map((r) => `<${t.itemName} href="${esc(r.href)}"/>`).join('');
      case 'map': {
        const entries = Object.entries(v as Record<string, string>)
          .map(([k, s]) => `<${t.entryName} key="${esc(k)}">${esc(s)}</${t.entryName}>`)
          .join('');
        return wrapped ? `<${name}>${entries}</${name}>` : entries;
      }
      case 'array': {
        const items = (v as unknown[]).map((i) => value(t.itemName, t.item, i)).join('');
        return wrapped ? `<${name}>${items}</${name}>` : items;
      }
      case 'struct': {
        const o = v as Record<string, unknown>;
        if (t.xmlAttributes) return `<${name}${Object.entries(o).map(([k, s]) => ` ${k}="${esc(String(s))}"`).join('')}/>`;
        return `<${name}>${fields(t.fields, o)}</${name}>`;
      }
      case 'resource':
        return `<${name}>${fields(typeDef(t.type).attributes, v as Rep)}</${name}>`;
      default:
        return `<${name}>${esc(Array.isArray(v) ? v.join(',') : String(v))}</${name}>`;
    }
  };
  const body = fields(typeDef(type).attributes, rep);
  if (isCollectionType(type)) {
    const uri = ctx.quirk('xml-collection-no-resourceuri') ? '' : ` resourceURI="${esc(String(rep['resourceURI']))}"`;
    return `<Collection xmlns="${ns}"${uri}>${body}</Collection>`;
  }
  return `<${type} xmlns="${ns}">${body}</${type}>`;
}

const children = (el: XmlElement): XmlElement[] => Array.from(el.childNodes).filter((n): n is XmlElement => n.nodeType === 1);

/** Parses an XML body whose root must be one of `roots` (all decoded as `type`). */
export function decodeXml(ctx: Context, text: string, type: string, roots: readonly string[]): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(text)) throw badRequest('XML bodies must not carry a DOCTYPE');
  let root: XmlElement | null;
  try {
    const doc = new DOMParser({
      // XML 1.0 (§2.11) normalises only CR and CRLF; xmldom's default also folds U+0085, U+2028 and U+2029.
      normalizeLineEndings: (text: string) => text.replace(/\r\n?/g, '\n'),
      onError: (level: string, msg: string) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(text, 'application/xml');
    root = doc.documentElement;
  } catch (e) {
    throw badRequest(`body is not well-formed XML: ${(e as Error).message}`);
  }
  if (!root) throw badRequest('XML body has no root element');
  if (root.namespaceURI !== ctx.ns) throw badRequest(`XML root must be in namespace ${ctx.ns}, not ${root.namespaceURI ?? '(none)'}`);
  if (!roots.includes(root.localName ?? '')) throw badRequest(`XML root must be ${roots.join(' or ')}, not ${root.localName ?? ''}`);
  return decodeFields(ctx, root, typeDef(type).attributes);
}

// Children of a resource or structure element. Unknown elements are kept under their name so the
// validator rejects them as unknown attributes (§5.3).
function decodeFields(ctx: Context, el: XmlElement, attrs: readonly Attribute[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of children(el)) {
    const name = child.localName ?? '';
    if (child.namespaceURI !== ctx.ns) throw badRequest(`element ${name} is not in namespace ${ctx.ns}`);
    const direct = attrs.find((a) => a.name === name && a.type.kind !== 'refArray');
    if (direct) {
      if (Object.hasOwn(out, name)) throw badRequest(`element ${name} appears twice`);
      out[name] = decodeValue(ctx, child, direct.type);
      continue;
    }
    const holder = attrs.find((a) => itemElement(a.type) === name);
    if (!holder) {
      out[name] = child.textContent ?? '';
      continue;
    }
    if (holder.type.kind === 'map') out[holder.name] = { ...(out[holder.name] as object | undefined), ...(decodeValue(ctx, el, holder.type, [child]) as object) };
    else ((out[holder.name] ??= []) as unknown[]).push(holder.type.kind === 'array' ? decodeValue(ctx, child, holder.type.item) : { href: child.getAttribute('href') ?? '' });
  }
  return out;
}

/** The element name of one item when a multi-valued attribute is written without its wrapper (1.x). */
function itemElement(t: ValueType): string | undefined {
  return t.kind === 'array' || t.kind === 'refArray' ? t.itemName : t.kind === 'map' ? t.entryName : undefined;
}

function isEmpty(el: XmlElement): boolean {
  const attrs = Array.from(el.attributes).filter((a) => a.name !== 'xmlns' && a.prefix !== 'xmlns');
  return attrs.length === 0 && children(el).length === 0 && (el.textContent ?? '') === '';
}

function decodeValue(ctx: Context, el: XmlElement, t: ValueType, entries: XmlElement[] = children(el)): unknown {
  const name = el.localName ?? '';
  // `<attr/>` erases a template attribute in a by-reference create (§4.2.1.1); elsewhere it means no value.
  if (t.kind !== 'map' && isEmpty(el)) return null;
  const text = (el.textContent ?? '').trim();
  switch (t.kind) {
    case 'integer':
      if (!/^[+-]?\d+$/.test(text)) throw badRequest(`${name} must be an integer, not "${text}"`);
      return Number(text);
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw badRequest(`${name} must be true or false, not "${text}"`);
      return text === 'true';
    case 'ref': {
      const target = isCollectionType(t.target) ? [] : typeDef(t.target).attributes;
      const href = el.getAttribute('href');
      return { ...(href !== null ? { href } : {}), ...decodeFields(ctx, el, target) };
    }
    case 'refArray':
      return children(el).map((c) => ({ href: c.getAttribute('href') ?? '' }));
    case 'map':
      // fromEntries defines own properties, so a key such as __proto__ stays an ordinary key.
      return Object.fromEntries(
        entries.map((e) => {
          const key = e.getAttribute('key');
          if (key === null) throw badRequest(`${e.localName ?? ''} needs a key attribute`);
          return [key, e.textContent ?? ''];
        }),
      );
    case 'array':
      return children(el).map((c) => {
        if (c.localName !== t.itemName) throw badRequest(`${name} may only contain ${t.itemName} elements`);
        return decodeValue(ctx, c, t.item);
      });
    case 'struct':
      if (!t.xmlAttributes) return decodeFields(ctx, el, t.fields);
      return Object.fromEntries(t.fields.filter((f) => el.hasAttribute(f.name)).map((f) => [f.name, el.getAttribute(f.name)]));
    case 'resource':
      return decodeFields(ctx, el, typeDef(t.type).attributes);
    default:
      return el.textContent ?? '';
  }
}
