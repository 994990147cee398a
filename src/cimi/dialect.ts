// The CIMI dialect (DSP0263): its preflight, its per-check session (a CimiClient and a Workspace over
// one recording HttpClient), the final sweep, and the run's shared read-only Machines.

import type { Dialect, Session } from '../harness/dialect.js';
import type { Format } from '../harness/profile.js';
import type { CimiClient } from './cimiClient.js';
import { preflight } from './preflight.js';
import { sweep } from './cleanup.js';
import { openWorkspace, type Workspace } from './workspace.js';
import { SHARED_KEY, createSharedMachines } from './sharedMachines.js';
import { cimiVersion } from './specVersion.js';

export interface CimiSession extends Session {
  cimi: CimiClient;
  /** Creates resources through the ledger and deletes them when the check ends. */
  ws: Workspace;
}

export const cimiDialect: Dialect<CimiSession> = {
  name: 'cimi',
  machineTypes: ['Machine'],
  preflight,
  open(run, format, allowance) {
    const { http, cimi, ws } = openWorkspace(run, format as Format, allowance);
    return { http, cimi, ws, dispose: () => ws.dispose() };
  },
  sweep: (profile, endpoint, ledgerFile, runId, version) => sweep(profile, endpoint, ledgerFile, runId, version === undefined ? undefined : cimiVersion(version)),
  shared: {
    key: SHARED_KEY,
    async create(run) {
      const made = await createSharedMachines(run);
      return { state: made.state, dispose: () => made.ws.dispose() };
    },
  },
};
