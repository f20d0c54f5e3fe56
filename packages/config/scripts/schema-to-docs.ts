// Writes the README's options tables from the schema: each stage and sink, one row per option
// (nested objects as `parent.child`), its type in short and its description.
import { resolvePointer, type Schema } from './schema-to-types.ts';

const SHORT: Record<string, string> = { integer: 'integer', number: 'number', string: 'string', boolean: 'boolean', null: 'nothing', object: 'object', array: 'list' };

export function optionsTables(root: Schema): string {
  const defs = (root['$defs'] ?? {}) as Record<string, Schema>;
  const sections = Object.entries(defs)
    .filter(([, def]) => typeof def['x-doc-title'] === 'string')
    .map(([, def]) => {
      const rows = optionRows(def, '', root).map(([name, type, meaning]) => `| \`${name}\` | ${type} | ${meaning} |\n`);
      return `#### ${String(def['x-doc-title'])}\n\n${String(def['description'] ?? '')}\n\n| option | type | meaning |\n| --- | --- | --- |\n${rows.join('')}`;
    });
  return `${sections.join('\n')}\n`;
}

function optionRows(schema: Schema, prefix: string, root: Schema): [string, string, string][] {
  const object = objectBranch(schema, root);
  const properties = (object?.['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((object?.['required'] ?? []) as string[]);
  return Object.entries(properties).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const resolved = resolve(property, root);
    const meaning = `${required.has(key) ? '**required.** ' : ''}${escape(String(property['description'] ?? resolved['description'] ?? ''))}`;
    const row: [string, string, string] = [name, escape(shortType(property, root)), meaning];
    const nested = typeof resolved['x-doc-title'] === 'string' ? [] : optionRows(resolved, `${name}.`, root);
    return [row, ...nested];
  });
}

/** The object a schema describes, when it is one or one of its two shapes is. */
function objectBranch(schema: Schema, root: Schema): Schema | undefined {
  const resolved = resolve(schema, root);
  if (resolved['properties'] !== undefined && resolved['x-one-key'] === undefined) return resolved;
  const otherwise = resolved['else'] as Schema | undefined;
  return otherwise === undefined ? undefined : objectBranch(otherwise, root);
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema['$ref'];
  return typeof ref === 'string' ? resolve(resolvePointer(root, ref), root) : schema;
}

function shortType(schema: Schema, root: Schema): string {
  const resolved = resolve(schema, root);
  if (typeof resolved['x-doc-type'] === 'string') return resolved['x-doc-type'];
  const condition = resolved['if'] as Schema | undefined;
  if (condition?.['type'] !== undefined && resolved['else'] !== undefined) {
    const then = resolved['then'] as Schema;
    const first = Object.keys(then).length === 0 ? condition : then;
    return unique([shortType(first, root), shortType(resolved['else'] as Schema, root)]);
  }
  if ('const' in resolved) return `\`${String(resolved['const'])}\``;
  if (Array.isArray(resolved['enum'])) return resolved['enum'].map((v) => `\`${String(v)}\``).join(' | ');
  const type = resolved['type'];
  const types = (Array.isArray(type) ? type : [type ?? 'object']) as string[];
  return unique(types.map((t) => (t === 'array' ? `list of ${shortType((resolved['items'] ?? {}) as Schema, root)}` : SHORT[t] ?? t)));
}

function unique(words: string[]): string {
  return [...new Set(words.join(' | ').split(' | '))].join(' | ');
}

function escape(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
