// Parsing untrusted XML: bounded size, no DOCTYPE (so no entity expansion of any kind), and
// every parser complaint turned into a located error instead of a silently repaired DOM.
import { DOMParser, type Document } from '@xmldom/xmldom';

/** Descriptors are a few KiB to a few hundred KiB; anything past this is hostile or not a descriptor. */
export const MAX_XML_BYTES = 16 * 1024 * 1024;

export type XmlProblem = 'not-xml' | 'too-large' | 'doctype' | 'malformed';

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

class XmlParseError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

export function parseXml(text: string, maxBytes = MAX_XML_BYTES): XmlResult {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, problem: 'too-large', message: `document is larger than ${maxBytes} bytes` };
  }
  if (!looksLikeXml(text)) return { ok: false, problem: 'not-xml', message: 'not XML: does not start with "<"' };
  // Refused before parsing: a DOCTYPE is never needed by OVF and is how entity attacks start.
  const doctype = /<!DOCTYPE/.exec(text);
  if (doctype) {
    return { ok: false, problem: 'doctype', message: 'DOCTYPE declarations are not allowed', ...positionOf(text, doctype.index) };
  }
  try {
    const doc = new DOMParser({
      onError: (level, message, context) => {
        const at = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
        // Clean up xmldom's wrapper text ("Reporting fatalError "…" caused …") to the message itself.
        const clean = message.replace(/^\[xmldom [^\]]*\]\s*/, '');
        if (level !== 'warning') throw new XmlParseError(clean, at?.lineNumber, at?.columnNumber);
      },
    }).parseFromString(text, 'application/xml');
    if (!doc.documentElement) return { ok: false, problem: 'malformed', message: 'no root element' };
    return { ok: true, doc };
  } catch (e) {
    const err = e instanceof XmlParseError ? e : new XmlParseError(String((e as Error).message ?? e));
    const result: XmlResult = { ok: false, problem: 'malformed', message: err.message };
    if (err.line !== undefined) result.line = err.line;
    if (err.column !== undefined) result.column = err.column;
    return result;
  }
}
