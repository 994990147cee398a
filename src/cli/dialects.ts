// The API families a profile's `spec.name` can name, each loaded on first use (a dialect pulls in its
// client and workspace; `validate` and `catalogue` need none of them).

import type { Dialect } from '../harness/dialect.js';
import { UsageError } from '../model/errors.js';

const DIALECTS: Record<string, () => Promise<Dialect>> = {
  cimi: async () => (await import('../cimi/dialect.js')).cimiDialect,
  vcloud: async () => (await import('../vcloud/dialect.js')).vcloudDialect,
};

export const DIALECT_NAMES = Object.keys(DIALECTS);

export function loadDialect(name: string, where?: string): Promise<Dialect> {
  const load = DIALECTS[name];
  if (!load) throw new UsageError(`spec.name '${name}' is not an API this tool speaks (${DIALECT_NAMES.join(', ')})`, where);
  return load();
}
