// Failures are values: a CimiError carries the HTTP status and a message a client can act on. The
// server turns it into the transient error Job every CIMI error response must carry (§4.2.2).

export class CimiError extends Error {
  override readonly name = 'CimiError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (Allow on 405, WWW-Authenticate on 401). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string): CimiError => new CimiError(400, message);
export const notFound = (what: string): CimiError => new CimiError(404, `${what} does not exist`);
export const conflict = (message: string): CimiError => new CimiError(409, message);

export function methodNotAllowed(method: string, allowed: readonly string[]): CimiError {
  return new CimiError(405, `${method} is not allowed here; allowed: ${allowed.join(', ')}`, { allow: allowed.join(', ') });
}
