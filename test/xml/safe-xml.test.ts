// src/ovf/safeXml.ts against @xmldom/xmldom, which it replaced on the validate path: on every document
// both accept, the element trees the rules read (names, namespaces, positions, attributes, text) must be
// the same; where they differ on what is well-formed, the new parser is the one that follows XML 1.0.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validEnvelope } from '../../src/ovf/generators/arbitraries.js';
import { MAX_XML_BYTES, MAX_XML_DEPTH, parseXml, type XmlResult } from '../../src/ovf/safeXml.js';
import { serializeEnvelope } from '../../src/ovf/serialize.js';
import { type Element, XML_NAMESPACE, XMLNS_NAMESPACE } from '../../src/ovf/xmlTree.js';
import { hasSharedOvf, sharedOvf } from '../ovf/sharedOvf.js';

interface DomLikeAttr { name: string; prefix: string | null; localName: string; namespaceURI: string | null; value: string }
interface DomLike {
  tagName: string; localName: string | null; prefix: string | null; namespaceURI: string | null; lineNumber?: number; columnNumber?: number;
  textContent: string | null; firstChild: (DomLike & { nodeType: number; nextSibling: unknown }) | null; nextSibling: unknown; nodeType: number;
  attributes: ArrayLike<DomLikeAttr> | { length: number; item(i: number): DomLikeAttr | null };
  getAttributeNS(ns: string | null, local: string): string | null; hasAttributeNS(ns: string | null, local: string): boolean; getAttribute(name: string): string | null;
}

/** What the rules can observe of an element and its descendants, in a comparable form. */
function observe(el: DomLike): unknown {
  const list = el.attributes;
  const attrs: DomLikeAttr[] = [];
  for (let i = 0; i < list.length; i++) attrs.push('item' in list && typeof list.item === 'function' ? (list.item(i) as DomLikeAttr) : (list as ArrayLike<DomLikeAttr>)[i] as DomLikeAttr);
  const kids: DomLike[] = [];
  for (let n = el.firstChild as (DomLike & { nextSibling: unknown }) | null; n; n = n.nextSibling as typeof n) if (n.nodeType === 1) kids.push(n);
  return {
    name: el.tagName, localName: el.localName, prefix: el.prefix ?? null, ns: el.namespaceURI ?? null, at: [el.lineNumber, el.columnNumber],
    attrs: attrs.map((a) => ({
      name: a.name, prefix: a.prefix ?? null, localName: a.localName, ns: a.namespaceURI ?? null, value: a.value,
      byName: el.getAttribute(a.name), byNS: el.getAttributeNS(a.namespaceURI, a.localName), has: el.hasAttributeNS(a.namespaceURI, a.localName),
    })).sort((x, y) => (x.name < y.name ? -1 : 1)),
    text: el.textContent,
    kids: kids.map(observe),
  };
}

function xmldom(text: string): DomLike | undefined {
  try {
    const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(text, 'application/xml');
    return (doc.documentElement as unknown as DomLike | null) ?? undefined;
  } catch {
    return undefined;
  }
}

function tree(r: XmlResult): Element {
  if (!r.ok) throw new Error(`not parsed: ${r.message} at ${r.line}:${r.column}`);
  return r.doc.documentElement as Element;
}

function expectSameAsXmldom(text: string): void {
  const old = xmldom(text);
  expect(old, 'xmldom accepts it').toBeDefined();
  expect(observe(tree(parseXml(text)) as unknown as DomLike)).toEqual(observe(old as DomLike));
}

const ok = (text: string) => expect(parseXml(text).ok).toBe(true);

describe('the tree is the one xmldom built', () => {
  it.skipIf(!hasSharedOvf)('for every descriptor of the shared corpus', () => {
    const files = readdirSync(join(sharedOvf, 'corpus'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ovf')).map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expectSameAsXmldom(readFileSync(f, 'utf8'));
  });

  it('for generated descriptors', () => {
    fc.assert(fc.property(validEnvelope, (env) => expectSameAsXmldom(serializeEnvelope(env))), { numRuns: 200 });
  });

  it.each([
    ['CRLF, CR, NEL, LS and PS line ends (positions and text)', '<?xml version="1.0"?>\r\n<r>\r\n  <a x="1\r\n2">t\r\nu</a>\r<b>\u2028<c y="\u2029"/>\u0085</b>\n</r>'],
    ['attribute-value normalisation and references', '<r a="x\ty\nz" b="&#9;&#10;&#13;" c="&lt;&amp;&gt;&quot;&apos;" d="&#x1F600;" e="  x  "/>'],
    ['text with references and CDATA', '<r>a &lt; b &#65;&#x42; <![CDATA[<c>&amp;]]> d<e>f<![CDATA[g]]></e></r>'],
    ['comments and processing instructions (not text)', '<?xml version="1.0"?><?pi before?><r><!-- c --><a/><?pi x?><b>t<!--x-->u</b></r><!-- after -->'],
    ['namespaces: default, prefixed, undeclared default, xml:, xmlns attributes', '<r xmlns="urn:a" xmlns:p="urn:p" k="1" p:k="2" xml:lang="en"><p:c/><d xmlns=""><e/></d><p:f xmlns:p="urn:q" p:g="3"/></r>'],
    ['columns in UTF-16 code units after astral characters and tabs', '<r>\u{1F600}<a/>\t<b/>\n\t\t<c/></r>'],
    ['XML 1.1 declaration', '<?xml version="1.1"?><r/>'],
  ])('for %s', (_, text) => expectSameAsXmldom(text));
});

describe('what the tree offers', () => {
  const doc = () => tree(parseXml('<r xmlns="urn:a" xmlns:p="urn:p" p:k="v" u="w"><p:c><d>1</d></p:c><d>2<!--x--><![CDATA[3]]></d></r>'));

  it('absent attributes read as null, present ones by either name', () => {
    const r = doc();
    expect(r.getAttributeNS('urn:p', 'k')).toBe('v');
    expect(r.getAttribute('p:k')).toBe('v');
    expect(r.getAttributeNS(null, 'u')).toBe('w');
    expect(r.getAttributeNS('', 'u')).toBe('w');
    expect(r.getAttributeNS('urn:a', 'u')).toBeNull();
    expect(r.hasAttributeNS('urn:a', 'u')).toBe(false);
    expect(r.getAttribute('nope')).toBeNull();
    expect(r.attributes.find((a) => a.name === 'xmlns:p')?.namespaceURI).toBe(XMLNS_NAMESPACE);
  });

  it('getElementsByTagNameNS walks the descendants in document order, with * wildcards', () => {
    const r = doc();
    const parsed = parseXml('<r xmlns="urn:a" xmlns:p="urn:p" p:k="v" u="w"><p:c><d>1</d></p:c><d>2<!--x--><![CDATA[3]]></d></r>');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(r.getElementsByTagNameNS('urn:a', 'd').map((e) => e.textContent)).toEqual(['1', '23']);
    expect(r.getElementsByTagNameNS('*', '*').map((e) => e.tagName)).toEqual(['p:c', 'd', 'd']);
    expect(parsed.doc.getElementsByTagNameNS('urn:a', 'r')).toHaveLength(1);
    expect(r.children.map((e) => e.localName)).toEqual(['c', 'd']);
  });

  it('textContent takes text and CDATA, not comments', () => {
    expect(doc().textContent).toBe('123');
    const deep = tree(parseXml(`${'<a>'.repeat(MAX_XML_DEPTH)}x${'</a>'.repeat(MAX_XML_DEPTH)}`));
    expect(deep.textContent).toBe('x');
    expect(deep.getElementsByTagNameNS(null, 'a')).toHaveLength(MAX_XML_DEPTH - 1);
  });

  it('knows the xml: prefix', () => {
    expect(tree(parseXml('<r xml:lang="de"/>')).getAttributeNS(XML_NAMESPACE, 'lang')).toBe('de');
  });
});

describe('what is refused, and where', () => {
  it.each([
    ['an end tag that closes the wrong element', '<r>\n  <a></b>\n</r>', 2, /end tag <\/b> does not match the open <a> of line 2/],
    ['an unclosed element', '<r><a></a>', 1, /unclosed tag: r/],
    ['an undeclared prefix', '<r>\n<q:a/></r>', 2, /unbound namespace prefix: "q"/],
    ['an unquoted attribute value (xmldom repaired it)', '<r a=b/>', 1, /unquoted attribute value/],
    ['an attribute without value (xmldom repaired it)', '<r\n a/>', 2, /./],
    ['a bare & in an attribute (xmldom kept it)', '<r a="&"/>', 1, /./],
    [']]> in text (xmldom kept it)', '<r>a ]]> b</r>', 1, /]]>/],
    ['a control character (xmldom kept it)', '<r>\n\u0001</r>', 2, /disallowed character/],
    ['a reference to character 0 (xmldom kept it)', '<r>&#0;</r>', 1, /malformed character entity/],
    ['one attribute twice under two prefixes (xmldom kept both)', '<r xmlns:a="urn:x" xmlns:b="urn:x" a:k="1" b:k="2"/>', 1, /duplicate attribute/],
    ['an undefined entity', '<r>&foo;</r>', 1, /undefined entity/],
    ['two root elements', '<r/>\n<s/>', 2, /only one root/],
    ['text after the root', '<r/>x', 1, /outside of root/],
    ['an XML declaration not at the start', '\n<?xml version="1.0"?><r/>', 2, /XML declaration/],
  ])('%s', (_, text, line, message) => {
    const r = parseXml(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe('malformed');
    expect(r.message).toMatch(message);
    expect(r.line).toBe(line);
    expect(r.column).toBeGreaterThan(0);
  });

  it(`elements nested more than ${MAX_XML_DEPTH} deep, as libxml2 does, quickly`, () => {
    const depth = 1_000_000;
    const started = Date.now();
    expect(parseXml(`<a>\n${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</a>`)).toMatchObject({ ok: false, problem: 'too-deep', line: 2, column: (MAX_XML_DEPTH - 1) * 3 + 1 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a DOCTYPE, before parsing, with its position (so no entity is ever declared)', () => {
    expect(parseXml('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "boom">]><r>&e;</r>')).toEqual({ ok: false, problem: 'doctype', message: 'DOCTYPE declarations are not allowed', line: 2, column: 1 });
  });

  it('what is not XML or too large', () => {
    expect(parseXml('hello')).toMatchObject({ ok: false, problem: 'not-xml' });
    expect(parseXml('<r>é</r>', 8)).toMatchObject({ ok: false, problem: 'too-large' });
    ok('<r>é</r>');
    expect(MAX_XML_BYTES).toBe(16 * 1024 * 1024);
  });

  it('accepts a byte-order mark (xmldom refused it), counting it in the first line\'s columns', () => {
    const r = tree(parseXml('\uFEFF<r><a/></r>'));
    expect([r.lineNumber, r.columnNumber, r.children[0]?.columnNumber]).toEqual([1, 2, 5]);
    ok('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<r/>');
  });
});
