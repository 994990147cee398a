// Everything a vCloud request handler needs: where the API lives, the store, sessions, timers, the
// quirks and the clock; and the request and reply shapes the router passes around.

import type { Lifecycle } from '../lifecycle.js';
import type { VcloudQuirkName } from './quirks.js';
import type { Sessions, Session } from './session.js';
import type { VcdStore } from './store.js';
import type { XmlElement } from './xml.js';

export interface Credentials {
  /** `user@org`. */
  username: string;
  password: string;
}

export interface VcdContext {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/api/` */
  readonly apiUrl: string;
  readonly transitionMs: number;
  readonly credentials: Credentials;
  readonly store: VcdStore;
  readonly sessions: Sessions;
  readonly lifecycle: Lifecycle;
  quirk(name: VcloudQuirkName): boolean;
  now(): string;
}

export interface VcdRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
  /** Set once the request is authenticated (every /api/ request but versions, schemas and login). */
  session: Session;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A vCloud representation and its media type (the version is added when it is sent). */
  xml?: { root: XmlElement; media: string };
  /** Anything else: transfer bytes, the versions document, schemas. */
  raw?: { bytes: Buffer | string; contentType: string };
  /** Work that starts once the reply is rendered, so the reply shows it started and not finished. */
  after?: () => void;
}

export const header = (req: Pick<VcdRequest, 'headers'>, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};
