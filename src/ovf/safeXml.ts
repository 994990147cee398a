// Parsing untrusted XML: bounded size, no DOCTYPE (so no entities beyond the five predefined ones
// and character references), and the first well-formedness error reported with its line and column
// instead of a silently repaired tree.
//
// saxes (a conformant, namespace-aware SAX parser) checks the XML and resolves the namespaces; the
// handlers below build the small tree of xmlTree.ts. That is ~4× faster than @xmldom/xmldom's DOM
// and loads in half the time (bench/ovfCorpus.bench.ts, bench/ovfBatch.bench.ts). The tree keeps
// xmldom's observable behaviour where the rules can see it: line endings are normalised the same way
// before parsing (CR, CRLF, NEL, LS and PS all end a line), positions are those of the element's `<`,
// and an undeclared prefix is an error. It is stricter where xmldom repaired or let through what is
// not well-formed (unquoted or missing attribute values, a bare `&`, `]]>` or control characters in
// text, two attributes with one expanded name), and it accepts the byte-order mark xmldom refused.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { type Attr, CDATA_SECTION_NODE, Document, Element, Text, TEXT_NODE } from './xmlTree.js';

/** Descriptors are a few KiB to a few hundred KiB; anything past this is hostile or not a descriptor. */
export const MAX_XML_BYTES = 16 * 1024 * 1024;
/**
 * Descriptors nest about ten levels deep. libxml2 (xmllint) refuses more than 256 by default, and so
 * does this: past it, saxes' namespace lookup (a walk down the open elements) would grow with the
 * square of the depth, and the rules recurse.
 */
export const MAX_XML_DEPTH = 256;

export type XmlProblem = 'not-xml' | 'too-large' | 'too-deep' | 'doctype' | 'malformed';

export type XmlResult =
  | { ok: true; doc: Document }
  | { ok: false; problem: XmlProblem; message: string; line?: number; column?: number };

/** True when the bytes could be XML at all (after an optional BOM and whitespace, a `<`). */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** XML 1.1 §2.11 line-end handling, as @xmldom/xmldom applies it to every document it parses. */
const LINE_END = /[\r\u0085\u2028\u2029]/;
export function normalizeLineEndings(text: string): string {
  return LINE_END.test(text) ? text.replace(/\r[\n\u0085]/g, '\n').replace(/[\r\u0085\u2028\u2029]/g, '\n') : text;
}

class XmlParseError extends Error {
  constructor(message: string, readonly line: number, readonly column: number, readonly problem: XmlProblem = 'malformed') {
    super(message);
  }
}

const nsOf = (uri: string): string | null => (uri === '' ? null : uri);

function buildTree(source: string): Document {
  const doc = new Document();
  const parser = new SaxesParser({ xmlns: true, position: true });
  let current: Element | Document = doc;
  let lastClosed: Element | undefined;
  let depth = 0;
  // Element positions: saxes reports offsets; lines are counted forward as the elements come, in order.
  let line = 1;
  let lineStart = 0;
  let nextNewline = source.indexOf('\n');
  let openedAt = 0;
  /** Moves the line count forward to `offset` (offsets only grow); the column is `offset - lineStart + 1`. */
  const advanceTo = (offset: number) => {
    while (nextNewline !== -1 && nextNewline < offset) {
      line++;
      lineStart = nextNewline + 1;
      nextNewline = source.indexOf('\n', lineStart);
    }
  };
  parser.on('opentagstart', (tag) => {
    // Called once the name and the character after it are read: the `<` is just before the name.
    openedAt = parser.position - tag.name.length - 2;
    if (++depth > MAX_XML_DEPTH) {
      advanceTo(openedAt);
      throw new XmlParseError(`elements are nested more than ${MAX_XML_DEPTH} levels deep`, line, openedAt - lineStart + 1, 'too-deep');
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    advanceTo(openedAt);
    const attributes: Attr[] = [];
    for (const name in tag.attributes) {
      const a = tag.attributes[name]!;
      attributes.push({ name, prefix: a.prefix === '' ? null : a.prefix, localName: a.local, namespaceURI: nsOf(a.uri), value: a.value });
    }
    const el: Element = new Element(tag.name, tag.prefix === '' ? null : tag.prefix, tag.local, nsOf(tag.uri), attributes, line, openedAt - lineStart + 1, current);
    if (current instanceof Element) current.append(el);
    else current.documentElement = el;
    current = el;
  });
  parser.on('closetag', () => {
    depth--;
    if (current instanceof Element) {
      lastClosed = current;
      current = current.parentNode;
    }
  });
  // Text outside the root element is only whitespace (saxes refuses anything else) and is dropped.
  parser.on('text', (data) => {
    if (current instanceof Element) current.append(new Text(TEXT_NODE, data, current));
  });
  parser.on('cdata', (data) => {
    if (current instanceof Element) current.append(new Text(CDATA_SECTION_NODE, data, current));
  });
  parser.on('error', (err) => {
    // saxes prefixes "line:column: "; the position goes into the result's own fields.
    let message = err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '');
    // saxes closes the open element before it says the end tag was not its own: name both.
    if (message === 'unexpected close tag' && lastClosed) {
      const close = /^<\/([^\s>]*)/.exec(source.slice(source.lastIndexOf('</', parser.position)));
      message = `end tag </${close?.[1] ?? ''}> does not match the open <${lastClosed.tagName}> of line ${lastClosed.lineNumber}`;
    }
    throw new XmlParseError(message, parser.line, parser.columnIndex);
  });
  parser.write(source).close();
  return doc;
}

export function parseXml(text: string, maxBytes = MAX_XML_BYTES): XmlResult {
  // A UTF-8 byte is at most 3 per UTF-16 code unit: count exactly only when it could matter.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, problem: 'too-large', message: `document is larger than ${maxBytes} bytes` };
  }
  if (!looksLikeXml(text)) return { ok: false, problem: 'not-xml', message: 'not XML: does not start with "<"' };
  // Refused before parsing: a DOCTYPE is never needed by OVF and is how entity attacks start.
  const doctype = /<!DOCTYPE/.exec(text);
  if (doctype) {
    return { ok: false, problem: 'doctype', message: 'DOCTYPE declarations are not allowed', ...positionOf(text, doctype.index) };
  }
  try {
    const doc = buildTree(normalizeLineEndings(text));
    if (!doc.documentElement) return { ok: false, problem: 'malformed', message: 'no root element' };
    return { ok: true, doc };
  } catch (e) {
    if (e instanceof XmlParseError) return { ok: false, problem: e.problem, message: e.message, line: e.line, column: e.column };
    return { ok: false, problem: 'malformed', message: String((e as Error).message ?? e) };
  }
}
