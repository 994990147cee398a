// The frame every HTML report shares: one self-contained document whose Content-Security-Policy loads
// nothing from outside (styles inline; scripts only when the page names their hash).
import { escapeAttribute as attr, escapeMarkup as text } from './escape.js';

const NO_SCRIPTS = "default-src 'none'; style-src 'unsafe-inline'";

export function htmlPage(page: { title: string; style: string; csp?: string }, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(page.csp ?? NO_SCRIPTS)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${body}</body>
</html>
`;
}
