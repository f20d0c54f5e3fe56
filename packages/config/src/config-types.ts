/**
 * The shape of a configuration file, as `schema/logweave.schema.json` defines it. Regular
 * expressions are strings (with `flags` beside them); levels are TRACE..FATAL or 1..24.
 */
export type LevelConfig = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | number;

type AttributeValue = string | number | boolean;

/** A test on a record: an object with exactly one of these keys. */
export type PredicateConfig =
  | { severityAtLeast: LevelConfig }
  | { attr: { key: string; equals?: AttributeValue; in?: AttributeValue[]; matches?: string; flags?: string; exists?: true } }
  | { scope: string | { equals?: string; matches?: string; flags?: string } }
  | { body: string | { contains?: string; matches?: string; flags?: string } }
  | { all: PredicateConfig[] }
  | { any: PredicateConfig[] }
  | { not: PredicateConfig };

export type RegexConfig = { regex: string; flags?: string };

export interface SeverityStageConfig {
  sources?: ('severityNumber' | 'severityText' | 'attributes' | 'body')[];
  attributes?: (string | { key: string; numbers?: string })[];
  presets?: string[];
  numbers?: string;
  names?: Record<string, LevelConfig>;
  ranges?: Record<string, [number, number]>;
  text?: 'short' | 'range' | 'none';
  overwriteText?: boolean;
  originalTextAttribute?: string;
  unmappedAttribute?: string | boolean;
  name?: string;
}

export interface ParseBodyStageConfig {
  formats?: 'auto' | (string | (RegexConfig & { name?: string; attributes?: Record<string, string> }))[];
  timezone?: 'local' | 'UTC';
  maxLineLength?: number;
  keepOriginal?: boolean;
  name?: string;
}

export interface EnrichStageConfig {
  name?: string;
  attributes?: Record<string, unknown>;
  context?: boolean | { hashUserId?: { key: string } };
  baggage?: boolean | { keys?: string[] };
  spanContext?: boolean;
  recordUid?: boolean;
  exceptions?: boolean | { maxCauseDepth?: number };
  classify?: boolean | { rules?: { type: string; when: PredicateConfig }[] };
  resourceAttributes?: string[];
  overwrite?: boolean;
}

export interface RedactStageConfig {
  keys?: string[];
  allowKeys?: string[];
  patterns?: Record<string, boolean> & { custom?: (RegexConfig & { name: string })[] };
  action?: 'mask' | 'mask-last4' | 'remove' | 'hash';
  mask?: string;
  hashKey?: string;
  countAttribute?: string | boolean;
  maxDepth?: number;
}

export type MinSeverityStageConfig =
  | LevelConfig
  | { default?: LevelConfig; byScope?: Record<string, LevelConfig>; unspecified?: 'keep' | 'drop'; answerEnabled?: boolean; name?: string };

export type PredicateStageConfig = PredicateConfig | { when: PredicateConfig; name?: string };

/** One stage: `{ <stage>: options }`, or the name alone for a stage whose options all have defaults. */
export type StageConfig =
  | 'severity' | 'parseBody' | 'enrich' | 'redact' | 'dedupe'
  | { severity: SeverityStageConfig | null }
  | { parseBody: ParseBodyStageConfig | null }
  | { enrich: EnrichStageConfig | null }
  | { redact: RedactStageConfig | null }
  | { minSeverity: MinSeverityStageConfig }
  | { keep: PredicateStageConfig }
  | { drop: PredicateStageConfig }
  | { dedupe: { windowMillis?: number; ignoreAttributes?: string[]; maxKeys?: number; name?: string } | null }
  | { rateLimit: { ratePerSec: number; burst?: number; perKey?: string; maxKeys?: number; summaryIntervalMillis?: number; name?: string } }
  | { sample: { ratio: number; keepAtLeast?: LevelConfig | false; attribute?: string; unkeyed?: 'random' | 'keep' | 'drop'; name?: string } };

export interface RetryConfig {
  initialIntervalMillis?: number;
  maxIntervalMillis?: number;
  multiplier?: number;
  randomizationFactor?: number;
  maxElapsedMillis?: number;
}

export interface QueueConfig {
  maxQueueSize?: number;
  maxQueueBytes?: number;
  overflow?: 'drop-newest' | 'drop-oldest';
  maxExportBatchSize?: number;
  maxExportBatchBytes?: number;
  scheduledDelayMillis?: number;
  maxConcurrentExports?: number;
  flushTimeoutMillis?: number;
  retry?: RetryConfig | false;
}

export interface EndpointConfig {
  endpoint?: string;
  protocol?: 'http/protobuf' | 'http/json';
  headers?: Record<string, string>;
  compression?: 'gzip' | 'none';
  timeoutMillis?: number;
  name?: string;
  encoder?: 'logweave' | 'official';
}

export interface OtlpSinkConfig extends EndpointConfig, QueueConfig {
  /** `dir` is relative to the configuration file. */
  durable?: { dir: string; maxBytes?: number; fsync?: 'always' | 'interval' | 'never'; fsyncIntervalMillis?: number; overflow?: 'drop-oldest' | 'drop-newest' };
}

export interface MultiTargetSinkConfig extends QueueConfig {
  /** Each an endpoint URL or endpoint options. */
  targets: (string | EndpointConfig)[];
  name?: string;
  cooldownMillis?: number;
}

export type SinkConfig =
  | { otlp: OtlpSinkConfig | null }
  | { failover: MultiTargetSinkConfig }
  | { loadBalance: MultiTargetSinkConfig & { by?: 'round-robin' | 'trace-id' } };

export interface RouteConfig {
  mode?: 'first' | 'all';
  routes: { name: string; when: PredicateConfig; to: string | string[] }[];
  default?: string | string[];
}

export interface PipelineConfig {
  $schema?: string;
  version?: 1;
  name?: string;
  stages?: StageConfig[];
  /** Named sinks; without `route` every record goes to every sink. */
  sinks: Record<string, SinkConfig>;
  route?: RouteConfig;
}
