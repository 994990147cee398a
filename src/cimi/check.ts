// The suite-facing API of the CIMI dialect: `check` and `fixture` bound to it, and their context types.

import { defineCheck, type CheckContext as DialectCheckContext } from '../harness/check.js';
import { defineFixture, type FixtureContext as DialectFixtureContext } from '../harness/fixture.js';
import { cimiDialect, type CimiSession } from './dialect.js';

export type CheckContext = DialectCheckContext<CimiSession>;
export type FixtureContext = DialectFixtureContext<CimiSession>;

export const check = defineCheck(cimiDialect);
export const fixture = defineFixture(cimiDialect);
