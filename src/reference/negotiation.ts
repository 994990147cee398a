// Content negotiation (§4.1.4, §4.1.6.5): the response format from $format (first occurrence,
// case-insensitive) or Accept; request bodies decoded by Content-Type and validated.

import type { Context } from './context.js';
import { CimiError, badRequest } from './errors.js';
import { decodeJson } from './jsonCodec.js';
import { validateBody } from './validate.js';
import { decodeXml } from './xmlCodec.js';

export type Format = 'json' | 'xml';

export const MEDIA_TYPE: Record<Format, string> = { json: 'application/json', xml: 'application/xml' };

function supported(ctx: Context, f: Format): boolean {
  return f === 'json' || !ctx.quirk('xml-unsupported');
}

export function responseFormat(ctx: Context, search: string, accept: string | undefined): Format {
  const formats = new URLSearchParams(search).getAll('$format');
  if (formats.length > 0 && !ctx.quirk('format-param-ignored')) {
    const f = (ctx.quirk('format-last-wins') ? formats.at(-1)! : formats[0]!).trim().toLowerCase();
    if ((f === 'json' || f === 'xml') && supported(ctx, f)) return f;
    throw new CimiError(406, `$format=${f} is not supported; use json${supported(ctx, 'xml') ? ' or xml' : ''}`);
  }
  if (!accept || accept.trim() === '') return 'json';
  // Highest q wins; on a tie the order of the header decides. JSON answers wildcards.
  const ranges = accept
    .split(',')
    .map((part, i) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { type, q: Number.isNaN(q) ? 0 : q, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    if (r.type === 'application/json' || r.type === '*/*' || r.type === 'application/*') return 'json';
    if ((r.type === 'application/xml' || r.type === 'text/xml') && supported(ctx, 'xml')) return 'xml';
  }
  throw new CimiError(406, `none of "${accept}" can be produced; this provider speaks application/json${supported(ctx, 'xml') ? ' and application/xml' : ''}`);
}

/**
 * Decodes and validates a request body as `type`. `roots` are the accepted XML root names and
 * resourceURI type names (e.g. MachineConfiguration and MachineConfigurationCreate).
 */
export function readBody(ctx: Context, contentType: string | undefined, text: string | undefined, type: string, roots: readonly string[] = [type]): Record<string, unknown> {
  if (text === undefined || text.trim() === '') throw badRequest('this request needs a body');
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/json') return validateBody(ctx, decodeJson(text), type, roots);
  if ((media === 'application/xml' || media === 'text/xml') && supported(ctx, 'xml')) return validateBody(ctx, decodeXml(ctx, text, type, roots), type, roots);
  throw new CimiError(415, `Content-Type "${contentType ?? ''}" is not supported; send application/json${supported(ctx, 'xml') ? ' or application/xml' : ''}`);
}
