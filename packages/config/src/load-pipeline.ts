import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { buildFromValue, type LoadedPipeline } from './build-pipeline.ts';
import { ConfigError, type ConfigIssue } from './config-error.ts';
import type { PipelineConfig } from './config-types.ts';
import { parseConfigText, type ConfigFormat, type ParsedDocument } from './internal/document.ts';
import { substituteEnv, type Env } from './internal/env.ts';
import { checkSchema } from './internal/validate-schema.ts';
import { resolveLoadOptions, type LoadPipelineOptions, type ParsePipelineConfigOptions } from './options.ts';

const EXTENSIONS: Record<string, ConfigFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/**
 * Reads a YAML or JSON pipeline file, substitutes `${VAR}` / `${VAR:-default}`, checks it against
 * the JSON Schema and builds the pipeline with the real factories. Relative paths in the file
 * (`durable.dir`) are taken from the file's directory. Throws a ConfigError whose message names
 * the file, the line, the option's path and what was expected.
 */
export async function loadPipeline(path: string, options: LoadPipelineOptions = {}): Promise<LoadedPipeline> {
  if (typeof path !== 'string' || path === '') throw new TypeError('loadPipeline: path must be a file path');
  const { env, format } = resolveLoadOptions(options, 'loadPipeline');
  const kind = format ?? formatOf(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError('read', path, [{ path: '', message: `cannot read the file: ${(error as Error).message}` }], { cause: error });
  }
  const { value, doc } = prepare(text, kind, path, env);
  const built = buildFromValue(value, path, dirname(resolve(path)), doc.locate);
  if ('loaded' in built) return built.loaded;
  await built.released;
  throw built.error;
}

/**
 * Parses and checks a configuration without building it (no sink is made): for tools, and for
 * tests of a configuration. Returns the configuration with its variables substituted.
 */
export function parsePipelineConfig(text: string, options: ParsePipelineConfigOptions = {}): PipelineConfig {
  if (typeof text !== 'string') throw new TypeError('parsePipelineConfig: text must be a string');
  const { env, format } = resolveLoadOptions(options, 'parsePipelineConfig');
  const kind = format ?? 'yaml';
  const source = options.source ?? `logweave.${kind}`;
  const { value, doc } = prepare(text, kind, source, env);
  checkSchema(value, source, doc.locate);
  return value as PipelineConfig;
}

function prepare(text: string, format: ConfigFormat, file: string, env: Env): { value: unknown; doc: ParsedDocument } {
  const doc = parseConfigText(text, format, file);
  const issues: ConfigIssue[] = [];
  const value = substituteEnv(doc, env, issues);
  if (issues.length > 0) throw new ConfigError('env', file, issues);
  return { value, doc };
}

function formatOf(path: string): ConfigFormat {
  const format = EXTENSIONS[extname(path).toLowerCase()];
  if (format === undefined) {
    throw new ConfigError('read', path, [{ path: '', message: 'unknown file kind: name it .yaml, .yml or .json, or pass { format }' }]);
  }
  return format;
}
