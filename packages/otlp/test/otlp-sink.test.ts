import { SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink, otlpTarget } from '../src/index.ts';

let receiver: OtlpReceiver;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await receiver.close();
});

async function emitOne(sink: ReturnType<typeof otlpSink>) {
  const provider = new LoggerProvider({ processors: [sink] });
  provider.getLogger('orders').emit({ severityNumber: SeverityNumber.INFO, body: 'order 7 placed' });
  await provider.shutdown();
}

describe('otlpSink', () => {
  it('follows OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS and _COMPRESSION when options are silent', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', receiver.url);
    vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json');
    vi.stubEnv('OTEL_EXPORTER_OTLP_HEADERS', 'x-api-key=k1');
    vi.stubEnv('OTEL_EXPORTER_OTLP_COMPRESSION', 'gzip');
    await emitOne(otlpSink());
    const [request] = receiver.requests;
    expect(request).toMatchObject({ path: '/v1/logs', encoding: 'json', gzip: true });
    expect(request!.headers['x-api-key']).toBe('k1');
    expect(request!.records.map((r) => r.body)).toEqual(['order 7 placed']);
  });

  it('prefers the logs-specific variables over the general ones', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://127.0.0.1:9');
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', receiver.logsUrl);
    vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json');
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_PROTOCOL', 'http/protobuf');
    await emitOne(otlpSink());
    expect(receiver.requests.map((r) => r.encoding)).toEqual(['protobuf']);
  });

  it('lets options win over the environment and appends /v1/logs to a base endpoint', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'http://127.0.0.1:9/v1/logs');
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_PROTOCOL', 'http/json');
    await emitOne(otlpSink({ endpoint: `${receiver.url}/`, protocol: 'http/protobuf', headers: { authorization: 'Bearer t' } }));
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ path: '/v1/logs', encoding: 'protobuf' });
    expect(receiver.requests[0]!.headers['authorization']).toBe('Bearer t');
  });

  it('sends to the target it is given, and names itself after it', async () => {
    const sink = otlpSink({ target: otlpTarget({ endpoint: receiver.url, protocol: 'http/json', name: 'primary' }) });
    expect(sink.name).toBe('primary');
    await emitOne(sink);
    expect(receiver.requests.map((r) => [r.encoding, r.records.length])).toEqual([['json', 1]]);
  });

  it('refuses a target together with endpoint options, and a sink given as target', async () => {
    const target = otlpTarget({ endpoint: receiver.url });
    expect(() => otlpSink({ target, endpoint: receiver.url })).toThrow(
      new TypeError('otlpSink: target and endpoint exclude each other (set endpoint on the otlpTarget() given as target)'),
    );
    expect(() => otlpSink({ target, protocol: 'http/json' })).toThrow(/^otlpSink: target and protocol exclude each other/);
    const other = otlpSink({ endpoint: receiver.url });
    expect(() => otlpSink({ target: other as never })).toThrow(
      new TypeError('otlpSink: target must be a target (otlpTarget(), failover(), loadBalance()), not a sink'),
    );
    expect(() => otlpSink({ target: {} as never })).toThrow(
      new TypeError('otlpSink: target must be a target (otlpTarget(), failover(), loadBalance())'),
    );
    await Promise.all([other.shutdown(), target.close()]);
  });

  it.each([
    [{ endpoint: 'ftp://collector' }, "otlpTarget: endpoint must be an http(s) URL; got 'ftp://collector'"],
    [{ timeoutMillis: 0 }, 'otlpTarget: timeoutMillis must be a positive number; got 0'],
    [{ protocol: 'http/xml' }, /^otlpTarget: protocol must be .*; got 'http\/xml'$/],
  ])('otlpTarget refuses %j at set-up', (options, message) => {
    expect(() => otlpTarget(options as never)).toThrow(message);
    expect(() => otlpTarget(options as never)).toThrow(TypeError);
  });

  it.each([
    [{ protocol: 'http/xml' }, /^otlpSink: protocol must be .*; got 'http\/xml'$/],
    [{ endpoint: 'localhost:4318' }, "otlpSink: endpoint must be an http(s) URL; got 'localhost:4318'"],
    [{ compression: 'brotli' }, /^otlpSink: compression must be .*brotli/],
    [{ maxQueueSize: 0 }, 'otlpSink: maxQueueSize must be a positive number; got 0'],
    [{ maxQueueSize: 100, maxExportBatchSize: 200 }, 'otlpSink: maxExportBatchSize must not exceed maxQueueSize'],
    [{ headers: { 'x-key': 7 } }, /^otlpSink: headers.*'x-key'.* must be a string/],
  ])('refuses %j at set-up', (options, message) => {
    expect(() => otlpSink(options as never)).toThrow(message);
    expect(() => otlpSink(options as never)).toThrow(TypeError);
  });

  it('refuses an unsupported protocol from the environment at set-up', () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/xml');
    expect(() => otlpSink({ endpoint: receiver.url })).toThrow(TypeError);
  });
});
