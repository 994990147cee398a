// JSON Schema 2020-12 validation with formats. ajv is loaded on first use, not at import: loading it
// (and ajv-formats) costs about 90 ms, which every command would otherwise pay at start-up.

import { createRequire } from 'node:module';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

export function newAjv(options: Options): Ajv2020 {
  const ajvModule = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as typeof import('ajv-formats');
  const ajv = new ajvModule.Ajv2020(options);
  formats.default(ajv);
  return ajv;
}

/** What `validate` found wrong with `value`, as `path: message` lines; empty when valid. */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
    return `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`;
  });
}
