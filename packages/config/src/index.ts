export { loadPipeline, parsePipelineConfig } from './load-pipeline.ts';
export { buildPipeline, type LoadedPipeline, type LoadedPipelineStats } from './build-pipeline.ts';
export { ConfigError, type ConfigErrorCode, type ConfigIssue } from './config-error.ts';
export type { BuildPipelineOptions, LoadPipelineOptions, ParsePipelineConfigOptions } from './options.ts';
export type { ConfigFormat } from './internal/document.ts';
export type { ConfiguredSink } from './internal/sinks.ts';
export { pipelineSchema } from './internal/validate-schema.ts';
export type {
  EndpointConfig,
  EnrichStageConfig,
  LevelConfig,
  MinSeverityStageConfig,
  MultiTargetSinkConfig,
  OtlpSinkConfig,
  ParseBodyStageConfig,
  PipelineConfig,
  PredicateConfig,
  PredicateStageConfig,
  QueueConfig,
  RedactStageConfig,
  RetryConfig,
  RouteConfig,
  SeverityStageConfig,
  SinkConfig,
  StageConfig,
} from './config-types.ts';
