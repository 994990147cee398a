// The API families a portability side can speak, by the profile's spec.name: the dialect whose
// preflight and sweep it uses, what one trip leaves on such a provider (the run's plan), and the side.

import { cimiDialect } from '../cimi/dialect.js';
import type { Dialect } from '../harness/dialect.js';
import type { Creates } from '../harness/resourcePlan.js';
import { vcloudDialect } from '../vcloud/dialect.js';
import { CIMI_PER_TRIP, CimiSide } from './cimiSide.js';
import type { Role, RunClock, Side, Target } from './side.js';
import { VCLOUD_PER_TRIP, VcloudSide } from './vcloudSide.js';

export interface SideKind {
  dialect: Pick<Dialect, 'preflight'>;
  /** Resources one trip (a package placed, run and exported) leaves on the provider, by type. */
  perTrip: Record<string, number>;
  make(role: Role, target: Target, version: string, clock: RunClock, allowance: Creates): Side;
}

export const SIDES: Record<string, SideKind> = {
  cimi: { dialect: cimiDialect, perTrip: CIMI_PER_TRIP, make: (...a) => new CimiSide(...a) },
  vcloud: { dialect: vcloudDialect, perTrip: VCLOUD_PER_TRIP, make: (...a) => new VcloudSide(...a) },
};
