// Making untrusted text (provider responses, check messages) safe for each output medium.
// A provider under test is hostile input: its bytes must neither break a report nor drive a terminal.

/**
 * C0 controls except tab and newline, DEL, C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF:
 * illegal in XML 1.0, invisible or dangerous (ANSI escapes) in a terminal.
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/** Shows invisible characters as `\xNN` / `\uNNNN` so evidence stays readable and nothing is lost silently. */
export function showControls(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for XML/HTML element content. */
export function escapeMarkup(text: string): string {
  return showControls(text).replace(/[&<>"']/g, (c) => MARKUP[c]!);
}

/** Escapes text for an XML/HTML attribute value; keeps tabs and newlines, which parsers would normalise to spaces. */
export function escapeAttribute(text: string): string {
  return escapeMarkup(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Escapes text for one line of Markdown (a table cell, a list item): no markup, no HTML, no line breaks. */
export function escapeMarkdownInline(text: string): string {
  return showControls(text)
    .replace(/[\\`*_[\]|#]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => MARKUP[c]!)
    .replace(/\s*\n\s*/g, ' ');
}

/** A fenced Markdown code block whose fence is longer than any backtick run inside it. */
export function markdownCodeBlock(code: string, language = ''): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${showControls(code)}\n${fence}`;
}
