// Login, the session and logout (§2): POST /api/sessions with Basic `user@org:password` gives a
// token in `x-vcloud-authorization`; every later request sends it; DELETE /api/session ends it.
// Missing Authorization at login is 403 (1.5+), bad credentials 401, an unknown token 401.

import { randomBytes } from 'node:crypto';
import { sameSecret } from '../constantTime.js';
import { type VcdContext, type VcdRequest, header } from './context.js';
import { VcdError } from './errors.js';

export const TOKEN_HEADER = 'x-vcloud-authorization';
const MAX_SESSIONS = 1000;

export interface Session {
  token: string;
}

/** Live tokens, oldest first; beyond MAX_SESSIONS the oldest is logged out. */
export class Sessions {
  private readonly byToken = new Map<string, Session>();

  open(): Session {
    const session = { token: randomBytes(24).toString('base64') };
    this.byToken.set(session.token, session);
    for (const oldest of this.byToken.keys()) {
      if (this.byToken.size <= MAX_SESSIONS) break;
      this.byToken.delete(oldest);
    }
    return session;
  }

  get(token: string): Session | undefined {
    return this.byToken.get(token);
  }

  close(token: string): void {
    this.byToken.delete(token);
  }
}

/** `user@org` split at its last `@` (a user name may itself be an e-mail address). */
export function splitUsername(username: string): { user: string; org: string } {
  const at = username.lastIndexOf('@');
  return { user: username.slice(0, at), org: username.slice(at + 1) };
}

export function login(ctx: VcdContext, req: Pick<VcdRequest, 'headers'>): Session {
  const authorization = header(req, 'authorization');
  if (authorization === undefined || authorization.trim() === '') throw new VcdError(403, 'login needs an Authorization header: Basic base64(user@org:password)');
  const [scheme = '', encoded = ''] = authorization.trim().split(/\s+/, 2);
  const decoded = scheme.toLowerCase() === 'basic' ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const expected = `${ctx.credentials.username}:${ctx.credentials.password}`;
  const given = ctx.quirk('vcloud-login-bad-password-200') ? `${decoded.split(':', 1)[0]}:${ctx.credentials.password}` : decoded;
  if (!sameSecret(given, expected)) throw new VcdError(401, 'Basic authentication failed: unknown user@org or wrong password');
  return ctx.sessions.open();
}

export function authenticate(ctx: VcdContext, req: Pick<VcdRequest, 'headers'>): Session {
  const token = header(req, TOKEN_HEADER);
  const session = token === undefined ? undefined : ctx.sessions.get(token);
  if (!session) throw new VcdError(401, token === undefined ? `this request needs the ${TOKEN_HEADER} header of a session (POST /api/sessions)` : 'the session token is not valid (expired or logged out); log in again');
  return session;
}

export function logout(ctx: VcdContext, session: Session): void {
  if (!ctx.quirk('vcloud-logout-keeps-token')) ctx.sessions.close(session.token);
}
