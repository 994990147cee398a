// The element tree safeXml.ts builds: the subset of the W3C DOM the OVF rules read, with the same
// semantics as @xmldom/xmldom (which it replaces on the validate path because building a full DOM
// costs several times the parse): namespaceURI/prefix/localName (null when absent), 1-based
// lineNumber/columnNumber of the element's `<`, attributes looked up by qualified name or by
// namespace and local name, and textContent over text and CDATA descendants.
//
// Kept: elements, text and CDATA sections, each linked to its siblings (firstChild/nextSibling/
// nodeType) and its parent. Dropped: comments, processing instructions and the whitespace outside the
// root element, which no rule reads. The tree is read-only by convention: nothing mutates it after
// parsing.

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;
export const DOCUMENT_NODE = 9;

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

export interface Attr {
  /** Qualified name as written, e.g. `ovf:id`. */
  readonly name: string;
  readonly prefix: string | null;
  readonly localName: string;
  /** null for an unprefixed attribute (attributes never take the default namespace). */
  readonly namespaceURI: string | null;
  /** After entity and character-reference replacement and attribute-value normalisation. */
  readonly value: string;
}

/** A text node (nodeType 3) or a CDATA section (nodeType 4). */
export class Text {
  nextSibling: Node | null = null;
  constructor(
    readonly nodeType: typeof TEXT_NODE | typeof CDATA_SECTION_NODE,
    readonly data: string,
    readonly parentNode: Element,
  ) {}

  get textContent(): string {
    return this.data;
  }
}

export class Element {
  readonly nodeType = ELEMENT_NODE;
  firstChild: Node | null = null;
  lastChild: Node | null = null;
  nextSibling: Node | null = null;
  /** The element children, in document order. */
  readonly children: Element[] = [];

  constructor(
    /** Qualified name as written. */
    readonly tagName: string,
    readonly prefix: string | null,
    readonly localName: string,
    readonly namespaceURI: string | null,
    readonly attributes: readonly Attr[],
    readonly lineNumber: number,
    readonly columnNumber: number,
    readonly parentNode: Element | Document,
  ) {}

  get nodeName(): string {
    return this.tagName;
  }

  /** Appends a child while the tree is built (the parser is the only caller). */
  append(child: Node): void {
    if (this.lastChild) this.lastChild.nextSibling = child;
    else this.firstChild = child;
    this.lastChild = child;
    if (child.nodeType === ELEMENT_NODE) this.children.push(child);
  }

  getAttribute(qualifiedName: string): string | null {
    for (const a of this.attributes) if (a.name === qualifiedName) return a.value;
    return null;
  }

  hasAttribute(qualifiedName: string): boolean {
    return this.getAttribute(qualifiedName) !== null;
  }

  getAttributeNS(namespace: string | null, localName: string): string | null {
    const ns = namespace || null;
    for (const a of this.attributes) if (a.localName === localName && a.namespaceURI === ns) return a.value;
    return null;
  }

  hasAttributeNS(namespace: string | null, localName: string): boolean {
    return this.getAttributeNS(namespace, localName) !== null;
  }

  /** Descendants (not the element itself) in document order; `*` matches any namespace or name. */
  getElementsByTagNameNS(namespace: string | null, localName: string): Element[] {
    return descendantsNamed(this.children, namespace, localName);
  }

  /** The text and CDATA data of every descendant, in document order. */
  get textContent(): string {
    let out = '';
    // Iterative, so a deeply nested document cannot exhaust the stack here.
    const stack: (Node | null)[] = [this.firstChild];
    while (stack.length) {
      let n = stack.pop() ?? null;
      while (n) {
        if (n.nodeType === ELEMENT_NODE) {
          stack.push(n.nextSibling);
          n = n.firstChild;
          continue;
        }
        out += n.data;
        n = n.nextSibling;
      }
    }
    return out;
  }
}

export class Document {
  readonly nodeType = DOCUMENT_NODE;
  documentElement: Element | null = null;

  getElementsByTagNameNS(namespace: string | null, localName: string): Element[] {
    return this.documentElement ? descendantsNamed([this.documentElement], namespace, localName) : [];
  }
}

export type Node = Element | Text;

function descendantsNamed(roots: readonly Element[], namespace: string | null, localName: string): Element[] {
  const ns = namespace === '*' ? '*' : namespace || null;
  const out: Element[] = [];
  const stack: Element[] = [...roots].reverse();
  while (stack.length) {
    const el = stack.pop() as Element;
    if ((ns === '*' || el.namespaceURI === ns) && (localName === '*' || el.localName === localName)) out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as Element);
  }
  return out;
}
