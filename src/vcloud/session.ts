// One check's (or fixture's) view of a vCloud provider: a recording HTTP client that sends no
// credentials by itself (the Basic header goes to the LoginUrl only, and is masked like the password),
// a client that logs in on first use, and a ledgered workspace; disposing tears down what the
// workspace made, then logs out.

import { HttpClient } from '../harness/httpClient.js';
import { Ledger } from '../harness/ledger.js';
import type { Profile } from '../harness/profile.js';
import type { RunContext } from '../harness/runContext.js';
import type { Creates } from '../harness/resourcePlan.js';
import type { Session } from '../harness/dialect.js';
import { VcloudClient, basicAuthorization } from './client.js';
import { VcloudWorkspace } from './workspace.js';

export interface VcloudSession extends Session {
  vcloud: VcloudClient;
  ws: VcloudWorkspace;
}

/** A client for `endpoint` speaking `version`, within `maxRequests`. */
export function vcloudClient(profile: Profile, endpoint: string, version: string, maxRequests: number): VcloudClient {
  const authorization = basicAuthorization(profile.auth);
  const http = new HttpClient({ auth: { type: 'none' }, secrets: [...profile.secrets, authorization], timeoutMs: profile.limits.requestTimeoutMs, maxRequests });
  return new VcloudClient(http, endpoint, version, authorization);
}

export function openSession(run: RunContext, allowance: Creates): VcloudSession {
  const { profile } = run;
  const vcloud = vcloudClient(profile, run.cepUrl, run.specVersion, profile.limits.maxRequestsPerCheck);
  const ws = new VcloudWorkspace(vcloud, new Ledger(run.ledgerFile, profile.limits.maxResources), run, allowance);
  return {
    http: vcloud.http,
    vcloud,
    ws,
    dispose: async () => {
      await ws.dispose();
      await vcloud.logout().catch(() => undefined);
    },
  };
}
