// results.json: the machine-readable record every other report (and `compare`) is derived from.
// It is validated against reporters/results.schema.json before it is written: emitting an invalid file is a bug.

import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { newAjv, schemaErrors } from '../model/jsonSchema.js';
import { HarnessError } from '../model/errors.js';
import type { RunResults } from '../model/run.js';

const schema = JSON.parse(readFileSync(new URL('../../reporters/results.schema.json', import.meta.url), 'utf8')) as object;
let compiled: ValidateFunction | undefined;

/** Schema violations of a would-be results.json, as `path: message` lines; empty when valid. */
export function resultsSchemaErrors(value: unknown): string[] {
  if (!compiled) {
    compiled = newAjv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  }
  return schemaErrors(compiled, value);
}

/** Serialises results, refusing any that do not match the schema. */
export function renderResultsJson(results: RunResults): string {
  const json = `${JSON.stringify(results, null, 2)}\n`;
  // Validate what is written, not the object: serialising turns NaN into null and drops undefined fields.
  const errors = resultsSchemaErrors(JSON.parse(json));
  if (errors.length > 0) {
    throw new HarnessError('INTERNAL', `results do not match reporters/results.schema.json:\n${errors.join('\n')}`);
  }
  return json;
}
