import type { ConfigFormat } from './internal/document.ts';
import type { Env } from './internal/env.ts';

export interface LoadPipelineOptions {
  /**
   * Values for `${VAR}` and `${VAR:-default}` in the file. (Sinks still read unset OTLP options
   * from `process.env`'s OTEL_EXPORTER_OTLP_* variables, as `otlpSink` does.)
   * @default process.env
   */
  env?: Env;
  /**
   * How to read the file.
   * @default from the extension: `.json` is JSON, `.yaml` and `.yml` are YAML
   */
  format?: ConfigFormat;
}

export interface ParsePipelineConfigOptions extends LoadPipelineOptions {
  /**
   * Names the text in error messages.
   * @default 'logweave.yaml' (or 'logweave.json' with format 'json')
   */
  source?: string;
}

export interface BuildPipelineOptions {
  /**
   * Names the configuration in error messages.
   * @default 'configuration'
   */
  source?: string;
  /**
   * Directory that relative paths (`durable.dir`) are resolved against.
   * @default process.cwd()
   */
  baseDir?: string;
}

const FORMATS: readonly string[] = ['yaml', 'json'];

export function resolveLoadOptions(options: LoadPipelineOptions, component: string): { env: Env; format: ConfigFormat | undefined } {
  if (options === null || typeof options !== 'object') throw new TypeError(`${component}: options must be an object`);
  const env = options.env ?? process.env;
  if (env === null || typeof env !== 'object') throw new TypeError(`${component}: env must be an object of strings`);
  if (options.format !== undefined && !FORMATS.includes(options.format)) {
    throw new TypeError(`${component}: format must be 'yaml' or 'json'; got ${String(options.format)}`);
  }
  return { env, format: options.format };
}

export function resolveBuildOptions(options: BuildPipelineOptions): { source: string; baseDir: string } {
  if (options === null || typeof options !== 'object') throw new TypeError('buildPipeline: options must be an object');
  const source = options.source ?? 'configuration';
  if (typeof source !== 'string' || source === '') throw new TypeError('buildPipeline: source must be a non-empty string');
  const baseDir = options.baseDir ?? process.cwd();
  if (typeof baseDir !== 'string' || baseDir === '') throw new TypeError('buildPipeline: baseDir must be a directory path');
  return { source, baseDir };
}
