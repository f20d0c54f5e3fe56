// Turns the subset of JSON Schema (draft 2020-12) that schema/logweave.schema.json uses into
// TypeScript types. A definition with `x-type-name` becomes an exported type of that name and is
// referred to by it; any other `$ref` is written in place. Each property's `description` becomes
// its JSDoc. Checks that do not change the shape (minimum, pattern, dependentRequired, a `oneOf`
// of `required` lists, an `if` on properties) stay the validator's business.

export type Schema = { [keyword: string]: unknown };

const PRIMITIVES: Record<string, string> = {
  string: 'string', number: 'number', integer: 'number', boolean: 'boolean', null: 'null', array: 'unknown[]', object: 'Record<string, unknown>',
};

export class TypeWriter {
  readonly #root: Schema;
  readonly #defs: Record<string, Schema>;

  constructor(root: Schema) {
    this.#root = root;
    this.#defs = (root['$defs'] ?? {}) as Record<string, Schema>;
  }

  /** The `export type` statement of a named schema (a definition or the root). */
  declaration(name: string, schema: Schema): string {
    // A named type is the value's shape; where `null` is allowed too (the defaults), the reference says so.
    const type = schema['type'];
    const shape = Array.isArray(type) ? { ...schema, type: type.filter((t) => t !== 'null') } : schema;
    return `${doc(schema['description'], '')}export type ${name} = ${this.type(shape, '', true)};\n`;
  }

  /** The named definitions, in the order the schema lists them. */
  namedDefinitions(): [string, Schema][] {
    return Object.values(this.#defs).filter((d) => typeof d['x-type-name'] === 'string').map((d) => [d['x-type-name'] as string, d]);
  }

  type(schema: Schema, indent: string, named = false): string {
    const ref = schema['$ref'];
    if (typeof ref === 'string') return this.#ref(ref, indent);
    if (!named && typeof schema['x-type-name'] === 'string') {
      const nullable = Array.isArray(schema['type']) && schema['type'].includes('null');
      return nullable ? `${schema['x-type-name']} | null` : schema['x-type-name'];
    }
    const condition = schema['if'] as Schema | undefined;
    // An `if` on the value's type picks between two shapes; an `if` on properties only adds checks.
    if (condition?.['type'] !== undefined && schema['else'] !== undefined) {
      const then = schema['then'] as Schema;
      const first = Object.keys(then).length === 0 ? condition : then;
      return union([this.type(first, indent), this.type(schema['else'] as Schema, indent)]);
    }
    if ('const' in schema) return JSON.stringify(schema['const']);
    if (Array.isArray(schema['enum'])) return union(schema['enum'].map((v) => JSON.stringify(v)));
    const type = schema['type'];
    if (Array.isArray(type)) return union(type.map((t: string) => this.#ofType(t, schema, indent)));
    if (typeof type === 'string') return this.#ofType(type, schema, indent);
    if (schema['properties'] !== undefined) return this.#ofType('object', schema, indent);
    return 'unknown';
  }

  #ref(ref: string, indent: string): string {
    return this.type(resolvePointer(this.#root, ref), indent);
  }

  #ofType(type: string, schema: Schema, indent: string): string {
    if (type === 'object') return this.#object(schema, indent);
    if (type === 'array') return this.#array(schema, indent);
    const primitive = PRIMITIVES[type];
    if (primitive === undefined) throw new Error(`unsupported type ${type}`);
    return primitive;
  }

  #array(schema: Schema, indent: string): string {
    if (Array.isArray(schema['prefixItems'])) return `[${schema['prefixItems'].map((s: Schema) => this.type(s, indent)).join(', ')}]`;
    const items = schema['items'] as Schema | undefined;
    if (items === undefined) return 'unknown[]';
    const item = this.type(items, indent);
    return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
  }

  #object(schema: Schema, indent: string): string {
    const properties = schema['properties'] as Record<string, Schema> | undefined;
    const extra = schema['additionalProperties'];
    if (properties === undefined) {
      if (typeof extra !== 'object' || extra === null) return 'Record<string, unknown>';
      const keys = (schema['propertyNames'] as Schema | undefined)?.['enum'];
      const value = this.type(extra as Schema, indent);
      return Array.isArray(keys) ? `Partial<Record<${union(keys.map((k) => JSON.stringify(k)))}, ${value}>>` : `Record<string, ${value}>`;
    }
    if (typeof schema['x-one-key'] === 'string') {
      // An object with exactly one of its keys: a union of one-key objects.
      const inner = `${indent}  `;
      return Object.entries(properties).map(([key, s]) => `{ ${key}: ${this.type(s, inner)} }`).join(`\n${inner}| `);
    }
    const required = new Set((schema['required'] ?? []) as string[]);
    const inner = `${indent}  `;
    const lines = Object.entries(properties).map(
      ([key, s]) => `${doc(this.#description(s), inner)}${inner}${propertyKey(key)}${required.has(key) ? '' : '?'}: ${this.type(s, inner)};\n`,
    );
    return `{\n${lines.join('')}${indent}}`;
  }

  #description(schema: Schema): unknown {
    const ref = schema['$ref'];
    return schema['description'] ?? (typeof ref === 'string' ? this.#description(resolvePointer(this.#root, ref)) : undefined);
  }
}

/** The schema a local `$ref` (`#/$defs/name`, or deeper: `#/$defs/name/properties/key`) points at. */
export function resolvePointer(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported; got ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Schema | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (node === undefined || node === null || typeof node !== 'object') throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

function union(members: string[]): string {
  return [...new Set(members)].join(' | ');
}

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function doc(description: unknown, indent: string): string {
  if (typeof description !== 'string') return '';
  return `${indent}/** ${description.replaceAll('*/', '*\\/')} */\n`;
}
