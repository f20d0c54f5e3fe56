import { readFileSync } from 'node:fs';
import { BUILTIN_PATTERN_NAMES } from '@logweave/redact';
import { severityPresets } from '@logweave/severity';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../scripts/generate-types.ts';
import { generatedModules } from '../scripts/generate-validator.ts';
import { parsePipelineConfig, pipelineSchema } from '../src/index.ts';

type Defs = Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] }; properties?: object }> }>;

const schema = pipelineSchema();

describe('logweave.schema.json', () => {
  const defs = schema['$defs'] as Defs;

  it('is a draft 2020-12 schema, the same as the file shipped for editors', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(JSON.parse(readFileSync(new URL('../schema/logweave.schema.json', import.meta.url), 'utf8'))).toEqual(schema);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> };
    expect(pkg.exports['./schema.json']).toBe('./schema/logweave.schema.json');
  });

  it('names the severity presets and redaction patterns the packages have', () => {
    expect(defs['severity']!.properties['presets']!.items!.enum).toEqual(Object.keys(severityPresets));
    const numeric = Object.entries(severityPresets).filter(([, preset]) => 'fromNumber' in preset).map(([name]) => name);
    expect(defs['severity']!.properties['numbers']!.enum).toEqual([...numeric, 'auto', 'none']);
    expect(Object.keys(defs['redact']!.properties['patterns']!.properties!)).toEqual([...BUILTIN_PATTERN_NAMES, 'custom']);
  });
});

describe('the generated validator', () => {
  it('is compiled from the schema as it is now', () => {
    const { schema, validator } = generatedModules();
    const generated = (file: string) => readFileSync(new URL(`../src/internal/generated/${file}`, import.meta.url), 'utf8');
    expect(generated('pipeline-schema.ts') === schema, 'run node scripts/generate-validator.ts').toBe(true);
    expect(generated('validate-pipeline.ts') === validator, 'run node scripts/generate-validator.ts').toBe(true);
  });
});

describe('the generated types and options tables', () => {
  it('are written from the schema as it is now', () => {
    const { types, readme } = generatedFiles();
    const current = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    expect(current('src/config-types.ts') === types, 'run node scripts/generate-types.ts').toBe(true);
    expect(current('README.md') === readme, 'run node scripts/generate-types.ts').toBe(true);
  });

  it('find a description for every option of the schema, its documentation', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [keyword, value] of Object.entries(node)) {
        // An `if` only tests a value: its properties are not options.
        if (keyword === 'if') continue;
        if (keyword !== 'properties') {
          visit(value, `${path}/${keyword}`);
          continue;
        }
        for (const [name, property] of Object.entries(value as Record<string, Record<string, unknown>>)) {
          if (describedAt(property) === undefined) undescribed.push(`${path}.${name}`);
          visit(property, `${path}.${name}`);
        }
      }
    };
    const describedAt = (property: Record<string, unknown>): unknown => {
      if (property['description'] !== undefined) return property['description'];
      const ref = property['$ref'];
      if (typeof ref !== 'string') return undefined;
      const target = ref.slice(2).split('/').reduce<Record<string, unknown>>((n, part) => n[part] as Record<string, unknown>, schema);
      return describedAt(target);
    };
    visit(schema, '');
    expect(undescribed).toEqual([]);
    expect(generatedFiles().types).toContain('/** Deadline of one request, from connect to the last byte.');
  });
});

describe('the README', () => {
  it('shows a configuration that the schema accepts', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const config = parsePipelineConfig(yaml, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', SIEM_ENDPOINT: 'http://siem:4318' } });
    expect(Object.keys(config.sinks)).toEqual(['main', 'siem']);
    expect(config.stages).toHaveLength(4);
  });
});
