// Errors are values with a code, a message a user can act on, and where it happened.

/** Bad input from the user (profile, flags, files): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** Where: `file:line:column`, a field path, a URL. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

/** The harness or the environment failed (network, timeout, hostile response): outcome ERROR, not FAIL. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
  constructor(
    readonly code: 'NETWORK' | 'TIMEOUT' | 'RUN_TIMEOUT' | 'RESPONSE_TOO_LARGE' | 'BUDGET' | 'PRECONDITION' | 'INTERNAL',
    message: string,
  ) {
    super(message);
  }
}
