export { enrich } from './enrich-stage.ts';
export type {
  EnrichOptions,
  ComputedAttribute,
  LogContextOptions,
  BaggageOptions,
  ExceptionOptions,
  ClassifyOptions,
} from './options.ts';
export { withLogContext, getLogContext, type LogContextAttributes } from './log-context.ts';
export { classifyLogType, logTypeRules, DEFAULT_LOG_TYPE, type LogType, type LogTypeRule } from './log-type.ts';
export { captureExceptions, type CapturingLogger, type EmitRecord, type LoggerLike } from './capture-exceptions.ts';
export { runtimeResource, defaultDetectors, type RuntimeResourceOptions } from './runtime-resource.ts';
