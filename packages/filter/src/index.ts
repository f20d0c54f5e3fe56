export { minSeverity, type MinSeverityStage, type MinSeverityStats } from './min-severity-stage.ts';
export { keep } from './keep-stage.ts';
export { drop } from './drop-stage.ts';
export {
  dedupe,
  DEDUPE_COUNT,
  DEDUPE_FIRST_SEEN,
  DEDUPE_LAST_SEEN,
  type DedupeStage,
  type DedupeStats,
} from './dedupe-stage.ts';
export {
  rateLimit,
  RATE_LIMIT_SUPPRESSED,
  RATE_LIMIT_KEY,
  RATE_LIMIT_DURATION_MS,
  type RateLimitStage,
  type RateLimitStats,
} from './rate-limit-stage.ts';
export { sample, type SampleStage, type SampleStats } from './sample-stage.ts';
export {
  bufferUntilError,
  BUFFER_RELEASED,
  type BufferUntilErrorStage,
  type BufferUntilErrorStats,
} from './buffer-until-error-stage.ts';
export type {
  MinSeverityOptions,
  ScopeLevelRules,
  PredicateStageOptions,
  RecordKeyFunction,
  DedupeOptions,
  RateLimitOptions,
  SampleOptions,
  BufferUntilErrorOptions,
} from './options.ts';
