// SystemTemplates (§5.13.4): in this provider they come only from `import` on their collection
// (§5.13.5.1); they can be renamed, exported (§5.13.4.1) and deleted. Deleting one leaves the
// MachineTemplates and configurations it references: they are resources of their own.

import { actionUri } from './context.js';
import { type Kind, editDelete, removeNow } from './kind.js';
import { exportSystemTemplate } from './ovfExport.js';
import { importSystemTemplate } from './ovfImport.js';

export const systemTemplateKind: Kind = {
  operations: (ctx, r) => [...editDelete(r), { rel: actionUri(ctx, 'export'), href: `${r.id}/export` }],
  canEdit: () => true,
  remove: removeNow,
  actions: ['export'],
  act: (ctx, r, _action, body) => exportSystemTemplate(ctx, r, body),
  collectionActions: ['import'],
  actOnCollection: (ctx, _collection, _action, body) => importSystemTemplate(ctx, body),
};
