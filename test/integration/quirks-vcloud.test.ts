// Self-validation of the vCloud suite (see quirks.test.ts): each quirk of the reference provider's vCloud
// side breaks the requirements it names, and the suite shows them failing.

import { describe } from 'vitest';
import { QUIRKS } from '../../src/reference/quirks.js';
import { VCLOUD_PROFILE, quirksCaught, suiteOf } from './quirkRuns.js';

describe('every vCloud reference quirk is caught by the requirement it breaks', () => {
  quirksCaught({ title: 'vCloud API 5.1', suite: 'vcloud', dir: 'quirks-vcloud', profile: VCLOUD_PROFILE, version: '5.1' }, QUIRKS.filter((q) => suiteOf(q) === 'vcloud'));
});
