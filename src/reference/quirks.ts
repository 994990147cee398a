// The quirks switchboard: named, minimal deviations from CIMI 2.0. Each one breaks the requirement(s)
// it names (ids from the checklist in shared/spec/cimi.md §14), so the suite can show every rule
// failing. `breaks` lists the primary requirement first, then rules that necessarily fail with it.
// Ids not in the checklist are the ones suites/cimi/requirements.yaml coined: CIMI-HTTP-020 (unknown
// id ⇒ 4xx, never 5xx), CIMI-HTTP-021 (⇒ 404), CIMI-OPS-006 (supported operations are advertised),
// CIMI-OPS-007 (an operation not advertised now is refused and has no effect), CIMI-MACH-028 (a
// MachineTemplate is created from MachineTemplateCreate by value), CIMI-OVF-008..015
// (OVF import/export mapping, refusal and portability). A quirk no check of one provider can see
// (it shows only when a workload moves between two) names no requirement and is `caughtBy` the
// portability tests instead (test/integration/portability.test.ts, one case each). The vCloud
// provider's quirks (vcloud/quirks.ts, `suite: 'vcloud'`) are listed here too, after these.

import { VCLOUD_QUIRKS, type VcloudQuirkName } from './vcloud/quirks.js';

export interface QuirkInfo {
  name: string;
  description: string;
  breaks: string[];
  caughtBy?: 'portability';
  /** The suite whose checklist `breaks` names; absent means cimi. */
  suite?: 'cimi' | 'vcloud';
}

const LIST = [
  // ---- HTTP protocol (§4.2)
  { name: 'no-location-header', breaks: ['CIMI-HTTP-001'], description: 'Responses to add (201 and 202) carry no Location header.' },
  { name: 'create-returns-200', breaks: ['CIMI-HTTP-001'], description: 'A synchronous add answers 200 OK instead of 201 Created.' },
  { name: 'unknown-200', breaks: ['CIMI-HTTP-021', 'CIMI-HTTP-011'], description: 'GET of an unknown or deleted id answers 200 with an empty body {} instead of 404 (waits for a deletion never see it end).' },
  { name: 'delete-unknown-returns-500', breaks: ['CIMI-HTTP-020', 'CIMI-HTTP-021'], description: 'DELETE of an unknown or already deleted resource answers 500 (Job body) instead of 404.' },
  { name: 'error-body-not-job', breaks: ['CIMI-HTTP-016', 'CIMI-HTTP-017'], description: 'Error responses carry a text/plain message instead of a Job representation.' },
  { name: 'etag-ignored', breaks: ['CIMI-HTTP-018'], description: 'ETags are sent but If-Match is never checked: a stale If-Match PUT succeeds.' },
  { name: 'if-match-always-412', breaks: ['CIMI-HTTP-018'], description: 'Any If-Match, even the current ETag, is refused with 412.' },
  { name: 'unknown-attribute-accepted', breaks: ['CIMI-GEN-010'], description: 'Unknown attributes in create/update bodies are silently dropped instead of rejected (400).' },
  { name: 'read-only-update-rejected', breaks: ['CIMI-COM-005'], description: 'A PUT that changes a read-only attribute (id, created, updated) is refused with 400 instead of ignored.' },
  { name: 'oversize-accepted', breaks: ['CIMI-HTTP-019'], description: 'maxBodyBytes is not enforced: oversize bodies are processed (up to 64 MiB).' },
  { name: 'partial-update-ignores-select', breaks: ['CIMI-HTTP-010', 'CIMI-HTTP-009'], description: 'PUT ?$select=… is processed as a full update: unlisted mutable attributes are erased.' },
  { name: 'partial-update-no-erase', breaks: ['CIMI-HTTP-008'], description: 'In a partial PUT, attributes listed in $select but absent from the body are kept instead of erased.' },
  { name: 'select-extra-body-accepted', breaks: ['CIMI-HTTP-009'], description: 'A partial PUT whose body has attributes not listed in $select is accepted (they are ignored).' },
  { name: 'delete-started-machine-allowed', breaks: ['CIMI-OPS-007'], description: 'DELETE of a STARTED Machine succeeds although its operations do not offer delete.' },
  // ---- Jobs (§4.2.1.6, §5.17.1)
  { name: 'job-header-missing', breaks: ['CIMI-JOB-001'], description: 'No CIMI-Job-URI header on PUT/POST/DELETE responses although Jobs are exposed.' },
  { name: 'job-progress-not-100', breaks: ['CIMI-JOB-007'], description: 'Finished Jobs keep progress 0.' },
  { name: 'sync-job-not-final', breaks: ['CIMI-JOB-002'], description: 'The Job of a synchronous (200/201) response is still RUNNING; it completes transitionMs later.' },
  { name: 'add-job-targets-resource', breaks: ['CIMI-JOB-006'], description: 'The Job of an add names the new resource as targetResource instead of the collection.' },
  { name: 'job-affected-omits-target', breaks: ['CIMI-JOB-005'], description: 'Job affectedResources never contains targetResource.' },
  // ---- Serialisation (§4.1.4, §5.5)
  { name: 'xml-unsupported', breaks: ['CIMI-GEN-001', 'CIMI-GEN-004', 'CIMI-GEN-006', 'CIMI-Q-030', 'CIMI-Q-034', 'CIMI-Q-036'], description: 'XML is refused: Accept/$format xml answers 406, XML bodies 415.' },
  { name: 'xml-wrong-namespace', breaks: ['CIMI-GEN-006'], description: 'XML output uses the namespace misprinted in Table 8 (http://www.dmf.org/cimi/2) instead of http://schemas.dmtf.org/cimi/2.' },
  { name: 'xml-collection-no-resourceuri', breaks: ['CIMI-GEN-004'], description: 'XML <Collection> roots lack the resourceURI attribute.' },
  { name: 'resourceuri-missing', breaks: ['CIMI-GEN-002', 'CIMI-GEN-003'], description: 'JSON Machine representations lack resourceURI.' },
  { name: 'select-drops-resourceuri', breaks: ['CIMI-GEN-003'], description: 'JSON representations trimmed by $select lack resourceURI.' },
  { name: 'empty-string-emitted', breaks: ['CIMI-SER-005'], description: 'An unset description is sent as "" instead of omitted.' },
  { name: 'empty-map-emitted', breaks: ['CIMI-SER-006'], description: 'An unset properties map is sent as {} instead of omitted.' },
  { name: 'empty-array-emitted', breaks: ['CIMI-SER-007'], description: 'Empty arrays (e.g. a Job nestedJobs) are sent as [] instead of omitted.' },
  { name: 'empty-collection-array-emitted', breaks: ['CIMI-SER-008'], description: 'An empty collection carries an empty member array instead of omitting it.' },
  { name: 'dates-without-offset', breaks: ['CIMI-SER-003'], description: 'dateTime values are sent without a UTC offset (2024-01-01T12:00:00.000).' },
  { name: 'integers-as-strings', breaks: ['CIMI-SER-004'], description: 'JSON integers are sent as strings ("cpu": "2").' },
  { name: 'booleans-as-strings', breaks: ['CIMI-SER-001'], description: 'JSON booleans are sent as strings ("mutable": "false").' },
  { name: 'properties-provider-key', breaks: ['CIMI-GEN-012', 'CIMI-GEN-011'], description: 'The provider adds its own key (x-reference-node) to every properties map it returns.' },
  { name: 'baseuri-without-slash', breaks: ['CIMI-SER-010'], description: 'The CEP baseURI lacks its trailing slash.' },
  // ---- Common attributes and operations (§4.2, §5.7.1, §5.8)
  { name: 'updated-bumped-by-action', breaks: ['CIMI-COM-004'], description: 'Machine actions (start, stop, …) change updated.' },
  { name: 'created-changes-on-update', breaks: ['CIMI-COM-003'], description: 'An attribute update also resets created.' },
  { name: 'operations-not-advertised', breaks: ['CIMI-OPS-006'], description: 'Machines carry no operations array, although edit, delete and actions work.' },
  { name: 'operations-stale', breaks: ['CIMI-OPS-003'], description: 'A Machine lists every action whatever its state (start while STARTED, …).' },
  { name: 'action-rel-relative', breaks: ['CIMI-OPS-002'], description: 'Machine action rels are bare names (start) instead of absolute URIs.' },
  { name: 'cep-missing-machines', breaks: ['CIMI-CEP-002'], description: 'The CloudEntryPoint omits the machines collection (the collection itself still works).' },
  // ---- Query parameters (§4.1.6)
  { name: 'unknown-query-param-400', breaks: ['CIMI-Q-001'], description: 'Unknown query parameters are refused with 400 instead of ignored.' },
  { name: 'filter-and-as-or', breaks: ['CIMI-Q-006'], description: '`and` inside a $filter expression is evaluated as `or`.' },
  { name: 'filter-reversed-operands-rejected', breaks: ['CIMI-Q-005'], description: "A $filter comparison with the value first ('x'=name) is refused with 400." },
  { name: 'filter-double-quotes-rejected', breaks: ['CIMI-Q-009'], description: 'Double-quoted $filter strings are refused with 400.' },
  { name: 'filter-property-ignored', breaks: ['CIMI-Q-010'], description: "property['k']='v' never matches." },
  { name: 'filter-multiple-last-wins', breaks: ['CIMI-Q-011'], description: 'Only the last of several $filter parameters is applied.' },
  { name: 'filter-int-as-string', breaks: ['CIMI-Q-007'], description: 'Integer comparisons compare decimal strings (10 < 9).' },
  { name: 'count-ignores-filter', breaks: ['CIMI-Q-012'], description: 'count is the unfiltered collection size when $filter is used.' },
  { name: 'count-after-subset', breaks: ['CIMI-Q-018'], description: 'count is the number of members returned after $first/$last.' },
  { name: 'first-last-ignored', breaks: ['CIMI-Q-014', 'CIMI-Q-015', 'CIMI-Q-016', 'CIMI-Q-017', 'CIMI-Q-019', 'CIMI-Q-040'], description: '$first and $last are ignored although FirstParameter is advertised.' },
  { name: 'first-zero-based', breaks: ['CIMI-Q-014', 'CIMI-Q-015'], description: '$first/$last are taken as 0-based positions.' },
  { name: 'orderby-ignored', breaks: ['CIMI-Q-037', 'CIMI-Q-038', 'CIMI-Q-039', 'CIMI-Q-040'], description: '$orderby is ignored although OrderByParameter is advertised.' },
  { name: 'orderby-desc-ignored', breaks: ['CIMI-Q-038'], description: ':desc in $orderby sorts ascending.' },
  { name: 'orderby-without-nfkd', breaks: ['CIMI-Q-037'], description: '$orderby compares strings without NFKD normalisation (U+FB01 sorts after g).' },
  { name: 'select-drops-id', breaks: ['CIMI-Q-023'], description: '$select never yields id, neither when listed nor with $select=*.' },
  { name: 'select-order-as-requested', breaks: ['CIMI-Q-025'], description: 'Selected attributes come out in $select order, not definition order.' },
  { name: 'select-multiple-last-wins', breaks: ['CIMI-Q-024'], description: 'Only the last of several $select parameters is used.' },
  { name: 'select-collection-ignored', breaks: ['CIMI-Q-026', 'CIMI-Q-027'], description: '$select is ignored on collections.' },
  { name: 'expand-ignored', breaks: ['CIMI-Q-029', 'CIMI-Q-030', 'CIMI-Q-032', 'CIMI-Q-033'], description: '$expand is ignored although ExpandParameter is advertised.' },
  { name: 'format-param-ignored', breaks: ['CIMI-Q-034', 'CIMI-Q-036'], description: '$format is ignored; only Accept counts.' },
  { name: 'format-last-wins', breaks: ['CIMI-Q-036'], description: 'The last of several $format parameters wins.' },
  // ---- Machines (§4.2.1.1, §5.14)
  { name: 'no-creating-state', breaks: ['CIMI-HTTP-004'], description: 'New Machines skip CREATING: they are in their initial state at once (creation stays 202).' },
  { name: 'no-deleting-state', breaks: ['CIMI-HTTP-012'], description: 'A Machine being deleted keeps its state instead of DELETING.' },
  { name: 'stop-skips-stopping', breaks: ['CIMI-MACH-010', 'CIMI-OPS-004'], description: 'stop goes straight to STOPPED (no STOPPING) although the response is 202.' },
  { name: 'suspend-never-ends', breaks: ['CIMI-OPS-004'], description: 'suspend leaves the Machine SUSPENDING for good, its Job RUNNING (a wait on it can only run out).' },
  { name: 'start-from-suspended-refused', breaks: ['CIMI-MACH-012'], description: 'start is not offered and refused (409) on a SUSPENDED Machine.' },
  { name: 'restart-ends-stopped', breaks: ['CIMI-MACH-011'], description: 'restart ends in STOPPED.' },
  { name: 'initial-state-ignored', breaks: ['CIMI-MACH-007'], description: 'The template initialState is ignored: new Machines end STOPPED.' },
  { name: 'default-state-started', breaks: ['CIMI-MACH-006'], description: 'Without initialState (and no DefaultInitialState capability) new Machines end STARTED.' },
  { name: 'override-persisted', breaks: ['CIMI-MACH-020'], description: 'Overrides next to a template href are written back into the MachineTemplate.' },
  { name: 'null-erase-ignored', breaks: ['CIMI-MACH-021'], description: '"attr": null next to a template href does not erase the template attribute.' },
  { name: 'template-create-flat', breaks: ['CIMI-MACH-028'], description: 'MachineTemplate add takes the template attributes at the top level (the pre-fix client shape) and refuses a MachineTemplateCreate carrying machineTemplate by value (400).' },
  { name: 'by-value-template-exposed', breaks: ['CIMI-MACH-022'], description: 'A by-value machineTemplate is kept as a visible MachineTemplate resource.' },
  { name: 'create-ignores-name', breaks: ['CIMI-MACH-023'], description: 'name, description and properties of a MachineCreate are not applied to the Machine.' },
  { name: 'machine-missing-cpuarch', breaks: ['CIMI-MACH-001'], description: 'Machines do not expose cpuArch.' },
  { name: 'cpuarch-nonstandard', breaks: ['CIMI-MACH-008'], description: 'Machines report cpuArch "amd64" (not a CIMI value, not advertised).' },
  { name: 'image-missing-location', breaks: ['CIMI-MACH-003'], description: 'MachineImages do not expose imageLocation.' },
  { name: 'invalid-credential-accepted', breaks: ['CIMI-MACH-015'], description: 'A machineTemplate credential href that names no Credential is accepted.' },
  // ---- Collections, references, metadata (§5.5.12, §5.10, §5.11)
  { name: 'deleted-stays-listed', breaks: ['CIMI-COL-003'], description: 'Deleted Machines stay listed in the machines collection (GET on them is 404).' },
  { name: 'disks-survive-machine', breaks: ['CIMI-COL-008'], description: "A deleted Machine's Disks stay readable." },
  { name: 'dangling-ref-kept', breaks: ['CIMI-COL-007'], description: 'References to deleted resources (template machineConfig, Job targetResource) are kept.' },
  { name: 'rm-flags-missing', breaks: ['CIMI-RM-002'], description: 'ResourceMetadata attributes carry only name (no mutable, consumerWritable, providerMandatory).' },
  // ---- OVF import/export (§5.13.1.2, §5.13.4.1, Annex A); CIMI-OVF-008.. are coined in suites/cimi/requirements.yaml
  { name: 'import-ignores-manifest', breaks: ['CIMI-OVF-013'], description: 'import accepts a package whose manifest digests do not match its files.' },
  { name: 'import-ignores-memory-units', breaks: ['CIMI-OVF-008'], description: 'import takes the memory VirtualQuantity as KiB whatever its AllocationUnits.' },
  { name: 'import-partial-on-error', breaks: ['CIMI-OVF-012'], description: 'A refused import still leaves an empty SystemTemplate behind.' },
  { name: 'export-drops-disks', breaks: ['CIMI-OVF-015'], description: 'Exported packages describe no disks (no DiskSection, no disk items).' },
  { name: 'export-sha1-only', breaks: ['CIMI-OVF-014'], description: 'Exported manifests use SHA1 digests instead of SHA256.' },
  { name: 'capability-uri-wrong', breaks: ['CIMI-RM-005'], description: 'Capability URIs use …/cimi/2/capabilities/<Name> (no resource segment).' },
  // ---- Portability between providers (`cloudconform portability`): each loses part of a workload on its way out or in
  { name: 'export-drops-product-properties', breaks: [], caughtBy: 'portability', description: 'Exported packages carry no ProductSection: the MachineTemplate properties stay behind.' },
  { name: 'export-renames-disks', breaks: [], caughtBy: 'portability', description: 'Exported disk items are named disk-1, disk-2, … instead of the names the disks have.' },
  { name: 'import-rounds-memory-gib', breaks: [], caughtBy: 'portability', description: 'import rounds memory up to a whole GiB.' },
  { name: 'import-refuses-ovf2', breaks: [], caughtBy: 'portability', description: 'import refuses OVF 2.x packages (400): only 1.x descriptors are taken.' },
] as const satisfies readonly QuirkInfo[];

/** A CIMI quirk. */
export type QuirkName = (typeof LIST)[number]['name'];

/** Every quirk, CIMI first, then vCloud. */
export const QUIRKS: readonly QuirkInfo[] = [...LIST, ...VCLOUD_QUIRKS];

/** Validates quirk names from options; an unknown name is a usage error that lists the valid ones. */
export function parseQuirks(names: readonly string[] = []): ReadonlySet<QuirkName | VcloudQuirkName> {
  const valid = new Set<string>(QUIRKS.map((q) => q.name));
  for (const n of names) {
    if (!valid.has(n)) throw new Error(`unknown quirk "${n}"; valid quirks: ${[...valid].join(', ')}`);
  }
  return new Set(names as (QuirkName | VcloudQuirkName)[]);
}
