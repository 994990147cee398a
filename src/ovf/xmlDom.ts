// Small namespace-aware DOM helpers shared by the model reader and the structure rules.
import type { Element } from './xmlTree.js';
import type { Pos } from './finding.js';

/** The element children, in document order (a copy: callers may keep or change it). */
export function elementChildren(el: Element): Element[] {
  return el.children.slice();
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

export function posOf(node: Element): Pos {
  return { line: node.lineNumber, column: node.columnNumber };
}

/** Namespace-qualified attribute, or undefined when absent (getAttributeNS returns null then). */
export function attrNS(el: Element, ns: string, name: string): string | undefined {
  return el.hasAttributeNS(ns, name) ? (el.getAttributeNS(ns, name) ?? undefined) : undefined;
}

export function text(el: Element | undefined): string | undefined {
  return el ? (el.textContent ?? '').trim() : undefined;
}
