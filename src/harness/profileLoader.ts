// Loads a profile YAML file into a validated Profile. Every problem is reported as `file:line:column: field: message`
// so a user can fix the file without guessing; all problems are collected into one UsageError, one per line.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, visit, type Alias, type Document } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { newAjv } from '../model/jsonSchema.js';
import { UsageError } from '../model/errors.js';
import type { Profile } from './profile.js';
import { resolveAuthReferences } from './envSecrets.js';

type PathSegment = string | number;

/** A located problem, rendered as `source:line:col: field: message`. */
interface Problem {
  path: PathSegment[];
  message: string;
}

const schema = JSON.parse(
  readFileSync(new URL('../../profiles/profile.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

// Compiled on first use: compiling costs more than the rest of the CLI's start-up.
let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = newAjv({ allErrors: true, useDefaults: true, verbose: true, discriminator: true, allowUnionTypes: true });
    // The schema carries its own user-facing messages next to each rule.
    ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Reads and validates a profile file (synchronously: it runs once, at start-up). */
export function loadProfile(path: string, env: NodeJS.ProcessEnv = process.env): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read profile (${code})`, path);
  }
  return { ...parseProfile(text, path, env), source: resolve(path) };
}

/** Validates profile YAML text; `source` names the file in messages and in Profile.source. */
export function parseProfile(text: string, source: string, env: NodeJS.ProcessEnv = process.env): Profile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${source}:${line}:${col}`;
  };

  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => `${where(e.pos[0])}: YAML syntax: ${firstLine(e.message)}`);
    throw new UsageError(lines.join('\n'));
  }

  const value = toValue(doc, where);
  // Semantic rules assume the types the schema guarantees, so they run on a schema-valid document only.
  const validate = validator();
  const problems = validate(value) ? semanticProblems(value as ProfileYaml) : schemaProblems(validate.errors ?? []);
  if (problems.length > 0) throw new UsageError(render(problems, doc, where).join('\n'));

  const profile = value as ProfileYaml;
  const { auth, secrets, missing } = resolveAuthReferences(profile.auth, env);
  if (missing.length > 0) {
    const unset = missing.map((m) => ({ path: ['auth', m.field], message: `environment variable ${m.variable} is not set` }));
    throw new UsageError(render(unset, doc, where).join('\n'));
  }
  return { ...profile, source, auth, secrets };
}

/** The document as plain data; aliases are only checked here (unresolved anchors, alias bombs). */
function toValue(doc: Document, where: (offset: number) => string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    let culprit: Alias | undefined;
    visit(doc, {
      Alias(_key, node) {
        culprit ??= node;
        if (node.resolve(doc) === undefined) {
          culprit = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    throw new UsageError(`${where(culprit?.range?.[0] ?? 0)}: YAML: ${firstLine((err as Error).message)}`);
  }
}

/** The validated YAML before secrets are resolved: Profile without the fields the loader adds. */
type ProfileYaml = Omit<Profile, 'source' | 'secrets'>;

/** Rules JSON Schema cannot place at the right field with a useful message. */
function semanticProblems(p: ProfileYaml): Problem[] {
  const problems: Problem[] = [];
  if (p.endpoint !== 'embedded') {
    const url = URL.canParse(p.endpoint) ? new URL(p.endpoint) : undefined;
    if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
      problems.push({ path: ['endpoint'], message: 'must be `embedded` or an http(s) URL of the cloud entry point' });
    } else if (url.username || url.password) {
      problems.push({ path: ['endpoint'], message: 'credentials in the URL are refused: use auth with ${ENV_VAR} references' });
    }
    if (p.reference) {
      problems.push({ path: ['reference'], message: 'only allowed with `endpoint: embedded`' });
    }
  }
  return problems;
}

/** Turns ajv errors into located problems, dropping the noise of compound keywords. */
function schemaProblems(errors: ErrorObject[]): Problem[] {
  // A failed anyOf says it better than each of its branches; `if` only repeats its then/else error.
  const compound = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const kept = errors.filter((e) => e.keyword !== 'if' && !compound.some((prefix) => e.schemaPath.startsWith(prefix)));
  return kept.map((e) => {
    const path = pointerToPath(e.instancePath);
    const custom = (e.parentSchema as { 'x-message'?: string } | undefined)?.['x-message'];
    switch (e.keyword) {
      case 'required':
        return { path: [...path, e.params.missingProperty as string], message: 'required field is missing' };
      case 'additionalProperties': {
        const field = e.params.additionalProperty as string;
        const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
        return { path: [...path, field], message: `unknown field '${field}' (allowed: ${allowed.join(', ')})` };
      }
      case 'discriminator':
        return { path: [...path, e.params.tag as string], message: `must be one of: ${authTypes().join(', ')}` };
      case 'enum':
        return { path, message: `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}` };
      case 'type':
        return { path, message: custom ?? `must be ${article(String(e.params.type))}` };
      default:
        return { path, message: custom ?? e.message ?? 'is invalid' };
    }
  });
}

function authTypes(): string[] {
  const { auth } = schema.properties as { auth: { oneOf: { properties: { type: { const: string } } }[] } };
  return auth.oneOf.map((branch) => branch.properties.type.const);
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'an integer', string: 'a string' };
  return type.split(',').map((t) => names[t] ?? `a ${t}`).join(' or ');
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** One line per problem, de-duplicated per field so one mistake gives one message. */
function render(problems: Problem[], doc: Document, where: (offset: number) => string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const p of problems) {
    const field = fieldName(p.path);
    if (seen.has(field)) continue;
    seen.add(field);
    lines.push(`${where(locate(doc, p.path))}: ${field}: ${p.message}`);
  }
  return lines;
}

/** `limits.concurrency`, `waivers[0].expires`; the whole document is `profile`. */
export function fieldName(path: PathSegment[]): string {
  if (path.length === 0) return 'profile';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * Source offset of a path: the key of the named field (where users look), or the item of a list.
 * A path that leaves the document (a missing field) stops at the deepest node that exists.
 */
function locate(doc: Document, path: PathSegment[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyOf(item.key) === segment);
      if (!pair) break;
      node = pair.value;
      const last = i === path.length - 1;
      offset = (last ? rangeStart(pair.key) : rangeStart(node) ?? rangeStart(pair.key)) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function keyOf(key: unknown): unknown {
  return key !== null && typeof key === 'object' && 'value' in key ? (key as { value: unknown }).value : key;
}

function rangeStart(node: unknown): number | undefined {
  return node !== null && typeof node === 'object' && 'range' in node
    ? (node as { range?: [number, number, number] }).range?.[0]
    : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Waivers that still apply at `now`: `expires` is the last day (UTC) a waiver counts. */
export function activeWaivers(profile: Pick<Profile, 'waivers'>, now: Date): Profile['waivers'] {
  const today = now.toISOString().slice(0, 10);
  return profile.waivers.filter((w) => w.expires >= today);
}
