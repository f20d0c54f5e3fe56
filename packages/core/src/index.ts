export { pipeline, AFTER_SHUTDOWN, type Pipeline } from './pipeline.ts';
export type { PipelineOptions } from './options.ts';
export { ErrorReporter } from './error-reporter.ts';
export { LossReporter, LOSS_REPORT_INTERVAL_MILLIS } from './loss-reporter.ts';
export { settleAll } from './settle-all.ts';
export { chainValueFilters, filterValue, type ValueFilter } from './value-filter.ts';
export { shutdownOnExit, type ShutdownOnExitOptions } from './shutdown-on-exit.ts';
export { LOG_RECORD_UID, uuidv7, uuidv7Timestamp } from './uuidv7.ts';
export type { PipelineStats } from './internal/counters.ts';
export { copyRecord, DerivedLogRecord } from './record.ts';
export { assertTarget, claimTarget, type EncodedRequest, type OtlpEncoding, type SendResult, type Target, type TargetStats } from './target.ts';
export { DROP, HOLD, type Drop, type Hold, type Stage, type StageHost } from './stage.ts';
export {
  severityAtLeast,
  attr,
  scope,
  bodyMatches,
  all,
  any,
  not,
  type Predicate,
  type AttributeMatcher,
} from './predicates.ts';
export { SeverityNumber, toSeverityNumber, type SeverityLevel, type SeverityName } from './severity-number.ts';
export type {
  AnyValue,
  Attributes,
  EnabledOptions,
  HrTime,
  InstrumentationScopeLike,
  LogRecordLike,
  Sink,
  SpanContextLike,
} from './types.ts';
export { readBlrpEnv, readLogLevel, readSdkDisabled, useLogLevelFromEnv, type BlrpEnv } from './env.ts';
export { logweaveMeter, componentAttributes, METER_NAME } from './metrics/meter.ts';
export { sinkMetrics, type ExportOutcome, type SinkMetrics, type SinkMetricsOptions } from './metrics/sink-metrics.ts';
export { redactionMetrics, type RedactionMetrics, type RedactionMetricsOptions } from './metrics/redaction-metrics.ts';
export * as metricNames from './metrics/names.ts';
