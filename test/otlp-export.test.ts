import { context, trace, TraceFlags, SeverityNumber } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Stage } from '@logweave/core';
import { otlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const traceId = '5b8efff798038103d269b633813fc60c';
const spanId = 'eee19b7ec3c1b174';
const tagRegion: Stage = { name: 'tag-region', process: (r) => void r.setAttribute('cloud.region', 'eu-west-1') };

let receiver: OtlpReceiver;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(() => receiver.close());

function emitThroughPipeline(sink: OtlpSinkOptions) {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'service.version': '4.2.0' }),
    processors: [pipeline({ stages: [tagRegion], sink: otlpSink({ endpoint: receiver.url, ...sink }) })],
  });
  const logger = provider.getLogger('checkout.http', '1.0.0');
  const inSpan = trace.setSpanContext(context.active(), { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
  logger.emit({
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: 'GET /cart 200',
    attributes: { 'http.response.status_code': 200, 'url.path': '/cart' },
    context: inSpan,
  });
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    body: { message: 'payment declined', retries: 2, codes: ['E42', 'E7'] },
    attributes: { 'user.id': 'u-17', ok: false, ratio: 0.25 },
  });
  return provider;
}

describe.each([
  { protocol: 'http/protobuf', compression: 'none' },
  { protocol: 'http/json', compression: 'none' },
  { protocol: 'http/protobuf', compression: 'gzip' },
  { protocol: 'http/json', compression: 'gzip' },
] as const)('SDK → pipeline → otlpSink → receiver over $protocol ($compression)', (sink) => {
  it('delivers every record with its body, severity, attributes, resource and trace context', async () => {
    const provider = emitThroughPipeline(sink);
    await provider.shutdown();

    const [first, second] = receiver.records();
    expect(receiver.records()).toHaveLength(2);
    expect(receiver.requests.every((r) => r.encoding === (sink.protocol === 'http/json' ? 'json' : 'protobuf'))).toBe(true);
    expect(receiver.requests.every((r) => r.gzip === (sink.compression === 'gzip'))).toBe(true);
    expect(receiver.requests.flatMap((r) => r.unknownFields)).toEqual([]);

    expect(first).toMatchObject({
      body: 'GET /cart 200',
      severityNumber: 9,
      severityText: 'INFO',
      attributes: { 'http.response.status_code': 200, 'url.path': '/cart', 'cloud.region': 'eu-west-1' },
      scope: { name: 'checkout.http', version: '1.0.0' },
      traceId,
      spanId,
      flags: 1,
    });
    expect(first!.resource).toMatchObject({ 'service.name': 'checkout', 'service.version': '4.2.0' });
    expect(BigInt(first!.timeUnixNano)).toBeGreaterThan(1_600_000_000_000_000_000n);

    expect(second).toMatchObject({
      body: { message: 'payment declined', retries: 2, codes: ['E42', 'E7'] },
      severityNumber: 17,
      severityText: 'ERROR',
      attributes: { 'user.id': 'u-17', ok: false, ratio: 0.25, 'cloud.region': 'eu-west-1' },
      traceId: '',
      spanId: '',
    });
  });
});
