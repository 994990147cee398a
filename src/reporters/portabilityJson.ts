// results.json of a portability run, validated against reporters/portability.schema.json (which takes
// its resource counts from results.schema.json) before it is written: emitting an invalid file is a bug.

import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { HarnessError } from '../model/errors.js';
import { newAjv, schemaErrors } from '../model/jsonSchema.js';
import type { PortabilityRunResults } from './portabilityResults.js';

const read = (name: string): object => JSON.parse(readFileSync(new URL(`../../reporters/${name}`, import.meta.url), 'utf8')) as object;
let compiled: ValidateFunction | undefined;

/** Schema violations of a would-be portability results.json, as `path: message` lines; empty when valid. */
export function portabilitySchemaErrors(value: unknown): string[] {
  if (!compiled) {
    const ajv = newAjv({ allErrors: true, allowUnionTypes: true });
    ajv.addSchema(read('results.schema.json'));
    compiled = ajv.compile(read('portability.schema.json'));
  }
  return schemaErrors(compiled, value);
}

export function renderPortabilityJson(results: PortabilityRunResults): string {
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const errors = portabilitySchemaErrors(JSON.parse(json));
  if (errors.length > 0) throw new HarnessError('INTERNAL', `results do not match reporters/portability.schema.json:\n${errors.join('\n')}`);
  return json;
}
