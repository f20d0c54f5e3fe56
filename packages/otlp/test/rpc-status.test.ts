import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { otlpSink } from '../src/index.ts';

beforeEach(() => setGlobalErrorHandler(() => {}));

/** google.rpc.Status { code: 3, message } in protobuf: field 1 varint, field 2 string. */
function protobufStatus(message: string): Buffer {
  const text = Buffer.from(message);
  return Buffer.concat([Buffer.from([0x08, 0x03, 0x12, text.length]), text]);
}

let server: Server;
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A collector that refuses every request with 400 and `body` of `contentType`. */
async function refusingCollector(contentType: string, body: Buffer | string): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(400, { 'content-type': contentType }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function lastErrorAfterOneRecord(endpoint: string, protocol: 'http/protobuf' | 'http/json'): Promise<string | undefined> {
  const sink = otlpSink({ endpoint, protocol });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  provider.getLogger('shop').emit({ body: 'hello' });
  await provider.shutdown();
  return sink.stats().lastError;
}

describe('a refusal from an OTLP/HTTP collector', () => {
  it('reports the message of its protobuf google.rpc.Status, not its raw bytes', async () => {
    const endpoint = await refusingCollector('application/x-protobuf', protobufStatus('log record has no body'));
    expect(await lastErrorAfterOneRecord(endpoint, 'http/protobuf')).toBe('HTTP 400: log record has no body');
  });

  it('reports the message of its JSON google.rpc.Status', async () => {
    const endpoint = await refusingCollector('application/json', JSON.stringify({ code: 3, message: 'bad timestamp' }));
    expect(await lastErrorAfterOneRecord(endpoint, 'http/json')).toBe('HTTP 400: bad timestamp');
  });

  it('reports a plain-text body as it is', async () => {
    const endpoint = await refusingCollector('text/plain', 'quota exceeded');
    expect(await lastErrorAfterOneRecord(endpoint, 'http/protobuf')).toBe('HTTP 400: quota exceeded');
  });
});
