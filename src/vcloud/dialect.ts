// The vCloud dialect (VMware vCloud API 1.5 / 5.1): its preflight, its per-check session (a client
// that logs in on first use and a ledgered workspace), and the final sweep. No run-wide shared
// resources: each test file uploads the one template its checks share (a fixture).

import type { Dialect } from '../harness/dialect.js';
import { preflight } from './preflight.js';
import { sweep } from './cleanup.js';
import { type VcloudSession, openSession } from './session.js';

export const vcloudDialect: Dialect<VcloudSession> = {
  name: 'vcloud',
  // Each vApp runs at least one Vm.
  machineTypes: ['VApp'],
  preflight,
  open: (run, _format, allowance) => openSession(run, allowance),
  sweep,
};
