import { diag, DiagLogLevel, ROOT_CONTEXT, type DiagLogger } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, readBlrpEnv, readLogLevel, readSdkDisabled, useLogLevelFromEnv, type LogRecordLike, type Sink } from '../src/index.ts';

function memorySink() {
  const records: LogRecordLike[] = [];
  const shutdown = vi.fn(async () => {});
  const sink: Sink = { onEmit: (record) => void records.push(record), forceFlush: async () => {}, shutdown };
  return { ...sink, records, shutdown };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  diag.disable();
});

function recordingDiag(level: DiagLogLevel) {
  const seen: string[] = [];
  const log = (kind: string) => (message: string) => {
    seen.push(`${kind} ${message}`);
  };
  const logger: DiagLogger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), verbose: log('verbose') };
  diag.setLogger(logger, level);
  return seen;
}

describe('readBlrpEnv', () => {
  it('reads OTEL_BLRP_SCHEDULE_DELAY in milliseconds', () => {
    expect(readBlrpEnv({ OTEL_BLRP_SCHEDULE_DELAY: '250' })).toEqual({ scheduledDelayMillis: 250 });
  });

  it('reads OTEL_BLRP_EXPORT_TIMEOUT in milliseconds, 0 included (no limit)', () => {
    expect(readBlrpEnv({ OTEL_BLRP_EXPORT_TIMEOUT: '10000' })).toEqual({ exportTimeoutMillis: 10_000 });
    expect(readBlrpEnv({ OTEL_BLRP_EXPORT_TIMEOUT: '0' })).toEqual({ exportTimeoutMillis: 0 });
  });

  it('reads OTEL_BLRP_MAX_QUEUE_SIZE', () => {
    expect(readBlrpEnv({ OTEL_BLRP_MAX_QUEUE_SIZE: ' 4096 ' })).toEqual({ maxQueueSize: 4096 });
  });

  it('reads OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', () => {
    expect(readBlrpEnv({ OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '128' })).toEqual({ maxExportBatchSize: 128 });
  });

  it('reports a value it cannot use through diag and treats it as unset', () => {
    const seen = recordingDiag(DiagLogLevel.WARN);
    expect(readBlrpEnv({ OTEL_BLRP_MAX_QUEUE_SIZE: '0', OTEL_BLRP_SCHEDULE_DELAY: '1s', OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '' })).toEqual({});
    expect(seen).toEqual([
      'warn logweave: OTEL_BLRP_SCHEDULE_DELAY=1s is not an integer of at least 0; ignored',
      'warn logweave: OTEL_BLRP_MAX_QUEUE_SIZE=0 is not an integer of at least 1; ignored',
    ]);
  });

  it('reads process.env by default', () => {
    vi.stubEnv('OTEL_BLRP_SCHEDULE_DELAY', '5000');
    expect(readBlrpEnv()).toEqual({ scheduledDelayMillis: 5000 });
  });
});

describe('OTEL_SDK_DISABLED', () => {
  it('is true only for "true" in any case', () => {
    expect(readSdkDisabled({ OTEL_SDK_DISABLED: 'TRUE' })).toBe(true);
    expect(readSdkDisabled({ OTEL_SDK_DISABLED: 'false' })).toBe(false);
    expect(readSdkDisabled({ OTEL_SDK_DISABLED: 'yes' })).toBe(false);
    expect(readSdkDisabled({})).toBe(false);
  });

  it('makes the pipeline a no-op: nothing built, nothing forwarded, sinks still shut down', async () => {
    vi.stubEnv('OTEL_SDK_DISABLED', 'true');
    const sink = memorySink();
    const started = vi.fn();
    const processor = pipeline({ stages: [{ name: 'spy', process: () => {}, start: started }], sink });
    const provider = new LoggerProvider({ processors: [processor] });
    const logger = provider.getLogger('checkout');
    expect(processor.enabled({ context: ROOT_CONTEXT, instrumentationScope: { name: 'checkout' }, severityNumber: 17 })).toBe(false);
    logger.emit({ severityNumber: 17, body: 'disk full' });
    expect(sink.records).toHaveLength(0);
    expect(started).not.toHaveBeenCalled();
    await provider.shutdown();
    expect(sink.shutdown).toHaveBeenCalledOnce();
  });
});

describe('OTEL_LOG_LEVEL', () => {
  it('reads the levels of the specification in any case, and nothing else', () => {
    expect(readLogLevel({ OTEL_LOG_LEVEL: 'debug' })).toBe(DiagLogLevel.DEBUG);
    expect(readLogLevel({ OTEL_LOG_LEVEL: 'NONE' })).toBe(DiagLogLevel.NONE);
    expect(readLogLevel({ OTEL_LOG_LEVEL: 'loud' })).toBeUndefined();
    expect(readLogLevel({})).toBeUndefined();
  });

  it('registers a console diag logger when the pipeline is built and none is registered', () => {
    vi.stubEnv('OTEL_LOG_LEVEL', 'debug');
    pipeline({ sink: memorySink() });
    // Registered: a second attempt finds it and leaves it.
    expect(useLogLevelFromEnv()).toBe(false);
    diag.disable();
    expect(useLogLevelFromEnv()).toBe(true);
  });

  it('registers nothing when OTEL_LOG_LEVEL is unset', () => {
    expect(useLogLevelFromEnv({})).toBe(false);
    expect(useLogLevelFromEnv({ OTEL_LOG_LEVEL: 'info' })).toBe(true);
  });

  it('never replaces a diag logger the application registered', () => {
    const seen = recordingDiag(DiagLogLevel.ERROR);
    vi.stubEnv('OTEL_LOG_LEVEL', 'all');
    expect(useLogLevelFromEnv()).toBe(false);
    diag.debug('probe');
    diag.error('boom');
    expect(seen).toEqual(['error boom']);
  });
});
