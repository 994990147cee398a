// The vCloud quirks switchboard: named, minimal deviations from the vCloud API 1.5/5.1 brief, each
// breaking the checklist row(s) it names (shared/spec/vcloud.md §13), primary row first, so the
// vCloud suite can show every rule failing. Each entry is something a black-box client observes at
// HTTP level; names carry the `vcloud-` prefix so they never collide with the CIMI quirks.

import type { QuirkInfo } from '../quirks.js';

const LIST = [
  // Discovery: a client that cannot find where to log in cannot start at all.
  { name: 'vcloud-versions-no-login-url', breaks: ['VCD-002', 'VCD-003'], description: 'VersionInfo entries of /api/versions carry no LoginUrl.' },
  // Negotiation: clients dispatch on the specific vnd media type of a response.
  { name: 'vcloud-media-type-generic', breaks: ['VCD-006'], description: 'Responses (other than errors) say Content-Type application/xml instead of application/vnd.vmware.vcloud.<type>+xml;version=X.' },
  // Authentication: the two ways a session check goes wrong in practice.
  { name: 'vcloud-login-bad-password-200', breaks: ['VCD-013'], description: 'Login with the right user@org and a wrong password answers 200 with a token instead of 401.' },
  { name: 'vcloud-logout-keeps-token', breaks: ['VCD-017'], description: 'DELETE /api/session answers 204 but the token keeps working.' },
  // Representations: strict clients parse in schema order.
  { name: 'vcloud-vdc-elements-unordered', breaks: ['VCD-026'], description: 'Vdc lists NicQuota and NetworkQuota right after AllocationModel, out of schema order.' },
  // Instantiation: a lax body parser and a wrong creation status.
  { name: 'vcloud-instantiate-ignores-order', breaks: ['VCD-057'], description: 'InstantiateVAppTemplateParams with elements out of schema order (Source before InstantiationParams) is accepted.' },
  { name: 'vcloud-instantiate-returns-200', breaks: ['VCD-053'], description: 'instantiateVAppTemplate answers 200 OK instead of 201 Created.' },
  // Upload: an invalid package must fail, not turn into a template.
  { name: 'vcloud-upload-skips-validation', breaks: ['VCD-047'], description: 'An OVF descriptor the validator finds invalid is accepted: the template goes on to status 8.' },
  // Power and delete: state checks skipped.
  { name: 'vcloud-power-off-when-off-accepted', breaks: ['VCD-069'], description: 'powerOff on a vApp or Vm that is not powered on answers 202 with a Task that succeeds (no 400).' },
  { name: 'vcloud-delete-running-vapp-allowed', breaks: ['VCD-086'], description: 'DELETE of a deployed or powered-on vApp answers 202 and deletes it.' },
  // Tasks: clients decide "finished" by endTime too.
  { name: 'vcloud-task-no-endtime', breaks: ['VCD-078'], description: 'Finished Tasks carry no endTime.' },
  // Errors: clients map errors by majorErrorCode and rely on 403 for unknown ids.
  { name: 'vcloud-error-major-code-mismatch', breaks: ['VCD-088'], description: 'Every Error says majorErrorCode="400" whatever the HTTP status.' },
  { name: 'vcloud-unknown-id-500', breaks: ['VCD-090'], description: 'A well-formed id that names nothing answers 500 INTERNAL_SERVER_ERROR instead of 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN.' },
  // Query service.
  { name: 'vcloud-query-status-numeric', breaks: ['VCD-096'], description: 'Query records carry status as the number (8) instead of the name (POWERED_OFF).' },
  { name: 'vcloud-query-ignores-page', breaks: ['VCD-098'], description: 'The page parameter of typed queries is ignored: every query answers page 1.' },
] as const satisfies readonly Omit<QuirkInfo, 'suite'>[];

export type VcloudQuirkName = (typeof LIST)[number]['name'];

export const VCLOUD_QUIRKS: readonly QuirkInfo[] = LIST.map((q) => ({ ...q, breaks: [...q.breaks], suite: 'vcloud' as const }));
