// `${ENV_VAR}` references in a profile's auth section, resolved from the environment.
// Secrets never live in profile files; their resolved values are collected so the HTTP recorder can redact them.

import type { Auth } from './profile.js';

const REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** Auth fields whose values are secrets (the schema only accepts references there). */
const SECRET_FIELDS = new Set(['password', 'token']);

export interface ResolvedAuth {
  auth: Auth;
  secrets: string[];
  /** References whose variable is unset or empty: the field that names it and the variable. */
  missing: { field: string; variable: string }[];
}

/** Replaces whole-value `${VAR}` references in auth fields; an empty variable counts as missing. */
export function resolveAuthReferences(auth: Auth, env: NodeJS.ProcessEnv): ResolvedAuth {
  const resolved: Record<string, string> = {};
  const secrets: string[] = [];
  const missing: ResolvedAuth['missing'] = [];
  for (const [field, raw] of Object.entries(auth) as [string, string][]) {
    const variable = REFERENCE.exec(raw)?.[1];
    if (variable === undefined) {
      resolved[field] = raw;
      continue;
    }
    const value = env[variable];
    // An empty secret would make the redactor blank out every string, so it is refused like a missing one.
    if (!value) {
      missing.push({ field, variable });
      continue;
    }
    resolved[field] = value;
    if (SECRET_FIELDS.has(field)) secrets.push(value);
  }
  return { auth: resolved as unknown as Auth, secrets, missing };
}
