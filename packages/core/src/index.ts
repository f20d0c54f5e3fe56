export { pipeline, AFTER_SHUTDOWN, type Pipeline } from './pipeline.ts';
export type { PipelineOptions } from './options.ts';
export { ErrorReporter } from './error-reporter.ts';
export { settleAll } from './settle-all.ts';
export { shutdownOnExit, type ShutdownOnExitOptions } from './shutdown-on-exit.ts';
export { LOG_RECORD_UID, uuidv7, uuidv7Timestamp } from './uuidv7.ts';
export type { PipelineStats } from './internal/counters.ts';
export { copyRecord, DerivedLogRecord } from './record.ts';
export type { EncodedRequest, OtlpEncoding, SendResult, Target } from './target.ts';
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
