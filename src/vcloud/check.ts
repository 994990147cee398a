// The suite-facing API of the vCloud dialect: `check` and `fixture` bound to it, and their context types.

import { defineCheck, type CheckContext as DialectCheckContext } from '../harness/check.js';
import { defineFixture, type FixtureContext as DialectFixtureContext } from '../harness/fixture.js';
import { vcloudDialect } from './dialect.js';
import type { VcloudSession } from './session.js';

export type CheckContext = DialectCheckContext<VcloudSession>;
export type FixtureContext = DialectFixtureContext<VcloudSession>;

export const check = defineCheck(vcloudDialect);
export const fixture = defineFixture(vcloudDialect);
