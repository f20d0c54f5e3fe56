export { loadPipeline, parsePipelineConfig } from './load-pipeline.ts';
export { buildPipeline, type LoadedPipeline, type LoadedPipelineStats } from './build-pipeline.ts';
export { ConfigError, type ConfigErrorCode, type ConfigIssue } from './config-error.ts';
export type { BuildPipelineOptions, LoadPipelineOptions, ParsePipelineConfigOptions } from './options.ts';
export type { ConfigFormat } from './internal/document.ts';
export type { ConfiguredSink } from './internal/sinks.ts';
export { pipelineSchema } from './internal/validate-schema.ts';
export type {
  BufferUntilErrorStageConfig,
  ConsoleSinkConfig,
  DedupeStageConfig,
  DurableConfig,
  EndpointConfig,
  EnrichStageConfig,
  FailoverSinkConfig,
  FileSinkConfig,
  LevelConfig,
  LoadBalanceSinkConfig,
  MinSeverityStageConfig,
  OtlpSinkConfig,
  ParseBodyStageConfig,
  PipelineConfig,
  PredicateConfig,
  PredicateStageConfig,
  RateLimitStageConfig,
  RedactStageConfig,
  RetryConfig,
  RouteConfig,
  SampleStageConfig,
  SeverityStageConfig,
  SinkConfig,
  StageConfig,
  TlsConfig,
} from './config-types.ts';
