import { pipeline, type Pipeline, type PipelineStats, type Stage } from '@logweave/core';
import type { Router, RouteStats } from '@logweave/router';
import { ConfigError } from './config-error.ts';
import type { PipelineConfig } from './config-types.ts';
import { BuildContext, type Locate } from './internal/build-context.ts';
import { buildRouter, buildSink, checkSinkReferences, compileRoutes, shutDownQuietly, type CompiledRoute, type ConfiguredSink } from './internal/sinks.ts';
import { buildStage } from './internal/stages.ts';
import { checkSchema } from './internal/validate-schema.ts';
import { resolveBuildOptions, type BuildPipelineOptions } from './options.ts';

export interface LoadedPipelineStats {
  pipeline: PipelineStats;
  /** `stats()` of each stage that has one, by its name in `pipeline.droppedBy` (`keep`, `keep#2`…). */
  stages: Record<string, unknown>;
  /** `stats()` of each sink, by its name in the file. */
  sinks: Record<string, ReturnType<ConfiguredSink['stats']>>;
  /** The route's counters, when the file has a route. */
  route: RouteStats | undefined;
}

export interface LoadedPipeline {
  /** A LogRecordProcessor: `new LoggerProvider({ processors: [processor] })`. */
  readonly processor: Pipeline;
  readonly stages: readonly Stage[];
  /** The sinks, by their name in the file. */
  readonly sinks: Readonly<Record<string, ConfiguredSink>>;
  readonly router: Router | undefined;
  /** Every counter at once: the pipeline's, each stage's and sink's, and the route's. */
  stats(): LoadedPipelineStats;
}

/**
 * Builds a pipeline from a configuration object (what a file holds once parsed): checks it
 * against the JSON Schema, then builds each stage and sink with its package's factory. Throws a
 * ConfigError naming every problem and where it is.
 */
export function buildPipeline(config: unknown, options: BuildPipelineOptions = {}): LoadedPipeline {
  const resolved = resolveBuildOptions(options);
  const built = buildFromValue(config, resolved.source, resolved.baseDir, () => undefined);
  if ('error' in built) throw built.error;
  return built.loaded;
}

/** A pipeline, or why not and a promise that the sinks made before the failure have let go of their resources. */
export type BuildResult = { loaded: LoadedPipeline } | { error: ConfigError; released: Promise<void> };

/** Validates and builds; `locate` gives line and column in the file the value came from. */
export function buildFromValue(value: unknown, file: string, baseDir: string, locate: Locate): BuildResult {
  checkSchema(value, file, locate);
  const config = value as PipelineConfig;
  const ctx = new BuildContext(baseDir, locate);
  const stages = (config.stages ?? []).map((stage, i) => buildStage(stage, ['stages', i], ctx));
  checkSinkReferences(config, ctx);
  const routes = config.route === undefined ? [] : compileRoutes(config.route, ctx);
  // Nothing holds a resource yet (stages start with the pipeline): a problem so far is thrown at once.
  if (ctx.issues.length > 0) throw new ConfigError(ctx.factoryRefused ? 'setup' : 'invalid', file, ctx.issues);
  return connect(config, stages as Stage[], routes!, ctx, file);
}

/** Makes the sinks, the router and the pipeline; a failure here releases the sinks already made. */
function connect(config: PipelineConfig, stages: Stage[], routes: CompiledRoute[], ctx: BuildContext, file: string): BuildResult {
  const sinks: Record<string, ConfiguredSink> = {};
  for (const [name, sink] of Object.entries(config.sinks)) {
    const built = buildSink(sink, ['sinks', name], ctx);
    if (built !== undefined) sinks[name] = built;
  }
  const router = ctx.issues.length === 0 && config.route !== undefined ? buildRouter(config.route, routes, sinks, ctx) : undefined;
  const processor = ctx.issues.length === 0
    ? ctx.setUp([], config, () => pipeline({
      stages,
      sink: router ?? Object.values(sinks),
      ...(config.name === undefined ? {} : { name: config.name }),
    }))
    : undefined;
  if (processor === undefined) {
    return { error: new ConfigError('setup', file, ctx.issues), released: shutDownQuietly(Object.values(sinks)) };
  }
  return { loaded: loaded(processor, stages, sinks, router) };
}

function loaded(processor: Pipeline, stages: Stage[], sinks: Record<string, ConfiguredSink>, router: Router | undefined): LoadedPipeline {
  const names = stageNames(stages);
  return {
    processor,
    stages,
    sinks,
    router,
    stats: () => ({
      pipeline: processor.stats(),
      stages: Object.fromEntries(
        stages.flatMap((stage, i) => (hasStats(stage) ? [[names[i]!, stage.stats()]] : [])),
      ),
      sinks: Object.fromEntries(Object.entries(sinks).map(([name, sink]) => [name, sink.stats()])),
      route: router?.stats(),
    }),
  };
}

function hasStats(stage: Stage): stage is Stage & { stats(): unknown } {
  return typeof (stage as { stats?: unknown }).stats === 'function';
}

/** The names the pipeline counts drops under: a second `keep` is `keep#2`. */
function stageNames(stages: readonly Stage[]): string[] {
  const seen = new Map<string, number>();
  return stages.map((stage) => {
    const n = (seen.get(stage.name) ?? 0) + 1;
    seen.set(stage.name, n);
    return n === 1 ? stage.name : `${stage.name}#${n}`;
  });
}
