import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeMarkdownInline, escapeMarkup, markdownCodeBlock, showControls } from '../../src/reporters/escape.js';
import { parseXml } from './xml.js';

// Any string, including lone surrogates and every control character.
const anyText = fc.string({ unit: 'binary', maxLength: 60 });

describe('escaping', () => {
  it('makes any string safe XML text and attribute content', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const doc = parseXml(`<r a="${escapeAttribute(s)}">${escapeMarkup(s)}</r>`);
        const root = doc.documentElement!;
        expect(root.textContent).toBe(showControls(s));
        expect(root.getAttribute('a')).toBe(showControls(s));
      }),
    );
  });

  it('leaves printable text, tabs and newlines alone', () => {
    const printable = fc.string({ unit: fc.oneof(fc.constantFrom('\t', '\n'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })) });
    fc.assert(
      fc.property(printable, (s) => {
        expect(showControls(s)).toBe(s);
      }),
    );
  });

  it('shows invisible characters by code', () => {
    expect(showControls('a\u0000b\u001bc\u0085d\uFFFFe\uDC00f\t\n')).toBe('a\\x00b\\x1Bc\\x85d\\uFFFFe\\uDC00f\t\n');
    expect(showControls('😀')).toBe('😀');
  });

  it('keeps Markdown inline text on one line without markup', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = escapeMarkdownInline(s);
        expect(out).not.toMatch(/[\n<>]|(^|[^\\])[|`*_]/);
      }),
    );
  });

  it('fences code with more backticks than it contains', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const block = markdownCodeBlock(s);
        const fence = block.slice(0, block.indexOf('\n'));
        expect(showControls(s)).not.toContain(fence);
      }),
    );
  });
});
