// The OVF rule catalogue as JSON, written by `npm run build` (scripts/postbuild.mjs) next to the
// compiled catalogue module, so that `cloudconform validate` neither loads nor runs the YAML parser
// (together ~0.1 s on this project's machine, as much as the rest of its start-up). The cache holds
// the YAML text it was made from: a catalogue edited since the build no longer matches it and is parsed
// again, so the cache can be stale only in speed, never in content.
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { OvfRule } from './catalogue.js';

interface CacheFile {
  /** The requirements.yaml text the rules were parsed from. */
  source: string;
  rules: [string, OvfRule][];
}

/** The cached rules when `cachePath` holds a cache made from exactly `source`; undefined otherwise. */
export function readCatalogueCache(cachePath: string, source: string): Map<string, OvfRule> | undefined {
  let cache: Partial<CacheFile>;
  try {
    cache = JSON.parse(readFileSync(cachePath, 'utf8')) as Partial<CacheFile>;
  } catch {
    return undefined;
  }
  return cache.source === source && Array.isArray(cache.rules) ? new Map(cache.rules) : undefined;
}

/**
 * Writes the cache of `rules` (parsed from `source`). Refuses rules that JSON would not give back
 * unchanged, so a reader of the cache gets what a parse would have given.
 */
export function writeCatalogueCache(cachePath: string, source: string, rules: Map<string, OvfRule>): void {
  const text = JSON.stringify({ source, rules: [...rules] } satisfies CacheFile);
  if (!isDeepStrictEqual(new Map((JSON.parse(text) as CacheFile).rules), rules)) throw new Error('the catalogue does not survive JSON unchanged');
  writeFileSync(cachePath, text);
}
