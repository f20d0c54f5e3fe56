import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeLogsResponse, logsProto } from '@logweave/otlp-schema';
import protobuf from 'protobufjs/light.js';
import { startOtlpReceiver, type OtlpReceiver } from '../src/index.ts';

const jsonRequest = {
  resourceLogs: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing' } }] },
    scopeLogs: [{
      scope: { name: 'billing.jobs', version: '2.0.0' },
      logRecords: [{
        timeUnixNano: '1700000000000000001',
        severityNumber: 13,
        severityText: 'WARN',
        body: { kvlistValue: { values: [{ key: 'invoice', value: { intValue: '9007199254740993' } }] } },
        attributes: [{ key: 'retry', value: { boolValue: true } }, { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { doubleValue: 1.5 }] } } }],
        traceId: '5B8EFFF798038103D269B633813FC60C',
        spanId: 'eee19b7ec3c1b174',
        flags: 1,
        eventName: 'invoice.retry',
      }],
    }],
  }],
};

const ExportLogsServiceRequest = protobuf.Root.fromJSON(logsProto).lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest');

function protobufRequest(): Uint8Array {
  const message = ExportLogsServiceRequest.fromObject({
    resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'hello' }, severityNumber: 9 }] }] }],
  });
  return ExportLogsServiceRequest.encode(message).finish();
}

let receiver: OtlpReceiver;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(() => receiver.close());

function post(body: string | Uint8Array, headers: Record<string, string>, path = '/v1/logs') {
  return fetch(`${receiver.url}${path}`, { method: 'POST', body, headers });
}

describe('otlpReceiver decoding', () => {
  it('decodes OTLP/JSON with hex ids, string int64s and nested values', async () => {
    const res = await post(JSON.stringify(jsonRequest), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(receiver.records()).toEqual([{
      resource: { 'service.name': 'billing' },
      scope: { name: 'billing.jobs', version: '2.0.0', attributes: {} },
      timeUnixNano: '1700000000000000001',
      observedTimeUnixNano: '0',
      severityNumber: 13,
      severityText: 'WARN',
      body: { invoice: 9007199254740993n },
      attributes: { retry: true, tags: ['a', 1.5] },
      droppedAttributesCount: 0,
      flags: 1,
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      eventName: 'invoice.retry',
    }]);
  });

  it('decodes gzip protobuf', async () => {
    const res = await post(gzipSync(protobufRequest()), { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(receiver.records().map((r) => r.body)).toEqual(['hello']);
  });

  it('reports OTLP/JSON field names the schema does not know', async () => {
    const body = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ severity_number: 9, body: { stringValue: 'x' } }] }] }] };
    await post(JSON.stringify(body), { 'content-type': 'application/json' });
    expect(receiver.requests[0]!.unknownFields).toEqual(['resourceLogs[0].scopeLogs[0].logRecords[0].severity_number']);
  });

  it.each([
    ['a truncated protobuf body', () => protobufRequest().subarray(0, 7), 'application/x-protobuf'],
    ['JSON that does not parse', () => '{"resourceLogs": [', 'application/json'],
    ['a trace id that is not 32 hex digits', () => JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ traceId: 'abc' }] }] }] }), 'application/json'],
    ['a gzip header on a plain body', () => protobufRequest(), 'application/x-protobuf', 'gzip'],
  ])('answers 400 and records nothing for %s', async (_, body, contentType, encoding?: string) => {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (encoding !== undefined) headers['content-encoding'] = encoding;
    const res = await post(body(), headers);
    expect(res.status).toBe(400);
    expect(receiver.records()).toEqual([]);
    expect(receiver.requests[0]!.outcome).toBe('invalid');
  });

  it('answers 415 to other content types and 404 to other paths', async () => {
    expect((await post('x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(protobufRequest(), { 'content-type': 'application/x-protobuf' }, '/v1/traces')).status).toBe(404);
  });
});

describe('otlpReceiver faults', () => {
  const protobuf = { 'content-type': 'application/x-protobuf' };

  it('answers an injected status with Retry-After for the given number of requests', async () => {
    receiver.inject({ kind: 'status', status: 503, retryAfter: 2 }, 2);
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(protobufRequest(), protobuf);
      statuses.push([res.status, res.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([[503, '2'], [503, '2'], [200, null]]);
    expect(receiver.records()).toHaveLength(1);
  });

  it('reports partial success in an official ExportLogsServiceResponse', async () => {
    receiver.inject({ kind: 'partial-success', rejected: 3, message: 'quota' });
    const res = await post(protobufRequest(), protobuf);
    expect(decodeLogsResponse(new Uint8Array(await res.arrayBuffer()), 'protobuf')).toEqual({ rejected: 3, message: 'quota' });
    expect(receiver.requests[0]!.outcome).toBe('partial');
  });

  it('resets the connection mid-body', async () => {
    receiver.inject({ kind: 'reset' });
    await expect(post(protobufRequest(), protobuf)).rejects.toThrow();
    expect(receiver.records()).toEqual([]);
  });

  it('refuses connections while stopped and accepts again on the same port', async () => {
    const port = receiver.port;
    await receiver.stop();
    await expect(post(protobufRequest(), protobuf)).rejects.toThrow();
    await receiver.start();
    expect(receiver.port).toBe(port);
    expect((await post(protobufRequest(), protobuf)).status).toBe(200);
  });

  it('never answers a hung request', async () => {
    receiver.inject({ kind: 'hang' });
    const outcome = await Promise.race([
      post(protobufRequest(), protobuf).then(() => 'answered', () => 'failed'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300)),
    ]);
    expect(outcome).toBe('still waiting');
  });
});
