import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Sink } from '@logweave/core';
import { otlpSink } from '@logweave/otlp';
import { redact, type RedactStage } from '@logweave/redact';
import { memorySink, startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

beforeEach(() => setGlobalErrorHandler(() => {}));

const RECORDS = [
  { body: 'card declined for jane@example.com, card 4111 1111 1111 1111', attributes: { 'http.route': '/pay', 'user.email': 'ann@example.com' } },
  { body: { msg: 'login', user: { name: 'bob', note: 'token=ghp_0123456789abcdefghijABCDEFGHIJ012345' } }, attributes: { password: 'hunter2', 'retry.count': 3 } },
  { body: 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl" https://api.example.com/v1', attributes: {} },
];

let receiver: OtlpReceiver;
afterEach(() => receiver?.close());

async function run(stage: RedactStage, sinks: Sink[], emit: (logger: ReturnType<LoggerProvider['getLogger']>) => void) {
  const provider = new LoggerProvider({ processors: [pipeline({ stages: [stage], sink: sinks })] });
  emit(provider.getLogger('shop'));
  await provider.shutdown();
}

describe('redact() with logweave sinks: strings redacted where they are written', () => {
  it('writes the same records as redaction at emit time', async () => {
    receiver = await startOtlpReceiver();
    const atSink = redact();
    await run(atSink, [otlpSink({ endpoint: receiver.url })], (logger) => RECORDS.forEach((r) => logger.emit(r)));
    // A memory sink applies no filter: the same stage then redacts everything at emit time.
    const memory = memorySink();
    const atEmit = redact();
    await run(atEmit, [memory], (logger) => RECORDS.forEach((r) => logger.emit(r)));
    const written = receiver.records().map((r) => ({ body: r.body, attributes: r.attributes }));
    expect(written).toEqual(memory.records.map((r) => ({ body: r.body, attributes: r.attributes })));
    expect(JSON.stringify(written)).not.toMatch(/jane@|ann@|4111 1111|hunter2|ghp_0123|eyJzdWIi/);
    // Every detector counted as often wherever it ran.
    expect(atSink.stats().redactions).toEqual(atEmit.stats().redactions);
  });

  it('writes a body as it was at emit(): a change the application makes later never reaches the sink', async () => {
    receiver = await startOtlpReceiver();
    await run(redact(), [otlpSink({ endpoint: receiver.url })], (logger) => {
      const body = { user: 'bob', note: 'fine' };
      logger.emit({ body });
      body.note = 'my email is jane@example.com';
    });
    expect(receiver.records()[0]!.body).toEqual({ user: 'bob', note: 'fine' });
  });

  it('masks a value under a denied key at emit time, whatever the sink does later', async () => {
    receiver = await startOtlpReceiver();
    await run(redact(), [otlpSink({ endpoint: receiver.url })], (logger) => {
      const body: Record<string, unknown> = { password: 'hunter2' };
      logger.emit({ body });
      body['password'] = 'changed later';
    });
    expect(receiver.records()[0]!.body).toEqual({ password: '[REDACTED]' });
  });
});
