import type { ErrorObject } from 'ajv/dist/2020.js';
import { describeValue, fromJsonPointer } from './path.ts';

/** An ajv error turned into words: where (path, and the key when the key itself is wrong) and what. */
export interface SchemaProblem {
  path: (string | number)[];
  key?: string;
  message: string;
}

/** Keywords whose failure says what kind of value was expected; the schema's `x-expected` words them. */
const VALUE_KEYWORDS = new Set([
  'type', 'enum', 'const', 'pattern', 'oneOf', 'anyOf', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
]);

const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'nothing',
};

/**
 * Keeps one message per problem: the branches of a failed `oneOf` and the `if` wrappers say
 * nothing a user can act on, and a value of the wrong type makes every other check on it noise.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], root: unknown): SchemaProblem[] {
  const alternatives = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue;
    if (alternatives.some((a) => a !== error && error.instancePath.startsWith(a.instancePath) && error.schemaPath.startsWith(`${a.schemaPath}/`))) continue;
    if (error.keyword !== 'type' && wrongType.has(error.instancePath) && error.propertyName === undefined) continue;
    const problem = describe(error, root);
    const id = `${problem.path.join('\u0000')}\u0001${problem.key ?? ''}\u0001${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

function describe(error: ErrorObject, root: unknown): SchemaProblem {
  const path = fromJsonPointer(error.instancePath, root);
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const expected = schema['x-expected'];
  const got = describeValue(error.data);
  if (error.propertyName !== undefined) {
    const words = typeof expected === 'string' ? expected : `a name matching ${String(error.params['pattern'])}`;
    return { path: [...path, error.propertyName], key: error.propertyName, message: `invalid name: expected ${words}` };
  }
  if (typeof expected === 'string' && VALUE_KEYWORDS.has(error.keyword)) {
    return { path, message: `expected ${expected}; got ${got}` };
  }
  return structural(error, path, schema) ?? { path, message: valueMessage(error, got) };
}

function structural(error: ErrorObject, path: (string | number)[], schema: Record<string, unknown>): SchemaProblem | undefined {
  const params = error.params as Record<string, unknown>;
  const kind = typeof schema['x-one-key'] === 'string' ? schema['x-one-key'] : undefined;
  const known = Object.keys((schema['properties'] ?? {}) as object).filter((k) => k !== '$schema');
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const what = kind === undefined ? 'option' : kind;
      const near = closest(key, known);
      const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
      return { path: [...path, key], key, message: `unknown ${what} "${key}"${hint}; expected one of ${known.join(', ')}` };
    }
    case 'required':
      return { path, message: `missing required option "${String(params['missingProperty'])}"` };
    case 'dependentRequired':
      return { path, message: `"${String(params['property'])}" needs "${String(params['missingProperty'])}" beside it` };
    case 'maxProperties':
    case 'minProperties': {
      if (kind === undefined) return { path, message: `expected ${error.keyword === 'minProperties' ? 'at least' : 'at most'} ${String(params['limit'])} entries` };
      const keys = error.data !== null && typeof error.data === 'object' ? Object.keys(error.data) : [];
      const gotKeys = keys.length === 0 ? 'an empty object' : `${keys.join(', ')}`;
      return { path, message: `expected exactly one ${kind} (one of ${known.join(', ')}); got ${gotKeys}` };
    }
    case 'minItems':
      return { path, message: `expected at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}; got ${(error.data as unknown[]).length}` };
    case 'maxItems':
      return { path, message: `expected at most ${String(params['limit'])} items; got ${(error.data as unknown[]).length}` };
    case 'uniqueItems':
      return { path, message: `expected no duplicates; items ${String(params['j'])} and ${String(params['i'])} are the same` };
    default:
      return undefined;
  }
}

function valueMessage(error: ErrorObject, got: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = String(params['type']).split(',').filter((t) => t !== 'null');
      const numeric = typeof error.data === 'string' && error.data.trim() !== '' && !Number.isNaN(Number(error.data));
      const hint = numeric && (types.includes('number') || types.includes('integer')) ? ' (a quoted value is a string: leave the quotes out)' : '';
      return `expected ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}; got ${got}${hint}`;
    }
    case 'enum':
      return `expected one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')}; got ${got}`;
    case 'const':
      return `expected ${JSON.stringify(params['allowedValue'])}; got ${got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `expected a number ${String(params['comparison'])} ${String(params['limit'])}; got ${got}`;
    case 'minLength':
      return params['limit'] === 1 ? `expected a non-empty string; got ${got}` : `expected at least ${String(params['limit'])} characters`;
    case 'pattern':
      return `expected a string matching /${String(params['pattern'])}/; got ${got}`;
    case 'oneOf':
    case 'anyOf':
      return `expected exactly one of the allowed forms; got ${got}`;
    default:
      return `${error.message ?? 'is not valid'}; got ${got}`;
  }
}

/** The known name within two edits of `name` (a typo), if one is. */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance; names are short, so the plain dynamic programme is enough. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
