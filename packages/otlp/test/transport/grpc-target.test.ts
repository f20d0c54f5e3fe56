import { ServerCredentials, status } from '@grpc/grpc-js';
import { decodeLogsRequest } from '@logweave/testing';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveTargetOptions } from '../../src/target-options.ts';
import { retryInfoDelayMillis } from '../../src/transport/grpc-retry-info.ts';
import { resolveTls } from '../../src/transport/tls.ts';
import { transportTarget } from '../../src/transport/transport-options.ts';
import { rpcStatusWithRetryInfo, startGrpcCollector, startWireGrpcCollector, type GrpcReply } from './grpc-collector.ts';
import { encodedRequest, makeTarget, sdkRecords } from './support.ts';
import { protobufEncoder } from '../../src/encoding/index.ts';
import { createTestPki, type TestPki } from './test-ca.ts';

const open = new AbortController().signal;
const delivered = { ok: true, rejected: 0, message: '' };
let collector: Awaited<ReturnType<typeof startGrpcCollector>> | undefined;
afterEach(() => {
  collector?.close();
  collector = undefined;
});

const grpcTarget = (port: number, setUp: Omit<Parameters<typeof makeTarget>[0], 'url'> = {}) =>
  makeTarget({ url: `http://127.0.0.1:${port}`, protocol: 'grpc', ...setUp });

describe('OTLP/gRPC target', () => {
  it('sends the protobuf encoder bytes unchanged: the collector decodes every field as sent', async () => {
    collector = await startGrpcCollector();
    const records = await sdkRecords(20);
    const bytes = protobufEncoder().encode(records);
    const target = grpcTarget(collector.port);
    expect(target.encoding).toBe('protobuf');
    await expect(target.send({ bytes, records: 20, key: 0 }, open)).resolves.toEqual(delivered);
    expect(collector.calls[0]!.request.equals(bytes)).toBe(true);
    expect(decodeLogsRequest(collector.calls[0]!.request, 'protobuf').records).toEqual(decodeLogsRequest(bytes, 'protobuf').records);
    expect(collector.calls[0]!.bodies).toEqual(records.map((r) => String(r.body)));
    await target.close();
  });

  it('gzips the message when compression is gzip (grpc-encoding on the wire)', async () => {
    const wire = await startWireGrpcCollector();
    const request = await encodedRequest(30);
    for (const compression of ['gzip', 'none'] as const) {
      const target = grpcTarget(wire.port, { compression });
      await expect(target.send(request, open)).resolves.toEqual(delivered);
      await target.close();
    }
    expect(wire.calls.map((c) => [c.headers['grpc-encoding'], c.compressed, c.bodies.length])).toEqual([
      ['gzip', true, 30],
      [undefined, false, 30],
    ]);
    await wire.close();
  });

  it('sends headers as metadata, calling a provider per call, and a grpc-timeout of timeoutMillis', async () => {
    const wire = await startWireGrpcCollector();
    let issued = 0;
    const target = grpcTarget(wire.port, { timeoutMillis: 4000, headers: async () => ({ Authorization: `Bearer t${++issued}` }) });
    const request = await encodedRequest(1);
    await target.send(request, open);
    await target.send(request, open);
    expect(wire.calls.map((c) => c.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    // grpc-timeout is the deadline left when the call starts: a little under 4 s, in the unit grpc-js picks.
    expect(wire.calls[0]!.headers['grpc-timeout']).toMatch(/^\d+[mu]$/);
    await target.close();
    await wire.close();
  });

  it('reads partial success from the response', async () => {
    collector = await startGrpcCollector();
    collector.reply({ kind: 'partial-success', rejected: 2, message: 'too old' });
    const target = grpcTarget(collector.port);
    await expect(target.send(await encodedRequest(5), open)).resolves.toEqual({ ok: true, rejected: 2, message: 'too old' });
    await target.close();
  });

  it.each<[string, GrpcReply, object]>([
    ['UNAVAILABLE', { kind: 'status', code: status.UNAVAILABLE, details: 'draining' }, { retryable: true }],
    ['DEADLINE_EXCEEDED', { kind: 'status', code: status.DEADLINE_EXCEEDED, details: 'slow' }, { retryable: true }],
    ['ABORTED', { kind: 'status', code: status.ABORTED, details: 'x' }, { retryable: true }],
    ['OUT_OF_RANGE', { kind: 'status', code: status.OUT_OF_RANGE, details: 'x' }, { retryable: true }],
    ['DATA_LOSS', { kind: 'status', code: status.DATA_LOSS, details: 'x' }, { retryable: true }],
    ['CANCELLED', { kind: 'status', code: status.CANCELLED, details: 'x' }, { retryable: true }],
    ['RESOURCE_EXHAUSTED without RetryInfo', { kind: 'status', code: status.RESOURCE_EXHAUSTED, details: 'quota' }, { retryable: false }],
    [
      'RESOURCE_EXHAUSTED with RetryInfo',
      { kind: 'status', code: status.RESOURCE_EXHAUSTED, details: 'memory limiter', retryDelayMillis: 2500 },
      { retryable: true, retryAfterMillis: 2500 },
    ],
    [
      'UNAVAILABLE with RetryInfo',
      { kind: 'status', code: status.UNAVAILABLE, details: 'busy', retryDelayMillis: 7000 },
      { retryable: true, retryAfterMillis: 7000 },
    ],
    ['INVALID_ARGUMENT', { kind: 'status', code: status.INVALID_ARGUMENT, details: 'bad' }, { retryable: false }],
    ['UNAUTHENTICATED', { kind: 'status', code: status.UNAUTHENTICATED, details: 'no token' }, { retryable: false }],
    ['PERMISSION_DENIED', { kind: 'status', code: status.PERMISSION_DENIED, details: 'no' }, { retryable: false }],
  ])('reads %s as the OTLP spec says', async (name, reply, expected) => {
    collector = await startGrpcCollector();
    collector.reply(reply);
    const target = grpcTarget(collector.port);
    const result = await target.send(await encodedRequest(1), open);
    expect(result).toEqual({ ok: false, error: `gRPC ${name.split(' ')[0]}: ${(reply as { details: string }).details}`, ...expected });
    await target.close();
  });

  it('fails retryably at the deadline when the collector never answers', async () => {
    collector = await startGrpcCollector();
    collector.reply({ kind: 'hang' });
    const target = grpcTarget(collector.port, { timeoutMillis: 300 });
    const result = await target.send(await encodedRequest(1), open);
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect((result as { error: string }).error).toMatch(/deadline/i);
    await expect(target.send(await encodedRequest(1), open)).resolves.toEqual(delivered);
    await target.close();
  });

  it('fails retryably (UNAVAILABLE) when nothing listens', async () => {
    const gone = await startGrpcCollector();
    gone.close();
    const target = grpcTarget(gone.port, { timeoutMillis: 2000 });
    await expect(target.send(await encodedRequest(1), open)).resolves.toMatchObject({ ok: false, retryable: true, error: expect.stringMatching(/^gRPC UNAVAILABLE/) });
    await target.close();
  });
});

describe('OTLP/gRPC over TLS', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = createTestPki();
  });
  afterAll(() => pki.remove());

  it('verifies the collector with the CA and presents a client certificate (mTLS)', async () => {
    collector = await startGrpcCollector(ServerCredentials.createSsl(pki.ca, [{ cert_chain: pki.serverCert, private_key: pki.serverKey }], true));
    const tls = resolveTls({ ca: pki.caPath, cert: pki.clientCertPath, key: pki.clientKeyPath }, {}, 'test');
    const target = makeTarget({ url: `https://127.0.0.1:${collector.port}`, protocol: 'grpc', tls });
    await expect(target.send(await encodedRequest(2), open)).resolves.toEqual(delivered);
    expect(collector.calls.map((c) => [c.clientCommonName, c.bodies.length])).toEqual([['checkout-service', 2]]);
    await target.close();
  });

  it('fails without the client certificate the collector requires, and delivers nothing', async () => {
    collector = await startGrpcCollector(ServerCredentials.createSsl(pki.ca, [{ cert_chain: pki.serverCert, private_key: pki.serverKey }], true));
    const target = makeTarget({ url: `https://127.0.0.1:${collector.port}`, protocol: 'grpc', timeoutMillis: 3000, tls: resolveTls({ ca: pki.caPath }, {}, 'test') });
    await expect(target.send(await encodedRequest(1), open)).resolves.toMatchObject({ ok: false, retryable: true });
    expect(collector.calls).toHaveLength(0);
    await target.close();
  });
});

describe('OTLP/gRPC set-up', () => {
  it('takes protocol grpc from OTEL_EXPORTER_OTLP_PROTOCOL, with the spec default endpoint', () => {
    const resolved = resolveTargetOptions({}, 'otlpTarget', { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(resolved.protocol).toBe('grpc');
    expect(resolved.url.href).toBe('http://localhost:4317/');
    expect(transportTarget(resolved).constructor.name).toBe('GrpcTarget');
  });

  it('uses OTEL_EXPORTER_OTLP_(LOGS_)ENDPOINT as is for grpc (no /v1/logs)', () => {
    const env = { OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4317' };
    expect(resolveTargetOptions({}, 'otlpTarget', env).url.href).toBe('https://collector:4317/');
    expect(resolveTargetOptions({}, 'otlpTarget', { ...env, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://agent:4317' }).url.href).toBe('http://agent:4317/');
    expect(() => resolveTargetOptions({ protocol: 'grpc', endpoint: 'unix:///run/otel.sock' }, 'otlpTarget', {})).toThrow(
      /otlpTarget: endpoint must be an http\(s\) URL \(http:\/\/ for plaintext gRPC\)/,
    );
  });

  it('reads host:port without a scheme as TLS, or plaintext with OTEL_EXPORTER_OTLP_(LOGS_)INSECURE=true', () => {
    const grpc = { protocol: 'grpc', endpoint: 'collector:4317' } as const;
    expect(resolveTargetOptions(grpc, 'otlpTarget', {}).url.href).toBe('https://collector:4317/');
    expect(resolveTargetOptions(grpc, 'otlpTarget', { OTEL_EXPORTER_OTLP_INSECURE: 'true' }).url.href).toBe('http://collector:4317/');
    expect(resolveTargetOptions(grpc, 'otlpTarget', { OTEL_EXPORTER_OTLP_LOGS_INSECURE: 'TRUE', OTEL_EXPORTER_OTLP_INSECURE: 'false' }).url.href).toBe('http://collector:4317/');
    // A scheme always wins: the variable is only for endpoints without one.
    expect(resolveTargetOptions({ ...grpc, endpoint: 'https://collector:4317' }, 'otlpTarget', { OTEL_EXPORTER_OTLP_INSECURE: 'true' }).url.protocol).toBe('https:');
  });
});

describe('retryInfoDelayMillis', () => {
  it('reads the delay of a RetryInfo in grpc-status-details-bin', () => {
    expect(retryInfoDelayMillis(rpcStatusWithRetryInfo(8, 'slow down', 1500))).toBe(1500);
    expect(retryInfoDelayMillis(rpcStatusWithRetryInfo(8, 'slow down', 0))).toBe(0);
  });

  it('never throws on any bytes, and finds no delay where there is none', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const delay = retryInfoDelayMillis(bytes);
        expect(delay === undefined || (Number.isFinite(delay) && delay >= 0)).toBe(true);
      }),
    );
  });
});
