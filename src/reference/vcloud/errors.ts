// Failures are values: a VcdError carries the HTTP status, the vCloud minorErrorCode and a one-line
// message; the router turns it into the `Error` element every vCloud error response is (§10).

/** The minorErrorCode of each status when no more specific code applies (BUSY_ENTITY, DUPLICATE_NAME). */
const MINOR_CODE: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'ACCESS_TO_RESOURCE_IS_FORBIDDEN',
  404: 'RESOURCE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'REQUESTED_RANGE_NOT_SATISFIABLE',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

export class VcdError extends Error {
  override readonly name = 'VcdError';
  readonly minor: string;
  constructor(
    readonly status: number,
    message: string,
    minor?: string,
    /** Extra response headers (Allow on 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.minor = minor ?? MINOR_CODE[status] ?? 'INTERNAL_SERVER_ERROR';
  }
}

export const badRequest = (message: string): VcdError => new VcdError(400, message, 'BAD_REQUEST');
export const busyEntity = (name: string): VcdError => new VcdError(400, `The entity ${name} is busy completing an operation.`, 'BUSY_ENTITY');
export const duplicateName = (what: string, name: string): VcdError => new VcdError(400, `The ${what} name "${name}" is already in use.`, 'DUPLICATE_NAME');
export const noAccess = (id: string): VcdError => new VcdError(403, `No access to entity "${id}".`);
export const notFound = (path: string): VcdError => new VcdError(404, `${path} is not a resource of this API.`);

export function methodNotAllowed(method: string, allowed: readonly string[]): VcdError {
  return new VcdError(405, `${method} is not allowed here; allowed: ${allowed.join(', ')}`, undefined, { allow: allowed.join(', ') });
}
