// Small namespace-aware DOM helpers shared by the model reader and the structure rules.
import type { Element, Node } from '@xmldom/xmldom';
import type { Pos } from './finding.js';

const ELEMENT_NODE = 1;

export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  }
  return out;
}

export function is(el: Element, ns: string, name: string): boolean {
  return el.namespaceURI === ns && el.localName === name;
}

export function childrenNamed(el: Element, ns: string, name: string): Element[] {
  return elementChildren(el).filter((c) => is(c, ns, name));
}

export function childNamed(el: Element, ns: string, name: string): Element | undefined {
  return elementChildren(el).find((c) => is(c, ns, name));
}

export function posOf(node: Node): Pos {
  const pos: Pos = {};
  if (node.lineNumber !== undefined) pos.line = node.lineNumber;
  if (node.columnNumber !== undefined) pos.column = node.columnNumber;
  return pos;
}

/** Namespace-qualified attribute, or undefined when absent (xmldom returns '' or null otherwise). */
export function attrNS(el: Element, ns: string, name: string): string | undefined {
  return el.hasAttributeNS(ns, name) ? (el.getAttributeNS(ns, name) ?? undefined) : undefined;
}

export function text(el: Element | undefined): string | undefined {
  return el ? (el.textContent ?? '').trim() : undefined;
}
