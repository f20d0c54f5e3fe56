export { redact, type RedactStage } from './redact-stage.ts';
export { DEFAULT_COUNT_ATTRIBUTE, type RedactOptions, type RedactAction, type CustomPattern, type PatternOptions } from './options.ts';
export { BUILTIN_PATTERN_NAMES, type BuiltinPatternName } from './internal/detector.ts';
export { DEFAULT_DENY_KEYS } from './internal/deny-keys.ts';
export type { RedactStats } from './internal/stats.ts';
