import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';

/**
 * The OTel SDK environment variables that apply to logweave's core, read as the specification
 * says: a value that cannot be parsed is reported through diag and treated as unset.
 */
type Env = Readonly<Record<string, string | undefined>>;

/** OTEL_BLRP_*: batching of log records, for sinks that batch (otlpSink). Only the variables set. */
export interface BlrpEnv {
  /** OTEL_BLRP_SCHEDULE_DELAY: delay between two consecutive exports, ms (SDK default 1000). */
  scheduledDelayMillis?: number;
  /** OTEL_BLRP_EXPORT_TIMEOUT: longest an export may take, ms; 0 means no limit (SDK default 30000). */
  exportTimeoutMillis?: number;
  /** OTEL_BLRP_MAX_QUEUE_SIZE: records queued at most (SDK default 2048). */
  maxQueueSize?: number;
  /** OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: records per export at most (SDK default 512). */
  maxExportBatchSize?: number;
}

export function readBlrpEnv(env: Env = process.env): BlrpEnv {
  const result: BlrpEnv = {};
  const delay = readInteger(env, 'OTEL_BLRP_SCHEDULE_DELAY', 0);
  if (delay !== undefined) result.scheduledDelayMillis = delay;
  const timeout = readInteger(env, 'OTEL_BLRP_EXPORT_TIMEOUT', 0);
  if (timeout !== undefined) result.exportTimeoutMillis = timeout;
  const queue = readInteger(env, 'OTEL_BLRP_MAX_QUEUE_SIZE', 1);
  if (queue !== undefined) result.maxQueueSize = queue;
  const batch = readInteger(env, 'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', 1);
  if (batch !== undefined) result.maxExportBatchSize = batch;
  return result;
}

/** OTEL_SDK_DISABLED: true only for "true" in any case, as the specification's booleans are. */
export function readSdkDisabled(env: Env = process.env): boolean {
  return readBoolean(env, 'OTEL_SDK_DISABLED');
}

const LOG_LEVELS: Readonly<Record<string, DiagLogLevel>> = {
  NONE: DiagLogLevel.NONE,
  ERROR: DiagLogLevel.ERROR,
  WARN: DiagLogLevel.WARN,
  INFO: DiagLogLevel.INFO,
  DEBUG: DiagLogLevel.DEBUG,
  VERBOSE: DiagLogLevel.VERBOSE,
  ALL: DiagLogLevel.ALL,
};

/** OTEL_LOG_LEVEL: none, error, warn, info, debug, verbose or all, in any case; undefined when unset or unknown. */
export function readLogLevel(env: Env = process.env): DiagLogLevel | undefined {
  const raw = nonEmpty(env['OTEL_LOG_LEVEL']);
  if (raw === undefined) return undefined;
  const level = LOG_LEVELS[raw.toUpperCase()];
  if (level === undefined) diag.warn(`logweave: OTEL_LOG_LEVEL=${raw} is not a known level; ignored`);
  return level;
}

/** The key under which @opentelemetry/api 1.x keeps its globals (the diag logger among them). */
const API_GLOBALS = Symbol.for('opentelemetry.js.api.1');

/**
 * When OTEL_LOG_LEVEL is set and nobody registered a diag logger (a user's, or NodeSDK's), registers
 * a console one at that level, so logweave's own diagnostics can be read. Never replaces one.
 * Returns whether it registered.
 */
export function useLogLevelFromEnv(env: Env = process.env): boolean {
  const level = readLogLevel(env);
  if (level === undefined || diagLoggerRegistered()) return false;
  return diag.setLogger(new DiagConsoleLogger(), { logLevel: level, suppressOverrideMessage: true });
}

function diagLoggerRegistered(): boolean {
  const globals = (globalThis as Record<symbol, { diag?: unknown } | undefined>)[API_GLOBALS];
  return globals?.diag !== undefined;
}

function readBoolean(env: Env, name: string): boolean {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return false;
  const lower = raw.toLowerCase();
  if (lower !== 'true' && lower !== 'false') diag.warn(`logweave: ${name}=${raw} is not true or false; read as false`);
  return lower === 'true';
}

function readInteger(env: Env, name: string, minimum: number): number | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum) {
    diag.warn(`logweave: ${name}=${raw} is not an integer of at least ${minimum}; ignored`);
    return undefined;
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
