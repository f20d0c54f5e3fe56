import { otlpSink, type OtlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCollector } from './build.ts';
import { startCollector, stopAllCollectors, type Collector } from './support/collector.ts';
import { startEnvelopeReceiver } from './support/envelope-receiver.ts';
import { emitRecordSet, expectedEnvelopes, expectedRecordSet, pickRecordSet, RECORD_SET_SIZE } from './support/record-set.ts';
import { waitUntil } from './support/wait.ts';

// The first run on a machine compiles the Collector (about 2 minutes cold, seconds after).
beforeAll(async () => {
  await buildCollector();
}, 15 * 60_000);

let backend: OtlpReceiver;
let collector: Collector;
beforeAll(async () => {
  backend = await startOtlpReceiver();
  collector = await startCollector({ exportEndpoint: backend.url });
}, 30_000);
afterAll(async () => {
  await stopAllCollectors();
  await backend.close();
});

type Wire = Pick<OtlpSinkOptions, 'protocol' | 'compression' | 'encoder'>;

/** Sends the record set through the Collector and returns what the backend got for it. */
async function roundTrip(wire: Wire) {
  const before = backend.records().length;
  const sinks: OtlpSink[] = [];
  const endpoint = wire.protocol === 'grpc' ? collector.grpcUrl : collector.httpUrl;
  await emitRecordSet(() => {
    const sink = otlpSink({ endpoint, ...wire, scheduledDelayMillis: 10 });
    sinks.push(sink);
    return sink;
  });
  const received = (await backend.waitForRecords(before + RECORD_SET_SIZE)).slice(before);
  return { sinks, received };
}

describe.each<Wire>([
  { protocol: 'http/protobuf', compression: 'none', encoder: 'logweave' },
  { protocol: 'http/protobuf', compression: 'gzip', encoder: 'logweave' },
  { protocol: 'http/protobuf', compression: 'zstd', encoder: 'logweave' },
  { protocol: 'http/json', compression: 'none', encoder: 'logweave' },
  { protocol: 'http/json', compression: 'gzip', encoder: 'logweave' },
  { protocol: 'http/json', compression: 'zstd', encoder: 'logweave' },
  { protocol: 'grpc', compression: 'none', encoder: 'logweave' },
  { protocol: 'grpc', compression: 'gzip', encoder: 'logweave' },
  { protocol: 'http/protobuf', compression: 'none', encoder: 'official' },
  { protocol: 'http/json', compression: 'none', encoder: 'official' },
])('logweave → Collector ($protocol, $compression, encoder $encoder) → strict OTLP receiver', { timeout: 30_000 }, (wire) => {
  it('delivers every field of every record as sent: bodies, attributes, resources, scopes, trace context, event name, dropped count, timestamps, severity', async () => {
    const { sinks, received } = await roundTrip(wire);

    expect(pickRecordSet(received)).toEqual(expectedRecordSet());
    expect(received).toHaveLength(RECORD_SET_SIZE);
    for (const sink of sinks) {
      expect(sink.stats()).toMatchObject({ exported: sink.stats().received, dropped: 0, rejected: 0, failedAttempts: 0 });
    }
    expect(sinks.reduce((sum, sink) => sum + sink.stats().exported, 0)).toBe(RECORD_SET_SIZE);
    expect(backend.requests.filter((r) => r.outcome !== 'accepted' || r.unknownFields.length > 0)).toEqual([]);
  });
});

describe('logweave → agent Collector → gateway Collector → strict OTLP receiver (configs/agent.yaml, configs/gateway.yaml)', { timeout: 30_000 }, () => {
  it('delivers every field of every record as sent through both hops', async () => {
    const gateway = await startCollector({ config: 'gateway.yaml', exportEndpoint: backend.url });
    const agent = await startCollector({ config: 'agent.yaml', exportEndpoint: gateway.httpUrl });
    const before = backend.records().length;

    await emitRecordSet(() => otlpSink({ endpoint: agent.httpUrl, compression: 'gzip', scheduledDelayMillis: 10 }));
    const received = (await backend.waitForRecords(before + RECORD_SET_SIZE)).slice(before);

    expect(pickRecordSet(received)).toEqual(expectedRecordSet());
    expect(received).toHaveLength(RECORD_SET_SIZE);
  });
});

describe('logweave configured by OTEL_EXPORTER_OTLP_PROTOCOL=grpc → Collector', { timeout: 30_000 }, () => {
  afterEach(() => void vi.unstubAllEnvs());

  it('sends over gRPC to OTEL_EXPORTER_OTLP_ENDPOINT and delivers every field of every record', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc');
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', collector.grpcUrl);
    const before = backend.records().length;

    await emitRecordSet(() => otlpSink({ scheduledDelayMillis: 10 }));
    const received = (await backend.waitForRecords(before + RECORD_SET_SIZE)).slice(before);

    expect(pickRecordSet(received)).toEqual(expectedRecordSet());
  });
});

describe.each(['http/protobuf', 'http/json', 'grpc'] as const)('resource and scope envelopes through the Collector (%s)', { timeout: 30_000 }, (protocol) => {
  it('keeps resource and scope schema URLs and dropped attribute counts', async () => {
    const envelopes = await startEnvelopeReceiver();
    const agent = await startCollector({ exportEndpoint: envelopes.url });
    const endpoint = protocol === 'grpc' ? agent.grpcUrl : agent.httpUrl;

    await emitRecordSet(() => otlpSink({ endpoint, protocol, scheduledDelayMillis: 10 }));
    await waitUntil(() => envelopes.envelopes().length >= expectedEnvelopes.length, 'every envelope at the receiver');

    expect(envelopes.envelopes()).toEqual(expectedEnvelopes);
    await envelopes.close();
  });
});
