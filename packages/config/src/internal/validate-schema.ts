import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { ConfigError } from '../config-error.ts';
import type { Locate } from './build-context.ts';
import { formatPath } from './path.ts';
import { describeSchemaErrors, type SchemaProblem } from './schema-errors.ts';

/** Where the schema ships: `@logweave/config/schema.json` for editors and other tools. */
export const SCHEMA_URL = new URL('../../schema/logweave.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/** The JSON Schema (draft 2020-12) that a configuration must satisfy, as shipped. */
export function pipelineSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

/** Compiled once, on first use: ajv generates code for the schema. */
function validator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    // Annotations read by the error messages: what a value should be, and what a one-key object holds.
    ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
    ajv.addKeyword({ keyword: 'x-one-key', schemaType: 'string' });
    compiled = ajv.compile(pipelineSchema());
  }
  return compiled;
}

/** The problems the schema finds in `value`, worded for people; empty when it is valid. */
export function validateAgainstSchema(value: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  return describeSchemaErrors(validate.errors ?? [], value);
}

/** Throws a ConfigError listing, in file order, every problem the schema finds. */
export function checkSchema(value: unknown, file: string, locate: Locate): void {
  if (value === null || value === undefined) {
    throw new ConfigError('invalid', file, [{ path: '', message: 'the configuration is empty; expected an object with at least sinks' }]);
  }
  const problems = validateAgainstSchema(value);
  if (problems.length === 0) return;
  const issues = problems.map((p) => ({ path: formatPath(p.path), message: p.message, ...locate(p.key === undefined ? p.path : p.path.slice(0, -1), p.key) }));
  throw new ConfigError('invalid', file, issues);
}
