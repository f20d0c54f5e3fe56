import type { ValidateFunction } from 'ajv';
import { ConfigError } from '../config-error.ts';
import type { Locate } from './build-context.ts';
import { pipelineSchemaJson } from './generated/pipeline-schema.ts';
import { validate as generatedValidate } from './generated/validate-pipeline.ts';
import { formatPath } from './path.ts';
import { describeSchemaErrors, type SchemaProblem } from './schema-errors.ts';

/** Compiled ahead of time (scripts/generate-validator.ts): no schema compile, no file read at run time. */
const validator = generatedValidate as unknown as ValidateFunction;

/** The JSON Schema (draft 2020-12) that a configuration must satisfy; also `@logweave/config/schema.json`. */
export function pipelineSchema(): Record<string, unknown> {
  return structuredClone(pipelineSchemaJson);
}

/** The problems the schema finds in `value`, worded for people; empty when it is valid. */
export function validateAgainstSchema(value: unknown): SchemaProblem[] {
  if (validator(value)) return [];
  return describeSchemaErrors(validator.errors ?? [], value);
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
