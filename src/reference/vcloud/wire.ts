// Replies and VcdErrors as HTTP answers: vCloud representations serialised with their media type
// and the negotiated version, raw bytes as they are, errors as Error elements whose majorErrorCode is
// the HTTP status.

import type { Reply, VcdContext } from './context.js';
import type { VcdError } from './errors.js';
import { API_VERSIONS, type ApiVersion, MEDIA, withVersion } from './media-types.js';
import { errorElement } from './views.js';
import { serialize } from './xml.js';

export interface Wire {
  status: number;
  headers: Record<string, string>;
  payload: string | Buffer;
}

export function toWire(ctx: VcdContext, reply: Reply, version: ApiVersion): Wire {
  const headers = { ...reply.headers };
  if (reply.xml) {
    const media = ctx.quirk('vcloud-media-type-generic') ? 'application/xml' : withVersion(reply.xml.media, version);
    return { status: reply.status, headers: { ...headers, 'content-type': media }, payload: serialize(reply.xml.root) };
  }
  if (reply.raw) return { status: reply.status, headers: { ...headers, 'content-type': reply.raw.contentType }, payload: reply.raw.bytes };
  return { status: reply.status, headers, payload: '' };
}

export function errorWire(ctx: VcdContext, err: VcdError, version: ApiVersion = API_VERSIONS[0]): Wire {
  const major = ctx.quirk('vcloud-error-major-code-mismatch') ? 400 : err.status;
  return {
    status: err.status,
    headers: { ...err.headers, 'content-type': withVersion(MEDIA.error, version) },
    payload: serialize(errorElement({ major, minor: err.minor, message: err.message })),
  };
}
