// Self-validation in CIMI 1.1 mode (see quirks.test.ts): the reference provider serves the cimi/1
// namespace and each quirk whose requirements apply to 1.x must break them there too.

import { describe } from 'vitest';
import { QUIRKS } from '../../src/reference/quirks.js';
import { appliesToVersion } from '../../src/catalogue/requirement.js';
import { CIMI_PROFILE, catalogueOf, quirksCaught, suiteOf } from './quirkRuns.js';

const catalogue = catalogueOf('cimi');

// In CIMI 1.1 mode the quirks whose requirements apply to 1.x. All of them with CLOUDCONFORM_QUIRKS_1X=all
// (twice the test's time); by default a subset covering what differs between the versions: XML without
// grouping elements and in the cimi/1 namespace, type and action URIs, create bodies, templates, Jobs,
// collections and each query parameter.
const REPRESENTATIVE_1X = new Set([
  'xml-unsupported', 'xml-wrong-namespace', 'xml-collection-no-resourceuri', 'resourceuri-missing', 'empty-array-emitted',
  'empty-collection-array-emitted', 'empty-map-emitted', 'operations-stale', 'operations-not-advertised', 'action-rel-relative',
  'unknown-attribute-accepted', 'error-body-not-job', 'etag-ignored', 'filter-and-as-or', 'first-last-ignored',
  'select-collection-ignored', 'expand-ignored', 'format-param-ignored', 'job-header-missing', 'add-job-targets-resource',
  'stop-skips-stopping', 'initial-state-ignored', 'override-persisted', 'null-erase-ignored', 'deleted-stays-listed',
  'dangling-ref-kept', 'invalid-credential-accepted',
]);
const applies11 = (id: string) => catalogue.has(id) && appliesToVersion(catalogue.get(id)!, '1.1');
const QUIRKS_1X = QUIRKS.filter((q) => suiteOf(q) === 'cimi' && q.breaks.some(applies11) && (process.env['CLOUDCONFORM_QUIRKS_1X'] === 'all' || REPRESENTATIVE_1X.has(q.name)));

describe('every reference quirk of 1.x requirements is caught in CIMI 1.1', () => {
  quirksCaught({ title: 'CIMI 1.1', suite: 'cimi', dir: 'quirks-1x', profile: `${CIMI_PROFILE}  specVersion: '1.1'\n`, version: '1.1' }, QUIRKS_1X);
});
